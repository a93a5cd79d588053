// A Word document's blocks → its paragraphs as the text layout prints them (src/render/layout.ts): one string
// a paragraph, a list item with its marker, a table row as its cells joined by " | ", a footnote marker as
// the bare number after the word, and the footnotes at the end after a "______" line. Word numbers notes in
// the order their references stand, footnotes and endnotes together.
import type { Block, ParagraphBlock, TableBlock } from './body.js';

/** A Word table as read: its rows' cells and the paragraph text each row became. */
export interface ReadTable {
  header: boolean;
  rows: string[][];
  texts: string[];
}

/** Whitespace other than single spaces: what tidy() changes, besides a space at either end. */
const UNTIDY = /[^\S ]| {2}/;

/** A run of whitespace that is not a single space (single spaces are left, which saves most replacements). */
const WHITESPACE = / \s+|[^\S ]\s*/g;

/** Whitespace collapsed as the text layout does, keeping line breaks. */
function tidy(text: string): string {
  const last = text.length - 1;
  if (last >= 0 && text.charCodeAt(0) !== 32 && text.charCodeAt(last) !== 32 && !UNTIDY.test(text))
    return text;
  return text
    .split('\n')
    .map((line) => line.replace(WHITESPACE, ' ').trim())
    .filter((line) => line.length > 0)
    .join('\n');
}

class Layout {
  readonly paragraphs: string[] = [];
  readonly tables: ReadTable[] = [];
  /** Each note reference in order: the note's key; its number is its place + 1. */
  readonly references: string[] = [];

  inline(p: ParagraphBlock): string {
    let out = p.marker ? `${p.marker}\t` : '';
    for (const part of p.content) {
      if (typeof part === 'string') out += part;
      else out += String(this.references.push(part.note));
    }
    return out;
  }

  /** Appends the paragraphs of blocks to `out`; a table is kept as one only in the body itself. */
  blocks(blocks: readonly Block[], out: string[], body: boolean): void {
    for (const block of blocks) {
      if (block.kind === 'table') {
        this.table(block, out, body);
        continue;
      }
      const text = tidy(this.inline(block));
      if (text.length > 0) out.push(text);
    }
  }

  private table(table: TableBlock, out: string[], body: boolean): void {
    const read: ReadTable = { header: false, rows: [], texts: [] };
    for (const [i, row] of table.rows.entries()) {
      const cells = row.cells.map((cell) => {
        const inner: string[] = [];
        this.blocks(cell, inner, false);
        return tidy(inner.join(' ').replace(/\n/g, ' '));
      });
      const text = tidy(cells.join(' | '));
      if (text.length === 0) continue;
      if (i === 0) read.header = row.header && cells.length > 0;
      out.push(text);
      read.rows.push(cells);
      read.texts.push(text);
    }
    if (body && read.rows.length > 0) this.tables.push(read);
  }
}

/**
 * The body's paragraphs, then its notes as the text layout prints them, and its tables. A note referenced
 * twice is printed under each number; a note without text (or missing) prints no line, its marker stays.
 */
export function layoutParagraphs(
  body: readonly Block[],
  notes: ReadonlyMap<string, readonly Block[]>,
): { paragraphs: string[]; tables: ReadTable[] } {
  const layout = new Layout();
  layout.blocks(body, layout.paragraphs, true);
  const lines: string[] = [];
  // References inside notes are numbered on, but their notes are not printed (nor were they before).
  const referenced = layout.references.length;
  for (let i = 0; i < referenced; i++) {
    const note = notes.get(layout.references[i]!);
    if (!note) continue;
    const parts: string[] = [];
    layout.blocks(note, parts, false);
    const text = tidy(parts.join(' ')).replace(/\n/g, ' ');
    if (text.length > 0) lines.push(`${i + 1} ${text}`);
  }
  const paragraphs = lines.length > 0 ? [...layout.paragraphs, '______', ...lines] : layout.paragraphs;
  return { paragraphs, tables: layout.tables };
}
