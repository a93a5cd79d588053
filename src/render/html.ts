// Publication → HTML in the official layout (as officielebekendmakingen.nl shows a Kamerstuk):
// a whole HTML5 document, or an <article> fragment for the web app. NL Design System (Utrecht)
// class names where a component fits, `vb-` classes for the rest.
// Every string from the tree goes through esc(): texts come from untrusted documents.
import { CHAMBER_LABELS, KIND_LABELS, ROLE_LABELS } from '../model/kinds.js';
import type {
  Block,
  Inline,
  KamerstukRef,
  ListItem,
  Publication,
  Question,
  Section,
} from '../model/publication.js';
import { formatDutchDate } from './dutch-date.js';

export interface HtmlOptions {
  /** Only the <article class="vb-publicatie">, for embedding; otherwise a whole HTML5 document. */
  fragment?: boolean;
  /** Where a referenced Kamerstuk lives (a path or URL), or null to leave the reference as text. */
  linkFor?: (ref: KamerstukRef) => string | null;
  /** Language of the labels Vraagbaak adds; the document itself stays Dutch. */
  lang?: 'nl' | 'en';
}

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text and attribute values alike (attributes are always double-quoted). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}
const esc = escapeHtml;

// The labels Vraagbaak adds itself, not part of the published text.
const LABELS = {
  nl: {
    notes: 'Noten',
    back: 'terug naar de tekst',
    noText: '(tekst ontbreekt in de bron)',
    incomplete: '(onvolledig: de bron breekt hier af)',
    truncated: 'Deze publicatie is onvolledig: de bron breekt af.',
    committee: 'Commissie',
    addressees: 'Gericht aan',
    askers: 'Vragen van',
    answeredBy: 'Antwoord van',
    sent: 'Verzonden',
    postponed: 'Uitstelbericht',
    answered: 'Beantwoord',
    received: 'Ontvangen',
  },
  en: {
    notes: 'Notes',
    back: 'back to the text',
    noText: '(text missing in the source)',
    incomplete: '(incomplete: the source breaks off here)',
    truncated: 'This publication is incomplete: the source breaks off.',
    committee: 'Committee',
    addressees: 'Addressed to',
    askers: 'Questions by',
    answeredBy: 'Answer by',
    sent: 'Sent',
    postponed: 'Postponement notice',
    answered: 'Answered',
    received: 'Received',
  },
};
type Labels = (typeof LABELS)['nl'];

interface Link {
  text: string;
  href: string;
  cls: string;
}

/** State of one rendering: which markers were written, which links apply where. */
interface Context {
  labels: Labels;
  /** lang attribute for the elements that carry Vraagbaak's own labels. */
  chromeLang: string;
  footnotes: Set<number>;
  /** How often each footnote marker has been written so far. */
  markers: Map<number, number>;
  /** Links by the question whose text holds them (null: the header and unnumbered texts). */
  links: Map<number | null, Link[]>;
}

/** Only http(s) URLs become links; anything else (javascript:, data:) stays text. */
function webUrl(url: string): string | null {
  return /^https?:\/\/[^\s\p{Cc}]+$/iu.test(url) ? url : null;
}

/** A path from linkFor: relative, or http(s). Browsers drop blanks and control characters
 * inside a URL ('java\tscript:'), so the scheme is judged without them. */
function safePath(path: string | null): string | null {
  if (!path) return null;
  const probe = path.replace(/[\s\p{Cc}]+/gu, '');
  return /^[a-z][a-z0-9+.-]*:/i.test(probe) && !/^https?:/i.test(probe) ? null : path;
}

function linksOf(pub: Publication, linkFor: HtmlOptions['linkFor'], questionIds: Set<number>) {
  const links = new Map<number | null, Link[]>();
  for (const ref of pub.references) {
    let link: Link | null = null;
    if (ref.kind === 'url') {
      const href = webUrl(ref.url);
      if (href) link = { text: ref.text, href, cls: 'vb-link-extern' };
    } else if (ref.kind === 'kamerstuk') {
      const href = linkFor ? safePath(linkFor(ref.kamerstuk)) : null;
      if (href) link = { text: ref.text, href, cls: 'vb-kamerstuk' };
    } else if (questionIds.has(ref.target)) {
      link = { text: ref.text, href: `#vraag-${ref.target}`, cls: 'vb-vraagverwijzing' };
    }
    if (!link || link.text === '') continue;
    const list = links.get(ref.question) ?? [];
    list.push(link);
    links.set(ref.question, list);
  }
  return links;
}

