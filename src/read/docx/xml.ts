// A Word document's XML parts read as a stream of elements and text, with htmlparser2's tokenizer: no tree is
// built. Names come with the prefix Word uses for their namespace ("w:p", "w14:checkbox") whatever prefix the
// part declares, as mammoth (which this replaced) resolved them. The tokenizer itself is lenient; the part must
// still be well-formed as far as it matters here (each end tag matching its start tag, one root, nothing cut
// off), as Word always writes it: anything else is a damaged file, refused as xmldom refused it. htmlparser2's
// Parser is not used because it mends mismatched tags silently and looks each end tag up through all open ones.
import { type QuoteType, Tokenizer, type TokenizerCallbacks } from 'htmlparser2';
import { ReadError } from '../errors.js';

/** An element's attributes, valid only while the visitor's open() runs. */
export interface Attributes {
  get(name: string): string | undefined;
}

/** What a part's reader does with its elements and text. */
export interface XmlVisitor {
  open(name: string, attributes: Attributes): void;
  close(name: string): void;
  /** Text, possibly in several pieces; only given while `wantsText` is true (most text is whitespace or unread). */
  text(data: string): void;
  wantsText: boolean;
}

/** Deeper than any Word document nests (tables in tables included): a bound, so hostile input cannot recurse. */
const MAX_DEPTH = 1000;

/** The prefix each namespace this reader looks at is given, Transitional and Strict OOXML alike. */
const PREFIX = new Map<string, string>([
  ['http://schemas.openxmlformats.org/wordprocessingml/2006/main', 'w'],
  ['http://purl.oclc.org/ooxml/wordprocessingml/main', 'w'],
  ['http://schemas.microsoft.com/office/word/2010/wordml', 'w14'],
  ['http://schemas.openxmlformats.org/markup-compatibility/2006', 'mc'],
  ['urn:schemas-microsoft-com:vml', 'v'],
  ['http://schemas.openxmlformats.org/officeDocument/2006/relationships', 'r'],
  ['http://purl.oclc.org/ooxml/officeDocument/relationships', 'r'],
  ['http://schemas.openxmlformats.org/package/2006/relationships', 'pr'],
]);
const PREFIXES = new Set(PREFIX.values());

/**
 * The namespaces in force. In a "plain" scope every prefix already is the one this reader uses (or one it
 * does not know, for a namespace it does not know), so names need no rewriting: Word's own parts.
 */
interface Scope {
  plain: boolean;
  uris: Map<string, string>;
  /** Rewritten names, by the name as written. */
  names: Map<string, string>;
  /** The depth of the element that declared it. */
  depth: number;
}

/** Whether prefix → uri keeps a scope plain. */
function plainDeclaration(prefix: string, uri: string): boolean {
  const known = PREFIX.get(uri);
  if (prefix === '') return known === undefined;
  return known === prefix || (known === undefined && !PREFIXES.has(prefix));
}

/** Any character outside ASCII (a byte of a multi-byte UTF-8 sequence, in the one-byte-a-character text). */
const NOT_ASCII = /[\u0080-\u00ff]/;

/**
 * A part's text. UTF-8 (nearly every part) is tokenized as one byte a character, which is several times
 * faster to make than the decoded string; the markup is ASCII, so only the pieces this reader keeps (text,
 * attribute values) that hold other bytes are decoded, from their bytes. UTF-16 (a byte order mark) is decoded whole.
 */
class Source {
  readonly text: string;
  private readonly bytes: Buffer | null;
  private readonly offset: number;

  constructor(part: Uint8Array) {
    if ((part[0] === 0xff && part[1] === 0xfe) || (part[0] === 0xfe && part[1] === 0xff)) {
      this.text = new TextDecoder(part[0] === 0xff ? 'utf-16le' : 'utf-16be').decode(part.subarray(2));
      this.bytes = null;
      this.offset = 0;
      return;
    }
    this.offset = part[0] === 0xef && part[1] === 0xbb && part[2] === 0xbf ? 3 : 0;
    this.bytes = Buffer.from(part.buffer, part.byteOffset, part.byteLength);
    this.text = this.bytes.toString('latin1', this.offset, part.byteLength);
  }

