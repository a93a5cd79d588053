// Publication → PDF in the official layout (src/render/layout.ts), set like a Kamerstuk: A4, DejaVu Serif
// embedded, the head on the first page, footnote markers raised, footnotes in small type at the foot of
// the page where their marker stands, and a running footer with the Kamerstuk and the page number.
// The layout is done here line by line (pdfkit only draws), so that every page break obeys the rules
// by which the PDF reader (src/read/pdf) tells paragraphs apart; the PDF is tagged (Document, H1–H3,
// P, L/LI, Note; footer and rule as artifacts) and deterministic for a given publication.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';
import { CHAMBER_LABELS, KIND_LABELS } from '../model/kinds.js';
import type { Inline, Publication } from '../model/publication.js';
import {
  continuesOnNextPage,
  endsInWordHyphen,
  endsInWordSlash,
  type LineGeometry,
  MARKER_GAP,
} from '../read/pdf/rules.js';
import { type LayoutParagraph, type LayoutRole, officialLayout } from './layout.js';

type Doc = InstanceType<typeof PDFDocument>;
type StructElement = ReturnType<Doc['struct']>;
type FontName = 'Serif' | 'Serif-Bold' | 'Serif-Italic';
type Tag = 'H1' | 'H2' | 'H3' | 'P' | 'LI' | 'Note';

const FONT_FILES: Record<FontName, string> = {
  Serif: 'DejaVuSerif.ttf',
  'Serif-Bold': 'DejaVuSerif-Bold.ttf',
  'Serif-Italic': 'DejaVuSerif-Italic.ttf',
};

/** A4 in points, with the text column and the bands for footnotes and the footer. */
const PAGE = { width: 595.28, height: 841.89 };
const LEFT = 70.87;
const RIGHT = PAGE.width - 70.87;
const TOP = 62;
const BOTTOM = PAGE.height - 72;
// More than RUNNING_GAP × the body size below the lowest line of the body or the footnotes, which no two
// lines within the body ever stand apart: the reader takes it for a running footer by that gap.
const FOOTER_BASELINE = PAGE.height - 30;
const BODY_SIZE = 10;
const NOTE_SIZE = 8;
const FOOTER_SIZE = 8;
/** Raised footnote markers: size and rise, × the line's size. */
const MARKER_SCALE = 0.65;
const MARKER_LIFT = 0.35;
/** Space above the footnotes for their rule. */
const NOTE_RULE_SPACE = 8;

interface Style {
  font: FontName;
  size: number;
  /** Baseline to baseline within a paragraph, × size. */
  pitch: number;
  /** Extra space above the paragraph, × size (at least what sets paragraphs apart for the reader). */
  before: number;
  tag: Tag;
}

const body = (font: FontName, tag: Tag = 'P', before = 0.8): Style => ({
  font,
  size: BODY_SIZE,
  pitch: 1.4,
  before,
  tag,
});

const STYLES: Record<Exclude<LayoutRole, 'footnote-rule'>, Style> = {
  title: { font: 'Serif-Bold', size: 12, pitch: 1.35, before: 0, tag: 'H1' },
  head: body('Serif'),
  preamble: body('Serif'),
  signatory: body('Serif'),
  section: { font: 'Serif-Bold', size: 11, pitch: 1.35, before: 1.4, tag: 'H2' },
  subheading: body('Serif-Bold', 'H3', 1),
  'question-label': body('Serif-Bold', 'H3', 1),
  'answer-label': body('Serif-Italic'),
  paragraph: body('Serif'),
  'list-item': body('Serif', 'LI'),
  'table-row': body('Serif'),
  footnote: { font: 'Serif', size: NOTE_SIZE, pitch: 1.25, before: 0, tag: 'Note' },
  truncated: body('Serif'),
};

let fontData: Map<FontName, Buffer> | null = null;

/** The DejaVu font files, read once: resolved through the package, so they are found wherever it lies. */
function fonts(): Map<FontName, Buffer> {
  if (fontData) return fontData;
  const dir = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
  fontData = new Map(
    (Object.keys(FONT_FILES) as FontName[]).map((name) => [name, readFileSync(join(dir, FONT_FILES[name]))]),
  );
  return fontData;
}

/** A piece of a word: text, or a footnote marker printed raised. */
interface Piece {
  text: string;
  note: number | null;
}

