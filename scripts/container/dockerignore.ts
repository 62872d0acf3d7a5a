/**
 * .dockerignore as Docker reads it: one pattern per line, `#` comments, `**` any number of
 * directories, `*` and `?` inside one name, `!` re-includes; the last matching pattern wins, and a
 * pattern that matches a directory excludes everything under it.
 */
export interface IgnoreRule {
  negate: boolean;
  regex: RegExp;
}

export function parseDockerignore(text: string): IgnoreRule[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const negate = l.startsWith('!');
      const pattern = (negate ? l.slice(1) : l).replace(/^\/+/, '').replace(/\/+$/, '');
      return { negate, regex: globToRegex(pattern) };
    });
}

function globToRegex(pattern: string): RegExp {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '*' && pattern[i + 1] === '*') {
      // `**/` = zero or more directories; a trailing `**` = anything.
      if (pattern[i + 2] === '/') {
        out += '(?:.*/)?';
        i += 2;
      } else {
        out += '.*';
        i += 1;
      }
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else out += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  // Matching a directory excludes what is inside it.
  return new RegExp(`^${out}(?:/.*)?$`);
}

/** Is this path (relative to the context, `/`-separated) left out of the build context? */
export function isIgnored(rules: IgnoreRule[], relPath: string): boolean {
  let ignored = false;
  for (const rule of rules) if (rule.regex.test(relPath)) ignored = !rule.negate;
  return ignored;
}