/** Text with the references that stand in it as links: leftmost first, the longest at a tie. */
function linked(text: string, links: readonly Link[]): string {
  let out = '';
  let pos = 0;
  while (pos < text.length) {
    let best: { at: number; link: Link } | null = null;
    for (const link of links) {
      const at = text.indexOf(link.text, pos);
      if (at < 0) continue;
      if (!best || at < best.at || (at === best.at && link.text.length > best.link.text.length))
        best = { at, link };
    }
    if (!best) break;
    const { at, link } = best;
    out += `${esc(text.slice(pos, at))}<a class="utrecht-link ${link.cls}" href="${esc(link.href)}">${esc(link.text)}</a>`;
    pos = at + link.text.length;
  }
  return out + esc(text.slice(pos));
}

function marker(n: number, ctx: Context): string {
  if (!ctx.footnotes.has(n)) return `<sup class="vb-noot-ref">${n}</sup>`;
  const seen = (ctx.markers.get(n) ?? 0) + 1;
  ctx.markers.set(n, seen);
  const id = seen === 1 ? `noot-ref-${n}` : `noot-ref-${n}-${seen}`;
  return `<sup class="vb-noot-ref"><a id="${esc(id)}" href="#noot-${n}">${n}</a></sup>`;
}

function inlines(content: readonly Inline[], ctx: Context, where: number | null): string {
  const links = ctx.links.get(where) ?? [];
  return content
    .map((node) => (node.type === 'text' ? linked(node.value, links) : marker(node.number, ctx)))
    .join('')
    .trim();
}

