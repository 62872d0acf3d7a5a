import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';

export interface CjkFonts {
  regular: string;
  bold: string;
}

export const CJK_FONT_FAMILY = 'Noto Sans CJK JP';

let resolved: Promise<CjkFonts> | undefined;

/**
 * The Noto Sans CJK JP font files, found through fontconfig (`fc-match`) like any desktop app.
 * AJIMI_CJK_FONT (a font file path) overrides both weights. Rejects with a clear message when the
 * font is not installed: fc-match always answers with *some* font, so the family is checked.
 */
export function resolveCjkFonts(): Promise<CjkFonts> {
  resolved ??= (async () => {
    const override = process.env.AJIMI_CJK_FONT;
    if (override) {
      if (!existsSync(override)) throw new Error(`AJIMI_CJK_FONT points at ${override}, which does not exist.`);
      return { regular: override, bold: override };
    }
    const regular = await fcMatch(CJK_FONT_FAMILY);
    const bold = await fcMatch(`${CJK_FONT_FAMILY}:bold`).catch(() => regular);
    return { regular, bold };
  })();
  resolved.catch(() => {
    resolved = undefined;
  });
  return resolved;
}

const missing = (detail: string) =>
  new Error(
    `The Japanese font "${CJK_FONT_FAMILY}" is needed to render coaching videos (${detail}). ` +
      'Install it (Debian/Ubuntu: apt-get install fonts-noto-cjk) or set AJIMI_CJK_FONT to a font file.',
  );

function fcMatch(pattern: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('fc-match', ['-f', '%{family}\n%{file}', pattern], { timeout: 10_000 }, (err, stdout) => {
      if (err) {
        reject(missing((err as NodeJS.ErrnoException).code === 'ENOENT' ? 'fc-match (fontconfig) is not installed' : `fc-match failed: ${err.message}`));
        return;
      }
      const [family = '', file = ''] = stdout.split('\n');
      if (!family.split(',').some((f) => f.trim() === CJK_FONT_FAMILY) || !file || !existsSync(file)) {
        reject(missing(`fontconfig offered "${family || 'nothing'}" instead`));
        return;
      }
      resolve(file);
    });
  });
}
