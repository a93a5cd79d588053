// What kind of file a source is, by its content (magic bytes), not its name: the one place that
// decides which reader gets it, or why none does.

export type SourceKind =
  | { kind: 'text' }
  | { kind: 'xml' }
  | { kind: 'unsupported'; what: string; reason: string };

const MAGIC: { bytes: number[]; what: string; reason: string }[] = [
  { bytes: [0x25, 0x50, 0x44, 0x46], what: 'PDF', reason: 'PDF files are not read yet; upload the text' },
  {
    bytes: [0x50, 0x4b, 0x03, 0x04],
    what: 'ZIP archive (or a Word/OpenDocument file)',
    reason: 'archives and Word files are not read yet; upload each publication as a text file',
  },
  { bytes: [0x1f, 0x8b], what: 'gzip archive', reason: 'unpack it and upload the files in it' },
  { bytes: [0x42, 0x5a, 0x68], what: 'bzip2 archive', reason: 'unpack it and upload the files in it' },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf], what: '7-Zip archive', reason: 'unpack it and upload the files in it' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], what: 'old Word or Office file', reason: 'save it as text first' },
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: 'PNG image', reason: 'images hold no text to read' },
  { bytes: [0xff, 0xd8, 0xff], what: 'JPEG image', reason: 'images hold no text to read' },
  { bytes: [0x7f, 0x45, 0x4c, 0x46], what: 'executable', reason: 'not a publication' },
];

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);
}

/** Which reader a source's bytes are for. */
export function detectSource(bytes: Uint8Array): SourceKind {
  for (const m of MAGIC) {
    if (startsWith(bytes, m.bytes)) return { kind: 'unsupported', what: m.what, reason: m.reason };
  }
  // Text has no NUL bytes; UTF-16 and binary formats do within their first kilobytes.
  if (bytes.subarray(0, 8192).includes(0)) {
    return { kind: 'unsupported', what: 'binary data', reason: 'not a text file' };
  }
  const head = Buffer.from(bytes.subarray(0, 4096))
    .toString('latin1')
    .replace(/^\xEF\xBB\xBF/, '')
    .trimStart();
  if (/^<!doctype html|^<html[\s>]/i.test(head)) {
    return {
      kind: 'unsupported',
      what: 'HTML page',
      reason: 'web pages are not read yet; upload the text or the official XML',
    };
  }
  // XML goes to the reader of the official format (src/read/xml), which refuses any other root with a reason.
  if (/^<\?xml[\s?]/.test(head) || /^<officiele-publicatie[\s>]/.test(head)) return { kind: 'xml' };
  return { kind: 'text' };
}
