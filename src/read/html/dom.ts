// The few DOM operations the HTML reader needs over parse5's tree. Every walk is iterative:
// a hostile page can nest elements tens of thousands deep, and recursion would overflow the stack.
import { type DefaultTreeAdapterTypes, parse } from 'parse5';
import { ReadError } from '../errors.js';

export type Node = DefaultTreeAdapterTypes.Node;
export type Element = DefaultTreeAdapterTypes.Element;
export type Document = DefaultTreeAdapterTypes.Document;

/** The largest page read, in characters: a publication's page is well under 5 MB. */
export const HTML_SIZE_LIMIT = 20 * 1024 * 1024;

// A page that ends with its </html> was not cut off.
const ENDS_WHOLE = /<\/html\s*>(?:\s|<!--[\s\S]*?-->)*$/i;

/**
 * Parses a page. Source locations tell whether an element was ever closed (a page cut off), but they
 * double the parse's cost: a page that ends with its </html> goes without them, and then no element
 * counts as left open.
 */
export function parseHtml(html: string): Document {
  if (html.length > HTML_SIZE_LIMIT) {
    const mb = (n: number): string => `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;
    throw new ReadError(
      'too-large',
      `the HTML page is too large (${mb(html.length)}; at most ${mb(HTML_SIZE_LIMIT)})`,
    );
  }
  try {
    return parse(html, { sourceCodeLocationInfo: !ENDS_WHOLE.test(html.slice(-4096)) });
  } catch (error) {
    // parse5 recovers from any markup error; what is left is exhaustion (memory, stack).
    const why = error instanceof Error ? error.message : String(error);
    throw new ReadError('unreadable', `the HTML page could not be parsed: ${why}`);
  }
}

export function isElement(node: Node): node is Element {
  return 'tagName' in node;
}

export function childNodes(node: Node): Node[] {
  if (node.nodeName === 'template' && 'content' in node) return node.content.childNodes;
  return 'childNodes' in node ? node.childNodes : [];
}

export function childElements(node: Node): Element[] {
  return childNodes(node).filter(isElement);
}

export function attr(el: Element, name: string): string | null {
  for (const a of el.attrs) if (a.name === name) return a.value;
  return null;
}

/** Whether the element's class list holds `name` (looked up in place: no list made). */
export function hasClass(el: Element, name: string): boolean {
  const value = attr(el, 'class');
  if (value === null) return false;
  for (let i = value.indexOf(name); i >= 0; i = value.indexOf(name, i + 1)) {
    const end = i + name.length;
    const before = i === 0 || isWhiteSpace(value.charCodeAt(i - 1));
    if (before && (end === value.length || isWhiteSpace(value.charCodeAt(end)))) return true;
  }
  return false;
}

/** Whether the character is white space as `\s` has it (and `trim`, and `split(/\s+/)`). */
export function isWhiteSpace(c: number): boolean {
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
    c === 160 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

export function parentElement(node: Node): Element | null {
  const parent = 'parentNode' in node ? node.parentNode : null;
  return parent && isElement(parent) ? parent : null;
}

/** The element itself or its nearest ancestor that matches. */
export function closest(el: Element, test: (e: Element) => boolean): Element | null {
  for (let e: Element | null = el; e; e = parentElement(e)) if (test(e)) return e;
  return null;
}

export function isInside(node: Node, ancestor: Element): boolean {
  for (let e: Node | null = node; e; e = 'parentNode' in e ? e.parentNode : null)
    if (e === ancestor) return true;
  return false;
}

/** Every element under `root` (root included) in document order. */
export function elements(root: Node): Element[] {
  const out: Element[] = [];
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (isElement(node)) out.push(node);
    const kids = childNodes(node);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
  return out;
}

/** All text under `node`, as written (no whitespace handling), skipping the elements in `skip`. */
export function textOf(node: Node, skip?: ReadonlySet<Element>): string {
  let out = '';
  const stack: Node[] = [node];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.nodeName === '#text' && 'value' in n) out += n.value;
    else if (isElement(n) && skip?.has(n)) continue;
    const kids = childNodes(n);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
  return out;
}

// Text that squash would change: white space other than a single space between words.
const UNSQUASHED = /[^\S ]| \s|^ | $/;

/** Text with its whitespace collapsed, as a reader sees it. */
export function squash(text: string): string {
  // Most text is squashed already: testing costs less than replacing, and makes no new string.
  return UNSQUASHED.test(text) ? text.replace(/\s+/g, ' ').trim() : text;
}

// Elements whose end tag HTML lets a page leave out, and those that have none.
const OPTIONAL_END = new Set([
  'html',
  'head',
  'body',
  'li',
  'dt',
  'dd',
  'p',
  'rt',
  'rp',
  'optgroup',
  'option',
  'colgroup',
  'caption',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'td',
  'th',
]);
const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'track',
  'wbr',
]);

/**
 * Whether the page left this element open where HTML requires its end tag (an article, a div, a
 * style): what a page cut off by the end of its source looks like.
 */
export function leftOpen(el: Element): boolean {
  if (OPTIONAL_END.has(el.tagName) || VOID.has(el.tagName)) return false;
  const location = el.sourceCodeLocation;
  return location !== null && location !== undefined && location.endTag === undefined;
}

/** Whether the source ends inside an element it never closed: the last element it opened, or one around it. */
export function endsOpen(all: readonly Element[]): boolean {
  let last: Element | null = null;
  for (const el of all) {
    // Elements the parser adds itself (an implied body) have no place in the source.
    const start = el.sourceCodeLocation?.startOffset;
    if (start !== undefined && (!last || start >= (last.sourceCodeLocation?.startOffset ?? 0))) last = el;
  }
  for (let el = last; el; el = parentElement(el)) if (leftOpen(el)) return true;
  return false;
}
