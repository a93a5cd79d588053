// Publication → Word (DOCX) in the official layout (src/render/layout.ts), each paragraph styled by its
// role: the same paragraphs, in the same order, as the text renderer prints, so the DOCX reader
// (src/read/docx) turns them back into that text. Footnotes are real Word footnotes; table rows a real table.
import {
  AlignmentType,
  Document,
  Footer,
  FootnoteReferenceRun,
  HeadingLevel,
  type IParagraphOptions,
  Packer,
  PageNumber,
  Paragraph,
  type ParagraphChild,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { KIND_LABELS } from '../model/kinds.js';
import type { Block, Inline, Publication } from '../model/publication.js';
import { type LayoutParagraph, officialLayout, paragraphText } from './layout.js';

const FONT = 'Times New Roman';
/** Half-points. */
const BODY_SIZE = 22;
/** A4 in twips, with 2.5 cm margins. */
const PAGE = { width: 11906, height: 16838, margin: 1418 };
const TEXT_WIDTH = PAGE.width - 2 * PAGE.margin;

/**
 * Word numbers footnotes itself, in the order their references stand. Each footnote gets the Word id of
 * its first reference; a second reference to the same note is printed as its superscript number.
 */
class Notes {
  private readonly ids = new Map<number, number>();
  private readonly written = new Set<number>();

  constructor(layout: readonly LayoutParagraph[]) {
    for (const p of layout)
      for (const node of p.content)
        if (node.type === 'footnoteRef' && !this.ids.has(node.number))
          this.ids.set(node.number, this.ids.size + 1);
  }

  referenced(number: number): boolean {
    return this.ids.has(number);
  }

  run(number: number): ParagraphChild {
    const id = this.ids.get(number)!;
    if (this.written.has(number)) return new TextRun({ text: String(id), superScript: true });
    this.written.add(number);
    return new FootnoteReferenceRun(id);
  }

  /** The Word footnotes part: one note per referenced footnote; a note without text stays empty. */
  part(pub: Publication): Record<string, { children: Paragraph[] }> {
    const out: Record<string, { children: Paragraph[] }> = {};
    for (const [number, id] of this.ids) {
      const text = pub.footnotes.find((f) => f.number === number)?.text ?? '';
      out[String(id)] = { children: [new Paragraph({ children: [new TextRun(collapse(text))] })] };
    }
    return out;
  }
}

/** Whitespace as the text layout prints it; control characters, which XML cannot hold, left out. */
function collapse(value: string): string {
  return value.replace(/\s+/g, ' ').replace(/\p{Cc}/gu, '');
}

function runs(content: readonly Inline[], notes: Notes, bold = false): ParagraphChild[] {
  return content.map((node) =>
    node.type === 'text' ? new TextRun({ text: collapse(node.value), bold }) : notes.run(node.number),
  );
}

const SPACED = { spacing: { after: 120 } };

function paragraph(p: LayoutParagraph, notes: Notes): Paragraph {
  const options = (extra: IParagraphOptions, bold = false): Paragraph =>
    new Paragraph({ ...SPACED, ...extra, children: runs(p.content, notes, bold) });
  switch (p.role) {
    case 'title':
      return options({ heading: HeadingLevel.TITLE });
    case 'head':
      return options({ spacing: { after: 0 } });
    case 'signatory':
      return options({ keepLines: true });
    case 'section':
      return options({ heading: HeadingLevel.HEADING_1, keepNext: true });
    case 'subheading':
      return options({ heading: HeadingLevel.HEADING_2, keepNext: true });
    case 'question-label':
    case 'answer-label':
      return options({ keepNext: true, spacing: { before: 240, after: 60 } }, true);
    case 'list-item':
      // The marker is text, as the text layout prints it, so a round trip keeps it exactly.
      return new Paragraph({
        ...SPACED,
        indent: { left: 425, hanging: 425 },
        children: [new TextRun(`${p.marker}\t`), ...runs(p.content, notes)],
      });
    case 'footnote':
      // Only a footnote without a marker is printed as a line, "N text", as the text layout prints it.
      return new Paragraph({
        ...SPACED,
        children: [new TextRun(`${p.footnote} `), ...runs(p.content, notes)],
      });
    case 'truncated':
      return new Paragraph({ ...SPACED, children: [new TextRun({ text: paragraphText(p), italics: true })] });
    default:
      return options({});
  }
}

/** The rows' texts of each table block whose first row is a header row: the layout does not say. */
function headerTables(pub: Publication): Set<string> {
  const out = new Set<string>();
  const visit = (blocks: readonly Block[]): void => {
    for (const b of blocks)
      if (b.type === 'table' && b.header)
        out.add(b.rows.map((r) => collapse(r.join(' | ')).trim()).join('\n'));
  };
  visit(pub.request.scopeBlocks);
  for (const s of pub.sections) {
    visit(s.intro);
    for (const q of s.questions) {
      visit(q.questionBlocks);
      visit(q.answerBlocks);
    }
  }
  return out;
}

/** A run of table-row paragraphs → one Word table; the cells are the row's texts between " | ". */
function table(rows: readonly LayoutParagraph[], headers: ReadonlySet<string>): Table {
  const header = headers.has(rows.map(paragraphText).join('\n'));
  const cells = rows.map((r) =>
    r.content
      .map((node) => (node.type === 'text' ? node.value : ''))
      .join('')
      .split(' | ')
      .map((cell) => collapse(cell).trim()),
  );
  const columns = Math.max(...cells.map((c) => c.length));
  const width = Math.floor(TEXT_WIDTH / columns);
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: Array.from({ length: columns }, () => width),
    rows: cells.map(
      (row, r) =>
        new TableRow({
          tableHeader: header && r === 0,
          children: row.map(
            (cell, i) =>
              new TableCell({
                // A short row's last cell spans the rest: padding with empty cells would change its text.
                columnSpan: i === row.length - 1 ? columns - i : 1,
                width: { size: width * (i === row.length - 1 ? columns - i : 1), type: WidthType.DXA },
                children: [
                  new Paragraph({ children: [new TextRun({ text: cell, bold: header && r === 0 })] }),
                ],
              }),
          ),
        }),
    ),
  });
}

