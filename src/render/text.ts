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

export function renderText(pub: Publication): string {
  const out: string[] = [];
  if (pub.title) out.push(`${KIND_LABELS[pub.kind]} : ${pub.title}`);
  if (pub.chamber) out.push(CHAMBER_LABELS[pub.chamber]);
  if (pub.session) out.push(`Vergaderjaar ${pub.session}`);
  for (const d of pub.dossiers) out.push(d.title ? `${d.number} ${d.title}` : d.number);
  if (pub.kind !== 'written-questions' && pub.number) {
    const nr = /^[A-Z]+$/.test(pub.number) ? pub.number : `Nr. ${pub.number}`;
    out.push(pub.documentType ? `${nr} ${pub.documentType}` : nr);
  }
  if (pub.dates.adopted) out.push(`Vastgesteld ${formatDutchDate(pub.dates.adopted)}`);
  if (pub.request.scope) out.push(...pub.request.scope.split('\n\n'));
  for (const s of pub.signatories) out.push(`${ROLE_LABELS[s.role]}, ${s.name}`);
  if (pub.kind === 'question-list' || pub.kind === 'question-list-report') out.push('Vragen en antwoorden');
  for (const section of pub.sections) {
    if (section.title) out.push(section.title);
    out.push(...section.intro.map(block));
    if (section.noQuestions) out.push('Geen vragen.');
    for (const q of section.questions) question(q, out);
  }
  if (pub.footnotes.length > 0) {
    out.push('______');
    for (const f of pub.footnotes) out.push(`${f.number} ${f.text}`);
  }
  if (!pub.complete) out.push(TRUNCATION_MARK);
  return `${out.filter((p) => p.length > 0).join('\n\n')}\n`;
}
