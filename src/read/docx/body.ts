// A story of a Word document (the body of word/document.xml, or one footnote or endnote) → its blocks:
// paragraphs as text with their list marker and note references, tables as rows of cells. What counts as
// text follows mammoth, which the reader used before, element for element (mammoth 1.13, lib/docx/
// body-reader.js): runs, w:t, tabs and line breaks, symbols, non-breaking and soft hyphens; inserted and
// moved-to text, hyperlinks, smart tags, custom XML, content controls and the fallback of alternate content
// are read through; deleted and moved-from text, field codes, the choice of alternate content, drawings,
// comments and properties are not; a paragraph whose mark is deleted joins the next one; a text box's
// paragraphs follow the paragraph that holds it; a deleted table row is left out, and a cell merged into the
// one above (w:vMerge) too. Any element not named here is left out with all it holds, as mammoth did.
// Where mammoth lost text this reads it: a simple field's result (w:fldSimple), w:dir/w:bdo, w:cr and page or
// column breaks as line breaks, w:ptab as a tab, the text of a paragraph whose deleted mark ends its story.
import { hex as dingbat } from 'dingbat-to-unicode';
import type { ListCounters } from './numbering.js';
import type { Attributes, XmlVisitor } from './xml.js';

/** A footnote or endnote reference: the note's key, "footnote-3" or "endnote-1". */
export interface NoteRef {
  note: string;
}

export type Inline = string | NoteRef;

export interface ParagraphBlock {
  kind: 'paragraph';
  /** Word's list marker ('' for a level that shows none); undefined when not numbered. */
  marker: string | undefined;
  content: Inline[];
}

export interface TableBlock {
  kind: 'table';
  rows: { header: boolean; cells: Block[][] }[];
}

export type Block = ParagraphBlock | TableBlock;

interface ParagraphFrame {
  kind: 'paragraph';
  content: Inline[];
  /** Text since the last note reference, added to content when one comes or the paragraph ends. */
  text: string;
  marker: string | undefined;
  style: string | null;
  numId: string | null;
  ilvl: string | null;
  deleted: boolean;
  /** Whether its w:pPr was read (a second one is not). */
  hasProperties: boolean;
  /** Text boxes' blocks, which follow the paragraph. */
  extras: Block[];
}

interface StoryFrame {
  kind: 'story';
  blocks: Block[];
  /** Runs outside any paragraph, which become one paragraph (as mammoth's HTML did). */
  loose: ParagraphFrame | null;
}

interface CellFrame {
  kind: 'cell';
  blocks: Block[];
  loose: ParagraphFrame | null;
  /** w:vMerge continuing the cell above. */
  merged: boolean;
  span: number;
}

interface RowFrame {
  kind: 'row';
  cells: CellFrame[];
  header: boolean;
  deleted: boolean;
  irregular: boolean;
  /** The frame content standing directly in it goes to (see sink()). */
  sink: number;
}

interface TableFrame {
  kind: 'table';
  rows: RowFrame[];
  /** Something other than rows (or cells) in it, such as a bookmark: mammoth then merged no cells. */
  irregular: boolean;
  sink: number;
}

type Frame = ParagraphFrame | StoryFrame | CellFrame | RowFrame | TableFrame;

// What an element is (on opening) and what closing it does.
const SKIP = 0;
const THROUGH = 1;
const PARAGRAPH = 2;
const PARAGRAPH_PROPERTIES = 3;
const TEXT = 4;
const TAB = 5;
const BREAK = 6;
const CARRIAGE_RETURN = 7;
const NO_BREAK_HYPHEN = 8;
const SOFT_HYPHEN = 9;
const SYMBOL = 10;
const FOOTNOTE = 11;
const ENDNOTE = 12;
const TABLE = 13;
const ROW = 14;
const ROW_PROPERTIES = 15;
const CELL = 16;
const CELL_PROPERTIES = 17;
const BOOKMARK = 18;
const CONTENT_CONTROL = 19;
const CONTENT_CONTROL_PROPERTIES = 20;
const CONTENT_CONTROL_CONTENT = 21;
const STORY = 22;
const NUMBERING_PROPERTIES = 23;
const MARK_PROPERTIES = 24;

