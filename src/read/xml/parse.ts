// Safe parsing of an XML source: a size limit, no DOCTYPE at all (so no DTD, no external entities
// and no entity expansion), and every well-formedness error turned into a ReadError that says where.
import { DOMParser, type Document, type Element } from '@xmldom/xmldom';
import { ReadError } from '../errors.js';

/** The largest XML source read, in bytes (UTF-8) or characters. */
export const XML_SIZE_LIMIT = 20 * 1024 * 1024;

const ENCODINGS: Record<string, string> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'windows-1252': 'windows-1252',
  cp1252: 'windows-1252',
  'iso-8859-1': 'windows-1252',
  'iso-8859-15': 'iso-8859-15',
  latin1: 'windows-1252',
  'us-ascii': 'utf-8',
};

/** Decodes XML bytes by their declaration (`encoding="windows-1252"` occurs in KOOP files); UTF-8 otherwise. */
export function decodeXml(bytes: Uint8Array, limit = XML_SIZE_LIMIT): string {
  if (bytes.length > limit) throw tooLarge(bytes.length, limit);
  let start = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  const head = new TextDecoder('latin1').decode(bytes.subarray(start, start + 200));
  const declared = /^<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)?.[1]?.toLowerCase();
  const encoding = declared ? ENCODINGS[declared] : 'utf-8';
  if (!encoding) throw new ReadError('unreadable', `XML in an unsupported encoding: ${declared}`);
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes.subarray(start));
  } catch {
    throw new ReadError('unreadable', `the XML file is not valid ${encoding} text`);
  }
}

function tooLarge(size: number, limit: number): ReadError {
  const mb = (n: number): string => `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;
  return new ReadError('too-large', `the XML file is too large (${mb(size)}; at most ${mb(limit)})`);
}

/** Where in the source a construct starts: 1-based line and column. */
function position(text: string, index: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < index; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: index - lineStart + 1 };
}

/**
 * Parses XML text into a DOM, refusing what a publication never needs. Throws ReadError only.
 * A DOCTYPE is refused wherever it stands (even in a comment): KOOP publications carry none, and
 * refusing it outright means no DTD, entity declaration or external reference is ever processed.
 */
export function parseXml(text: string, limit = XML_SIZE_LIMIT): Document {
  if (text.length > limit) throw tooLarge(text.length, limit);
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (source.trim().length === 0) throw new ReadError('empty', 'the XML file is empty');
  const doctype = /<!DOCTYPE|<!ENTITY|<!ELEMENT|<!ATTLIST/i.exec(source);
  if (doctype) {
    const at = position(source, doctype.index);
    throw new ReadError(
      'unreadable',
      `the XML file has a DOCTYPE or DTD declaration (line ${at.line}, column ${at.column}); ` +
        'publications have none, and DTDs and entities are refused for safety',
      at.line,
    );
  }
  let problem: { message: string; line: number | null; column: number | null } | null = null;
  const parser = new DOMParser({
    locator: true,
    onError(level, message, context: { locator?: { lineNumber?: number; columnNumber?: number } }) {
      if (level === 'warning') return;
      const line = context?.locator?.lineNumber;
      const column = context?.locator?.columnNumber;
      problem = {
        message,
        line: typeof line === 'number' && line > 0 ? line : null,
        column: typeof column === 'number' && column > 0 ? column : null,
      };
      throw new Error(message);
    },
  });
  let doc: Document;
  try {
    doc = parser.parseFromString(source, 'text/xml');
  } catch (error) {
    const p = problem as { message: string; line: number | null; column: number | null } | null;
    const message = p?.message ?? (error instanceof Error ? error.message : String(error));
    const where = p?.line ? ` at line ${p.line}${p.column ? `, column ${p.column}` : ''}` : '';
    throw new ReadError('unreadable', `the XML is not well-formed${where}: ${message}`, p?.line ?? null);
  }
  if (!doc.documentElement) throw new ReadError('unreadable', 'the XML file has no root element');
  return doc;
}

/** The element children of a node, in order. */
export function childElements(node: Element): Element[] {
  const out: Element[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) if (c.nodeType === 1) out.push(c as Element);
  return out;
}

/** The local name of an element (KOOP uses no namespace; a prefix is ignored). */
export function nameOf(el: Element): string {
  return el.localName ?? el.nodeName;
}

export function firstChild(el: Element, name: string): Element | null {
  return childElements(el).find((c) => nameOf(c) === name) ?? null;
}

/** Every descendant element with this name, in document order. */
export function descendants(el: Element, name: string): Element[] {
  const out: Element[] = [];
  const walk = (node: Element): void => {
    for (const c of childElements(node)) {
      if (nameOf(c) === name) out.push(c);
      walk(c);
    }
  };
  walk(el);
  return out;
}

/** An element's text with whitespace collapsed. */
export function textOf(node: Element | null): string {
  return (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
}
