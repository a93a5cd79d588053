// Reading a source file's bytes into text: the one place that decides the encoding.
import { ReadError } from './errors.js';

/** Decodes bytes as UTF-8, or as Windows-1252 when they are not valid UTF-8 (older exports). */
export function decodeText(bytes: Uint8Array): string {
  if (bytes.includes(0)) throw new ReadError('binary', 'binary data (NUL bytes), not text');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}
