// Publication → plain text in the official layout: the same order and headings as the published
// document, one paragraph a line, blank lines between. The text reader reads it back to the same tree.
import { CHAMBER_LABELS, KIND_LABELS, ROLE_LABELS } from '../model/kinds.js';
import {
  type Block,
  type Inline,
  type Publication,
  type Question,
  TRUNCATION_MARK,
} from '../model/publication.js';
import { formatDutchDate } from './dutch-date.js';

function inline(content: readonly Inline[]): string {
  let out = '';
  for (const node of content) out += node.type === 'text' ? node.value : String(node.number);
  return out.replace(/\s+/g, ' ').trim();
}

function block(b: Block): string {
  switch (b.type) {
    case 'paragraph':
    case 'heading':
      return inline(b.content);
    case 'list':
      return b.items.map((item) => `${item.marker} ${inline(item.content)}`).join('\n\n');
    case 'table':
      return b.rows.map((row) => row.join(' | ')).join('\n\n');
  }
}

/** Whether this question prints the answer it shares with others ("Antwoord 2 en 3" after the last). */
function printsAnswer(q: Question): boolean {
  if (q.answerCovers.length < 2 || q.number === null) return true;
  return q.number === Math.max(...q.answerCovers);
}

function question(q: Question, out: string[]): void {
  const blocks = q.questionBlocks.map(block);
  if (q.label && /^\d{1,3}[.)]$/.test(q.label)) {
    // "1. Waar zijn …": the marker opens the question's first paragraph.
    out.push(`${q.label} ${blocks[0] ?? ''}`.trim(), ...blocks.slice(1));
  } else {
    if (q.label) out.push(q.label);
    out.push(...blocks);
  }
  if (q.answer === null || !printsAnswer(q)) return;
  if (q.answerLabel) out.push(q.answerLabel);
  out.push(...q.answerBlocks.map(block));
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

export function renderText(pub: Publication): string {
  const out: string[] = [];
  if (pub.title) out.push(`${KIND_LABELS[pub.kind]} : ${pub.title}`);
  if (pub.chamber) out.push(CHAMBER_LABELS[pub.chamber]);
  if (pub.session) out.push(`Vergaderjaar ${pub.session}`);
  for (const d of pub.dossiers) out.push(d.title ? `${d.number} ${d.title}` : d.number);
  if (pub.kind !== 'written-questions' && pub.number) {
    // Footnotes whose marker stood in the heading ("AI1 VERSLAG …") go back there.
    const marks = headingFootnotes(pub).join(', ');
    const letters = /^[A-Z]+$/.test(pub.number);
    const nr = letters ? `${pub.number}${marks}` : `Nr. ${pub.number}`;
    const type = pub.documentType && !letters ? `${pub.documentType}${marks}` : pub.documentType;
    out.push(type ? `${nr} ${type}` : nr);
  }
  if (pub.dates.adopted) out.push(`Vastgesteld ${formatDutchDate(pub.dates.adopted)}`);
  out.push(...pub.request.scopeBlocks.map(block));
  for (const s of pub.signatories) out.push(`${ROLE_LABELS[s.role]}, ${s.name}`);
  if (pub.kind === 'question-list' || pub.kind === 'question-list-report') out.push('Vragen en antwoorden');
  for (const section of pub.sections) {
    if (section.title) out.push(section.title);
    out.push(...section.intro.map(block));
    if (section.noQuestions) out.push('Geen vragen.');
    for (const q of section.questions) question(q, out);
  }
  const withText = pub.footnotes.filter((f) => f.text !== null);
  if (withText.length > 0) {
    out.push('______');
    for (const f of withText) out.push(`${f.number} ${f.text}`);
  }
  if (!pub.complete) out.push(TRUNCATION_MARK);
  return `${out.filter((p) => p.length > 0).join('\n\n')}\n`;
}
