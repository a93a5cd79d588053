// Reading a source file's bytes into text: the one place that decides the encoding.
import iconv from 'iconv-lite';
import { ReadError } from './errors.js';

/** Decodes bytes as UTF-8, or as Windows-1252 when they are not valid UTF-8 (older exports). */
export function decodeText(bytes: Uint8Array): string {
  if (bytes.includes(0)) throw new ReadError('binary', 'binary data (NUL bytes), not text');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Node's own 'windows-1252' decoder is Latin-1 (0x80 stays U+0080, not €).
    return iconv.decode(Buffer.from(bytes), 'windows-1252');
  }
}
