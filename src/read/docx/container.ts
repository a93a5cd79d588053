// Opens a Word document's ZIP, checking it first: a ZIP whose central directory is whole and holds
// word/document.xml, with parts that unpack to a sane size, so that a damaged file gets a message a user can
// act on and a zip bomb is never unpacked beyond the limits.
import * as zlib from 'node:zlib';
import { ReadError } from '../errors.js';

/** The largest an XML part (document.xml, footnotes.xml, styles.xml …) may unpack to. */
export const PART_SIZE_LIMIT = 50 * 1024 * 1024;
/** All XML parts together. */
const TOTAL_SIZE_LIMIT = 100 * 1024 * 1024;
const MAX_ENTRIES = 10_000;
/** Decodes the entries' names (UTF-8, as Word writes them). */
const NAMES = new TextDecoder();

export interface ZipEntry {
  name: string;
  flags: number;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
  crc: number;
}

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_END = 0x06054b50;
const SIG_END64 = 0x06064b50;
const SIG_END64_LOCATOR = 0x07064b50;
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

const startsWith = (bytes: Uint8Array, magic: readonly number[]): boolean =>
  bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);

/** Whether a header's name looks like a file name: a first local header with one is a real ZIP, cut off. */
function plausibleName(bytes: Uint8Array, view: DataView): boolean {
  if (bytes.length < 30) return false;
  const length = view.getUint16(26, true);
  if (length === 0 || length > 1024 || 30 + length > bytes.length) return false;
  return bytes.subarray(30, 30 + length).every((b) => b >= 0x20 && b !== 0x7f);
}

function damaged(bytes: Uint8Array, view: DataView, what: string): ReadError {
  return plausibleName(bytes, view)
    ? new ReadError('truncated', `the Word document is cut off or damaged: ${what}`)
    : new ReadError('unreadable', `the file starts like a ZIP (Word) file but is not one: ${what}`);
}

function findEnd(bytes: Uint8Array, view: DataView): number {
  // The end record is 22 bytes, then a comment of at most 65 535.
  const lowest = Math.max(0, bytes.length - 22 - 0xffff);
  for (let i = bytes.length - 22; i >= lowest; i--) {
    if (view.getUint32(i, true) === SIG_END && i + 22 + view.getUint16(i + 20, true) <= bytes.length)
      return i;
  }
  return -1;
}

/** The ZIP64 extra field's sizes and offset, for the fields whose 32-bit value is 0xFFFFFFFF. */
function zip64Extra(view: DataView, start: number, length: number, entry: ZipEntry): void {
  for (let at = start; at + 4 <= start + length; ) {
    const id = view.getUint16(at, true);
    const size = view.getUint16(at + 2, true);
    if (id === 0x0001) {
      let field = at + 4;
      const next = (): number => {
        const value = Number(view.getBigUint64(field, true));
        field += 8;
        return value;
      };
      if (entry.uncompressedSize === 0xffffffff) entry.uncompressedSize = next();
      if (entry.compressedSize === 0xffffffff) entry.compressedSize = next();
      if (entry.localOffset === 0xffffffff) entry.localOffset = next();
      return;
    }
    at += 4 + size;
  }
}