interface Run {
  text: string;
  font: FontName;
  size: number;
  rise: number;
  x: number;
  width: number;
  /** Horizontal scaling in percent: a word wider than the column is set narrower, never broken. */
  scale: number;
  /** A list item's marker or a footnote's number, set apart before the text. */
  label: boolean;
}

interface Line {
  runs: Run[];
  /** Footnotes whose markers stand on this line. */
  notes: number[];
  geometry: LineGeometry;
}

interface Block {
  role: LayoutRole;
  style: Style;
  lines: Line[];
  /** Where the lines after the first start (the reader's continuation indent). */
  indent: number;
  footnote: number | null;
}

/** Text widths, remembered: the same words recur all through a document. */
class Measure {
  private readonly cache = new Map<string, number>();
  constructor(private readonly doc: Doc) {}
  width(text: string, font: FontName, size: number): number {
    if (text.length === 0) return 0;
    const key = `${font}\u0000${size}\u0000${text}`;
    let w = this.cache.get(key);
    if (w === undefined) {
      w = this.doc.font(font).fontSize(size).widthOfString(text);
      this.cache.set(key, w);
    }
    return w;
  }
}

/** A paragraph's text as the text renderer prints it, with its markers kept as pieces. */
function pieces(content: readonly Inline[]): Piece[][] {
  // Private-use characters fence the markers while spaces are collapsed exactly as inlineText does.
  let s = '';
  for (const node of content) s += node.type === 'text' ? node.value : `\ue000${node.number}\ue001`;
  s = s.replace(/\s+/g, ' ').trim();
  if (s.length === 0) return [];
  return s.split(' ').map((word) => {
    const out: Piece[] = [];
    for (const part of word.split(/(\ue000\d+\ue001)/)) {
      if (part.length === 0) continue;
      const m = /^\ue000(\d+)\ue001$/.exec(part);
      out.push(m ? { text: m[1]!, note: Number(m[1]) } : { text: part, note: null });
    }
    return out;
  });
}

function wordText(word: readonly Piece[]): string {
  return word.map((p) => p.text).join('');
}

/**
 * Wraps words into lines greedily at spaces. A space after a word ending in a hyphen ('wet- en') or a
 * slash is no break: the reader takes a line-end hyphen for a typesetter's, and a line-end slash for a
 * break inside a word. A group wider than the line is set narrower.
 */
function wrap(words: readonly Piece[][], available: number, style: Style, m: Measure): Piece[][][] {
  const markerSize = style.size * MARKER_SCALE;
  const widthOf = (group: readonly Piece[][]): number => {
    let w = m.width(' ', style.font, style.size) * (group.length - 1);
    for (const word of group)
      for (const p of word) w += m.width(p.text, style.font, p.note === null ? style.size : markerSize);
    return w;
  };
  const groups: Piece[][][] = [];
  for (const word of words) {
    const last = groups[groups.length - 1];
    const before = last ? wordText(last[last.length - 1]!) : '';
    if (last && (endsInWordHyphen(before) || endsInWordSlash(before))) last.push(word);
    else groups.push([word]);
  }
  const space = m.width(' ', style.font, style.size);
  const lines: Piece[][][] = [];
  let current: Piece[][] = [];
  let width = 0;
  for (const group of groups) {
    const w = widthOf(group);
    if (current.length > 0 && width + space + w <= available) {
      current.push(...group);
      width += space + w;
      continue;
    }
    if (current.length > 0) lines.push(current);
    current = [...group];
    width = w;
  }
  if (current.length > 0) lines.push(current);
  return lines;
}

/** Turns a wrapped line's words into runs: text in the style's font, markers raised and smaller. */
function lineRuns(words: readonly Piece[][], x: number, available: number, style: Style, m: Measure): Run[] {
  const segments: Piece[] = [];
  words.forEach((word, i) => {
    const pieceList = i > 0 ? [{ text: ' ', note: null }, ...word] : word;
    for (const p of pieceList) {
      const last = segments[segments.length - 1];
      if (last && last.note === null && p.note === null) last.text += p.text;
      else segments.push({ ...p });
    }
  });
  const runs: Run[] = [];
  for (const s of segments) {
    const size = s.note === null ? style.size : style.size * MARKER_SCALE;
    runs.push({
      text: s.text,
      font: style.font,
      size,
      rise: s.note === null ? 0 : style.size * MARKER_LIFT,
      x: 0,
      width: m.width(s.text, style.font, size),
      scale: 100,
      label: false,
    });
  }
  const total = runs.reduce((sum, r) => sum + r.width, 0);
  // Only a group wider than the line: a wrapped line may measure a hair wider as a whole than in parts.
  const scale = total > available + 0.5 ? Math.floor((available / total) * 10000) / 100 : 100;
  let at = x;
  for (const r of runs) {
    r.scale = scale;
    r.width = (r.width * scale) / 100;
    r.x = at;
    at += r.width;
  }
  return runs;
}

