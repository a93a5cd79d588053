// Publication → Markdown (CommonMark with footnotes), for reading and for pasting into notes.
import { CHAMBER_LABELS, KIND_LABELS, ROLE_LABELS } from '../model/kinds.js';
import type { Block, Inline, Publication, Question } from '../model/publication.js';
import { formatDutchDate } from './dutch-date.js';

/** Escapes what Markdown would read as markup; text in the tree is text, never markup. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_[\]<>|#]/g, '\\$&')
    .replace(/^(\d+)([.)])(?=\s)/, '$1\\$2')
    .replace(/^([-+>])(?=\s)/, '\\$1');
}

function inline(content: readonly Inline[]): string {
  let out = '';
  for (const node of content) out += node.type === 'text' ? escapeMarkdown(node.value) : `[^${node.number}]`;
  return out.replace(/\s+/g, ' ').trim();
}

function block(b: Block): string {
  switch (b.type) {
    case 'paragraph':
      return inline(b.content);
    case 'heading':
      return `**${inline(b.content)}**`;
    case 'list':
      return b.items.map((item, i) => `${b.ordered ? `${i + 1}.` : '-'} ${inline(item.content)}`).join('\n');
    case 'table': {
      const [head, ...rows] = b.rows;
      if (!head) return '';
      const cells = (row: readonly string[]): string => `| ${row.map(escapeMarkdown).join(' | ')} |`;
      const lines = b.header
        ? [cells(head), `|${head.map(() => ' --- ').join('|')}|`, ...rows.map(cells)]
        : [
            `|${head.map(() => '   ').join('|')}|`,
            `|${head.map(() => ' --- ').join('|')}|`,
            ...b.rows.map(cells),
          ];
      return lines.join('\n');
    }
  }
}

function heading(pub: Publication): string {
  if (pub.title) return pub.title;
  const dossier = pub.dossiers[0];
  if (dossier && pub.number)
    return `${KIND_LABELS[pub.kind]}, Kamerstuk ${dossier.number}, nr. ${pub.number}`;
  return KIND_LABELS[pub.kind];
}

function question(q: Question, out: string[]): void {
  const title = q.number === null ? 'Vraag' : `Vraag ${q.number}`;
  out.push(`### ${title}`);
  out.push(...q.questionBlocks.map(block));
  if (q.answer === null) return;
  const covers = q.answerCovers.length > 1 ? ` ${q.answerCovers.join(', ')}` : '';
  out.push(`**Antwoord${covers}**`);
  out.push(...q.answerBlocks.map(block));
  if (q.incomplete) out.push('*(onvolledig: de bron breekt hier af)*');
}

export function renderMarkdown(pub: Publication): string {
  const out: string[] = [`# ${escapeMarkdown(heading(pub))}`];
  const facts: string[] = [];
  const dossier = pub.dossiers[0];
  if (pub.id) facts.push(`- **Id:** \`${pub.id}\``);
  facts.push(`- **Soort:** ${KIND_LABELS[pub.kind]}`);
  if (pub.chamber) facts.push(`- **Kamer:** ${CHAMBER_LABELS[pub.chamber]}`);
  if (pub.session) facts.push(`- **Vergaderjaar:** ${pub.session}`);
  if (dossier)
    facts.push(
      `- **Dossier:** ${pub.dossiers.map((d) => escapeMarkdown(d.title ? `${d.number} ${d.title}` : d.number)).join('; ')}`,
    );
  if (pub.number) facts.push(`- **Nummer:** ${pub.number}`);
  if (pub.request.committee) facts.push(`- **Commissie:** ${escapeMarkdown(pub.request.committee)}`);
  if (pub.request.askers.length > 0) {
    facts.push(
      `- **Vragensteller(s):** ${pub.request.askers.map((a) => escapeMarkdown(a.party ? `${a.name} (${a.party})` : a.name)).join(', ')}`,
    );
  }
  if (pub.request.addressees.length > 0)
    facts.push(`- **Gericht aan:** ${pub.request.addressees.map(escapeMarkdown).join('; ')}`);
  const dates: [string, string | null][] = [
    ['Vastgesteld', pub.dates.adopted],
    ['Verzonden', pub.dates.sent],
    ['Uitstelbericht', pub.dates.postponed],
    ['Beantwoord', pub.dates.answered],
    ['Ontvangen', pub.dates.received],
  ];
  for (const [label, iso] of dates) if (iso) facts.push(`- **${label}:** ${formatDutchDate(iso)}`);
  out.push(facts.join('\n'));
  out.push(...pub.request.scopeBlocks.map(block));
  if (pub.signatories.length > 0) {
    out.push(pub.signatories.map((s) => `${ROLE_LABELS[s.role]},  \n${escapeMarkdown(s.name)}`).join('\n\n'));
  }
  for (const section of pub.sections) {
    if (section.title) out.push(`## ${escapeMarkdown(section.title)}`);
    out.push(...section.intro.map(block));
    if (section.noQuestions) out.push('Geen vragen.');
    for (const q of section.questions) question(q, out);
  }
  if (pub.footnotes.length > 0)
    out.push(
      pub.footnotes
        .map(
          (f) =>
            `[^${f.number}]: ${f.text === null ? '*(tekst ontbreekt in de bron)*' : escapeMarkdown(f.text)}`,
        )
        .join('\n'),
    );
  if (!pub.complete) out.push('*Deze publicatie is onvolledig: de bron breekt af.*');
  return `${out.filter((p) => p.length > 0).join('\n\n')}\n`;
}