  /** The text from start to end, decoded. */
  slice(start: number, end: number): string {
    const raw = this.text.slice(start, end);
    if (this.bytes === null || !NOT_ASCII.test(raw)) return raw;
    return this.bytes.toString('utf8', start + this.offset, end + this.offset);
  }
}

class Reader implements TokenizerCallbacks, Attributes {
  /** Open elements: their names as written (to match end tags) and as given to the visitor. */
  private readonly written: string[] = [];
  private readonly given: string[] = [];
  private readonly scopes: Scope[];
  private scope: Scope;
  private rootSeen = false;
  private readonly text: string;
  private tag = '';
  // The open tag's attributes: where each name is in the text, and its value (decoded when first asked for).
  private count = 0;
  private readonly nameStarts: number[] = [];
  private readonly nameEnds: number[] = [];
  private readonly valueStarts: number[] = [];
  private readonly valueEnds: number[] = [];
  /** A value with an entity in it, made as it is read; null for a plain slice of the text. */
  private readonly valueTexts: (string | null)[] = [];
  private valueStart = -1;
  private valueEnd = -1;
  private valueText: string | null = null;

  constructor(
    private readonly source: Source,
    private readonly part: string,
    private readonly visitor: XmlVisitor,
  ) {
    this.text = source.text;
    this.scope = {
      plain: true,
      uris: new Map([['xml', 'http://www.w3.org/XML/1998/namespace']]),
      names: new Map(),
      depth: 0,
    };
    this.scopes = [this.scope];
  }

  private damaged(why: string): ReadError {
    return new ReadError(
      'unreadable',
      `the Word document is damaged: ${this.part} is not well-formed XML (${why})`,
    );
  }

  private textAt(data: string): void {
    if (this.written.length === 0) {
      if (data.trim().length > 0) throw this.damaged('text outside the root element');
    } else if (this.visitor.wantsText) this.visitor.text(data);
  }

  ontext(start: number, endIndex: number): void {
    if (this.written.length > 0 && !this.visitor.wantsText) return;
    this.textAt(this.source.slice(start, endIndex));
  }

  ontextentity(codepoint: number): void {
    this.textAt(String.fromCodePoint(codepoint));
  }

  oncdata(start: number, endIndex: number, endOffset: number): void {
    this.textAt(this.source.slice(start, endIndex - endOffset));
  }

  onopentagname(start: number, endIndex: number): void {
    this.tag = this.text.slice(start, endIndex);
    this.count = 0;
  }

  onattribname(start: number, endIndex: number): void {
    this.nameStarts[this.count] = start;
    this.nameEnds[this.count] = endIndex;
    this.valueStart = -1;
    this.valueEnd = -1;
    this.valueText = null;
  }

  onattribdata(start: number, endIndex: number): void {
    if (this.valueText !== null) this.valueText += this.source.slice(start, endIndex);
    else if (this.valueStart < 0) {
      this.valueStart = start;
      this.valueEnd = endIndex;
    } else
      this.valueText = this.source.slice(this.valueStart, this.valueEnd) + this.source.slice(start, endIndex);
  }

  onattribentity(codepoint: number): void {
    const before =
      this.valueText ?? (this.valueStart < 0 ? '' : this.source.slice(this.valueStart, this.valueEnd));
    this.valueText = before + String.fromCodePoint(codepoint);
  }

  onattribend(_quote: QuoteType, _endIndex: number): void {
    const i = this.count++;
    this.valueStarts[i] = this.valueStart;
    this.valueEnds[i] = this.valueEnd;
    this.valueTexts[i] = this.valueText;
  }

  private value(i: number): string {
    const start = this.valueStarts[i]!;
    return this.valueTexts[i] ?? (start < 0 ? '' : this.source.slice(start, this.valueEnds[i]!));
  }

  private nameIs(i: number, name: string): boolean {
    const start = this.nameStarts[i]!;
    return this.nameEnds[i]! - start === name.length && this.text.startsWith(name, start);
  }