/** The entries of a ZIP's central directory. Throws ReadError for a ZIP that is cut off or damaged. */
export function zipEntries(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = bytes.length >= 22 ? findEnd(bytes, view) : -1;
  if (end < 0) throw damaged(bytes, view, 'the ZIP directory at its end is missing');
  let count = view.getUint16(end + 10, true);
  let dirSize = view.getUint32(end + 12, true);
  let dirOffset = view.getUint32(end + 16, true);
  if (dirOffset === 0xffffffff || count === 0xffff) {
    const locator = end - 20;
    if (locator < 0 || view.getUint32(locator, true) !== SIG_END64_LOCATOR)
      throw damaged(bytes, view, 'the ZIP64 directory is missing');
    const at = Number(view.getBigUint64(locator + 8, true));
    if (at + 56 > bytes.length || view.getUint32(at, true) !== SIG_END64)
      throw damaged(bytes, view, 'the ZIP64 directory is missing');
    count = Number(view.getBigUint64(at + 32, true));
    dirSize = Number(view.getBigUint64(at + 40, true));
    dirOffset = Number(view.getBigUint64(at + 48, true));
  }
  if (count > MAX_ENTRIES) throw new ReadError('too-large', `the ZIP file holds too many files (${count})`);
  if (dirOffset + dirSize > end)
    throw damaged(bytes, view, 'the ZIP directory points past the end of the file');

  const entries: ZipEntry[] = [];
  let at = dirOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || view.getUint32(at, true) !== SIG_CENTRAL)
      throw damaged(bytes, view, 'the ZIP directory is broken');
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    if (at + 46 + nameLength + extraLength > end) throw damaged(bytes, view, 'the ZIP directory is broken');
    const entry: ZipEntry = {
      name: NAMES.decode(bytes.subarray(at + 46, at + 46 + nameLength)),
      flags: view.getUint16(at + 8, true),
      method: view.getUint16(at + 10, true),
      compressedSize: view.getUint32(at + 20, true),
      uncompressedSize: view.getUint32(at + 24, true),
      localOffset: view.getUint32(at + 42, true),
      crc: view.getUint32(at + 16, true),
    };
    zip64Extra(view, at + 46 + nameLength, extraLength, entry);
    entries.push(entry);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** An entry's compressed bytes, located through its local header. */
function entryData(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.localOffset;
  if (at + 30 > bytes.length || view.getUint32(at, true) !== SIG_LOCAL)
    throw damaged(bytes, view, `${entry.name} is missing from the ZIP file`);
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  if (start + entry.compressedSize > bytes.length)
    throw damaged(bytes, view, `${entry.name} runs past the end of the file`);
  return bytes.subarray(start, start + entry.compressedSize);
}

function tooLarge(name: string): ReadError {
  return new ReadError(
    'too-large',
    `the Word document is too large: ${name} unpacks to more than ${PART_SIZE_LIMIT / 1024 / 1024} MB`,
  );
}

/** zlib's CRC-32 (Node 20.15 and later; on older versions the checksum goes unchecked). */
const crc32: ((data: Uint8Array) => number) | undefined = (zlib as Partial<typeof zlib>).crc32;

/** Inflates an entry, to at most `limit` bytes. */
function inflate(data: Uint8Array, entry: ZipEntry, limit: number): Uint8Array {
  if (entry.method === 0) return data;
  if (entry.method !== 8)
    throw new ReadError(
      'unreadable',
      `${entry.name} is compressed in a way Word does not use (method ${entry.method})`,
    );
  try {
    return zlib.inflateRawSync(data, { maxOutputLength: limit });
  } catch (error) {
    if (error instanceof RangeError) throw tooLarge(entry.name);
    throw new ReadError('unreadable', `the Word document is damaged: ${entry.name} cannot be unpacked`);
  }
}

/** Unpacks an entry, to at most `limit` bytes; throws ReadError when it is larger or damaged. */
function unpack(bytes: Uint8Array, entry: ZipEntry, limit: number): Uint8Array {
  return inflate(entryData(bytes, entry), entry, limit);
}

/**
 * A Word document's unpacked XML parts (and .rels), by name. A part is checked when it is read: one that
 * unpacks to another size or checksum than the ZIP directory states is damaged (mammoth's JSZip checked the
 * size of the parts it read); a damaged part that is never read (a theme, a footer) does not matter.
 */
export class DocxParts {
  private readonly checked = new Set<string>();

  constructor(private readonly parts: ReadonlyMap<string, { entry: ZipEntry; data: Uint8Array }>) {}

  has(name: string): boolean {
    return this.parts.has(name);
  }