function geometry(runs: readonly Run[], style: Style): LineGeometry {
  const first = runs[0]!;
  const last = runs[runs.length - 1]!;
  return { font: style.font, size: style.size, x: first.x, right: last.x + last.width };
}

function notesOn(words: readonly Piece[][]): number[] {
  return words.flatMap((w) => w.filter((p) => p.note !== null).map((p) => p.note!));
}

/** Lays one layout paragraph out in lines. */
function layoutBlock(p: LayoutParagraph, pub: Publication, m: Measure): Block | null {
  if (p.role === 'footnote-rule') return null;
  const style = headStyle(p, pub) ?? STYLES[p.role];
  const label = p.role === 'footnote' ? String(p.footnote) : (p.marker ?? null);
  let indent = LEFT;
  if (label !== null) {
    // The text starts clear of its label, far enough for the reader to see a marker apart.
    const min = p.role === 'footnote' ? 11 : 14.2;
    indent = LEFT + Math.max(min, m.width(label, style.font, style.size) + (MARKER_GAP + 0.15) * style.size);
  }
  const available = RIGHT - indent;
  const words = pieces(p.content);
  // A signatory's role and name stand on two lines, as signed.
  const parts: Piece[][][] = [];
  if (p.role === 'signatory') {
    const i = words.findIndex((w) => wordText(w).endsWith(','));
    if (i >= 0 && i < words.length - 1) parts.push(words.slice(0, i + 1), words.slice(i + 1));
    else parts.push(words);
  } else parts.push(words);
  const lines: Line[] = [];
  for (const part of parts) {
    for (const lineWords of wrap(part, available, style, m)) {
      const runs = lineRuns(lineWords, indent, available, style, m);
      lines.push({ runs, notes: notesOn(lineWords), geometry: geometry(runs, style) });
    }
  }
  if (label !== null) {
    const run: Run = {
      text: label,
      font: style.font,
      size: style.size,
      rise: 0,
      x: LEFT,
      width: m.width(label, style.font, style.size),
      scale: 100,
      label: true,
    };
    if (lines.length === 0) lines.push({ runs: [], notes: [], geometry: geometry([run], style) });
    const first = lines[0]!;
    first.runs.unshift(run);
    first.geometry = geometry(first.runs, style);
  }
  if (lines.length === 0) return null;
  return { role: p.role, style, lines, indent, footnote: p.footnote ?? null };
}

/** The head's lines in the official weights: the chamber large, the dossier and number bold. */
function headStyle(p: LayoutParagraph, pub: Publication): Style | null {
  if (p.role !== 'head') return null;
  const t = p.content.map((n) => (n.type === 'text' ? n.value : '')).join('');
  // The chamber's name heads the document when it has no title line.
  if (pub.chamber && t === CHAMBER_LABELS[pub.chamber])
    return { font: 'Serif-Bold', size: 13, pitch: 1.35, before: 0.8, tag: pub.title ? 'P' : 'H1' };
  if (pub.dossiers.some((d) => t.startsWith(d.number))) return { ...STYLES.head, font: 'Serif-Bold' };
  if (/^(?:Nr\. |[A-Z]+$|[A-Z]+ )/.test(t)) return { ...STYLES.head, font: 'Serif-Bold' };
  return null;
}

const KEEP_WITH_NEXT = new Set<LayoutRole>([
  'title',
  'section',
  'subheading',
  'question-label',
  'answer-label',
]);

interface FlowLine {
  block: number;
  line: number;
}

interface Placed {
  flow: number;
  baseline: number;
  /** Footnotes first placed with this line. */
  notes: number[];
}

interface NoteLine {
  note: number;
  line: Line;
}

interface Page {
  body: Placed[];
  notes: NoteLine[];
}

