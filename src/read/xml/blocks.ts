// KOOP body markup → the model's blocks: `al` paragraphs, `tussenkop` headings, `lijst`/`li` lists,
// CALS tables, and inline footnotes (`noot`, `nootref`) kept as markers where they stand.
import type { Element, Node } from '@xmldom/xmldom';
import type { Block, Inline, ListItem } from '../../model/publication.js';
import { childElements, descendants, firstChild, nameOf, textOf } from './parse.js';

export interface NoteText {
  number: number;
  text: string | null;
  line: number | null;
}

/** An `extref` as found: the target (`doc`), its kind (`soort`) and the text as printed. */
export interface ExtRef {
  doc: string;
  soort: string | null;
  text: string;
}

/** State shared while one publication's body is converted. */
export class BodyContext {
  readonly notes = new Map<number, NoteText>();
  private readonly ids = new Map<string, number>();
  private next = 1;
  /** Markers and extrefs seen since the last `take()`. */
  markers: number[] = [];
  extrefs: ExtRef[] = [];

  take(): { markers: number[]; extrefs: ExtRef[] } {
    const out = { markers: [...new Set(this.markers)], extrefs: this.extrefs };
    this.markers = [];
    this.extrefs = [];
    return out;
  }

  note(el: Element): number {
    const printed = Number.parseInt(textOf(firstChild(el, 'noot.nr')), 10);
    const number = Number.isInteger(printed) && printed > 0 ? printed : this.next;
    this.next = Math.max(this.next, number + 1);
    const id = el.getAttribute('id');
    if (id) this.ids.set(id, number);
    const paragraphs = childElements(el)
      .filter((c) => nameOf(c) !== 'noot.nr')
      .map((c) => textOf(c))
      .filter((t) => t.length > 0);
    const text = paragraphs.length > 0 ? paragraphs.join(' ') : null;
    for (const ref of descendants(el, 'extref')) {
      const doc = ref.getAttribute('doc');
      if (doc) this.extrefs.push({ doc, soort: ref.getAttribute('soort'), text: textOf(ref) });
    }
    if (!this.notes.has(number)) {
      this.notes.set(number, { number, text, line: lineOf(el) });
    }
    this.markers.push(number);
    return number;
  }

  noteRef(el: Element): number | null {
    const number = this.ids.get(el.getAttribute('refid') ?? '');
    if (number !== undefined) this.markers.push(number);
    return number ?? null;
  }
}

export function lineOf(node: Node): number | null {
  const line = (node as { lineNumber?: number }).lineNumber;
  return typeof line === 'number' && line > 0 ? line : null;
}

const BLOCK = new Set([
  'al',
  'tussenkop',
  'kop',
  'lijst',
  'table',
  'al-groep',
  'tekst',
  'vrije-tekst',
  'algemeen',
  'divisie',
  'noot.al',
  'li',
  'tekst-sluiting',
  'ondertekening',
  'box',
]);

/** Elements dropped from the body: markers the caller reads itself, and non-text. */
const SKIPPED = new Set(['nr', 'plaatje', 'illustratie', 'li.nr', 'noot.nr', 'meta', 'metadata']);

/** Inline content of an element: text with collapsed whitespace and footnote markers in place. */
export function inline(el: Element, ctx: BodyContext): Inline[] {
  const out: Inline[] = [];
  const push = (value: string): void => {
    const last = out[out.length - 1];
    if (last?.type === 'text') last.value += value;
    else out.push({ type: 'text', value });
  };
  const walk = (node: Element): void => {
    for (let c = node.firstChild; c; c = c.nextSibling) {
      if (c.nodeType === 3 || c.nodeType === 4) push(c.nodeValue ?? '');
      if (c.nodeType !== 1) continue;
      const e = c as Element;
      const name = nameOf(e);
      if (SKIPPED.has(name)) continue;
      if (name === 'noot') out.push({ type: 'footnoteRef', number: ctx.note(e) });
      else if (name === 'nootref') {
        const n = ctx.noteRef(e);
        if (n !== null) out.push({ type: 'footnoteRef', number: n });
      } else if (name === 'br') push(' ');
      else if (name === 'al' || name === 'li') {
        push(' ');
        walk(e);
        push(' ');
      } else {
        if (name === 'extref') {
          const doc = e.getAttribute('doc');
          if (doc) ctx.extrefs.push({ doc, soort: e.getAttribute('soort'), text: textOf(e) });
        }
        walk(e);
      }
    }
  };
  walk(el);
  // Collapse whitespace, drop empty text, trim the ends.
  const result: Inline[] = [];
  for (const node of out) {
    if (node.type === 'text') {
      const value = node.value.replace(/\s+/g, ' ');
      if (value.length > 0) result.push({ type: 'text', value });
    } else result.push(node);
  }
  const first = result[0];
  if (first?.type === 'text') first.value = first.value.trimStart();
  const last = result[result.length - 1];
  if (last?.type === 'text') last.value = last.value.trimEnd();
  return result.filter((n) => n.type !== 'text' || n.value.length > 0);
}

