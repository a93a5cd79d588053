// The document's elements → paragraph texts in the text layout (src/render/layout.ts): one per block
// (p, h1–h6, li with its marker, a table row as its cells joined by " | "), footnote markers as bare
// numbers glued to their word. The text reader does the rest.

import { listLetter, romanNumeral } from '../list-numbers.js';
import {
  attr,
  childNodes,
  type Element,
  isElement,
  isText,
  type Node,
  parentElement,
  squash,
  textOf,
} from './dom.js';
import { GROUPING_ELEMENTS } from './elements.js';

export interface WalkPlan {
  /** Elements left out with all they hold. */
  skip: ReadonlySet<Element>;
  /** Footnote markers and the number each one shows. */
  markers: ReadonlyMap<Element, number>;
  /** Elements that stand for one paragraph of a given text instead of their own. */
  replace: ReadonlyMap<Element, string>;
  /** Text that opens an element's paragraph (a question's printed number before its first paragraph). */
  prefix?: ReadonlyMap<Element, string>;
}

const BLOCKS = new Set([
  ...GROUPING_ELEMENTS,
  'body',
  'caption',
  'html',
  'legend',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
]);

type Piece = string | { marker: number };

/** Drops `also` (white space, or white space and commas) from the end of the parts. */
function trimPartsEnd(parts: string[], also: RegExp): void {
  while (parts.length > 0) {
    const lastPart = parts[parts.length - 1]!.replace(also, '');
    if (lastPart.length > 0) {
      parts[parts.length - 1] = lastPart;
      return;
    }
    parts.pop();
  }
}

const NOT_SPACE_OR_COMMA = /[^\s,]/;
const TRAILING_SPACE = /\s+$/;
const TRAILING_SPACE_OR_COMMA = /[\s,]+$/;

/** Pieces → a paragraph's text: markers glued to the word before them, "1, 2" for markers side by side. */
function joinPieces(pieces: readonly Piece[]): string {
  // Text only (most paragraphs): one string.
  let text = '';
  let i = 0;
  for (; i < pieces.length; i++) {
    const piece = pieces[i]!;
    if (typeof piece !== 'string') break;
    text += piece;
  }
  if (i === pieces.length) return squash(text);
  // Parts, not one growing string: trimming before a marker must not rescan the text so far.
  const parts: string[] = text.length > 0 ? [text] : [];
  let afterMarker = false;
  for (; i < pieces.length; i++) {
    const piece = pieces[i]!;
    if (typeof piece === 'string') {
      parts.push(piece);
      if (NOT_SPACE_OR_COMMA.test(piece)) afterMarker = false;
    } else {
      trimPartsEnd(parts, afterMarker ? TRAILING_SPACE_OR_COMMA : TRAILING_SPACE);
      parts.push(afterMarker ? `, ${piece.marker}` : String(piece.marker));
      afterMarker = true;
    }
  }
  return squash(parts.join(''));
}

function ordinal(n: number, type: string): string {
  if ((type === 'a' || type === 'A') && n >= 1 && n <= 26) {
    const letter = listLetter(n);
    return `${type === 'A' ? letter.toUpperCase() : letter}.`;
  }
  if ((type === 'i' || type === 'I') && n >= 1 && n < 4000) {
    return `${type === 'I' ? romanNumeral(n).toUpperCase() : romanNumeral(n)}.`;
  }
  return `${n}.`;
}

/** The markers of a list's items as the layout prints them: '•' in a bullet list, '3.', 'c.' or 'iv.' in an ordered one. */
function itemMarkers(list: Element | null): Map<Element, string> {
  const out = new Map<Element, string>();
  const items = list
    ? childNodes(list)
        .filter(isElement)
        .filter((e) => e.name === 'li')
    : [];
  if (list?.name !== 'ol') {
    for (const li of items) out.set(li, '•');
    return out;
  }
  let n = Number(attr(list, 'start') ?? '1');
  if (!Number.isInteger(n)) n = 1;
  const type = attr(list, 'type') ?? '1';
  for (const li of items) {
    const value = Number(attr(li, 'value') ?? 'NaN');
    if (Number.isInteger(value)) n = value;
    out.set(li, ordinal(n, type));
    n++;
  }
  return out;
}

/** Whether an item's text already starts with its marker (a list styled without one, marker in the text). */
function hasOwnMarker(text: string, marker: string): boolean {
  return marker === '•' ? /^[•·▪◦‣●■–—-]\s/.test(text) : text.startsWith(`${marker} `);
}

/** The rows of a table, without those of tables inside it. */
function rowsOf(table: Element): Element[] {
  const rows: Element[] = [];
  const stack: Element[] = [table];
  while (stack.length > 0) {
    const el = stack.pop()!;
    for (const child of childNodes(el)) {
      if (!isElement(child)) continue;
      if (child.name === 'tr') rows.push(child);
      else if (child.name !== 'table') stack.push(child);
    }
  }
  return rows.reverse();
}

