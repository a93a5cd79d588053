// Lines of all pages → the publication's text in the text layout: running headers and footers and page
// numbers left out (by where they stand), footnotes taken from the foot of the pages (by their smaller
// type), the body's lines joined into paragraphs (by their spacing, indentation and fullness), one
// paragraph a line with blank lines between, and the footnotes at the end after a rule. The text
// reader then reads that text by its own rules.
import { decideLineEndHyphen } from '../../extract/dehyphenate.js';
import type { WordChecker } from '../../extract/word-list.js';
import { TRUNCATION_MARK } from '../../model/publication.js';
import { joinItems, type PdfLine } from './lines.js';
import {
  continuesOnNextPage,
  endsInWordHyphen,
  endsInWordSlash,
  MARKER_SIZE,
  PARAGRAPH_PITCH,
  RUNNING_GAP,
  SAME_PLACE,
  SMALL_TYPE,
} from './rules.js';

/** How many lines at the top and at the foot of a page may be running heads or footers. */
const EDGE_LINES = 2;

function masked(text: string): string {
  return text.replace(/\d+/g, '#');
}

/** A page number as pages print it: '3', '- 3 -', 'Pagina 3 van 12', '3/12'. */
function isPageNumber(text: string, page: number): boolean {
  const m = /^(?:(?:pagina|blz\.?|page)\s+)?[-–]?\s*(\d{1,4})\s*[-–]?(?:\s*(?:van|of|\/)\s*\d{1,4})?$/i.exec(
    text,
  );
  return m !== null && Number(m[1]) === page;
}

/**
 * The lines that may be running heads or footers: up to two at a page's top and at its foot, set apart
 * from the rest by a gap wider than any within the body.
 */
function edgeBands(lines: readonly PdfLine[], size: number): PdfLine[] {
  const gapAfter = (i: number): number => lines[i + 1]!.y - lines[i]!.y;
  const out: PdfLine[] = [];
  const n = lines.length;
  for (let k = 1; k <= Math.min(EDGE_LINES, n); k++) {
    if (k === n || gapAfter(k - 1) >= RUNNING_GAP * size) {
      out.push(...lines.slice(0, k));
      break;
    }
  }
  for (let k = 1; k <= Math.min(EDGE_LINES, n); k++) {
    if (k === n || gapAfter(n - k - 1) >= RUNNING_GAP * size) {
      out.push(...lines.slice(n - k).filter((l) => !out.includes(l)));
      break;
    }
  }
  return out;
}

/** How many pages hold a line at this line's place with its text, numbers aside. */
function repeats(line: PdfLine, pages: readonly (readonly PdfLine[])[]): number {
  const key = masked(line.text);
  return pages.filter((lines) =>
    lines.some((l) => Math.abs(l.y - line.y) <= 2 * SAME_PLACE && masked(l.text) === key),
  ).length;
}

/**
 * Removes running heads and footers: lines apart at a page's top or foot that stand at the same place
 * with the same text (numbers aside) on at least half the pages, and page numbers there. In a document
 * of four pages or more, a line at a page's edge that recurs so on three pages in four goes too, however
 * near the body it stands.
 */
export function removeRunningLines(pages: PdfLine[][], size: number): PdfLine[][] {
  const bands = pages.map((lines) => edgeBands(lines, size));
  const drop = new Set<PdfLine>();
  if (pages.length >= 2) {
    const needed = Math.max(2, Math.ceil(pages.length / 2));
    for (const line of bands.flat()) if (repeats(line, bands) >= needed) drop.add(line);
  }
  if (pages.length >= 4) {
    const edges = pages.map((lines) =>
      lines.length <= 2 * EDGE_LINES ? lines : [...lines.slice(0, EDGE_LINES), ...lines.slice(-EDGE_LINES)],
    );
    const needed = Math.ceil(pages.length * 0.75);
    for (const line of edges.flat()) if (repeats(line, edges) >= needed) drop.add(line);
  }
  bands.forEach((band, i) => {
    for (const line of band) {
      // A page number alone, or set far apart at the end of the line.
      const last = line.items[line.items.length - 1]!;
      const before = line.items[line.items.length - 2];
      const apart = before !== undefined && last.x - (before.x + before.width) >= 2 * line.size;
      if (isPageNumber(line.text, i + 1) || (apart && isPageNumber(last.str.trim(), i + 1))) drop.add(line);
    }
  });
  return pages.map((lines) => lines.filter((l) => !drop.has(l)));
}

/** The body's type size: the size most of the text is set in. */
export function bodySize(lines: readonly PdfLine[]): number {
  const weight = new Map<number, number>();
  for (const l of lines) {
    const key = Math.round(l.size * 2) / 2;
    weight.set(key, (weight.get(key) ?? 0) + l.text.length);
  }
  let best = 0;
  let most = -1;
  for (const [size, w] of weight) {
    if (w > most) {
      best = size;
      most = w;
    }
  }
  return best;
}

interface Note {
  number: number;
  lines: string[];
}