/** The body's lines in reading order (footnotes go to the foot of the pages). */
function bodyFlow(blocks: readonly Block[]): FlowLine[] {
  const flow: FlowLine[] = [];
  for (let block = 0; block < blocks.length; block++) {
    if (blocks[block]!.role === 'footnote') continue;
    for (let line = 0; line < blocks[block]!.lines.length; line++) flow.push({ block, line });
  }
  return flow;
}

const noteHeight = (lines: number): number =>
  lines === 0 ? 0 : NOTE_RULE_SPACE + lines * STYLES.footnote.size * STYLES.footnote.pitch;

/**
 * Fills pages with the body's lines and, at each page's foot, the footnotes whose markers stand on it.
 * At a page break the last line and the next are checked against the reader's rule; where the rule would
 * misread them (a paragraph ending on a full line, a continuation after a short one), lines move on to
 * the next page until it reads right, as a typesetter moves lines to keep widows apart.
 */
function paginate(blocks: readonly Block[], flow: readonly FlowLine[], notes: Map<number, Block>): Page[] {
  const lineOf = (f: FlowLine): Line => blocks[f.block]!.lines[f.line]!;
  const styleOf = (f: FlowLine): Style => blocks[f.block]!.style;
  // Footnotes whose markers stand nowhere go with the last line.
  const marked = new Set(flow.flatMap((f) => lineOf(f).notes));
  const orphanNotes = [...notes.keys()].filter((n) => !marked.has(n));
  // The right edge of the fullest body-size line: the reader measures the column by it.
  let columnRight = 0;
  for (const f of flow) {
    const g = lineOf(f).geometry;
    if (g.size === BODY_SIZE) columnRight = Math.max(columnRight, g.right);
  }
  const placedNotes = new Set<number>();
  const notesFor = (i: number): number[] => {
    const wanted = [...lineOf(flow[i]!).notes, ...(i === flow.length - 1 ? orphanNotes : [])];
    return [...new Set(wanted)].filter((n) => notes.has(n) && !placedNotes.has(n));
  };
  const noteLines = (ns: readonly number[]): NoteLine[] =>
    ns.flatMap((note) => notes.get(note)!.lines.map((line) => ({ note, line })));
  const maxNoteLines = Math.floor(
    (BOTTOM - TOP - 3 * BODY_SIZE - NOTE_RULE_SPACE) / (STYLES.footnote.size * STYLES.footnote.pitch),
  );

  const pages: Page[] = [];
  let carry: NoteLine[] = [];
  let i = 0;
  while (i < flow.length || carry.length > 0) {
    const page: Page = { body: [], notes: carry.slice(0, maxNoteLines) };
    carry = carry.slice(maxNoteLines);
    let baseline: number | null = null;
    while (i < flow.length && carry.length === 0) {
      const f = flow[i]!;
      const style = styleOf(f);
      const next: number =
        baseline === null
          ? TOP + style.size
          : baseline + style.size * style.pitch + (f.line === 0 ? style.size * style.before : 0);
      const added = notesFor(i);
      const extra = noteLines(added);
      const fits = next + 0.3 * style.size <= BOTTOM - noteHeight(page.notes.length + extra.length);
      if (!fits && (page.body.length > 0 || page.notes.length > 0)) break;
      // A line fits, or the page is empty and must take it (with as many footnote lines as fit).
      page.body.push({ flow: i, baseline: next, notes: added });
      for (const n of added) placedNotes.add(n);
      const room = Math.max(0, maxNoteLines - page.notes.length);
      page.notes.push(...extra.slice(0, room));
      carry = extra.slice(room);
      baseline = next;
      i++;
    }
    if (i < flow.length && carry.length === 0) {
      i = mendBreak(page, i, flow, blocks, columnRight, placedNotes);
    }
    pages.push(page);
  }
  if (pages.length === 0) pages.push({ body: [], notes: [] });
  return pages;
}

