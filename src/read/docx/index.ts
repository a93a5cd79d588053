// The DOCX reader: a Word document → Publication. The parts it needs (the main document, its footnotes and
// endnotes, numbering.xml, and styles.xml for lists tied to styles) are read with htmlparser2's tokenizer
// (./xml.ts) into blocks (./body.ts); those become the paragraphs' text in the text layout (./paragraphs.ts),
// which the text reader reads: the layout rules live there only. Throws ReadError, and nothing else, for input
// it cannot read.
import type { WordChecker } from '../../extract/word-list.js';
import type { Publication } from '../../model/publication.js';
import { isReadError, ReadError } from '../errors.js';
import { readText } from '../text/index.js';
import { type Block, StoryReader } from './body.js';
import { type DocxParts, openDocx } from './container.js';
import { ListCounters, Numbering } from './numbering.js';
import { layoutParagraphs, type ReadTable } from './paragraphs.js';
import { restoreTables } from './tables.js';
import { type Attributes, readXml, type XmlVisitor } from './xml.js';

export { openDocx } from './container.js';

export interface DocxReadOptions {
  /** The file's name, used for warnings and, when the text does not say, the id. */
  fileName?: string | null;
  words: WordChecker;
}

const RELATIONSHIP_TYPES = [
  'http://schemas.openxmlformats.org/officeDocument/2006/relationships/',
  'http://purl.oclc.org/ooxml/officeDocument/relationships/',
];

/** A package's relationships: type (its last segment, "footnotes") → targets, in order. */
class Relationships implements XmlVisitor {
  wantsText = false;
  readonly targets = new Map<string, string[]>();

  open(name: string, a: Attributes): void {
    if (name !== 'pr:Relationship' && name !== 'Relationship') return;
    const type = a.get('Type') ?? '';
    const target = a.get('Target');
    const base = RELATIONSHIP_TYPES.find((t) => type.startsWith(t));
    if (base === undefined || target === undefined || a.get('TargetMode') === 'External') return;
    const kind = type.slice(base.length);
    const list = this.targets.get(kind) ?? [];
    list.push(target);
    this.targets.set(kind, list);
  }

  close(): void {}
  text(): void {}
}

/** A target relative to a folder of the package ("" for its root) → the part's name. */
function partName(folder: string, target: string): string {
  const segments = target.startsWith('/') ? [] : folder.split('/').filter(Boolean);
  for (const segment of target.split('/')) {
    if (segment === '..') segments.pop();
    else if (segment !== '.' && segment !== '') segments.push(segment);
  }
  return segments.join('/');
}

/** A part's relationships (none when it has no .rels part). */
function relationships(parts: DocxParts, name: string): Relationships {
  const visitor = new Relationships();
  const rels = parts.get(name);
  if (rels) readXml(rels, name, visitor);
  return visitor;
}

/** The part a relationship of this kind points to (the first that is there), else Word's usual name. */
function related(
  parts: DocxParts,
  rels: Relationships,
  folder: string,
  kind: string,
  fallback: string,
): string {
  for (const target of rels.targets.get(kind) ?? []) {
    const name = partName(folder, target);
    if (parts.has(name)) return name;
  }
  return fallback;
}

/** Reads the notes of footnotes.xml or endnotes.xml into `notes`, by key ("footnote-3"). */
function readNotes(
  name: string,
  part: Uint8Array | undefined,
  kind: 'footnote' | 'endnote',
  counters: ListCounters | null,
  notes: Map<string, Block[]>,
): void {
  if (!part) return;
  const element = `w:${kind}`;
  const reader = new StoryReader(
    (tag, depth, a) => {
      if (depth !== 2 || tag !== element) return null;
      const type = a.get('w:type');
      return type === 'separator' || type === 'continuationSeparator' ? null : `${kind}-${a.get('w:id')}`;
    },
    (blocks, key) => notes.set(key, blocks),
    counters,
  );
  readXml(part, name, reader);
}

/** The main document's blocks; footnotes and endnotes by key. */
function readDocument(bytes: Uint8Array): { body: Block[]; notes: Map<string, Block[]> } {
  const parts = openDocx(bytes);
  const main = related(parts, relationships(parts, '_rels/.rels'), '', 'officeDocument', 'word/document.xml');
  const slash = main.lastIndexOf('/');
  const folder = main.slice(0, slash + 1);
  const rels = relationships(parts, `${folder}_rels/${main.slice(slash + 1)}.rels`);
  const part = (kind: string): [string, Uint8Array | undefined] => {
    const name = related(parts, rels, folder, kind, `word/${kind}.xml`);
    return [name, parts.get(name)];
  };
  const [numberingName, numberingXml] = part('numbering');
  const numbering = numberingXml ? new Numbering(numberingName, numberingXml, ...part('styles')) : null;
  const notes = new Map<string, Block[]>();
  const noteCounters = numbering && new ListCounters(numbering);
  readNotes(...part('footnotes'), 'footnote', noteCounters, notes);
  readNotes(...part('endnotes'), 'endnote', noteCounters, notes);
  let body: Block[] | null = null;
  const reader = new StoryReader(
    (tag, depth) => (depth === 2 && tag === 'w:body' && body === null ? 'body' : null),
    (blocks) => {
      body = blocks;
    },
    numbering && new ListCounters(numbering),
  );
  readXml(parts.get(main)!, main, reader);
  if (body === null)
    throw new ReadError('unreadable', `the Word document cannot be read: ${main} has no body (w:body)`);
  return { body, notes };
}

/**
 * The document's text in the text layout (paragraphs separated by a blank line, footnotes at the end),
 * and its tables.
 */
export async function docxText(bytes: Uint8Array): Promise<{ text: string; tables: ReadTable[] }> {
  let read: ReturnType<typeof layoutParagraphs>;
  try {
    const { body, notes } = readDocument(bytes);
    read = layoutParagraphs(body, notes);
  } catch (error) {
    if (isReadError(error)) throw error;
    // A stack overflow or a string over the engine's limit: nothing a Word document needs.
    if (error instanceof RangeError)
      throw new ReadError('unreadable', 'the Word document is nested too deeply or too large to read');
    const detail = error instanceof Error ? error.message : String(error);
    throw new ReadError('unreadable', `the Word document cannot be read: ${detail}`);
  }
  const { paragraphs, tables } = read;
  if (paragraphs.length === 0) throw new ReadError('empty', 'the Word document holds no text');
  return { text: `${paragraphs.join('\n\n')}\n`, tables };
}

/** Reads a publication from a Word document (.docx). */
export async function readDocx(bytes: Uint8Array, options: DocxReadOptions): Promise<Publication> {
  const { text, tables } = await docxText(bytes);
  const pub = restoreTables(readText(text, options), tables);
  return { ...pub, source: { ...pub.source, reader: 'docx' } };
}
