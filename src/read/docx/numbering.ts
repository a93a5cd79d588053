// Word's list numbers. mammoth turns a numbered paragraph into an <li> and drops its number, so each <ol>
// counts from 1 again: questions numbered by Word ("1.", "Vraag 1"), interrupted by their answers, would
// all become question 1. Here the numbers are worked out as Word shows them (numbering.xml: the level's
// format, text and start; a list that restarts; a level restarting under a higher one), per paragraph.
import type { Document, Element } from '@xmldom/xmldom';
import { listLetter, romanNumeral } from '../list-numbers.js';
import { childElements, decodeXml, nameOf, parseXml } from '../xml/parse.js';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

interface Level {
  start: number;
  format: string;
  text: string;
}

interface Num {
  abstractId: string;
  /** Levels this list instance restarts at (w:lvlOverride/w:startOverride). */
  starts: Map<number, number>;
}

interface Definitions {
  abstracts: Map<string, Map<number, Level>>;
  nums: Map<string, Num>;
  /** Levels tied to a paragraph style (w:lvl/w:pStyle): style id → abstract and level. */
  styles: Map<string, { abstractId: string; level: number }>;
}

function child(el: Element | null | undefined, name: string): Element | null {
  if (!el) return null;
  return childElements(el).find((c) => nameOf(c) === name) ?? null;
}

function attr(el: Element | null | undefined, name: string): string | null {
  if (!el) return null;
  return el.getAttributeNS(W, name) ?? el.getAttribute(`w:${name}`);
}

const val = (el: Element | null | undefined): string | null => attr(el, 'val');

function integer(text: string | null, fallback: number): number {
  const n = text === null ? Number.NaN : Number.parseInt(text, 10);
  return Number.isFinite(n) ? n : fallback;
}

function readDefinitions(doc: Document): Definitions {
  const root = doc.documentElement!;
  const abstracts = new Map<string, Map<number, Level>>();
  const styles = new Map<string, { abstractId: string; level: number }>();
  for (const abs of childElements(root).filter((e) => nameOf(e) === 'abstractNum')) {
    const id = attr(abs, 'abstractNumId') ?? '';
    const levels = new Map<number, Level>();
    for (const lvl of childElements(abs).filter((e) => nameOf(e) === 'lvl')) {
      const level = integer(attr(lvl, 'ilvl'), 0);
      levels.set(level, {
        start: integer(val(child(lvl, 'start')), 1),
        format: val(child(lvl, 'numFmt')) ?? 'decimal',
        text: val(child(lvl, 'lvlText')) ?? '',
      });
      const style = val(child(lvl, 'pStyle'));
      if (style) styles.set(style, { abstractId: id, level });
    }
    abstracts.set(id, levels);
  }
  const nums = new Map<string, Num>();
  for (const num of childElements(root).filter((e) => nameOf(e) === 'num')) {
    const starts = new Map<number, number>();
    for (const override of childElements(num).filter((e) => nameOf(e) === 'lvlOverride')) {
      const start = val(child(override, 'startOverride'));
      if (start !== null) starts.set(integer(attr(override, 'ilvl'), 0), integer(start, 1));
    }
    nums.set(attr(num, 'numId') ?? '', { abstractId: val(child(num, 'abstractNumId')) ?? '', starts });
  }
  return { abstracts, nums, styles };
}

function formatNumber(n: number, format: string): string {
  switch (format) {
    case 'lowerLetter':
      return listLetter(n);
    case 'upperLetter':
      return listLetter(n).toUpperCase();
    case 'lowerRoman':
      return romanNumeral(n);
    case 'upperRoman':
      return romanNumeral(n).toUpperCase();
    case 'decimalZero':
      return String(n).padStart(2, '0');
    case 'none':
      return '';
    default:
      return String(n);
  }
}