  /** The value of the open tag's attribute `name` (its namespace's prefix as this reader uses it). */
  get(name: string): string | undefined {
    const plain = this.scope.plain || !name.includes(':');
    for (let i = 0; i < this.count; i++) {
      if (plain ? this.nameIs(i, name) : this.prefixedName(i) === name) return this.value(i);
    }
    return undefined;
  }

  /** Attribute i's name rewritten; one without a prefix has no namespace, so it stays as it is. */
  private prefixedName(i: number): string {
    const raw = this.text.slice(this.nameStarts[i], this.nameEnds[i]);
    return raw.includes(':') ? this.rewrite(raw) : raw;
  }

  onopentagend(): void {
    this.openTag();
  }

  onselfclosingtag(): void {
    this.openTag();
    this.closeTag();
  }

  onclosetag(start: number, endIndex: number): void {
    const open = this.written[this.written.length - 1];
    if (open === undefined || endIndex - start !== open.length || !this.text.startsWith(open, start)) {
      const name = this.text.slice(start, endIndex);
      throw this.damaged(open === undefined ? `</${name}> closes nothing` : `</${name}> closes <${open}>`);
    }
    this.closeTag();
  }

  private openTag(): void {
    const depth = this.written.length;
    if (depth === 0 && this.rootSeen) throw this.damaged('more than one root element');
    if (depth >= MAX_DEPTH) throw this.damaged('nested too deeply');
    this.rootSeen = true;
    for (let i = 0; i < this.count; i++) {
      const start = this.nameStarts[i]!;
      // "xmlns" or "xmlns:prefix": a namespace declaration.
      if (this.text.startsWith('xmlns', start)) {
        const end = this.nameEnds[i]!;
        if (end === start + 5) this.declare('', this.value(i), depth + 1);
        else if (this.text.charCodeAt(start + 5) === 58)
          this.declare(this.text.slice(start + 6, end), this.value(i), depth + 1);
      }
    }
    const name = this.scope.plain ? this.tag : this.rewrite(this.tag);
    this.written.push(this.tag);
    this.given.push(name);
    this.visitor.open(name, this);
  }

  private closeTag(): void {
    const depth = this.written.length;
    this.written.pop();
    const name = this.given.pop()!;
    if (this.scope.depth === depth) {
      this.scopes.pop();
      this.scope = this.scopes[this.scopes.length - 1]!;
    }
    this.visitor.close(name);
  }

  private declare(prefix: string, uri: string, depth: number): void {
    let scope = this.scope;
    if (scope.depth !== depth) {
      scope = { plain: scope.plain, uris: new Map(scope.uris), names: new Map(), depth };
      this.scopes.push(scope);
      this.scope = scope;
    }
    scope.uris.set(prefix, uri);
    if (!plainDeclaration(prefix, uri)) scope.plain = false;
  }

  /** A name with the prefix its namespace is known by here (`{uri}` for others); undeclared prefixes kept. */
  private rewrite(name: string): string {
    const known = this.scope.names.get(name);
    if (known !== undefined) return known;
    const colon = name.indexOf(':');
    const uri = this.scope.uris.get(colon < 0 ? '' : name.slice(0, colon));
    const rewritten = uri ? `${PREFIX.get(uri) ?? `{${uri}}`}:${name.slice(colon + 1)}` : name;
    this.scope.names.set(name, rewritten);
    return rewritten;
  }

  oncomment(): void {}
  ondeclaration(): void {}
  onprocessinginstruction(): void {}

  onend(): void {
    const open = this.written[this.written.length - 1];
    if (open !== undefined) throw this.damaged(`it ends inside <${open}>: cut off`);
    if (!this.rootSeen) throw this.damaged('no root element');
  }
}

/** Reads a part, element by element; throws ReadError when it is not well-formed. */
export function readXml(part: Uint8Array, name: string, visitor: XmlVisitor): void {
  const source = new Source(part);
  const tokenizer = new Tokenizer({ xmlMode: true }, new Reader(source, name, visitor));
  tokenizer.write(source.text);
  tokenizer.end();
}