/** Moves lines from the page's end on to the next page until the reader reads the break as meant. */
function mendBreak(
  page: Page,
  next: number,
  flow: readonly FlowLine[],
  blocks: readonly Block[],
  columnRight: number,
  placedNotes: Set<number>,
): number {
  let i = next;
  for (let tries = 0; tries < 12 && page.body.length > 1; tries++) {
    const last = page.body[page.body.length - 1]!;
    const a = flow[last.flow]!;
    const b = flow[i]!;
    const block = blocks[a.block]!;
    const ga = block.lines[a.line]!.geometry;
    const gb = blocks[b.block]!.lines[b.line]!.geometry;
    // Every line after a paragraph's first starts at its indent, and so does the text of its first.
    const indent = block.indent;
    const same = a.block === b.block;
    // Decide with a margin on either side, so that rounding in the reader cannot tip the balance.
    const margin = 0.5;
    const fullSure = continuesOnNextPage({ ...ga, right: ga.right - margin }, indent, gb, columnRight);
    const notFullSure = !continuesOnNextPage({ ...ga, right: ga.right + margin }, indent, gb, columnRight);
    // Headings and labels keep with what follows them.
    const keepsWithNext = KEEP_WITH_NEXT.has(block.role) && !same;
    if ((same ? fullSure : notFullSure) && !keepsWithNext) break;
    page.body.pop();
    for (const n of last.notes) placedNotes.delete(n);
    const drop = new Set(last.notes);
    page.notes = page.notes.filter((l) => !drop.has(l.note));
    i = last.flow;
  }
  return i;
}

/** The running footer: the Kamerstuk as the official pages print it, or what the publication has. */
function footerText(pub: Publication): string {
  const parts: string[] = [];
  if (pub.chamber) parts.push(pub.chamber === 'eerste-kamer' ? 'Eerste Kamer' : 'Tweede Kamer');
  if (pub.session) parts.push(`vergaderjaar ${pub.session.replace('-', '–')}`);
  if (pub.kind !== 'written-questions' && pub.dossiers[0]) parts.push(pub.dossiers[0].number);
  if (pub.number) parts.push(`nr. ${pub.number}`);
  return parts.length > 0 ? parts.join(', ') : (pub.id ?? pub.title ?? KIND_LABELS[pub.kind]);
}

function documentDate(pub: Publication): Date {
  const d = pub.dates;
  const iso = d.adopted ?? d.answered ?? d.received ?? d.sent ?? d.postponed ?? '2000-01-01';
  return new Date(`${iso}T00:00:00Z`);
}

function drawRun(doc: Doc, run: Run, baseline: number): void {
  const options: PDFKit.Mixins.TextOptions & { horizontalScaling?: number } = {
    lineBreak: false,
    baseline: 'alphabetic',
  };
  if (run.scale !== 100) options.horizontalScaling = run.scale;
  doc
    .font(run.font)
    .fontSize(run.size)
    .text(run.text, run.x, baseline - run.rise, options);
}

/** Structure elements: one per block, lists grouped in an L; a block's content may span pages. */
class Structure {
  private readonly elements = new Map<number, { element: StructElement; body: StructElement | null }>();
  private list: StructElement | null = null;
  private lastListBlock = -2;

  constructor(
    private readonly doc: Doc,
    private readonly root: StructElement,
  ) {}

  /** Draws lines of one block inside marked content tied to its structure element. */
  mark(block: number, tag: Tag, draw: (part: 'label' | 'body') => void, hasLabel: boolean): void {
    let entry = this.elements.get(block);
    if (!entry) {
      if (tag === 'LI') {
        if (!this.list || this.lastListBlock !== block - 1) {
          this.list = this.doc.struct('L');
          this.root.add(this.list);
        }
        const item = this.doc.struct('LI');
        this.list.add(item);
        entry = { element: item, body: null };
        if (hasLabel) {
          const lbl = this.doc.struct('Lbl');
          item.add(lbl);
          lbl.add(this.wrap('Lbl', () => draw('label')));
          lbl.end();
        }
        entry.body = this.doc.struct('LBody');
        item.add(entry.body);
        this.lastListBlock = block;
      } else {
        entry = { element: this.doc.struct(tag), body: null };
        this.root.add(entry.element);
      }
      this.elements.set(block, entry);
    } else if (tag === 'LI') this.lastListBlock = block;
    const target = entry.body ?? entry.element;
    target.add(this.wrap(tag === 'LI' ? 'LBody' : tag, () => draw('body')));
  }

  private wrap(tag: string, draw: () => void): ReturnType<Doc['markStructureContent']> {
    const content = this.doc.markStructureContent(tag);
    draw();
    this.doc.endMarkedContent();
    return content;
  }
}

