import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import type { RenderedPrompt } from './ai-provider';

/**
 * Versioned prompt templates: prompts/<id>/v<N>.md.
 *
 * File format:
 *
 *   ---
 *   id: analyze
 *   version: v1
 *   description: ...
 *   inputs:                 # every placeholder the USER part uses, with its trust level
 *     dish: trusted         # text we computed or staff wrote: inserted as is
 *     cook_note: untrusted  # text a cook (or a model reading the cook's input) produced
 *   ---
 *   # SYSTEM
 *   ...static instructions (no placeholders allowed)...
 *   # USER
 *   ...template with {{dish}} and {{cook_note}}...
 *
 * Security rules, enforced when a template is loaded and when it is rendered:
 * - SYSTEM is static: it may not contain any placeholder, so nothing a cook types can change it.
 * - An `untrusted` input is rendered as a delimited block, `<cook_note>\n…\n</cook_note>`, with
 *   angle brackets in the text replaced by full-width look-alikes (so a note cannot close the
 *   block or open another one) and invisible/bidi control characters removed.
 * - SYSTEM must name every untrusted block (`<cook_note>`), so the model is told which blocks are
 *   data, not instructions.
 * - Rendering is single-pass: a value that contains `{{x}}` is never expanded again.
 */

export type PromptInputTrust = 'trusted' | 'untrusted';

export interface PromptTemplate {
  id: string;
  version: string;
  description: string;
  inputs: Record<string, PromptInputTrust>;
  system: string;
  user: string;
  file: string;
}

export type PromptVars = Record<string, string | number | null | undefined>;

export class PromptError extends Error {
  override name = 'PromptError';
}

/** Longest untrusted value (characters) that is passed on; the rest is cut with a marker. */
export const MAX_UNTRUSTED_CHARS = 6000;
const EMPTY_UNTRUSTED = '（なし / none）';
const PLACEHOLDER = /\{\{\s*([a-z][a-z0-9_]*)\s*\}\}/g;
const ANY_PLACEHOLDER = /\{\{[^}]*\}\}/;
const VERSION_FILE = /^v(\d+)\.md$/;
const ID = /^[a-z][a-z0-9-]*$/;

/** The repository's prompts/ directory. */
export const DEFAULT_PROMPTS_DIR = fileURLToPath(new URL('../../../../prompts/', import.meta.url));

/** "analyze/v1": how a prompt version is recorded next to an AI output (Provenance.promptVersion). */
export function promptRef(prompt: Pick<RenderedPrompt, 'id' | 'version'>): string {
  return `${prompt.id}/${prompt.version}`;
}

/**
 * Makes user-supplied text safe to place inside a delimited block: the text can no longer close
 * the block (or fake any other tag), and hidden direction/zero-width characters are removed.
 */
export function neutraliseUntrusted(text: string, maxChars = MAX_UNTRUSTED_CHARS): string {
  let out = text
    .replace(/\r\n?/g, '\n')
    // C0/C1 controls except tab and newline; zero-width and bidi override/isolate characters.
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g, '')
    .replace(/</g, '＜')
    .replace(/>/g, '＞')
    .trim();
  if (out.length > maxChars) out = `${out.slice(0, maxChars)}…（以下省略 / truncated）`;
  return out;
}

function untrustedBlock(name: string, value: string | number | null | undefined): string {
  const text = value === null || value === undefined ? '' : neutraliseUntrusted(String(value));
  return `<${name}>\n${text === '' ? EMPTY_UNTRUSTED : text}\n</${name}>`;
}