/** Whether a footnote line starts a footnote: its number set apart, or raised and small. */
function noteNumber(line: PdfLine): number | null {
  if (line.label !== null && /^\d{1,3}$/.test(line.label)) return Number(line.label);
  const first = line.items[0]!;
  if (/^\d{1,3}$/.test(first.str.trim()) && first.size <= MARKER_SIZE * line.size) return Number(first.str);
  return null;
}

/** Splits each page's lines into body and footnotes (small type at the foot of the page). */
export function splitFootnotes(
  pages: readonly PdfLine[][],
  size: number,
): { body: PdfLine[][]; notes: Note[] } {
  const notes: Note[] = [];
  const body = pages.map((lines) => {
    let s = lines.length;
    while (s > 0 && lines[s - 1]!.size <= SMALL_TYPE * size) s--;
    const block = lines.slice(s);
    if (block.length === 0) return lines;
    const first = noteNumber(block[0]!);
    if (first === null && notes.length === 0) return lines;
    for (const line of block) {
      const n = noteNumber(line);
      // The number set apart is the line's label; a raised one is its first item.
      if (n !== null)
        notes.push({ number: n, lines: [line.label !== null ? line.rest : joinItems(line.items.slice(1))] });
      else notes[notes.length - 1]!.lines.push(line.text);
    }
    return lines.slice(0, s);
  });
  return { body, notes };
}

function firstToken(text: string): string {
  const i = text.indexOf(' ');
  return i < 0 ? text : text.slice(0, i);
}

function lastToken(text: string): string {
  return text.slice(text.lastIndexOf(' ') + 1);
}

/** Joins a paragraph's lines: a space between, none after a slash, or what a line-end hyphen calls for. */
export function joinLines(lines: readonly string[], words: WordChecker): string {
  let text = '';
  for (const line of lines) {
    if (text.length === 0) text = line;
    else if (endsInWordHyphen(text) && /^[\p{L}\d«]/u.test(line)) {
      const decision = decideLineEndHyphen(lastToken(text).slice(0, -1), firstToken(line), words);
      if (decision === 'join') text = text.slice(0, -1) + line;
      else if (decision === 'hyphen') text += line;
      else text += ` ${line}`;
    } else if (endsInWordSlash(text)) text += line;
    else text += ` ${line}`;
  }
  return text;
}

/** Where a paragraph's lines after the first start: its second line, or the text after its first line's label. */
function indentOf(paragraph: readonly PdfLine[]): number {
  return paragraph[1]?.x ?? paragraph[0]!.textX;
}

/** Whether `next`, on the same page, goes on with the paragraph whose last line is `last`. */
function sameParagraph(paragraph: readonly PdfLine[], next: PdfLine): boolean {
  const last = paragraph[paragraph.length - 1]!;
  if (last.font !== next.font || Math.abs(last.size - next.size) > 0.25) return false;
  const delta = next.y - last.y;
  if (delta <= 0 || delta > PARAGRAPH_PITCH * last.size) return false;
  // A first line may be indented further than the rest.
  if (paragraph.length === 1 && last.label === null) return next.x <= last.x + SAME_PLACE;
  return Math.abs(next.x - indentOf(paragraph)) <= SAME_PLACE;
}

/** Joins the body's lines into paragraphs, across pages where a paragraph runs on. */
export function bodyParagraphs(pages: readonly PdfLine[][], size: number): PdfLine[][] {
  const all = pages.flat();
  let columnRight = 0;
  for (const l of all) if (Math.abs(l.size - size) <= 0.25) columnRight = Math.max(columnRight, l.right);
  const paragraphs: PdfLine[][] = [];
  let current: PdfLine[] | null = null;
  for (const line of all) {
    if (current) {
      const last = current[current.length - 1]!;
      const goesOn =
        line.page === last.page
          ? sameParagraph(current, line)
          : continuesOnNextPage(last, indentOf(current), line, columnRight);
      if (goesOn) {
        current.push(line);
        continue;
      }
    }
    current = [line];
    paragraphs.push(current);
  }
  return paragraphs;
}

/** The publication's text in the text layout, from its pages' lines. */
export function layoutText(pages: PdfLine[][], words: WordChecker): string {
  const size = bodySize(pages.flat());
  const kept = removeRunningLines(pages, size);
  const { body, notes } = splitFootnotes(kept, size);
  const texts = bodyParagraphs(body, size).map((p) =>
    joinLines(
      p.map((l) => l.text),
      words,
    ),
  );
  // The mark of a cut-off source closes the text, after the footnotes.
  const truncated = texts[texts.length - 1] === TRUNCATION_MARK;
  if (truncated) texts.pop();
  if (notes.length > 0) {
    texts.push('______');
    const sorted = [...notes].sort((a, b) => a.number - b.number);
    for (const n of sorted) texts.push(`${n.number} ${joinLines(n.lines, words)}`.trimEnd());
  }
  if (truncated) texts.push(TRUNCATION_MARK);
  return `${texts.join('\n\n')}\n`;
}