/** Renders the publication as a PDF in the official layout. */
export async function renderPdf(pub: Publication): Promise<Uint8Array> {
  const ref = [pub.dossiers[0]?.number, pub.number ? `nr. ${pub.number}` : null].filter(Boolean).join(', ');
  const kind = KIND_LABELS[pub.kind];
  const title = pub.title ?? (ref ? `${kind}, ${ref}` : (pub.id ?? kind));
  const subject = [pub.documentType ?? kind, ref, pub.request.committee].filter(Boolean).join(' — ');
  const date = documentDate(pub);
  const doc = new PDFDocument({
    size: 'A4',
    margin: 0,
    autoFirstPage: false,
    pdfVersion: '1.7',
    tagged: true,
    lang: 'nl-NL',
    displayTitle: true,
    info: {
      Title: title,
      Subject: subject,
      Author: pub.request.committee ?? CHAMBER_LABELS[pub.chamber ?? 'tweede-kamer'],
      Keywords: [pub.id, kind, pub.session ? `vergaderjaar ${pub.session}` : null].filter(Boolean).join(', '),
      Creator: 'Vraagbaak',
      Producer: 'Vraagbaak (PDFKit)',
      CreationDate: date,
      ModDate: date,
    },
  });
  for (const [name, data] of fonts()) doc.registerFont(name, data);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });

  const m = new Measure(doc);
  const blocks: Block[] = [];
  const notes = new Map<number, Block>();
  for (const p of officialLayout(pub)) {
    const b = layoutBlock(p, pub, m);
    if (!b) continue;
    blocks.push(b);
    if (b.footnote !== null && !notes.has(b.footnote)) notes.set(b.footnote, b);
  }
  const flow = bodyFlow(blocks);
  const pages = paginate(blocks, flow, notes);
  const noteBlock = new Map([...notes].map(([n, b]) => [n, blocks.indexOf(b)]));

  const root = doc.struct('Document');
  doc.addStructure(root);
  const structure = new Structure(doc, root);
  const footer = footerText(pub);
  pages.forEach((page, index) => {
    doc.addPage({ size: 'A4', margin: 0 });
    // Body: consecutive lines of one block share one marked-content sequence.
    for (let k = 0; k < page.body.length; ) {
      const block = flow[page.body[k]!.flow]!.block;
      let end = k;
      while (end < page.body.length && flow[page.body[end]!.flow]!.block === block) end++;
      const slice = page.body.slice(k, end);
      const b = blocks[block]!;
      const hasLabel = flow[slice[0]!.flow]!.line === 0 && b.lines[0]!.runs[0]?.label === true;
      structure.mark(
        block,
        b.style.tag,
        (part) => {
          for (const placed of slice) {
            const line = b.lines[flow[placed.flow]!.line]!;
            for (const run of line.runs)
              if (run.label === (part === 'label')) drawRun(doc, run, placed.baseline);
          }
        },
        hasLabel,
      );
      k = end;
    }
    // Footnotes: a short rule, then the notes from the foot of the body area downwards.
    if (page.notes.length > 0) {
      const pitch = STYLES.footnote.size * STYLES.footnote.pitch;
      const top = BOTTOM - noteHeight(page.notes.length);
      doc.markContent('Artifact', { type: 'Layout' });
      doc
        .moveTo(LEFT, top + 2)
        .lineTo(LEFT + 120, top + 2)
        .lineWidth(0.5)
        .stroke();
      doc.endMarkedContent();
      let baseline = top + NOTE_RULE_SPACE + STYLES.footnote.size;
      for (let k = 0; k < page.notes.length; ) {
        const note = page.notes[k]!.note;
        let end = k;
        while (end < page.notes.length && page.notes[end]!.note === note) end++;
        const slice = page.notes.slice(k, end);
        const start = baseline;
        structure.mark(
          noteBlock.get(note)!,
          'Note',
          () => {
            slice.forEach((l, j) => {
              for (const run of l.line.runs) drawRun(doc, run, start + j * pitch);
            });
          },
          false,
        );
        baseline += slice.length * pitch;
        k = end;
      }
    }
    // The running footer, with the page number set right.
    doc.markContent('Artifact', { type: 'Pagination' });
    doc.font('Serif').fontSize(FOOTER_SIZE);
    doc.text(footer, LEFT, FOOTER_BASELINE, { lineBreak: false, baseline: 'alphabetic' });
    const number = String(index + 1);
    doc.text(number, RIGHT - doc.widthOfString(number), FOOTER_BASELINE, {
      lineBreak: false,
      baseline: 'alphabetic',
    });
    doc.endMarkedContent();
  });
  root.end();
  doc.end();
  await ended;
  return new Uint8Array(Buffer.concat(chunks));
}
