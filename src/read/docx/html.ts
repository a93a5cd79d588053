// mammoth's HTML → the document's paragraphs as the text layout prints them (src/render/layout.ts):
// one string a paragraph, list items with their marker, table rows as cells joined by " | ", footnote
// markers as the bare number after the word, and the footnotes at the end after a "______" line.
import { type DefaultTreeAdapterTypes, parseFragment } from 'parse5';

type Node = DefaultTreeAdapterTypes.ChildNode;
type Element = DefaultTreeAdapterTypes.Element;

const PARAGRAPHS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
/** Elements that hold blocks rather than text: an item's nested list, a cell's table. */
const CONTAINERS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ol', 'ul', 'table', 'dl', 'div']);
/** mammoth's ids: a note "footnote-3", its marker "footnote-ref-3" (endnotes likewise). */
const NOTE = /^(?:foot|end)note-(?!ref-)/;
const NOTE_REF = /^(?:foot|end)note-ref-/;

function isElement(node: Node): node is Element {
  return 'tagName' in node;
}

function attribute(el: Element, name: string): string | null {
  return el.attrs.find((a) => a.name === name)?.value ?? null;
}

function childElements(el: Element, ...tags: string[]): Element[] {
  return el.childNodes.filter((n): n is Element => isElement(n) && tags.includes(n.tagName));
}

function textContent(node: Node): string {
  if (node.nodeName === '#text' && 'value' in node) return node.value;
  return isElement(node) ? node.childNodes.map(textContent).join('') : '';
}

/** Whitespace collapsed as the text layout does, keeping the line breaks of <br>. */
function tidy(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line.length > 0)
    .join('\n');
}

/** A Word table as read: its rows' cells and the paragraph text each row became. */
export interface ReadTable {
  header: boolean;
  rows: string[][];
  texts: string[];
}

class Converter {
  readonly paragraphs: string[] = [];
  readonly tables: ReadTable[] = [];
  /** The number mammoth shows for each note, by the note's id ("footnote-3" → 1). */
  private readonly noteNumbers = new Map<string, number>();
  private readonly notes: { number: number; text: string }[] = [];

  /** The text of inline content: a footnote marker as its number, a line break as "\n". */
  inline(nodes: readonly Node[]): string {
    let out = '';
    for (const node of nodes) {
      if (!isElement(node)) {
        if (node.nodeName === '#text' && 'value' in node) out += node.value;
        continue;
      }
      if (node.tagName === 'br') out += '\n';
      else if (node.tagName === 'a' && NOTE_REF.test(attribute(node, 'id') ?? '')) {
        const shown = /\d+/.exec(textContent(node));
        const target = (attribute(node, 'href') ?? '').replace(/^#/, '');
        if (shown) {
          out += shown[0];
          this.noteNumbers.set(target, Number(shown[0]));
        }
      } else if (node.tagName === 'a' && NOTE_REF.test((attribute(node, 'href') ?? '').replace(/^#/, ''))) {
        // A note's link back to its marker ("↑").
      } else if (node.tagName !== 'img') out += this.inline(node.childNodes);
    }
    return out;
  }

  /** Appends the paragraphs of block content to `out`. */
  blocks(nodes: readonly Node[], out: string[] = this.paragraphs): void {
    const push = (text: string): void => {
      const tidied = tidy(text);
      if (tidied.length > 0) out.push(tidied);
    };
    let loose: Node[] = [];
    const flush = (): void => {
      if (loose.length > 0) push(this.inline(loose));
      loose = [];
    };
    for (const node of nodes) {
      if (!isElement(node) || !CONTAINERS.has(node.tagName)) {
        loose.push(node);
        continue;
      }
      flush();
      if (PARAGRAPHS.has(node.tagName)) push(this.inline(node.childNodes));
      else if (node.tagName === 'ol' || node.tagName === 'ul') this.list(node, out);
      else if (node.tagName === 'table') this.table(node, out);
      else if (node.tagName === 'div') this.blocks(node.childNodes, out);
      // <dl>: comments, which are not part of the text.
    }
    flush();
  }

  private list(el: Element, out: string[]): void {
    const items = childElements(el, 'li');
    if (items.length > 0 && items.every((li) => NOTE.test(attribute(li, 'id') ?? ''))) {
      for (const li of items) this.note(li);
      return;
    }
    const ordered = el.tagName === 'ol';
    let number = Number(attribute(el, 'start') ?? '1') || 1;
    for (const li of items) {
      const marker = ordered ? `${number++}.` : '-';
      // The item's own text, then any nested list or paragraphs in it as paragraphs of their own.
      const nested = li.childNodes.filter((n) => isElement(n) && CONTAINERS.has(n.tagName));
      let own = this.inline(li.childNodes.filter((n) => !nested.includes(n)));
      const [first] = nested;
      if (tidy(own).length === 0 && first && isElement(first) && PARAGRAPHS.has(first.tagName)) {
        own = this.inline(first.childNodes);
        nested.shift();
      }
      const text = tidy(`${marker} ${own}`);
      if (text.length > 0) out.push(text);
      this.blocks(nested, out);
    }
  }

  private table(el: Element, out: string[]): void {
    const rows = [
      ...childElements(el, 'tr'),
      ...childElements(el, 'thead', 'tbody', 'tfoot').flatMap((part) => childElements(part, 'tr')),
    ];
    const read: ReadTable = { header: false, rows: [], texts: [] };
    for (const [i, row] of rows.entries()) {
      const cellElements = childElements(row, 'td', 'th');
      const cells = cellElements.map((cell) => {
        const inner: string[] = [];
        this.blocks(cell.childNodes, inner);
        return tidy(inner.join(' ').replace(/\n/g, ' '));
      });
      const text = tidy(cells.join(' | '));
      if (text.length === 0) continue;
      if (i === 0) read.header = cellElements.length > 0 && cellElements.every((c) => c.tagName === 'th');
      out.push(text);
      read.rows.push(cells);
      read.texts.push(text);
    }
    // Only a table in the text itself, not one nested in a cell, can come back as a table block.
    if (out === this.paragraphs && read.rows.length > 0) this.tables.push(read);
  }

  private note(li: Element): void {
    const number = this.noteNumbers.get(attribute(li, 'id') ?? '');
    if (number === undefined) return;
    const parts: string[] = [];
    this.blocks(li.childNodes, parts);
    const text = tidy(parts.join(' ')).replace(/\n/g, ' ');
    // A Word footnote left empty is a marker whose text is unknown: the text layout prints no line for it.
    if (text.length > 0) this.notes.push({ number, text });
  }

  /** The footnotes as the text layout prints them after the body. */
  footnoteParagraphs(): string[] {
    if (this.notes.length === 0) return [];
    const sorted = [...this.notes].sort((a, b) => a.number - b.number);
    return ['______', ...sorted.map((n) => `${n.number} ${n.text}`)];
  }
}

/** The paragraphs of mammoth's HTML, footnotes last, as the text layout prints them; and its tables. */
export function htmlParagraphs(html: string): { paragraphs: string[]; tables: ReadTable[] } {
  const converter = new Converter();
  converter.blocks(parseFragment(html).childNodes);
  return {
    paragraphs: [...converter.paragraphs, ...converter.footnoteParagraphs()],
    tables: converter.tables,
  };
}