function listBlock(el: Element, ctx: BodyContext): Block {
  const type = el.getAttribute('type') ?? '';
  const items: ListItem[] = [];
  const addItems = (lijst: Element, depth: number): void => {
    let i = Number.parseInt(lijst.getAttribute('start') ?? '1', 10) || 1;
    for (const li of childElements(lijst).filter((c) => nameOf(c) === 'li')) {
      const printed = textOf(firstChild(li, 'li.nr'));
      const marker =
        printed || (lijst.getAttribute('type') === 'expliciet' || type === 'expliciet' ? `${i}.` : '•');
      const content: Inline[] = [];
      const nested: Element[] = [];
      for (const c of childElements(li)) {
        if (nameOf(c) === 'lijst') nested.push(c);
        else if (nameOf(c) !== 'li.nr') {
          const part = inline(c, ctx);
          if (part.length > 0 && content.length > 0) content.push({ type: 'text', value: ' ' });
          content.push(...part);
        }
      }
      // Text directly in <li> (no <al>) is read too.
      if (content.length === 0 && nested.length === 0) content.push(...inline(li, ctx));
      items.push({ marker: depth > 0 ? `${'  '.repeat(depth)}${marker}`.trimStart() : marker, content });
      for (const n of nested) addItems(n, depth + 1);
      i++;
    }
  };
  addItems(el, 0);
  const firstMarker = items[0]?.marker ?? '';
  const ordered = type === 'expliciet' || /^[0-9a-zA-Z]{1,4}[.)]?$/.test(firstMarker);
  return { type: 'list', ordered: ordered && !/^[•\-–*]$/.test(firstMarker), items };
}

function tableBlock(el: Element, ctx: BodyContext): Block {
  const rows: string[][] = [];
  for (const row of descendants(el, 'row')) {
    rows.push(
      childElements(row)
        .filter((c) => nameOf(c) === 'entry')
        .map((entry) => {
          let text = '';
          for (const n of inline(entry, ctx)) if (n.type === 'text') text += n.value;
          return text;
        }),
    );
  }
  return { type: 'table', header: descendants(el, 'thead').length > 0, rows };
}

/** The blocks of a container element (`vraag`, `antwoord`, `tekst`, …), in order. */
export function blocks(el: Element, ctx: BodyContext): Block[] {
  const out: Block[] = [];
  let run: Node[] = [];
  const flush = (): void => {
    if (run.length === 0) return;
    // Loose text and inline elements directly in the container form one paragraph.
    const holder = el.ownerDocument!.createElement('al');
    for (const n of run) holder.appendChild(n.cloneNode(true));
    const content = inline(holder, ctx);
    if (content.length > 0) out.push({ type: 'paragraph', content });
    run = [];
  };
  for (let c = el.firstChild; c; c = c.nextSibling) {
    if (c.nodeType === 3 || c.nodeType === 4) {
      if ((c.nodeValue ?? '').trim().length > 0) run.push(c);
      continue;
    }
    if (c.nodeType !== 1) continue;
    const e = c as Element;
    const name = nameOf(e);
    if (SKIPPED.has(name)) continue;
    if (!BLOCK.has(name)) {
      const hasBlockChild = childElements(e).some((x) => BLOCK.has(nameOf(x)));
      if (!hasBlockChild) {
        run.push(e);
        continue;
      }
    }
    flush();
    if (name === 'al') {
      const content = inline(e, ctx);
      if (content.length > 0) out.push({ type: 'paragraph', content });
    } else if (name === 'tussenkop' || name === 'kop') {
      const content = inline(e, ctx);
      if (content.length > 0) out.push({ type: 'heading', content });
    } else if (name === 'lijst') out.push(listBlock(e, ctx));
    else if (name === 'table') out.push(tableBlock(e, ctx));
    else out.push(...blocks(e, ctx));
  }
  flush();
  return out;
}
