// What kind of file a source is, by its content (magic bytes), not its name: the one place that
// decides which reader gets it, or why none does.
import type { Publication } from '../model/publication.js';

/** The readers, by name: the same names as a Publication's source.reader. */
export type ReaderName = Publication['source']['reader'];

export type SourceKind = { kind: ReaderName } | { kind: 'unsupported'; what: string; reason: string };

/** What each reader is called in messages ("read as …"). */
export const READER_LABELS: Record<ReaderName, string> = {
  text: 'text',
  xml: 'official XML (KOOP)',
  html: 'HTML page',
  pdf: 'PDF',
  docx: 'Word document (DOCX)',
};

const MAGIC: { bytes: number[]; what: string; reason: string }[] = [
  { bytes: [0x1f, 0x8b], what: 'gzip archive', reason: 'unpack it and upload the files in it' },
  { bytes: [0x42, 0x5a, 0x68], what: 'bzip2 archive', reason: 'unpack it and upload the files in it' },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf], what: '7-Zip archive', reason: 'unpack it and upload the files in it' },
  {
    bytes: [0xd0, 0xcf, 0x11, 0xe0],
    what: 'old Word file, or a password-protected Word file',
    reason: 'save it as a .docx without a password first',
  },
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: 'PNG image', reason: 'images hold no text to read' },
  { bytes: [0xff, 0xd8, 0xff], what: 'JPEG image', reason: 'images hold no text to read' },
  { bytes: [0x7f, 0x45, 0x4c, 0x46], what: 'executable', reason: 'not a publication' },
];

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);
}

const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const ZIP = [0x50, 0x4b, 0x03, 0x04];

/** Whether a ZIP archive's first entries name a Word document (OOXML puts [Content_Types].xml or word/ first). */
function isWordZip(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.subarray(0, 64 * 1024)).toString('latin1');
  return head.includes('word/') || head.includes('[Content_Types].xml');
}

/** Which reader a source's bytes are for. */
export function detectSource(bytes: Uint8Array): SourceKind {
  if (startsWith(bytes, PDF)) return { kind: 'pdf' };
  if (startsWith(bytes, ZIP)) {
    if (isWordZip(bytes)) return { kind: 'docx' };
    const odf = Buffer.from(bytes.subarray(0, 256)).toString('latin1').includes('application/vnd.oasis');
    return odf
      ? { kind: 'unsupported', what: 'OpenDocument file', reason: 'save it as .docx or PDF first' }
      : {
          kind: 'unsupported',
          what: 'ZIP archive',
          reason: 'unpack it and upload the publications in it one by one',
        };
  }
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
  // XHTML may open with an XML declaration: the doctype or root after it decides.
  const afterDeclaration = head.replace(/^<\?xml[^>]*\?>\s*/, '');
  if (/^<!doctype html|^<html[\s>]|^<head[\s>]|^<body[\s>]/i.test(afterDeclaration)) return { kind: 'html' };
  // XML goes to the reader of the official format (src/read/xml), which refuses any other root with a reason.
  if (/^<\?xml[\s?]/.test(head) || /^<officiele-publicatie[\s>]/.test(head)) return { kind: 'xml' };
  return { kind: 'text' };
}
