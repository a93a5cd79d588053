// Footnotes in a page: the markers in the text (a superscript number, mostly a link to the note)
// and the notes they point to, wherever those stand. The text layout puts markers as bare numbers
// glued to their word and the notes at the end; blocks.ts and index.ts write them that way.
import {
  attr,
  childNodes,
  closest,
  type Element,
  elements,
  hasClass,
  isElement,
  isText,
  type Node,
  parentElement,
  shortText,
  squash,
  textOf,
} from './dom.js';
import type { TextSize } from './locate.js';

export interface PageFootnotes {
  /** Marker elements in the text, with the number each shows. */
  markers: Map<Element, number>;
  /** The notes, in page order. */
  notes: { number: number; text: string }[];
  /** What the flow of text leaves out: each note and what surrounds the notes ("Noten", a rule). */
  areas: Set<Element>;
}

const MARKER_TEXT = /^[[(]?(\d{1,3})[\])]?$/;
// A marker is a number in a few elements (a sup around a link): one that holds more nodes is none.
const MARKER_NODES = 32;
const NOTE_TAGS = new Set(['li', 'div', 'p', 'aside', 'section', 'dd', 'td', 'footer']);
const DOCUMENT_TAGS = new Set(['html', 'body', 'main', 'article']);
// A note is a sentence or a few; a longer "note" is the document itself (a stray link to #top).
const MAX_NOTE = 3000;
// What may surround the notes besides them: a heading "Noten", "X Noot" close buttons.
const AREA_SLACK = 24;

function targetOf(a: Element, byId: ReadonlyMap<string, Element>): Element | null {
  const href = attr(a, 'href');
  if (!href?.startsWith('#') || href.length < 2) return null;
  let id = href.slice(1);
  try {
    id = decodeURIComponent(id);
  } catch {
    // Keep the raw fragment.
  }
  return byId.get(id) ?? null;
}

const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

/** The note around a link target: the list item, paragraph or block that holds it. */
function noteAround(target: Element, size: TextSize): Element | null {
  const note = closest(target, (e) => NOTE_TAGS.has(e.name) || DOCUMENT_TAGS.has(e.name));
  if (!note || DOCUMENT_TAGS.has(note.name) || size.text(note) > MAX_NOTE) return null;
  // A part with a heading of its own (a question's section) is no note; "X Noot" closes one.
  const headed = elements(note).some((e) => HEADINGS.has(e.name) && !hasClass(e, 'note-close'));
  return headed ? null : note;
}

/** A note's own number element ("1" in a sup or span.nootnum), a back link, a close button. */
function noteChrome(note: Element, number: number, byId: ReadonlyMap<string, Element>): Set<Element> {
  const skip = new Set<Element>();
  let numbered = false;
  for (const el of elements(note)) {
    if (el === note) continue;
    if (hasClass(el, 'note-close') || hasClass(el, 'vb-noot-terug')) skip.add(el);
    else if (!numbered && (el.name === 'sup' || hasClass(el, 'nootnum'))) {
      if (squash(shortText(el, MARKER_NODES) ?? '') !== String(number)) continue;
      skip.add(el);
      numbered = true;
    } else if (
      el.name === 'a' &&
      targetOf(el, byId) &&
      !/[\p{L}\d]/u.test(shortText(el, MARKER_NODES) ?? 'x')
    )
      skip.add(el);
  }
  return skip;
}

/** Whether the element is a marker or lies in one (markers are small: a sup around a link). */
function withinMarker(el: Element, markers: ReadonlyMap<Element, number>): boolean {
  let e: Element | null = el;
  for (let depth = 0; e && depth < 4; depth++, e = parentElement(e)) if (markers.has(e)) return true;
  return false;
}

/**
 * Whether a numbered link looks like a note marker rather than a table of contents or a pager:
 * set in superscript, named for a note, or glued to the word before it ("toegevoegd.1").
 */
function markerLike(a: Element): boolean {
  if (parentElement(a)?.name === 'sup' || elements(a).some((e) => e.name === 'sup')) return true;
  const names = `${attr(a, 'class') ?? ''} ${attr(a, 'id') ?? ''} ${attr(a, 'href') ?? ''}`.toLowerCase();
  if (/note|noot|fn|footnote|cite/.test(names)) return true;
  const before = a.prev;
  return before !== null && isText(before) && /\S$/.test(before.data);
}

/** The elements in `el`'s subtree, itself included (as elements() lists them). */
function countElements(el: Element): number {
  let n = 0;
  const stack: Node[] = [el];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (!isElement(node)) continue;
    n++;
    for (const child of childNodes(node)) stack.push(child);
  }
  return n;
}

