// Text items → lines: items on one baseline, with raised footnote markers (smaller type a little above
// the baseline) taken into the line they belong to, and spaces where the gaps between items are.
import type { PageText, TextItem } from './extract.js';
import { type LineGeometry, MARKER_GAP, MARKER_RISE, MARKER_SIZE, WORD_GAP } from './rules.js';

export interface PdfLine extends LineGeometry {
  page: number;
  /** Baseline, from the top of the page. */
  y: number;
  /** The line's items, left to right (without items that are only white space). */
  items: TextItem[];
  text: string;
  /** A first item set apart from the rest (a list marker, a footnote's number), and where the rest starts. */
  label: string | null;
  textX: number;
  /** The text after the label (the whole text when there is none). */
  rest: string;
}

const RAISED_TEXT = /^[\d\s,*)]+$/;

function rightOf(item: TextItem): number {
  return item.x + item.width;
}

/** The text of items on one line: a space wherever the gap between two items is as wide as one. */
export function joinItems(items: readonly TextItem[]): string {
  let text = '';
  let prev: TextItem | null = null;
  for (const item of items) {
    if (prev) {
      const gap = item.x - rightOf(prev);
      if (gap > WORD_GAP * Math.max(prev.size, item.size)) text += ' ';
    }
    text += item.str;
    prev = item;
  }
  return text.replace(/\s+/g, ' ').trim();
}

function makeLine(page: number, items: TextItem[]): PdfLine {
  items.sort((a, b) => a.x - b.x);
  let main = items[0]!;
  for (const item of items) if (item.size > main.size + 0.01) main = item;
  const first = items[0]!;
  const second = items[1];
  const label = second && second.x - rightOf(first) > MARKER_GAP * main.size ? first : null;
  const text = joinItems(items);
  return {
    page,
    y: main.y,
    font: main.font,
    size: main.size,
    x: first.x,
    right: Math.max(...items.map(rightOf)),
    items,
    text,
    label: label ? label.str.trim() : null,
    textX: label ? second!.x : first.x,
    rest: label ? joinItems(items.slice(1)) : text,
  };
}

/** Groups a page's items into lines, top to bottom. */
export function pageLines(page: PageText): PdfLine[] {
  const items = page.items.filter((i) => i.str.trim().length > 0);
  items.sort((a, b) => a.y - b.y || a.x - b.x);
  // Rows: items whose baselines lie within a fraction of their size of each other.
  const rows: TextItem[][] = [];
  for (const item of items) {
    const row = rows[rows.length - 1];
    const base = row?.[0];
    if (row && base && Math.abs(item.y - base.y) <= 0.2 * Math.max(item.size, base.size)) row.push(item);
    else rows.push([item]);
  }
  // A row of small digits just above the next row's baseline is that row's raised markers.
  const merged: TextItem[][] = [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const below = rows[i + 1];
    if (below) {
      const size = Math.max(...below.map((t) => t.size));
      const baseline = below.find((t) => t.size === size)!.y;
      const raised = row.every(
        (t) =>
          t.size <= MARKER_SIZE * size &&
          baseline - t.y > 0 &&
          baseline - t.y <= MARKER_RISE * size &&
          RAISED_TEXT.test(t.str),
      );
      if (raised) {
        below.push(...row);
        continue;
      }
    }
    merged.push(row);
  }
  return merged.map((row) => makeLine(page.number, row));
}
