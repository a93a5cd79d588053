// The HTML reader's page: htmlparser2 parses it into domhandler's tree, given the shape HTML itself
// gives a page (one body, paragraphs ended by blocks, stray table parts ignored: see parseHtml), and
// the few DOM operations the reader needs over that tree. Every walk is iterative: a hostile page can
// nest elements tens of thousands deep, and recursion would overflow the stack.
import {
  type AnyNode,
  type ChildNode,
  type Document,
  DomHandler,
  Element,
  isDirective,
  isTag,
  isText as isTextNode,
  type ParentNode,
  type Text,
} from 'domhandler';
import { Parser } from 'htmlparser2';
import { ReadError } from '../errors.js';
import { GROUPING_ELEMENTS } from './elements.js';

export type Node = AnyNode;
export type { Document, Element };

/** The largest page read, in characters: a publication's page is well under 5 MB. */
export const HTML_SIZE_LIMIT = 20 * 1024 * 1024;

/**
 * htmlparser2 keeps its open elements in an array it shifts at the front: opening an element costs it
 * time in proportion to the nesting depth. The depths at which elements open are summed and held
 * under this: a second or two. A real page of 20 MB sums to some tens of millions; the tests' hostile
 * pages, nested 30 000 deep, to 450 million.
 */
const NESTING_WORK_LIMIT = 1e9;

/** Past this depth the builder keeps count of the open elements by name (see PageParser). */
const DEEP = 512;

// What HTML's input stream changes: carriage returns (to \n) and NUL characters (dropped from text).
const CR_OR_NUL = /[\r\0]/;

// A page that ends with its </html> was not cut off.
const ENDS_WHOLE = /<\/html\s*>(?:\s|<!--[\s\S]*?-->)*$/i;

/** A parsed page, with what tells whether it was cut off. */
export interface Page {
  document: Document;
  /**
   * Elements that need an end tag (an article, a div, a style) and got none of their own: the end of
   * the source closed them, or an end tag around them.
   */
  unclosed: ReadonlySet<Element>;
  /** The last element a start tag in the source opened. */
  last: Element | null;
}