export function parsePromptTemplate(source: string, file: string): PromptTemplate {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n([\s\S]*)$/.exec(source);
  if (!m) throw new PromptError(`${file}: missing front matter`);
  const meta = (parseYaml(m[1] as string) ?? {}) as Record<string, unknown>;
  const body = (m[2] as string).replace(/\r\n/g, '\n');
  const id = meta.id;
  const version = meta.version;
  if (typeof id !== 'string' || !ID.test(id)) throw new PromptError(`${file}: front matter needs an id`);
  if (typeof version !== 'string' || !/^v\d+$/.test(version)) throw new PromptError(`${file}: front matter needs version: vN`);
  const rawInputs = (meta.inputs ?? {}) as Record<string, unknown>;
  const inputs: Record<string, PromptInputTrust> = {};
  for (const [name, trust] of Object.entries(rawInputs)) {
    if (!/^[a-z][a-z0-9_]*$/.test(name)) throw new PromptError(`${file}: bad input name "${name}"`);
    if (trust !== 'trusted' && trust !== 'untrusted') {
      throw new PromptError(`${file}: input "${name}" must be trusted or untrusted`);
    }
    inputs[name] = trust;
  }

  const sys = /^# SYSTEM[ \t]*$/m.exec(body);
  const usr = /^# USER[ \t]*$/m.exec(body);
  if (!sys || !usr || usr.index < sys.index) throw new PromptError(`${file}: needs "# SYSTEM" then "# USER" sections`);
  const system = body.slice(sys.index + sys[0].length, usr.index).trim();
  const user = body.slice(usr.index + usr[0].length).trim();

  if (ANY_PLACEHOLDER.test(system)) {
    throw new PromptError(`${file}: the SYSTEM part must be static (no placeholders), so user text can never reach it`);
  }
  const used = new Set([...user.matchAll(PLACEHOLDER)].map((x) => x[1] as string));
  for (const name of used) {
    if (!(name in inputs)) throw new PromptError(`${file}: {{${name}}} is not declared in inputs`);
  }
  for (const [name, trust] of Object.entries(inputs)) {
    if (!used.has(name)) throw new PromptError(`${file}: input "${name}" is declared but not used in USER`);
    if (trust === 'untrusted' && !system.includes(`<${name}>`)) {
      throw new PromptError(`${file}: SYSTEM must name the data block <${name}> so the model treats it as data`);
    }
  }
  return { id, version, description: typeof meta.description === 'string' ? meta.description : '', inputs, system, user, file };
}

export interface PromptLibrary {
  readonly dir: string;
  /** Versions of a prompt, oldest first ("v1", "v2", ...). */
  versions(id: string): string[];
  latestVersion(id: string): string;
  template(id: string, version?: string): PromptTemplate;
  render(id: string, vars: PromptVars, version?: string): RenderedPrompt;
}

export function createPromptLibrary(dir: string = DEFAULT_PROMPTS_DIR): PromptLibrary {
  const cache = new Map<string, PromptTemplate>();

  const versions = (id: string): string[] => {
    if (!ID.test(id)) throw new PromptError(`Unknown prompt "${id}"`);
    let names: string[];
    try {
      names = fs.readdirSync(path.join(dir, id));
    } catch {
      throw new PromptError(`Unknown prompt "${id}" (no ${path.join(dir, id)})`);
    }
    const found = names
      .map((n) => VERSION_FILE.exec(n)?.[1])
      .filter((n): n is string => n !== undefined)
      .map(Number)
      .sort((a, b) => a - b)
      .map((n) => `v${n}`);
    if (!found.length) throw new PromptError(`Prompt "${id}" has no versions`);
    return found;
  };

  const latestVersion = (id: string): string => versions(id).at(-1) as string;

  const template = (id: string, version?: string): PromptTemplate => {
    const v = version ?? latestVersion(id);
    if (!/^v\d+$/.test(v)) throw new PromptError(`Bad prompt version "${v}"`);
    const key = `${id}/${v}`;
    const cached = cache.get(key);
    if (cached) return cached;
    const file = path.join(dir, id, `${v}.md`);
    let source: string;
    try {
      source = fs.readFileSync(file, 'utf8');
    } catch {
      throw new PromptError(`Unknown prompt version ${key}`);
    }
    const parsed = parsePromptTemplate(source, file);
    if (parsed.id !== id || parsed.version !== v) {
      throw new PromptError(`${file}: front matter says ${parsed.id}/${parsed.version}`);
    }
    cache.set(key, parsed);
    return parsed;
  };

  const render = (id: string, vars: PromptVars, version?: string): RenderedPrompt => {
    const t = template(id, version);
    for (const name of Object.keys(vars)) {
      if (!(name in t.inputs)) throw new PromptError(`${id}/${t.version}: unexpected variable "${name}"`);
    }
    const user = t.user.replace(PLACEHOLDER, (_all, name: string) => {
      const value = vars[name];
      if (t.inputs[name] === 'untrusted') return untrustedBlock(name, value);
      if (value === undefined || value === null) throw new PromptError(`${id}/${t.version}: missing variable "${name}"`);
      return String(value);
    });
    return { id: t.id, version: t.version, system: t.system, user };
  };

  return { dir, versions, latestVersion, template, render };
}

let defaultLibrary: PromptLibrary | undefined;

/** Renders prompts/<id>/<version>.md (the latest version by default). */
export function renderPrompt(id: string, vars: PromptVars, version?: string): RenderedPrompt {
  defaultLibrary ??= createPromptLibrary();
  return defaultLibrary.render(id, vars, version);
}

export function latestPromptVersion(id: string): string {
  defaultLibrary ??= createPromptLibrary();
  return defaultLibrary.latestVersion(id);
}