  get(name: string): Uint8Array | undefined {
    const part = this.parts.get(name);
    if (!part || this.checked.has(name)) return part?.data;
    const { entry, data } = part;
    if (data.length !== entry.uncompressedSize || (crc32 !== undefined && crc32(data) !== entry.crc))
      throw new ReadError(
        'unreadable',
        `the Word document is damaged: ${name} does not unpack as its ZIP directory says`,
      );
    this.checked.add(name);
    return data;
  }
}

/** Why an OLE compound file (the container of old .doc files and of encrypted .docx files) can't be read. */
function oleError(bytes: Uint8Array): ReadError {
  // An encrypted OOXML file is an OLE file with an "EncryptionInfo" stream; its name is UTF-16 in the directory.
  const name = Buffer.from('EncryptionInfo', 'utf16le');
  if (Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(name)) {
    return new ReadError(
      'encrypted',
      'the Word document is protected with a password: save it without one (File › Info › Protect Document) and try again',
    );
  }
  return new ReadError(
    'binary',
    'an old Word (.doc) or other Office file, not a .docx: save it as a Word document (.docx) first',
  );
}

/** Whether a part declares a DTD or an entity (one scan for "<!", which Word's parts hardly hold). */
function declaresDtd(part: Buffer): boolean {
  for (let at = part.indexOf('<!'); at >= 0; at = part.indexOf('<!', at + 2)) {
    const next = part.toString('latin1', at + 2, at + 9);
    if (next === 'DOCTYPE' || next.startsWith('ENTITY')) return true;
  }
  return false;
}

/**
 * Throws ReadError unless the bytes are a whole Word document (.docx) whose XML parts unpack to a sane
 * size and declare no DTD (Word writes none; entities could expand without bound). Returns the unpacked XML
 * parts (and .rels). Media are not checked: the reader leaves images unread.
 */
export function openDocx(bytes: Uint8Array): DocxParts {
  if (bytes.length === 0) throw new ReadError('empty', 'the file is empty');
  if (startsWith(bytes, OLE)) throw oleError(bytes);
  if (!startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    const zipOfNothing = startsWith(bytes, [0x50, 0x4b, 0x05, 0x06]);
    throw new ReadError(
      zipOfNothing ? 'not-a-publication' : 'binary',
      zipOfNothing
        ? 'an empty ZIP file, not a Word document'
        : 'not a Word document (.docx): it is no ZIP file',
    );
  }
  const entries = zipEntries(bytes);
  const document = entries.find((e) => e.name === 'word/document.xml');
  if (!document) {
    throw new ReadError('not-a-publication', 'a ZIP file, but not a Word document: no word/document.xml');
  }
  if (entries.some((e) => (e.flags & 1) === 1)) {
    throw new ReadError('encrypted', 'the ZIP file is protected with a password: save it without one');
  }
  let total = 0;
  const parts = new Map<string, { entry: ZipEntry; data: Uint8Array }>();
  for (const entry of entries) {
    if (!/\.(?:xml|rels)$/i.test(entry.name)) continue;
    // The sizes the directory states are cheap to check; unpacking checks what they might hide.
    if (entry.uncompressedSize > PART_SIZE_LIMIT) throw tooLarge(entry.name);
    const part = unpack(bytes, entry, PART_SIZE_LIMIT);
    const text = Buffer.from(part.buffer, part.byteOffset, part.byteLength);
    if (declaresDtd(text)) {
      throw new ReadError(
        'unreadable',
        `${entry.name} declares a DTD, which Word documents never do; refused for safety`,
      );
    }
    parts.set(entry.name, { entry, data: part });
    total += part.length;
    if (total > TOTAL_SIZE_LIMIT) {
      throw new ReadError(
        'too-large',
        `the Word document is too large: its parts unpack to more than ${TOTAL_SIZE_LIMIT / 1024 / 1024} MB`,
      );
    }
  }
  return new DocxParts(parts);
}