const STRUCTURE = new Set(['html', 'head', 'body']);
const TABLE_PARTS = new Set(['caption', 'col', 'colgroup', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr']);

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

/** domhandler's tree builder, told by the parser which elements their own end tag closed. */
class PageBuilder extends DomHandler {
  readonly unclosed = new Set<Element>();
  last: Element | null = null;
  /** The html, head and body elements, in page order. */
  readonly structure: Element[] = [];
  /** The p elements, in page order. */
  readonly paragraphs: Element[] = [];
  /** Table rows, cells and sections opened outside any table. */
  readonly strayTableParts: Element[] = [];
  /** The open elements by (lower-case) name, kept once the page nests deeper than DEEP. */
  open: Map<string, number> | null = null;
  private tables = 0;
  private nestingWork = 0;

  constructor(private readonly track: boolean) {
    super();
  }

  override onopentag(name: string, attribs: { [name: string]: string }, implied?: boolean): void {
    const depth = this.tagStack.length;
    this.nestingWork += depth;
    if (this.nestingWork > NESTING_WORK_LIMIT)
      throw new ReadError('unreadable', 'the HTML page is too deeply nested to read');
    super.onopentag(name, attribs);
    const el = this.tagStack[depth] as Element;
    if (name === 'p') this.paragraphs.push(el);
    else if (STRUCTURE.has(name)) this.structure.push(el);
    else if (name === 'table') this.tables++;
    else if (this.tables === 0 && TABLE_PARTS.has(name)) this.strayTableParts.push(el);
    // An implied element (a <p> for a stray </p>) has no start tag in the source.
    if (this.track && !implied) this.last = el;
    if (this.open) count(this.open, name, 1);
    else if (depth > DEEP) {
      this.open = new Map();
      for (const e of this.tagStack) if (e instanceof Element) count(this.open, e.name, 1);
    }
  }

  override onclosetag(name?: string, implied?: boolean): void {
    const el = this.tagStack[this.tagStack.length - 1];
    super.onclosetag();
    if (!(el instanceof Element)) return;
    if (el.name === 'table') this.tables--;
    // Only where HTML requires the end tag (see leftOpen): a page of a million unclosed cells makes no big set.
    if (this.track && implied && !OPTIONAL_END.has(el.name) && !VOID.has(el.name)) this.unclosed.add(el);
    if (this.open) count(this.open, name ?? el.name, -1);
  }
}

function count(open: Map<string, number>, name: string, by: number): void {
  const key = name.toLowerCase();
  open.set(key, (open.get(key) ?? 0) + by);
}

/**
 * htmlparser2's parser, but for an end tag of an element that is not open on a deeply nested page:
 * htmlparser2 looks for it among all the open elements, so that ten thousand stray end tags 30 000
 * deep cost seconds, and then does nothing with it (but for </p> and </br>, which make an element).
 * Here it does nothing at once. The end tag callback is the tokenizer's, htmlparser2's own seam.
 */
class PageParser extends Parser {
  constructor(
    private readonly builder: PageBuilder,
    private readonly source: string,
  ) {
    super(builder);
  }

  override onclosetag(start: number, endIndex: number): void {
    const open = this.builder.open;
    if (open !== null) {
      const name = this.source.slice(start, endIndex).toLowerCase();
      if (name !== 'p' && name !== 'br' && !open.get(name)) {
        this.endIndex = endIndex;
        this.startIndex = endIndex + 1;
        return;
      }
    }
    super.onclosetag(start, endIndex);
  }
}

/**
 * Parses a page. Whether each element was closed by its own end tag tells a page cut off; a page that
 * ends with its </html> was not, and then no element counts as left open.
 */
export function parseHtml(source: string): Page {
  if (source.length > HTML_SIZE_LIMIT) {
    const mb = (n: number): string => `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;
    throw new ReadError(
      'too-large',
      `the HTML page is too large (${mb(source.length)}; at most ${mb(HTML_SIZE_LIMIT)})`,
    );
  }
  // As HTML's own input stream does: line ends as \n, and no NUL characters.
  let html = source;
  if (CR_OR_NUL.test(html)) html = html.replace(/\r\n?/g, '\n').replace(/\0/g, '');
  // Outside SVG and MathML, HTML ends "<![CDATA[" at the next ">", as a comment; htmlparser2 reads on
  // to "]]>", taking the rest of a page that has none. A processing instruction ends as HTML's does.
  if (html.includes('<![CDATA[')) html = html.replaceAll('<![CDATA[', '<?[CDATA[');
  // A page cut off inside a tag: HTML drops the tag; htmlparser2 keeps some of it as text ("<p" as "p").
  const lastTag = html.lastIndexOf('<');
  if (
    lastTag >= 0 &&
    html.indexOf('>', lastTag) < 0 &&
    /^<\/?[A-Za-z]/.test(html.slice(lastTag, lastTag + 3))
  )
    html = html.slice(0, lastTag);
  const builder = new PageBuilder(!ENDS_WHOLE.test(html.slice(-4096)));
  try {
    new PageParser(builder, html).end(html);
  } catch (error) {
    if (error instanceof ReadError) throw error;
    // htmlparser2 recovers from any markup error; what is left is exhaustion (memory, stack).
    const why = error instanceof Error ? error.message : String(error);
    throw new ReadError('unreadable', `the HTML page could not be parsed: ${why}`);
  }
  const document = builder.root;
  normalise(document, builder.structure);
  // HTML ignores a table's rows, cells and sections outside a table; htmlparser2 makes them elements.
  // (Below a stray one's parent, every table part is stray: it has no table around it.)
  dissolve(builder.strayTableParts, (el) => TABLE_PARTS.has(el.name));
  endParagraphs(builder.paragraphs);
  return { document, unclosed: builder.unclosed, last: builder.last };
}

// What HTML keeps in a page's head; anything else (text too) begins the body.
const HEAD_CONTENT = new Set([
  'base',
  'basefont',
  'bgsound',
  'link',
  'meta',
  'noscript',
  'script',
  'style',
  'template',
  'title',
]);

/** Whether the node stays in the head when it opens the page: head content, white space, a comment. */
function inHead(node: ChildNode): boolean {
  if (isTag(node)) return HEAD_CONTENT.has(node.name);
  return !isTextNode(node) || !/\S/.test(node.data);
}

/**
 * Gives the page HTML's own shape, which the reader counts on: one html holding a head and a body,
 * all content in the body. HTML ignores a second <html>, <head> or <body> (a page repeated, or its
 * head cut and repeated), ends the head at the first content, and puts content before <body> and after
 * </body> in the body; htmlparser2 keeps such tags as elements where they stand (and so content in a
 * head that never ended), and content where it stands. So every html, head and body element gives way
 * to what it holds, and the page is rebuilt around its first ones.
 */
function normalise(document: Document, structure: readonly Element[]): void {
  const first = (name: string): Element => structure.find((el) => el.name === name) ?? new Element(name, {});
  const html = first('html');
  const head = first('head');
  const body = first('body');
  dissolve(structure, (el) => STRUCTURE.has(el.name));
  const top = document.children;
  let start = 0;
  while (start < top.length && inHead(top[start]!)) start++;
  const doctypes = top.filter((n) => isDirective(n));
  setChildren(
    head,
    top.slice(0, start).filter((n) => !isDirective(n)),
  );
  setChildren(body, top.slice(start));
  setChildren(html, [head, body]);
  setChildren(document, [...doctypes, html]);
}

/**
 * Replaces each of `found` for which `gone` holds by what it holds: each parent (one that stays) gets
 * its children with them spliced in, once, at any depth.
 */
function dissolve(found: readonly Element[], gone: (el: Element) => boolean): void {
  const parents = new Set<ParentNode>();
  for (const el of found) {
    const parent = el.parent;
    if (parent && !(isTag(parent) && gone(parent))) parents.add(parent);
  }
  for (const parent of parents) setChildren(parent, spliced(parent.children, gone));
}

// The elements that end a paragraph they open in, as HTML has them; htmlparser2 ends a paragraph on
// most of them, but not on li, dd, dt and a few more, nor where an html or body element stood between.
const ENDS_P = new Set([...GROUPING_ELEMENTS, 'listing', 'plaintext', 'pre', 'search', 'xmp']);

/**
 * A paragraph holding a block that ends paragraphs ends before it: the block and what follows go after
 * the paragraph. From the last paragraph to the first (one inside another's tail is done first), and
 * each parent's children rebuilt once (a page may hold a million such paragraphs side by side).
 */
function endParagraphs(paragraphs: readonly Element[]): void {
  const pending = new Map<ParentNode, Map<Element, ChildNode[]>>();
  const flush = (parent: ParentNode): void => {
    const tails = pending.get(parent);
    if (!tails) return;
    pending.delete(parent);
    const out: ChildNode[] = [];
    for (const child of parent.children) {
      out.push(child);
      const tail = isTag(child) ? tails.get(child) : undefined;
      if (tail) for (const node of tail) out.push(node);
    }
    setChildren(parent, out);
  };
  for (let i = paragraphs.length - 1; i >= 0; i--) {
    const p = paragraphs[i]!;
    flush(p);
    const parent = p.parent;
    const end = p.children.findIndex((n) => isTag(n) && ENDS_P.has(n.name));
    if (!parent || end < 0) continue;
    let tails = pending.get(parent);
    if (!tails) {
      tails = new Map();
      pending.set(parent, tails);
    }
    tails.set(p, p.children.slice(end));
    setChildren(p, p.children.slice(0, end));
  }
  for (const parent of [...pending.keys()]) flush(parent);
}

/** The nodes with every element for which `gone` holds (at any depth) replaced by what it holds. */
function spliced(nodes: readonly ChildNode[], gone: (el: Element) => boolean): ChildNode[] {
  const out: ChildNode[] = [];
  const lists: (readonly ChildNode[])[] = [nodes];
  const at: number[] = [0];
  while (lists.length > 0) {
    const list = lists[lists.length - 1]!;
    const i = at[at.length - 1]!;
    if (i === list.length) {
      lists.pop();
      at.pop();
      continue;
    }
    at[at.length - 1] = i + 1;
    const node = list[i]!;
    const last = out[out.length - 1];
    if (isTag(node) && gone(node)) {
      lists.push(node.children);
      at.push(0);
    } else if (isTextNode(node) && last !== undefined && isTextNode(last)) {
      // Text that met text where an element gave way is one text, as HTML makes it.
      last.data += node.data;
    } else out.push(node);
  }
  return out;
}

/** Makes `nodes` the children of `parent`, linked as siblings (all at once: a page may have a million). */
function setChildren(parent: ParentNode, nodes: ChildNode[]): void {
  parent.children = nodes;
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i]!;
    node.parent = parent;
    node.prev = nodes[i - 1] ?? null;
    node.next = nodes[i + 1] ?? null;
  }
}

export function isElement(node: Node): node is Element {
  return isTag(node);
}

export function isText(node: Node): node is Text {
  return isTextNode(node);
}

const NO_CHILDREN: readonly ChildNode[] = [];

export function childNodes(node: Node): readonly ChildNode[] {
  return 'children' in node ? node.children : NO_CHILDREN;
}

export function childElements(node: Node): Element[] {
  return childNodes(node).filter(isElement);
}

export function attr(el: Element, name: string): string | null {
  return el.attribs[name] ?? null;
}

/** Whether the element's class list holds `name` (looked up in place: no list made). */
export function hasClass(el: Element, name: string): boolean {
  const value = el.attribs.class;
  if (value === undefined) return false;
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
  const parent = node.parent;
  return parent && isTag(parent) ? parent : null;
}

/** The element itself or its nearest ancestor that matches. */
export function closest(el: Element, test: (e: Element) => boolean): Element | null {
  for (let e: Element | null = el; e; e = parentElement(e)) if (test(e)) return e;
  return null;
}

export function isInside(node: Node, ancestor: Element): boolean {
  for (let e: Node | null = node; e; e = e.parent) if (e === ancestor) return true;
  return false;
}

/** Every element under `root` (root included) in document order. */
export function elements(root: Node): Element[] {
  const out: Element[] = [];
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (isTag(node)) out.push(node);
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
    if (isTextNode(n)) out += n.data;
    else if (isTag(n) && skip?.has(n)) continue;
    const kids = childNodes(n);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
  return out;
}

/**
 * The text under `el` when it holds at most `most` nodes, else null: a link's or a marker's text, which
 * is short, without reading all of a link that holds much (links nested ten thousand deep).
 */
export function shortText(el: Element, most: number): string | null {
  let out = '';
  let seen = 0;
  const stack: Node[] = [el];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (++seen > most) return null;
    if (isTextNode(n)) out += n.data;
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

/**
 * Whether the page left this element open where HTML requires its end tag (an article, a div, a
 * style): what a page cut off by the end of its source looks like.
 */
export function leftOpen(page: Page, el: Element): boolean {
  return page.unclosed.has(el);
}

/** Whether the source ends inside an element it never closed: the last element it opened, or one around it. */
export function endsOpen(page: Page): boolean {
  for (let el = page.last; el; el = parentElement(el)) if (leftOpen(page, el)) return true;
  return false;
}
