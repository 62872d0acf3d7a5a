/**
 * Splits text into pieces of at most `maxBytes` UTF-8 bytes for a TTS request limit, at sentence
 * ends (。！？!?. and newlines) where possible, else at commas (、，,) or spaces, else between
 * characters. Joining the pieces gives back the text (without the whitespace cut at the breaks).
 */
export function splitForTts(text: string, maxBytes: number): string[] {
  if (Buffer.byteLength(text) <= maxBytes) return [text];
  const sentences = text.match(/[^。！？!?.\n]+[。！？!?.\n]*|[。！？!?.\n]+/g) ?? [text];
  const pieces: string[] = [];
  let current = '';
  const flush = () => {
    if (current.trim()) pieces.push(current.trim());
    current = '';
  };
  for (const sentence of sentences) {
    if (Buffer.byteLength(current + sentence) <= maxBytes) {
      current += sentence;
      continue;
    }
    flush();
    if (Buffer.byteLength(sentence) <= maxBytes) {
      current = sentence;
      continue;
    }
    for (const part of splitLong(sentence, maxBytes)) pieces.push(part);
  }
  flush();
  return pieces;
}

function splitLong(sentence: string, maxBytes: number): string[] {
  const out: string[] = [];
  let current = '';
  for (const clause of sentence.match(/[^、，,\s]+[、，,\s]*|[、，,\s]+/g) ?? [sentence]) {
    if (Buffer.byteLength(current + clause) <= maxBytes) {
      current += clause;
      continue;
    }
    if (current.trim()) out.push(current.trim());
    current = '';
    if (Buffer.byteLength(clause) <= maxBytes) {
      current = clause;
      continue;
    }
    for (const ch of clause) {
      if (Buffer.byteLength(current + ch) > maxBytes) {
        out.push(current);
        current = '';
      }
      current += ch;
    }
  }
  if (current.trim()) out.push(current.trim());
  return out;
}
