/**
 * A Dockerfile as data, for the container check: stages and their instructions, continuation
 * lines joined. A `# container-check: system` comment marks the next instruction as one that
 * changes the operating system (apt, /data ownership): the check does not replay it.
 */
export interface Instruction {
  op: string;
  args: string;
  /** Marked `# container-check: system`. */
  system: boolean;
  line: number;
}
export interface Stage {
  name: string;
  from: string;
  instructions: Instruction[];
}

export function parseDockerfile(text: string): Stage[] {
  const stages: Stage[] = [];
  const lines = text.split('\n');
  let markSystem = false;
  for (let i = 0; i < lines.length; i++) {
    const start = i;
    let line = lines[i]?.trim() ?? '';
    if (line === '') continue;
    if (line.startsWith('#')) {
      if (/^#\s*container-check:\s*system\s*$/.test(line)) markSystem = true;
      continue;
    }
    while (line.endsWith('\\') && i + 1 < lines.length) {
      i++;
      const next = lines[i]?.trim() ?? '';
      if (next.startsWith('#')) continue;
      line = `${line.slice(0, -1).trimEnd()} ${next}`;
    }
    const match = /^([A-Za-z]+)\s+(.*)$/.exec(line);
    if (!match) throw new Error(`Dockerfile line ${start + 1}: cannot read "${line}"`);
    const op = (match[1] as string).toUpperCase();
    const args = (match[2] as string).trim();
    if (op === 'FROM') {
      const from = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args);
      if (!from) throw new Error(`Dockerfile line ${start + 1}: cannot read FROM "${args}"`);
      stages.push({ from: from[1] as string, name: from[2] ?? String(stages.length), instructions: [] });
    } else {
      const stage = stages.at(-1);
      if (!stage) throw new Error(`Dockerfile line ${start + 1}: ${op} before FROM`);
      stage.instructions.push({ op, args, system: markSystem, line: start + 1 });
    }
    markSystem = false;
  }
  return stages;
}

/** `["a", "b"]` (exec form) or `a b` (shell form, run by sh -c). */
export function commandOf(args: string): string[] {
  if (args.startsWith('[')) return JSON.parse(args) as string[];
  return ['sh', '-c', args];
}

/** `K=V K2="V 2"` (ENV), values unquoted. */
export function parseEnvArgs(args: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const m of args.matchAll(/(\w+)=("([^"]*)"|\S*)/g)) env[m[1] as string] = m[3] ?? (m[2] as string);
  return env;
}

/** HEALTHCHECK [options] CMD ...: the command in exec form. */
export function healthcheckCommand(args: string): string[] {
  const at = args.indexOf('CMD');
  if (at < 0) throw new Error(`HEALTHCHECK without CMD: ${args}`);
  return commandOf(args.slice(at + 3).trim());
}
