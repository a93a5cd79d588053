// The typographic rules by which the PDF reader tells lines, paragraphs, markers and footnotes apart.
// The PDF renderer (src/render/pdf.ts) lays its pages out by the same rules and checks its page breaks
// against them, so what it prints reads back as it was meant.

/** Lines of one paragraph stand at most this many times their font size apart (baseline to baseline). */
export const PARAGRAPH_PITCH = 1.6;
/** A gap between two text items wider than this (× font size) is a space between words. */
export const WORD_GAP = 0.2;
/** A gap after a line's first item wider than this (× font size) sets it apart as a marker ('•', '1.', a footnote's number). */
export const MARKER_GAP = 0.45;
/** Type at most this size (× the body size) at the foot of a page is a footnote. */
export const SMALL_TYPE = 0.9;
/** A raised marker: type at most this size (× its line's size) … */
export const MARKER_SIZE = 0.85;
/** … standing at most this far (× its line's size) above its line's baseline. */
export const MARKER_RISE = 0.6;
/**
 * A line is full when it reaches within this many times its font size of the column's right edge: the
 * next word did not fit on it, so a paragraph that ends a page on a full line goes on on the next page.
 */
export const FULL_LINE_SLACK = 5;
/**
 * Running heads and footers stand apart from the body: at least this many times the body size from the
 * nearest line (baseline to baseline), farther than any two lines of the body stand apart.
 */
export const RUNNING_GAP = 3.5;
/** Positions closer than this (points) are the same. */
export const SAME_PLACE = 1;

/** What the page-break rule knows of a line: its font, size and horizontal extent. */
export interface LineGeometry {
  font: string;
  size: number;
  /** Left edge of the line's first item. */
  x: number;
  /** Right edge of the line's last item. */
  right: number;
}

/**
 * Whether the paragraph whose last line on a page is `last` goes on with `next`, the first body line of
 * the next page. `indent` is where the paragraph's lines after its first start (its second line's x, or
 * the text after its first line's marker); `columnRight` the right edge of the body's fullest line.
 */
export function continuesOnNextPage(
  last: LineGeometry,
  indent: number,
  next: LineGeometry,
  columnRight: number,
): boolean {
  if (last.font !== next.font || Math.abs(last.size - next.size) > 0.25) return false;
  if (Math.abs(next.x - indent) > SAME_PLACE) return false;
  return isFull(last, columnRight);
}

export function isFull(line: LineGeometry, columnRight: number): boolean {
  return line.right >= columnRight - FULL_LINE_SLACK * line.size;
}

/** A line ending in a slash after a word ('innovatie/', a URL's 'nl/'): the next line goes on without a space. */
export function endsInWordSlash(text: string): boolean {
  return text.length > 1 && text.endsWith('/') && !/\s/.test(text[text.length - 2]!);
}

/** A line ending in a hyphen after a word ('Minis-', '2022-'): the hyphen may be a typesetter's break. */
export function endsInWordHyphen(text: string): boolean {
  return text.length > 1 && text.endsWith('-') && !/[\s-]/.test(text[text.length - 2]!);
}
