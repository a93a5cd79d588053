// The official layout of a publication as a sequence of paragraphs, each with its role: what the text,
// DOCX and PDF renderers all print, in the published order. The text renderer prints the paragraphs as
// they are; the DOCX and PDF renderers style them by role. Their readers turn a document back into
// these paragraphs' text and hand it to the text reader, so the layout rules live in one place.
import { CHAMBER_LABELS, KIND_LABELS, ROLE_LABELS } from '../model/kinds.js';
import type { Block, Inline, Publication, Question } from '../model/publication.js';
import { TRUNCATION_MARK } from '../model/publication.js';
import { formatDutchDate } from './dutch-date.js';

export type LayoutRole =
  /** "Lijst van vragen en antwoorden : …": the kind and title. */
  | 'title'
  /** Chamber, session, dossier, number and document type, date adopted: the document's head. */
  | 'head'
  /** The scope text (what was asked about) and the signatories' lines. */
  | 'preamble'
  | 'signatory'
  /** "Vragen en antwoorden", and each section's title. */
  | 'section'
  | 'paragraph'
  | 'subheading'
  | 'list-item'
  | 'table-row'
  /** A question's own label ("Vraag 1"), when it stands on its line. */
  | 'question-label'
  | 'answer-label'
  /** The rule above the footnotes, each footnote, and the mark of a truncated source. */
  | 'footnote-rule'
  | 'footnote'
  | 'truncated';

export interface LayoutParagraph {
  role: LayoutRole;
  /** The paragraph's content: text and footnote markers (the text renderer prints a marker's number). */
  content: Inline[];
  /** For questions and answers: which question this paragraph belongs to, and to which part. */
  question?: { number: number | null; part: 'question' | 'answer' };
  /** For a footnote paragraph: its number (the content then holds its text only). */
  footnote?: number;
  /** For a list item: its marker ("-", "a.", "1."), printed before the content. */
  marker?: string;
}

const text = (value: string): Inline[] => (value.length > 0 ? [{ type: 'text', value }] : []);

/** The text of inline content as the text renderer prints it: a marker as its number, spaces collapsed. */
export function inlineText(content: readonly Inline[]): string {
  let out = '';
  for (const node of content) out += node.type === 'text' ? node.value : String(node.number);
  return out.replace(/\s+/g, ' ').trim();
}

/** One paragraph's text as the text renderer prints it. */
export function paragraphText(p: LayoutParagraph): string {
  if (p.role === 'footnote') return `${p.footnote} ${inlineText(p.content)}`;
  if (p.marker !== undefined) return `${p.marker} ${inlineText(p.content)}`;
  return inlineText(p.content);
}

function blockParagraphs(
  b: Block,
  role: 'paragraph' | 'preamble',
  question?: LayoutParagraph['question'],
): LayoutParagraph[] {
  const at = question ? { question } : {};
  switch (b.type) {
    case 'paragraph':
      return [{ role, content: b.content, ...at }];
    case 'heading':
      return [{ role: 'subheading', content: b.content, ...at }];
    case 'list':
      return b.items.map((item) => ({
        role: 'list-item' as const,
        content: item.content,
        marker: item.marker,
        ...at,
      }));
    case 'table':
      return b.rows.map((row) => ({ role: 'table-row' as const, content: text(row.join(' | ')), ...at }));
  }
}

/** A block's paragraphs as the text layout prints them (a list item or table row a paragraph). */
export function blockTexts(b: Block): string[] {
  return blockParagraphs(b, 'paragraph').map(paragraphText);
}

/** Whether this question prints the answer it shares with others ("Antwoord 2 en 3" after the last). */
function printsAnswer(q: Question): boolean {
  if (q.answerCovers.length < 2 || q.number === null) return true;
  return q.number === Math.max(...q.answerCovers);
}

function questionParagraphs(q: Question): LayoutParagraph[] {
  const asked = { number: q.number, part: 'question' as const };
  const blocks = q.questionBlocks.flatMap((b) => blockParagraphs(b, 'paragraph', asked));
  const out: LayoutParagraph[] = [];
  const [first, ...rest] = blocks;
  if (q.label && /^\d{1,3}[.)]$/.test(q.label) && first) {
    // "1. Waar zijn …": the marker opens the question's first paragraph (a list item's marker follows).
    const opening = first.marker === undefined ? `${q.label} ` : `${q.label} ${first.marker} `;
    const { marker: _, ...plain } = first;
    out.push(
      {
        ...plain,
        role: first.marker === undefined ? first.role : 'paragraph',
        content: [...text(opening), ...first.content],
      },
      ...rest,
    );
  } else {
    if (q.label) out.push({ role: 'question-label', content: text(q.label), question: asked });
    out.push(...blocks);
  }
  if (q.answer === null || !printsAnswer(q)) return out;
  const answered = { number: q.number, part: 'answer' as const };
  if (q.answerLabel) out.push({ role: 'answer-label', content: text(q.answerLabel), question: answered });
  out.push(...q.answerBlocks.flatMap((b) => blockParagraphs(b, 'paragraph', answered)));
  return out;
}

