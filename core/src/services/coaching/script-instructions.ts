import { narrationScriptSchema, type NarrationScript } from './narration-script';
import type { SendBackOperation } from './send-back-operations';

/**
 * What the drafter did with a chef-coach's "send back" instructions (read into operations by
 * send-back-operations.ts, applied by redraft-script.ts), kept on the script row for the console.
 */

export type InstructionKind = SendBackOperation['kind'];

export interface AppliedInstruction {
  kind: InstructionKind;
  /** The sentence of the instructions it came from. */
  source: string;
  detail: string;
}

export interface InstructionReport {
  drafter: 'offline' | 'model';
  applied: AppliedInstruction[];
  /** Sentences the drafter could not act on: for hand editing. */
  notApplied: string[];
}

/** Sentences of the instructions, as the coach wrote them (quotes kept whole). */
export function splitInstructions(text: string): string[] {
  const out: string[] = [];
  let current = '';
  let quoted = false;
  for (const ch of text) {
    if ('「『“'.includes(ch)) quoted = true;
    if ('」』”'.includes(ch)) quoted = false;
    if (!quoted && /[。！？!?\n]/.test(ch)) {
      if (current.trim()) out.push(current.trim());
      current = '';
      continue;
    }
    current += ch;
  }
  if (current.trim()) out.push(current.trim());
  // "." ends an English sentence when followed by a space (not "1.5" or "e.g.x").
  return out.flatMap((s) => s.split(/(?<=[a-z)"”])\.\s+/i)).map((s) => s.replace(/\.$/, '').trim()).filter(Boolean);
}

/**
 * Rephrases quoted phrases wherever they occur in the script (both languages). A phrase that is
 * nowhere in the script is reported back rather than guessed at.
 */
export function applyReplacements(
  script: NarrationScript,
  replacements: Array<{ from: string; to: string; source: string }>,
): { script: NarrationScript; applied: AppliedInstruction[]; notApplied: string[] } {
  const applied: AppliedInstruction[] = [];
  const notApplied: string[] = [];
  let json = JSON.stringify(script);
  for (const r of replacements) {
    const needle = JSON.stringify(r.from).slice(1, -1);
    if (!json.includes(needle)) {
      notApplied.push(r.source);
      continue;
    }
    json = json.split(needle).join(JSON.stringify(r.to).slice(1, -1));
    applied.push({ kind: 'replace', source: r.source, detail: `${r.from} → ${r.to}` });
  }
  const parsed = narrationScriptSchema.safeParse(JSON.parse(json));
  // A rephrase that breaks the script (e.g. empties a line) is not applied.
  if (!parsed.success) return { script, applied: [], notApplied: [...notApplied, ...applied.map((a) => a.source)] };
  return { script: parsed.data, applied, notApplied };
}