function documentTitle(pub: Publication): string {
  if (pub.title) return pub.title;
  const dossier = pub.dossiers[0]?.number;
  const nr = pub.number ? ` nr. ${pub.number}` : '';
  return dossier ? `${KIND_LABELS[pub.kind]} ${dossier}${nr}` : KIND_LABELS[pub.kind];
}

export async function renderDocx(pub: Publication): Promise<Uint8Array> {
  const layout = officialLayout(pub);
  const notes = new Notes(layout);
  const headers = headerTables(pub);
  // Footnotes with a marker are Word footnotes; one without (nothing to hang it on) stays a printed line.
  const body = layout.filter(
    (p) =>
      !(p.role === 'footnote' && notes.referenced(p.footnote!)) &&
      !(
        p.role === 'footnote-rule' &&
        !layout.some((f) => f.role === 'footnote' && !notes.referenced(f.footnote!))
      ),
  );

  const children: (Paragraph | Table)[] = [];
  for (let i = 0; i < body.length; i++) {
    if (body[i]!.role !== 'table-row') {
      children.push(paragraph(body[i]!, notes));
      continue;
    }
    let end = i;
    while (body[end + 1]?.role === 'table-row') end++;
    children.push(table(body.slice(i, end + 1), headers));
    // Word wants a paragraph after a table that ends the document.
    if (end === body.length - 1) children.push(new Paragraph({ children: [] }));
    i = end;
  }

  const doc = new Document({
    title: documentTitle(pub),
    subject: pub.id ? `${KIND_LABELS[pub.kind]} (${pub.id})` : KIND_LABELS[pub.kind],
    ...(pub.id ? { keywords: pub.id } : {}),
    creator: 'Vraagbaak',
    lastModifiedBy: 'Vraagbaak',
    styles: {
      default: {
        document: { run: { font: FONT, size: BODY_SIZE } },
        title: {
          run: { font: FONT, size: 32, bold: true, color: '000000' },
          paragraph: { spacing: { after: 240 } },
        },
        heading1: {
          run: { font: FONT, size: 26, bold: true, color: '000000' },
          paragraph: { spacing: { before: 360, after: 120 } },
        },
        heading2: {
          run: { font: FONT, size: BODY_SIZE, bold: true, italics: true, color: '000000' },
          paragraph: { spacing: { before: 240, after: 120 } },
        },
        footnoteText: { run: { font: FONT, size: 18 } },
      },
    },
    footnotes: notes.part(pub),
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: [PageNumber.CURRENT], size: 18 })],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  const buffer = await Packer.toBuffer(doc);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