function cellsOf(row: Element): Element[] {
  return childNodes(row)
    .filter(isElement)
    .filter((c) => c.name === 'td' || c.name === 'th');
}

/** The text of an element as one line: blocks inside it become spaces, markers stay glued. */
function inlineText(root: Element, plan: WalkPlan): string {
  const pieces: Piece[] = [];
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (!isElement(node)) {
      if (isText(node)) pieces.push(node.data);
      continue;
    }
    if (node !== root && plan.skip.has(node)) continue;
    const marker = plan.markers.get(node);
    if (marker !== undefined) {
      pieces.push({ marker });
      continue;
    }
    if (BLOCKS.has(node.name) || node.name === 'br') pieces.push(' ');
    const kids = childNodes(node);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
  return joinPieces(pieces);
}

// On the walk's stack above an element: its children are done, leave it.
const LEAVE = { leave: true } as const;

/** What the plan says about one element. */
interface Special {
  skip: boolean;
  marker: number | undefined;
  replace: string | undefined;
  prefix: string | undefined;
}

/** The plan as one map: one look-up per element of the walk, not four. */
function specials(plan: WalkPlan): Map<Element, Special> {
  const out = new Map<Element, Special>();
  const of = (el: Element): Special => {
    let special = out.get(el);
    if (!special) {
      special = { skip: false, marker: undefined, replace: undefined, prefix: undefined };
      out.set(el, special);
    }
    return special;
  };
  for (const el of plan.skip) of(el).skip = true;
  for (const [el, marker] of plan.markers) of(el).marker = marker;
  for (const [el, text] of plan.replace) of(el).replace = text;
  if (plan.prefix) for (const [el, text] of plan.prefix) of(el).prefix = text;
  return out;
}

/** The paragraphs of the document's parts, in order. */
export function paragraphTexts(roots: readonly Element[], plan: WalkPlan): string[] {
  const out: string[] = [];
  const pieces: Piece[] = [];
  let itemMark: string | null = null;
  const lists = new Map<Element, Map<Element, string>>();
  const flush = (): void => {
    if (pieces.length === 0) return;
    const text = joinPieces(pieces);
    pieces.length = 0;
    if (text.length === 0) return;
    out.push(itemMark && !hasOwnMarker(text, itemMark) ? `${itemMark} ${text}` : text);
    itemMark = null;
  };

  const byElement = specials(plan);
  const stack: (Node | typeof LEAVE)[] = [];
  for (let i = roots.length - 1; i >= 0; i--) stack.push(roots[i]!);
  while (stack.length > 0) {
    const node = stack.pop()!;
    if ('leave' in node) {
      const left = stack.pop() as Element;
      flush();
      if (left.name === 'li') itemMark = null;
      continue;
    }
    if (!isElement(node)) {
      if (isText(node)) pieces.push(node.data);
      continue;
    }
    const special = byElement.get(node);
    if (special !== undefined) {
      if (special.skip) continue;
      const marker = special.marker;
      if (marker !== undefined) {
        pieces.push({ marker });
        continue;
      }
      const replacement = special.replace;
      if (replacement !== undefined) {
        flush();
        if (replacement.length > 0) out.push(replacement);
        continue;
      }
    }
    const tag = node.name;
    if (tag === 'br') {
      pieces.push(' ');
      continue;
    }
    if (tag === 'img') continue;
    if (tag === 'pre') {
      // Preformatted text keeps its lines; the text reader joins or splits them.
      flush();
      const lines = textOf(node, plan.skip)
        .split('\n')
        .map(squash)
        .filter((l) => l.length > 0);
      if (lines.length > 0) out.push(lines.join('\n'));
      continue;
    }
    if (tag === 'table') {
      const rows = rowsOf(node).map((row) => cellsOf(row));
      // A table for layout (one cell a row) holds blocks, not data: walk into it.
      if (rows.some((cells) => cells.length > 1)) {
        flush();
        const caption = childNodes(node).find((c) => isElement(c) && c.name === 'caption');
        if (caption && isElement(caption) && !plan.skip.has(caption)) {
          const text = inlineText(caption, plan);
          if (text.length > 0) out.push(text);
        }
        for (const cells of rows) {
          const text = squash(cells.map((c) => (plan.skip.has(c) ? '' : inlineText(c, plan))).join(' | '));
          if (/[^|\s]/.test(text)) out.push(text);
        }
        continue;
      }
    }
    const kids = childNodes(node);
    if (BLOCKS.has(tag)) {
      flush();
      const opening = special?.prefix;
      if (opening !== undefined) pieces.push(opening);
      if (tag === 'li') {
        const list = parentElement(node);
        let marks = list ? lists.get(list) : undefined;
        if (!marks) {
          marks = itemMarkers(list);
          if (list) lists.set(list, marks);
        }
        itemMark = marks.get(node) ?? '•';
      }
      stack.push(node, LEAVE);
    }
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
  flush();
  return out;
}