/** The paragraphs mammoth reads, in document order: it skips deleted ones and the Choice of AlternateContent. */
function bodyParagraphs(doc: Document): Element[] {
  const body = child(doc.documentElement, 'body');
  const out: Element[] = [];
  if (!body) return out;
  const stack: Element[] = childElements(body).reverse();
  while (stack.length > 0) {
    const el = stack.pop()!;
    const name = nameOf(el);
    if (name === 'Choice' || name === 'del' || name === 'moveFrom') continue;
    if (name === 'p' && el.namespaceURI === W) {
      const deleted = child(child(child(el, 'pPr'), 'rPr'), 'del') !== null;
      if (!deleted) out.push(el);
    }
    const children = childElements(el);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return out;
}

/**
 * Each paragraph mammoth reads from word/document.xml, in order: undefined when it is not numbered,
 * else the number Word shows before it ('' for a level without one). Bullets are "-", as the text
 * layout prints them.
 */
export function paragraphNumbers(
  documentXml: Uint8Array,
  numberingXml: Uint8Array,
  limit: number,
): (string | undefined)[] {
  const defs = readDefinitions(parseXml(decodeXml(numberingXml, limit), limit));
  const doc = parseXml(decodeXml(documentXml, limit), limit);
  // Counters per list: a w:num that restarts counts on its own; others share their abstract list's.
  const counters = new Map<string, number[]>();
  return bodyParagraphs(doc).map((p) => {
    const pPr = child(p, 'pPr');
    const numPr = child(pPr, 'numPr');
    let abstractId: string;
    let level: number;
    let key: string;
    let num: Num | undefined;
    if (numPr) {
      const numId = val(child(numPr, 'numId'));
      num = numId === null ? undefined : defs.nums.get(numId);
      if (!num) return undefined;
      abstractId = num.abstractId;
      level = integer(val(child(numPr, 'ilvl')), 0);
      key = num.starts.size > 0 ? `num:${numId}` : `abstract:${abstractId}`;
    } else {
      const byStyle = defs.styles.get(val(child(pPr, 'pStyle')) ?? '');
      if (!byStyle) return undefined;
      ({ abstractId, level } = byStyle);
      key = `abstract:${abstractId}`;
    }
    const levels = defs.abstracts.get(abstractId);
    const def = levels?.get(level);
    if (!levels || !def) return undefined;
    const startOf = (l: number): number => num?.starts.get(l) ?? levels.get(l)?.start ?? 1;
    let count = counters.get(key);
    if (!count) {
      count = [];
      counters.set(key, count);
    }
    count[level] = count[level] === undefined ? startOf(level) : count[level]! + 1;
    count.length = level + 1; // A level counts afresh under each item of a higher one.
    if (def.format === 'bullet') return '-';
    return def.text.replace(/%([1-9])/g, (_, d: string) => {
      const l = Number(d) - 1;
      return formatNumber(count[l] ?? startOf(l), levels.get(l)?.format ?? 'decimal');
    });
  });
}

/** The part of mammoth's document tree this needs (its types leave the tree untyped). */
export interface MammothNode {
  type: string;
  children?: MammothNode[];
  numbering?: unknown;
  value?: string;
}

function mammothParagraphs(root: MammothNode): MammothNode[] {
  const out: MammothNode[] = [];
  const stack: MammothNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'paragraph') out.push(node);
    if (Array.isArray(node.children))
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
  return out;
}

/**
 * Puts Word's numbers into mammoth's tree as text ("3.", "Vraag 3", "b)") and takes the paragraphs
 * out of its lists. When the paragraphs read from document.xml do not line up one to one with
 * mammoth's, the tree is left as it is: mammoth's lists then number each from 1.
 */
export function applyNumbers(root: MammothNode, numbers: () => (string | undefined)[] | null): MammothNode {
  const paragraphs = mammothParagraphs(root);
  if (!paragraphs.some((p) => p.numbering)) return root;
  const markers = numbers();
  if (!markers || markers.length !== paragraphs.length) return root;
  if (paragraphs.some((p, i) => Boolean(p.numbering) !== (markers[i] !== undefined))) return root;
  paragraphs.forEach((p, i) => {
    const marker = markers[i];
    if (marker === undefined) return;
    p.numbering = null;
    if (marker.length > 0) p.children = [{ type: 'text', value: `${marker}\t` }, ...(p.children ?? [])];
  });
  return root;
}