const ELEMENTS = new Map<string, number>([
  ['w:p', PARAGRAPH],
  ['w:pPr', PARAGRAPH_PROPERTIES],
  ['w:r', THROUGH],
  ['w:hyperlink', THROUGH],
  ['w:ins', THROUGH],
  ['w:moveTo', THROUGH],
  ['w:smartTag', THROUGH],
  ['w:customXml', THROUGH],
  ['w:fldSimple', THROUGH],
  ['w:dir', THROUGH],
  ['w:bdo', THROUGH],
  ['mc:AlternateContent', THROUGH],
  ['mc:Fallback', THROUGH],
  ['w:pict', THROUGH],
  ['w:object', THROUGH],
  ['v:shape', THROUGH],
  ['v:textbox', THROUGH],
  ['v:roundrect', THROUGH],
  ['v:group', THROUGH],
  ['v:rect', THROUGH],
  ['w:txbxContent', THROUGH],
  ['w:t', TEXT],
  ['w:tab', TAB],
  ['w:ptab', TAB],
  ['w:br', BREAK],
  ['w:cr', CARRIAGE_RETURN],
  ['w:noBreakHyphen', NO_BREAK_HYPHEN],
  ['w:softHyphen', SOFT_HYPHEN],
  ['w:sym', SYMBOL],
  ['w:footnoteReference', FOOTNOTE],
  ['w:endnoteReference', ENDNOTE],
  ['w:tbl', TABLE],
  ['w:tr', ROW],
  ['w:trPr', ROW_PROPERTIES],
  ['w:tc', CELL],
  ['w:tcPr', CELL_PROPERTIES],
  ['w:bookmarkStart', BOOKMARK],
  ['w:sdt', CONTENT_CONTROL],
  ['w:sdtPr', CONTENT_CONTROL_PROPERTIES],
  ['w:sdtContent', CONTENT_CONTROL_CONTENT],
]);

/** Properties this reads, each in the properties element it belongs to (anything else in them is skipped). */
const PROPERTIES = new Map<number, ReadonlySet<string>>([
  [PARAGRAPH_PROPERTIES, new Set(['w:pStyle', 'w:numPr', 'w:rPr'])],
  [NUMBERING_PROPERTIES, new Set(['w:ilvl', 'w:numId'])],
  [MARK_PROPERTIES, new Set(['w:del'])],
  [ROW_PROPERTIES, new Set(['w:del', 'w:tblHeader'])],
  [CELL_PROPERTIES, new Set(['w:gridSpan', 'w:vMerge'])],
  [CONTENT_CONTROL_PROPERTIES, new Set(['w14:checkbox'])],
]);

const off = (value: string | undefined): boolean => value === '0' || value === 'false' || value === 'off';

function paragraph(): ParagraphFrame {
  return {
    kind: 'paragraph',
    content: [],
    text: '',
    marker: undefined,
    style: null,
    numId: null,
    ilvl: null,
    deleted: false,
    hasProperties: false,
    extras: [],
  };
}

function finish(p: ParagraphFrame): ParagraphBlock {
  if (p.text.length > 0) {
    p.content.push(p.text);
    p.text = '';
  }
  return { kind: 'paragraph', marker: p.marker, content: p.content };
}

/**
 * Reads stories out of a part: `story` says which elements are one (w:body in word/document.xml, w:footnote
 * in footnotes.xml), `done` receives each story's blocks.
 */
export class StoryReader implements XmlVisitor {
  wantsText = false;
  private depth = 0;
  /** The depth of the element being skipped with all it holds; 0 when none. */
  private skipping = 0;
  /** What closing the element at each depth does. */
  private readonly closers: number[] = [];
  private readonly frames: Frame[] = [];
  /** The properties element being read (PARAGRAPH_PROPERTIES …); 0 outside one. */
  private properties = 0;
  /** The text of the w:t being read. */
  private buffer = '';
  /** A paragraph whose mark is deleted: its content starts the next paragraph. */
  private pending: ParagraphFrame | null = null;
  /** Open content controls: whether each is a checkbox, and how many texts were to be dropped before it. */
  private readonly controls: { checkbox: boolean; dropsBefore: number }[] = [];
  /** Texts still to drop: a checkbox content control's first text is its box, not text (as mammoth has it). */
  private drops = 0;
  /** The open story's key. */
  private key = '';