/** The printed markers of an ordered list as <ol> attributes: 'a)' → type="a", '3.' → start="3", 'i.' → type="i". */
function olAttributes(items: readonly ListItem[]): string {
  const first = items[0]?.marker ?? '';
  const digits = /^\(?(\d+)/.exec(first);
  if (digits) return digits[1] === '1' ? '' : ` start="${Number(digits[1])}"`;
  const letter = /^\(?([a-zA-Z])[.)]/.exec(first)?.[1];
  if (!letter) return '';
  // A list that starts at 'i' counts in roman numerals (i, ii, iii), not letters.
  if (letter === 'i' || letter === 'I') return ` type="${letter}"`;
  const type = letter === letter.toLowerCase() ? 'a' : 'A';
  const start = letter.toLowerCase().charCodeAt(0) - 96;
  return start === 1 ? ` type="${type}"` : ` type="${type}" start="${start}"`;
}

function block(b: Block, ctx: Context, where: number | null): string {
  switch (b.type) {
    case 'paragraph':
      return `<p class="utrecht-paragraph">${inlines(b.content, ctx, where)}</p>`;
    case 'heading':
      return `<p class="utrecht-paragraph vb-tussenkop"><strong>${inlines(b.content, ctx, where)}</strong></p>`;
    case 'list': {
      const kind = b.ordered ? 'ordered' : 'unordered';
      const tag = b.ordered ? 'ol' : 'ul';
      const items = b.items.map(
        (item) => `<li class="utrecht-${kind}-list__item">${inlines(item.content, ctx, where)}</li>`,
      );
      const attrs = b.ordered ? olAttributes(b.items) : '';
      return `<${tag} class="utrecht-${kind}-list"${attrs}>${items.join('')}</${tag}>`;
    }
    case 'table': {
      const row = (cells: readonly string[], cell: (c: string) => string) =>
        `<tr class="utrecht-table__row">${cells.map(cell).join('')}</tr>`;
      const th = (c: string) => `<th class="utrecht-table__header-cell" scope="col">${esc(c)}</th>`;
      const td = (c: string) => `<td class="utrecht-table__cell">${esc(c)}</td>`;
      const [head, ...rest] = b.rows;
      const thead = b.header && head ? `<thead class="utrecht-table__header">${row(head, th)}</thead>` : '';
      const body = (b.header ? rest : b.rows).map((r) => row(r, td)).join('');
      return `<table class="utrecht-table">${thead}<tbody class="utrecht-table__body">${body}</tbody></table>`;
    }
  }
}

function blocks(list: readonly Block[], ctx: Context, where: number | null): string {
  return list.map((b) => block(b, ctx, where)).join('\n');
}

/** Whether this question prints the answer it shares with others ("Antwoord 2 en 3" after the last). */
function printsAnswer(q: Question): boolean {
  if (q.answerCovers.length < 2 || q.number === null) return true;
  return q.number === Math.max(...q.answerCovers);
}

function question(q: Question, id: string, title: string, level: number, ctx: Context): string {
  // The label as printed (the heading shows "Vraag N" whatever it was), so that the page reads back.
  const printed = q.label !== null ? ` data-label="${esc(q.label)}"` : '';
  const out = [
    `<section class="vb-vraag" id="${esc(id)}"${printed}>`,
    `<h${level} class="utrecht-heading-${level} vb-vraag-kop">${esc(title)}</h${level}>`,
    `<div class="vb-vraagtekst">${blocks(q.questionBlocks, ctx, q.number)}</div>`,
  ];
  if (q.answer !== null && printsAnswer(q)) {
    const label = q.answerLabel ?? 'Antwoord';
    // A label the source did not print is marked as added.
    const added = q.answerLabel === null ? ' vb-toegevoegd' : '';
    out.push(
      `<div class="vb-antwoord"><p class="utrecht-paragraph vb-antwoord-kop${added}"><strong>${esc(label)}</strong></p>`,
      `${blocks(q.answerBlocks, ctx, q.number)}</div>`,
    );
  }
  if (q.incomplete)
    out.push(`<p class="utrecht-paragraph vb-onvolledig"${ctx.chromeLang}>${esc(ctx.labels.incomplete)}</p>`);
  out.push('</section>');
  return out.join('\n');
}

/** The id of each question in document order: vraag-N, or vraag-pP (position P) when unnumbered or taken. */
function questionIds(pub: Publication): string[] {
  const taken = new Set<string>();
  return pub.sections
    .flatMap((s) => s.questions)
    .map((q, i) => {
      const id =
        q.number !== null && !taken.has(`vraag-${q.number}`) ? `vraag-${q.number}` : `vraag-p${i + 1}`;
      taken.add(id);
      return id;
    });
}

function section(s: Section, k: number, ids: readonly string[], questionLevel: number, ctx: Context): string {
  const out = [`<section class="vb-sectie" id="sectie-${k}">`];
  if (s.title) out.push(`<h2 class="utrecht-heading-2 vb-sectie-kop">${esc(s.title)}</h2>`);
  out.push(blocks(s.intro, ctx, null));
  if (s.noQuestions) out.push('<p class="utrecht-paragraph vb-geen-vragen">Geen vragen.</p>');
  s.questions.forEach((q, i) => {
    // Unnumbered questions (written consultations) are counted within their section.
    const title = q.number !== null ? `Vraag ${q.number}` : (q.label ?? `Vraag ${i + 1}`);
    out.push(question(q, ids[i]!, title, questionLevel, ctx));
  });
  out.push('</section>');
  return out.filter((p) => p.length > 0).join('\n');
}

function footnotes(pub: Publication, ctx: Context): string {
  if (pub.footnotes.length === 0) return '';
  const items = pub.footnotes.map((f) => {
    const text = f.text === null ? esc(ctx.labels.noText) : linked(f.text, ctx.links.get(f.question) ?? []);
    // Back to the first marker, when the text has one.
    const back = ctx.markers.has(f.number)
      ? ` <a href="#noot-ref-${f.number}" class="vb-noot-terug" aria-label="${esc(ctx.labels.back)}"${ctx.chromeLang}>↩</a>`
      : '';
    return `<li class="utrecht-ordered-list__item vb-noot" id="noot-${f.number}" value="${f.number}">${text}${back}</li>`;
  });
  return [
    '<section class="vb-noten" aria-labelledby="noten">',
    `<h2 class="utrecht-heading-2" id="noten"${ctx.chromeLang}>${esc(ctx.labels.notes)}</h2>`,
    `<ol class="utrecht-ordered-list vb-noten-lijst">${items.join('\n')}</ol>`,
    '</section>',
  ].join('\n');
}

/** Footnotes whose markers stand in no text: in the official layout they follow the heading ("AI¹"). */
function headingMarkers(pub: Publication, ctx: Context): string {
  return pub.footnotes
    .filter((f) => f.question === null && !ctx.markers.has(f.number))
    .map((f) => marker(f.number, ctx))
    .join('');
}

function header(pub: Publication, ctx: Context): string {
  const out = ['<header class="vb-kop">'];
  const line = (cls: string, html: string) => out.push(`<p class="utrecht-paragraph ${cls}">${html}</p>`);
  const numbered = pub.kind !== 'written-questions' && pub.number !== null;
  if (pub.title && numbered) line('vb-titel', esc(pub.title));
  if (pub.chamber) line('vb-kamer', esc(CHAMBER_LABELS[pub.chamber]));
  if (pub.session) line('vb-vergaderjaar', `Vergaderjaar ${esc(pub.session)}`);
  for (const d of pub.dossiers) {
    const title = d.title ? ` <span class="vb-dossiertitel">${esc(d.title)}</span>` : '';
    line('vb-dossier', `<span class="vb-dossiernummer">${esc(d.number)}</span>${title}`);
  }
  let h1: string;
  if (numbered) {
    // As printed: 'Nr. 12 LIJST VAN …', or a letter number with its marker glued on: 'AI¹ VERSLAG …'.
    const marks = headingMarkers(pub, ctx);
    const letters = /^[A-Z]+$/.test(pub.number!);
    const nr = `<span class="vb-stuknummer">${letters ? '' : 'Nr. '}${esc(pub.number!)}</span>`;
    const type = pub.documentType ?? KIND_LABELS[pub.kind];
    h1 = letters ? `${nr}${marks} ${esc(type)}` : `${nr} ${esc(type)}${marks}`;
  } else {
    h1 = esc(pub.title ?? pub.documentType ?? KIND_LABELS[pub.kind]) + headingMarkers(pub, ctx);
  }
  out.push(`<h1 class="utrecht-heading-1 vb-stuktitel">${h1}</h1>`);
  if (pub.dates.adopted) line('vb-vastgesteld', `Vastgesteld ${date(pub.dates.adopted)}`);
  out.push(facts(pub, ctx), '</header>');
  return out.filter((p) => p.length > 0).join('\n');
}

function date(iso: string): string {
  return `<time datetime="${esc(iso)}">${esc(formatDutchDate(iso))}</time>`;
}

/** Committee, addressees, askers and the other dates, as a data list under the heading. */
function facts(pub: Publication, ctx: Context): string {
  const { labels: l } = ctx;
  const r = pub.request;
  const rows: [string, string | null][] = [
    [l.committee, r.committee && esc(r.committee)],
    [l.addressees, r.addressees.map(esc).join('; ') || null],
    [l.askers, r.askers.map((a) => esc(a.party ? `${a.name} (${a.party})` : a.name)).join(', ') || null],
    [l.answeredBy, r.answeredBy && esc(r.answeredBy)],
    [l.sent, pub.dates.sent && date(pub.dates.sent)],
    [l.postponed, pub.dates.postponed && date(pub.dates.postponed)],
    [l.answered, pub.dates.answered && date(pub.dates.answered)],
    [l.received, pub.dates.received && date(pub.dates.received)],
  ];
  const items = rows
    .filter((row): row is [string, string] => Boolean(row[1]))
    .map(
      ([key, value]) =>
        `<div class="utrecht-data-list__item"><dt class="utrecht-data-list__item-key"${ctx.chromeLang}>${esc(key)}</dt>` +
        `<dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">${value}</dd></div>`,
    );
  return items.length > 0 ? `<dl class="utrecht-data-list vb-kenmerken">${items.join('')}</dl>` : '';
}

function signatories(pub: Publication): string {
  if (pub.signatories.length === 0) return '';
  const lines = pub.signatories.map(
    (s) =>
      `<p class="utrecht-paragraph vb-ondertekenaar"><span class="vb-rol">${esc(ROLE_LABELS[s.role])},</span><br>` +
      `<span class="vb-naam">${esc(s.name)}</span></p>`,
  );
  return `<div class="vb-ondertekening">${lines.join('\n')}</div>`;
}

/** The document's name for <title>: its title, or its kind with the Kamerstuk number. */
function documentTitle(pub: Publication): string {
  if (pub.title) return pub.title;
  const dossier = pub.dossiers[0];
  const kind = KIND_LABELS[pub.kind];
  return dossier && pub.number ? `${kind}, Kamerstuk ${dossier.number}, nr. ${pub.number}` : kind;
}

const STYLE = `
body { margin: 0; font: 1rem/1.55 system-ui, sans-serif; color: #1a1a1a; background: #fff; }
.vb-publicatie { max-width: 44rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
.vb-kop p { margin: 0.15rem 0; }
.vb-kamer, .vb-vergaderjaar { font-weight: 600; }
.vb-dossiernummer { font-weight: 700; margin-inline-end: 0.5em; }
.vb-stuknummer { font-weight: 700; }
.vb-stuktitel { font-size: 1.35rem; margin: 1rem 0 0.25rem; }
.vb-kenmerken { margin: 1rem 0; font-size: 0.9rem; }
.vb-kenmerken div { display: flex; gap: 0.75em; }
.vb-kenmerken dt { min-width: 8rem; color: #555; }
.vb-kenmerken dd { margin: 0; }
h2 { font-size: 1.15rem; margin: 2rem 0 0.75rem; }
h3 { font-size: 1rem; margin: 1.5rem 0 0.25rem; }
.vb-vraag { margin: 0 0 1.25rem; }
.vb-antwoord-kop { margin-bottom: 0.25rem; }
.vb-ondertekening { margin: 1rem 0; }
.vb-onvolledig { font-style: italic; color: #555; }
.vb-noot-ref { line-height: 0; }
.vb-noten { margin-top: 2.5rem; border-top: 1px solid #999; font-size: 0.875rem; }
a { color: #154273; }
a:focus-visible { outline: 2px solid #154273; outline-offset: 2px; }
@media print {
  body { font: 11pt/1.4 Georgia, serif; }
  .vb-publicatie { max-width: none; padding: 0; }
  a { color: inherit; text-decoration: none; }
  .vb-noot-terug { display: none; }
  h2, h3, .vb-antwoord-kop { break-after: avoid; }
}
`;

export function renderHtml(pub: Publication, options: HtmlOptions = {}): string {
  const lang = options.lang ?? 'nl';
  const ids = questionIds(pub);
  const numbered = new Set(ids.filter((id) => /^vraag-\d+$/.test(id)).map((id) => Number(id.slice(6))));
  const ctx: Context = {
    labels: LABELS[lang],
    chromeLang: lang === 'nl' ? '' : ` lang="${lang}"`,
    footnotes: new Set(pub.footnotes.map((f) => f.number)),
    markers: new Map(),
    links: linksOf(pub, options.linkFor, numbered),
  };
  // The body is rendered before the heading, so that the heading knows which footnotes have no
  // marker in the text: as printed, their markers stand in the heading.
  const body: string[] = [blocks(pub.request.scopeBlocks, ctx, null), signatories(pub)];
  const listHeading = pub.kind === 'question-list' || pub.kind === 'question-list-report';
  if (listHeading) body.push('<h2 class="utrecht-heading-2 vb-vragen-kop">Vragen en antwoorden</h2>');
  let first = 0;
  pub.sections.forEach((s, k) => {
    // A question heading sits one level under the heading above it, never skipping a level.
    const level = s.title || listHeading ? 3 : 2;
    body.push(section(s, k + 1, ids.slice(first, first + s.questions.length), level, ctx));
    first += s.questions.length;
  });
  if (!pub.complete)
    body.push(
      `<p class="utrecht-paragraph vb-afgebroken"${ctx.chromeLang}>[…] ${esc(ctx.labels.truncated)}</p>`,
    );
  const head = header(pub, ctx);
  body.push(footnotes(pub, ctx));
  const article = [`<article class="vb-publicatie" lang="nl">`, head, ...body, '</article>']
    .filter((p) => p.length > 0)
    .join('\n');
  if (options.fragment) return `${article}\n`;
  return [
    '<!doctype html>',
    '<html lang="nl">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(documentTitle(pub))}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<main>',
    article,
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