function referencedFootnotes(blocks: readonly Block[], into: Set<number>): void {
  const visit = (content: readonly Inline[]): void => {
    for (const node of content) if (node.type === 'footnoteRef') into.add(node.number);
  };
  for (const b of blocks) {
    if (b.type === 'paragraph' || b.type === 'heading') visit(b.content);
    else if (b.type === 'list') for (const item of b.items) visit(item.content);
  }
}

/** Footnotes of the document as a whole whose markers stand in no text block: they belong to the heading. */
function headingFootnotes(pub: Publication): number[] {
  const seen = new Set<number>();
  referencedFootnotes(pub.request.scopeBlocks, seen);
  for (const s of pub.sections) {
    referencedFootnotes(s.intro, seen);
    for (const q of s.questions) {
      referencedFootnotes(q.questionBlocks, seen);
      referencedFootnotes(q.answerBlocks, seen);
    }
  }
  return pub.footnotes.filter((f) => f.question === null && !seen.has(f.number)).map((f) => f.number);
}

/** The publication's paragraphs in the official layout, in order. */
export function officialLayout(pub: Publication): LayoutParagraph[] {
  const out: LayoutParagraph[] = [];
  const head = (value: string) => out.push({ role: 'head', content: text(value) });
  if (pub.title) out.push({ role: 'title', content: text(`${KIND_LABELS[pub.kind]} : ${pub.title}`) });
  if (pub.chamber) head(CHAMBER_LABELS[pub.chamber]);
  if (pub.session) head(`Vergaderjaar ${pub.session}`);
  for (const d of pub.dossiers) head(d.title ? `${d.number} ${d.title}` : d.number);
  if (pub.kind !== 'written-questions' && pub.number) {
    // Footnotes whose marker stood in the heading ("AI1 VERSLAG …") go back there.
    const marks: Inline[] = headingFootnotes(pub).flatMap((number, i) => [
      ...text(i > 0 ? ', ' : ''),
      { type: 'footnoteRef' as const, number },
    ]);
    const letters = /^[A-Z]+$/.test(pub.number);
    const content: Inline[] = letters
      ? [...text(pub.number), ...marks, ...text(pub.documentType ? ` ${pub.documentType}` : '')]
      : [
          ...text(`Nr. ${pub.number}${pub.documentType ? ` ${pub.documentType}` : ''}`),
          ...(pub.documentType ? marks : []),
        ];
    out.push({ role: 'head', content });
  }
  if (pub.dates.adopted) head(`Vastgesteld ${formatDutchDate(pub.dates.adopted)}`);
  out.push(...pub.request.scopeBlocks.flatMap((b) => blockParagraphs(b, 'preamble')));
  for (const s of pub.signatories)
    out.push({ role: 'signatory', content: text(`${ROLE_LABELS[s.role]}, ${s.name}`) });
  if (pub.kind === 'question-list' || pub.kind === 'question-list-report')
    out.push({ role: 'section', content: text('Vragen en antwoorden') });
  for (const section of pub.sections) {
    if (section.title) out.push({ role: 'section', content: text(section.title) });
    out.push(...section.intro.flatMap((b) => blockParagraphs(b, 'paragraph')));
    if (section.noQuestions) out.push({ role: 'paragraph', content: text('Geen vragen.') });
    for (const q of section.questions) out.push(...questionParagraphs(q));
  }
  const withText = pub.footnotes.filter((f) => f.text !== null);
  if (withText.length > 0) {
    out.push({ role: 'footnote-rule', content: text('______') });
    for (const f of withText) out.push({ role: 'footnote', content: text(f.text ?? ''), footnote: f.number });
  }
  if (!pub.complete) out.push({ role: 'truncated', content: text(TRUNCATION_MARK) });
  return out.filter((p) => paragraphText(p).length > 0);
}