  constructor(
    /** Which elements are a story: its key ("footnote-3"), or null for an element that is none. */
    private readonly story: (name: string, depth: number, attributes: Attributes) => string | null,
    private readonly done: (blocks: Block[], key: string) => void,
    private readonly counters: ListCounters | null,
  ) {}

  open(name: string, a: Attributes): void {
    const depth = ++this.depth;
    if (this.skipping > 0) return;
    if (this.frames.length === 0) {
      const key = this.story(name, depth, a);
      if (key !== null) {
        this.key = key;
        this.frames.push({ kind: 'story', blocks: [], loose: null });
        this.closers[depth] = STORY;
      } else if (depth === 1) this.closers[depth] = THROUGH;
      else this.skipping = depth;
      return;
    }
    if (this.properties !== 0) {
      this.property(name, a, depth);
      return;
    }
    const code = ELEMENTS.get(name) ?? SKIP;
    this.closers[depth] = code;
    switch (code) {
      case SKIP:
        this.skipping = depth;
        return;
      case PARAGRAPH:
        this.openParagraph();
        return;
      case PARAGRAPH_PROPERTIES:
        if (this.closers[depth - 1] === PARAGRAPH && !(this.top() as ParagraphFrame).hasProperties) {
          (this.top() as ParagraphFrame).hasProperties = true;
          this.properties = PARAGRAPH_PROPERTIES;
        } else this.skipping = depth;
        return;
      case TEXT:
        this.buffer = '';
        this.wantsText = true;
        return;
      case TAB:
        this.add('\t');
        break;
      case BREAK: {
        const type = a.get('w:type');
        if (type === undefined || type === 'textWrapping' || type === 'page' || type === 'column')
          this.add('\n');
        break;
      }
      case CARRIAGE_RETURN:
        this.add('\n');
        break;
      case NO_BREAK_HYPHEN:
        this.addText('\u2011');
        break;
      case SOFT_HYPHEN:
        this.addText('\u00ad');
        break;
      case SYMBOL:
        this.symbol(a.get('w:font'), a.get('w:char'));
        break;
      case FOOTNOTE:
        this.reference(`footnote-${a.get('w:id')}`);
        break;
      case ENDNOTE:
        this.reference(`endnote-${a.get('w:id')}`);
        break;
      case TABLE:
        // A table standing directly in a table or row makes that one irregular (sink() marks it).
        this.frames.push({ kind: 'table', rows: [], irregular: false, sink: this.sink() });
        return;
      case ROW:
        if (this.top().kind === 'table')
          this.frames.push({
            kind: 'row',
            cells: [],
            header: false,
            deleted: false,
            irregular: false,
            sink: (this.top() as TableFrame).sink,
          });
        else this.closers[depth] = THROUGH;
        return;
      case CELL:
        if (this.top().kind === 'row')
          this.frames.push({ kind: 'cell', blocks: [], loose: null, merged: false, span: 1 });
        else this.closers[depth] = THROUGH;
        return;
      case ROW_PROPERTIES:
      case CELL_PROPERTIES: {
        const owner = code === ROW_PROPERTIES ? ROW : CELL;
        if (this.closers[depth - 1] === owner && this.top().kind === (owner === ROW ? 'row' : 'cell'))
          this.properties = code;
        else this.skipping = depth;
        return;
      }
      case BOOKMARK:
        if (a.get('w:name') !== '_GoBack') this.irregular();
        break;
      case CONTENT_CONTROL:
        this.controls.push({ checkbox: false, dropsBefore: this.drops });
        return;
      case CONTENT_CONTROL_PROPERTIES:
        if (this.closers[depth - 1] === CONTENT_CONTROL) this.properties = CONTENT_CONTROL_PROPERTIES;
        else this.skipping = depth;
        return;
      case CONTENT_CONTROL_CONTENT: {
        const control =
          this.closers[depth - 1] === CONTENT_CONTROL ? this.controls[this.controls.length - 1] : undefined;
        if (control?.checkbox) this.drops++;
        return;
      }
      default:
        return;
    }
    // Elements that stand for something (a tab, a reference) hold nothing this reads.
    this.skipping = depth;
  }