function numberOf(el: Element): number | null {
  const text = shortText(el, MARKER_NODES);
  const m = text === null ? null : MARKER_TEXT.exec(squash(text));
  return m ? Number(m[1]) : null;
}

export function findFootnotes(
  all: readonly Element[],
  chrome: ReadonlySet<Element>,
  size: TextSize,
): PageFootnotes {
  // Elements by id (and old-style anchors by name), made when a link first asks.
  let ids: Map<string, Element> | null = null;
  const byId = (): ReadonlyMap<string, Element> => {
    if (ids) return ids;
    ids = new Map<string, Element>();
    for (let i = all.length - 1; i >= 0; i--) {
      const el = all[i]!;
      const id = attr(el, 'id') ?? (el.name === 'a' ? attr(el, 'name') : null);
      if (id) ids.set(id, el);
    }
    return ids;
  };
  // Where each note's subtree ends in `all` (page order, a subtree in one run): "inside" in constant time.
  let position: Map<Element, number> | null = null;
  const ends = new Map<Element, number>();
  const endOf = (el: Element, at: number): number => {
    let end = ends.get(el);
    if (end === undefined) {
      end = at + countElements(el) - 1;
      ends.set(el, end);
    }
    return end;
  };
  const inside = (at: number, ancestor: Element): boolean => {
    if (!position) {
      position = new Map<Element, number>();
      for (let i = 0; i < all.length; i++) position.set(all[i]!, i);
    }
    const start = position.get(ancestor)!;
    return at > start && at <= endOf(ancestor, start);
  };
  const around = new Map<Element, Element | null>();
  const markers = new Map<Element, number>();
  const noteNumber = new Map<Element, number>();
  for (let i = 0; i < all.length; i++) {
    const el = all[i]!;
    if (chrome.has(el)) continue;
    const known = hasClass(el, 'vb-noot-ref') || (el.name === 'a' && hasClass(el, 'nootnum'));
    if (!known && el.name !== 'a') continue;
    const number = numberOf(el);
    if (number === null) continue;
    let note: Element | null = null;
    if (el.name === 'a') {
      if (!known && !markerLike(el)) continue;
      const target = targetOf(el, byId());
      if (target && !around.has(target)) around.set(target, noteAround(target, size));
      note = target ? (around.get(target) ?? null) : null;
      // A link back from a note to the text is no marker.
      if (note && inside(i, note)) continue;
      if (!note && !known) continue;
    }
    if (note && !noteNumber.has(note)) noteNumber.set(note, number);
    // The whole superscript is the marker when the link is all it holds.
    const parent = parentElement(el);
    const marker = parent?.name === 'sup' && numberOf(parent) === number ? parent : el;
    if (!withinMarker(marker, markers)) markers.set(marker, number);
  }

  // The notes in page order, none inside another: those markers point to, and the notes of our own
  // rendering and of the official site that no marker points to.
  const notes: { number: number; text: string }[] = [];
  const noteEls: Element[] = [];
  let insideNote = -1;
  for (let i = 0; i < all.length; i++) {
    const el = all[i]!;
    if (i <= insideNote) continue;
    let number = noteNumber.get(el);
    if (number === undefined && !chrome.has(el)) {
      if (el.name === 'li' && hasClass(el, 'vb-noot')) number = Number(attr(el, 'value'));
      else if (hasClass(el, 'voet') && hasClass(el, 'noot')) {
        const shown = elements(el).find((e) => hasClass(e, 'nootnum'));
        number = (shown && numberOf(shown)) ?? undefined;
      }
    }
    if (number === undefined || !Number.isInteger(number) || number <= 0) continue;
    insideNote = endOf(el, i);
    let text = squash(textOf(el, noteChrome(el, number, byId())));
    text = text.replace(new RegExp(`^${number}[.)]?\\s+`), '');
    notes.push({ number, text });
    noteEls.push(el);
  }
  // The notes' surroundings go too, as far up as they hold little else ("Noten", a rule).
  const areas = new Set<Element>(noteEls);
  const noteText = new Map<Element, number>();
  for (let i = all.length - 1; i >= 0; i--) {
    const el = all[i]!;
    const t = areas.has(el) ? size.text(el) : (noteText.get(el) ?? 0);
    const parent = parentElement(el);
    if (parent && t > 0) noteText.set(parent, (noteText.get(parent) ?? 0) + t);
  }
  for (const el of noteEls) {
    for (let a = parentElement(el); a && !DOCUMENT_TAGS.has(a.name); a = parentElement(a)) {
      if (areas.has(a) || size.text(a) - (noteText.get(a) ?? 0) > AREA_SLACK) break;
      areas.add(a);
    }
  }
  return { markers, notes, areas };
}