  close(): void {
    const depth = this.depth--;
    if (this.skipping > 0) {
      if (this.skipping === depth) this.skipping = 0;
      return;
    }
    switch (this.closers[depth]) {
      case PARAGRAPH:
        this.closeParagraph();
        break;
      case PARAGRAPH_PROPERTIES: {
        this.properties = 0;
        const p = this.top() as ParagraphFrame;
        // A paragraph whose mark is deleted is not numbered (its content joins the next, numbered as that one).
        if (!p.deleted && this.counters) p.marker = this.counters.marker(p.style, p.numId, p.ilvl);
        break;
      }
      case NUMBERING_PROPERTIES:
      case MARK_PROPERTIES:
        this.properties = PARAGRAPH_PROPERTIES;
        break;
      case ROW_PROPERTIES:
      case CELL_PROPERTIES:
      case CONTENT_CONTROL_PROPERTIES:
        this.properties = 0;
        break;
      case TEXT: {
        this.wantsText = false;
        const text = this.buffer;
        this.buffer = '';
        // Carriage returns become line breaks, as they did in mammoth's HTML.
        this.addText(text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text);
        break;
      }
      case TABLE:
        this.closeTable();
        break;
      case ROW: {
        const row = this.frames.pop() as RowFrame;
        const table = this.top() as TableFrame;
        if (row.irregular) table.irregular = true;
        if (!row.deleted) table.rows.push(row);
        break;
      }
      case CELL: {
        const cell = this.frames.pop() as CellFrame;
        if (cell.loose) cell.blocks.push(finish(cell.loose));
        (this.top() as RowFrame).cells.push(cell);
        break;
      }
      case CONTENT_CONTROL: {
        const control = this.controls.pop()!;
        this.drops = Math.min(this.drops, control.dropsBefore);
        break;
      }
      case STORY:
        this.closeStory();
        break;
    }
  }

  text(data: string): void {
    this.buffer += data;
  }

  private top(): Frame {
    return this.frames[this.frames.length - 1]!;
  }

  private property(name: string, a: Attributes, depth: number): void {
    const kind = this.properties;
    if (!PROPERTIES.get(kind)!.has(name)) {
      this.skipping = depth;
      return;
    }
    const val = a.get('w:val');
    const top = this.top();
    if (kind === PARAGRAPH_PROPERTIES) {
      if (name === 'w:numPr') {
        this.properties = NUMBERING_PROPERTIES;
        this.closers[depth] = NUMBERING_PROPERTIES;
        return;
      }
      if (name === 'w:rPr') {
        this.properties = MARK_PROPERTIES;
        this.closers[depth] = MARK_PROPERTIES;
        return;
      }
      (top as ParagraphFrame).style ??= val ?? null;
    } else if (kind === NUMBERING_PROPERTIES) {
      const p = top as ParagraphFrame;
      if (name === 'w:ilvl') p.ilvl ??= val ?? null;
      else p.numId ??= val ?? null;
    } else if (kind === MARK_PROPERTIES) {
      (top as ParagraphFrame).deleted = true;
    } else if (kind === ROW_PROPERTIES) {
      const row = top as RowFrame;
      if (name === 'w:del') row.deleted = true;
      else row.header = !off(val);
    } else if (kind === CELL_PROPERTIES) {
      const cell = top as CellFrame;
      if (name === 'w:gridSpan') {
        const span = Number.parseInt(val ?? '', 10);
        cell.span = Number.isFinite(span) ? span : 1;
      } else cell.merged = val === undefined || val === 'continue';
    } else {
      this.controls[this.controls.length - 1]!.checkbox = true;
    }
    this.skipping = depth;
  }

  /** Marks the table or row that content stands directly in (not in a cell) as irregular. */
  private irregular(): void {
    const top = this.top();
    if (top.kind === 'table' || top.kind === 'row') top.irregular = true;
  }

  /**
   * The frame that content goes to: the top one, or for content standing directly in a table or row (not in
   * a cell), the paragraph, cell or story the table is in, so that it comes before the table, where mammoth's
   * HTML put it. Kept on each table and row frame, so that finding it never walks the frames.
   */
  private sink(): number {
    const top = this.top();
    if (top.kind === 'table' || top.kind === 'row') {
      top.irregular = true;
      return top.sink;
    }
    return this.frames.length - 1;
  }

  /** The paragraph inline content goes to: the open one, or the loose runs of the cell or story. */
  private paragraph(): ParagraphFrame {
    const f = this.frames[this.sink()]!;
    if (f.kind === 'paragraph') return f;
    const holder = f as StoryFrame | CellFrame;
    holder.loose ??= paragraph();
    return holder.loose;
  }

  /** Adds text that is not a w:t's (a tab, a line break). */
  private add(text: string): void {
    this.paragraph().text += text;
  }

  /** Adds a w:t's text (or a symbol's, or a hyphen's), unless a checkbox's box. */
  private addText(text: string): void {
    if (this.drops > 0 && text.length > 0) {
      this.drops--;
      return;
    }
    this.paragraph().text += text;
  }

  private symbol(font: string | undefined, char: string | undefined): void {
    if (font === undefined || char === undefined) return;
    let found = dingbat(font, char);
    // Word writes symbol fonts' characters in the private use area (F020–F0FF).
    if (found === undefined && /^F0..$/.test(char)) found = dingbat(font, char.slice(2));
    if (found !== undefined) this.addText(found.string);
  }

  private reference(note: string): void {
    const p = this.paragraph();
    if (p.text.length > 0) {
      p.content.push(p.text);
      p.text = '';
    }
    p.content.push({ note });
  }

  /** Appends a finished block where it belongs: after the open paragraph (a text box's), or to the cell or story. */
  private addBlock(block: Block): void {
    const f = this.frames[this.sink()]!;
    if (f.kind === 'paragraph') {
      f.extras.push(block);
      return;
    }
    const holder = f as StoryFrame | CellFrame;
    if (holder.loose) {
      holder.blocks.push(finish(holder.loose));
      holder.loose = null;
    }
    holder.blocks.push(block);
  }

  private openParagraph(): void {
    this.irregular();
    const p = paragraph();
    const pending = this.pending;
    if (pending) {
      p.content = pending.content;
      p.extras = pending.extras;
      this.pending = null;
    }
    this.frames.push(p);
  }

  private closeParagraph(): void {
    const p = this.frames.pop() as ParagraphFrame;
    if (p.deleted) {
      finish(p);
      this.pending = p;
      return;
    }
    this.addBlock(finish(p));
    for (const block of p.extras) this.addBlock(block);
  }

  private closeTable(): void {
    const table = this.frames.pop() as TableFrame;
    // Cells merged into the one above them (w:vMerge) are left out, as mammoth did for a regular table.
    if (!table.irregular) {
      const owners: (CellFrame | undefined)[] = [];
      for (const row of table.rows) {
        let column = 0;
        const kept: CellFrame[] = [];
        for (const cell of row.cells) {
          if (!(cell.merged && owners[column])) {
            owners[column] = cell;
            kept.push(cell);
          }
          column += cell.span;
        }
        row.cells = kept;
      }
    }
    this.addBlock({
      kind: 'table',
      rows: table.rows.map((r) => ({ header: r.header, cells: r.cells.map((c) => c.blocks) })),
    });
  }

  private closeStory(): void {
    const story = this.frames.pop() as StoryFrame;
    if (story.loose) story.blocks.push(finish(story.loose));
    // A deleted paragraph mark with no paragraph after it: its text stays, as a paragraph of its own.
    if (this.pending) {
      story.blocks.push({ kind: 'paragraph', marker: undefined, content: this.pending.content });
      story.blocks.push(...this.pending.extras);
      this.pending = null;
    }
    this.drops = 0;
    this.done(story.blocks, this.key);
  }
}
