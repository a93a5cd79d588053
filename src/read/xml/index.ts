// The official XML reader: KOOP's `officiele-publicatie` (zoek.officielebekendmakingen.nl, `.xml`)
// → Publication. Reads `kamervragen` (Aanhangsel van de Handelingen: `vraag`/`antwoord` with `nr`)
// and a `kamerstuk` that marks its questions with `vraag`/`antwoord`. Pure and safe by
// construction: see parse.ts. Throws ReadError, and nothing else, for input it cannot read.
import type { Element } from '@xmldom/xmldom';
import type { WordChecker } from '../../extract/word-list.js';
import {
  appendixId,
  kamerstukId,
  normaliseDossier,
  normaliseSession,
  parseOfficialId,
} from '../../model/ids.js';
import { CHAMBER_LABELS } from '../../model/kinds.js';
import { blocksText } from '../../model/plain-text.js';
import {
  type Asker,
  type Block,
  type Chamber,
  FORMAT_NAME,
  FORMAT_VERSION,
  type Footnote,
  type Publication,
  type PublicationKind,
  type Question,
  type Reference,
  type Section,
  type Signatory,
  type Warning,
} from '../../model/publication.js';
import { sessionOfDate } from '../../model/session.js';
import { blockTexts } from '../../render/layout.js';
import { ReadError } from '../errors.js';
import { extractReferencesAndAmounts, publicationSegments } from '../text/extraction.js';
import { kindOfDocType, signatoryOf } from '../text/header.js';
import { readText } from '../text/index.js';
import { BodyContext, blocks, type ExtRef, inline, lineOf } from './blocks.js';
import { readMetadata, type XmlMetadata } from './metadata.js';
import {
  childElements,
  decodeXml,
  descendants,
  firstChild,
  nameOf,
  parseXml,
  textOf,
  XML_SIZE_LIMIT,
} from './parse.js';

export { readMetadata, type XmlMetadata } from './metadata.js';
export { decodeXml, parseXml, XML_SIZE_LIMIT } from './parse.js';

export interface XmlReadOptions {
  /** The file's name, kept in `source.file`. */
  fileName?: string | null;
  /**
   * The Dutch word list: with it, a Kamerstuk whose questions are not marked up as `vraag`/`antwoord`
   * is read by the text layout rules over its paragraphs; without it, such a file is refused.
   */
  words?: WordChecker | null;
  /** The publication's `metadata.xml` (or `metadata_owms.xml`), when at hand: id, title, dates, names. */
  metadata?: string | Uint8Array | null;
  /** The largest source read (default 20 MB). */
  sizeLimit?: number;
}

/** Whether a text looks like a KOOP publication XML file (for detection; cheap, no parsing). */
export function isKoopXml(text: string): boolean {
  const head = text.slice(0, 4096).replace(/^\uFEFF/, '');
  return /^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*)*<officiele-publicatie[\s>]/.test(head);
}

interface RawQuestion {
  number: number | null;
  label: string | null;
  blocks: Block[];
  answer: { label: string | null; blocks: Block[]; covers: number[] } | null;
  footnotes: number[];
  extrefs: ExtRef[];
  line: number | null;
  /** The element the question starts at (its `vraag`, or an `antwoord` without one). */
  element: Element;
}

/** 'Vraag 1' → [1]; 'Antwoord 2 en 3' → [2, 3]; 'Vragen 4, 5 en 6' → [4, 5, 6]; '7' → [7]. */
function numbersOf(label: string): number[] {
  const nums = [...label.matchAll(/\d+/g)].map((m) => Number(m[0])).filter((n) => n > 0);
  const range = /(\d+)\s*(?:t\/m|tot en met|[-–])\s*(\d+)/.exec(label);
  if (range) {
    const a = Number(range[1]);
    const b = Number(range[2]);
    if (b > a && b - a < 100) return Array.from({ length: b - a + 1 }, (_, i) => a + i);
  }
  return [...new Set(nums)];
}

/** Pairs `vraag` and `antwoord` elements, in document order, into questions. */
function readQuestions(elements: Element[], ctx: BodyContext): RawQuestion[] {
  const questions: RawQuestion[] = [];
  for (const el of elements) {
    const label = firstChild(el, 'nr') ? textOf(firstChild(el, 'nr')) : null;
    const nums = label ? numbersOf(label) : [];
    const body = blocks(el, ctx);
    const { markers, extrefs } = ctx.take();
    if (nameOf(el) === 'vraag') {
      questions.push({
        number: nums[0] ?? null,
        label,
        blocks: body,
        answer: null,
        footnotes: markers,
        extrefs,
        line: lineOf(el),
        element: el,
      });
      continue;
    }
    const answer = { label, blocks: body, covers: nums.length > 1 ? nums : [] };
    // The questions this answer names, else the last one still without an answer.
    let targets = questions.filter((q) => q.answer === null && q.number !== null && nums.includes(q.number));
    if (targets.length === 0) {
      const open = [...questions].reverse().find((q) => q.answer === null);
      targets = open ? [open] : [];
    }
    if (targets.length === 0) {
      // An answer with no question before it: keep it as a question without text.
      questions.push({
        number: nums[0] ?? null,
        label: null,
        blocks: [],
        answer,
        footnotes: markers,
        extrefs,
        line: lineOf(el),
        element: el,
      });
      continue;
    }
    for (const q of targets) q.answer = answer;
    targets[0]!.footnotes.push(...markers);
    targets[0]!.extrefs.push(...extrefs);
  }
  return questions;
}

function chamberOf(kop: Element | null): Chamber | null {
  if (!kop) return null;
  for (const r of childElements(kop)) {
    const what = r.getAttribute('inhoud');
    const t = textOf(r);
    if (what === 'kamernummer') {
      if (t === '1') return 'eerste-kamer';
      if (t === '2') return 'tweede-kamer';
    }
    if (what === 'kameraanduiding') {
      if (/eerste kamer/i.test(t)) return 'eerste-kamer';
      if (/tweede kamer/i.test(t)) return 'tweede-kamer';
    }
  }
  return null;
}

function kopLine(kop: Element | null, what: string): string | null {
  if (!kop) return null;
  const el = childElements(kop).find((r) => r.getAttribute('inhoud') === what);
  return el ? textOf(el) || null : null;
}

function sessionOf(kop: Element | null): string | null {
  const t = kopLine(kop, 'vergaderjaar');
  const m = t ? /(\d{4})\s*[-–/]\s*(\d{4})/.exec(t) : null;
  return m ? normaliseSession(`${m[1]}-${m[2]}`) : null;
}

/** The id in the link to the external metadata record, if any. */
function idOfMetaLink(root: Element): string | null {
  for (const meta of descendants(root, 'meta')) {
    const content = meta.getAttribute('content') ?? '';
    const m = /\/((?:kst|ah-tk|ah-ek|kv-tk|kv-ek|kv)-[0-9A-Za-z-]+)\/metadata/.exec(content);
    if (m) return m[1]!;
  }
  return null;
}

function isoOf(el: Element | null): string | null {
  const iso = el?.getAttribute('isodatum') ?? '';
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) ? iso : null;
}

/** Askers from `Vragen van de leden <naam>A</naam> (X) en <naam>B</naam> (allen Y) …`. */
function askersOf(el: Element): Asker[] {
  const askers: Asker[] = [];
  let pending: Asker[] = [];
  for (let c = el.firstChild; c; c = c.nextSibling) {
    if (c.nodeType === 1 && nameOf(c as Element) === 'naam') {
      const asker = { name: textOf(c as Element), party: null as string | null };
      askers.push(asker);
      pending.push(asker);
    } else if (c.nodeType === 3) {
      const t = c.nodeValue ?? '';
      const m = /^\s*\((?:allen\s+|beiden\s+)?([^()]{1,40})\)/.exec(t);
      if (m && pending.length > 0) {
        const party = m[1]!.trim();
        if (/^(?:allen|beiden)\s/.test(t.trim().slice(1))) for (const a of askers) a.party ??= party;
        else for (const a of pending) a.party ??= party;
        pending = [];
      } else if (/\baan\s+de\b/.test(t)) break;
    }
  }
  return askers;
}

function splitAddressees(text: string): string[] {
  return text
    .split(
      /\s*,\s*(?:de |het )?|\s+en\s+(?:de |het )?(?=(?:Minister|minister|Staatssecretaris|staatssecretaris|Algemene Rekenkamer)\b)/,
    )
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map((s) => s.charAt(0).toUpperCase() + s.slice(1));
}

function addresseesOf(text: string): string[] {
  const m = /\baan\s+(?:de|het)\s+(.+?)(?:\s+over\b|\s*\((?:ingezonden|ontvangen)|\.?$)/.exec(text);
  return m ? splitAddressees(m[1]!) : [];
}

function answeredByOf(text: string): string | null {
  const m = /^(?:Antwoord|Mededeling)\s+van\s+(?:de\s+)?(.+?)\s*(?:\(|$)/.exec(text);
  return m ? m[1]!.trim() : null;
}

/** No date known yet: each reader fills in what its source gives. */
function noDates(): Publication['dates'] {
  return { adopted: null, sent: null, answered: null, received: null, postponed: null };
}

interface Built {
  kind: PublicationKind;
  chamber: Chamber | null;
  session: string | null;
  dossiers: { number: string; title: string | null }[];
  number: string | null;
  id: string | null;
  title: string | null;
  documentType: string | null;
  askers: Asker[];
  addressees: string[];
  answeredBy: string | null;
  scopeBlocks: Block[];
  dates: Publication['dates'];
  questionElements: Element[];
  layout: string;
  signatories: Signatory[];
}

function readKamervragen(el: Element, root: Element, ctx: BodyContext): Built {
  const kop = firstChild(el, 'kamervraagkop');
  const chamber = chamberOf(kop);
  const session = sessionOf(kop);
  const number = textOf(firstChild(el, 'kamervraagnummer')) || null;
  const dates = noDates();
  let askers: Asker[] = [];
  let addressees: string[] = [];
  let answeredBy: string | null = null;
  const scopeBlocks: Block[] = [];
  for (const om of childElements(el).filter((c) => nameOf(c) === 'kamervraagomschrijving')) {
    const text = textOf(om);
    const content = inline(om, ctx);
    if (content.length > 0) scopeBlocks.push({ type: 'paragraph', content });
    const date = isoOf(firstChild(om, 'datum'));
    if (om.getAttribute('type') === 'antwoord' || /^Antwoord\b/.test(text)) {
      answeredBy ??= answeredByOf(text);
      if (/ontvangen/.test(text)) dates.received ??= date;
      else dates.answered ??= date;
    } else {
      askers = askers.length > 0 ? askers : askersOf(om);
      addressees = addressees.length > 0 ? addressees : addresseesOf(text);
      dates.sent ??= date;
    }
  }
  const questionElements = childElements(el).filter((c) => nameOf(c) === 'vraag' || nameOf(c) === 'antwoord');
  const remarks = childElements(el).filter((c) => nameOf(c) === 'kamervraagopmerking');
  let kind: PublicationKind = 'written-questions';
  if (questionElements.length === 0 && remarks.length > 0) {
    kind = 'postponement-notice';
    for (const r of remarks) {
      scopeBlocks.push(...blocks(r, ctx));
      dates.postponed ??= isoOf(descendants(r, 'datum')[0] ?? null);
    }
  }
  let id = idOfMetaLink(root);
  if (!id && number && session) id = appendixId(chamber ?? 'tweede-kamer', session, number);
  return {
    kind,
    chamber,
    session,
    dossiers: [],
    number,
    id,
    title: null,
    documentType: null,
    askers,
    addressees,
    answeredBy,
    scopeBlocks,
    dates,
    questionElements,
    layout: 'kamervragen',
    signatories: [],
  };
}

/**
 * Section headings among the questions: `tussenkop`s and `divisie` titles that stand outside any
 * `vraag`/`antwoord` (a heading inside an answer is the answer's own), in document order.
 */
function sectionHeadings(body: Element): Element[] {
  const out: Element[] = [];
  const walk = (node: Element): void => {
    for (const c of childElements(node)) {
      const name = nameOf(c);
      if (name === 'vraag' || name === 'antwoord' || name === 'noot') continue;
      if (name === 'tussenkop') out.push(c);
      else if (name === 'kop' && nameOf(node) === 'divisie') {
        const title = firstChild(c, 'titel');
        if (title) out.push(title);
      } else walk(c);
    }
  };
  walk(body);
  return out;
}

/** The questions grouped under the section heading before each (one untitled section without headings). */
function sectionsOf(body: Element, raw: readonly RawQuestion[], questions: Question[]): Section[] {
  const headings = sectionHeadings(body);
  const sections: Section[] = [];
  questions.forEach((q, i) => {
    const at = raw[i]!.element;
    // The last heading that comes before the question.
    let heading: Element | null = null;
    for (const h of headings) if (h.compareDocumentPosition(at) & 4) heading = h;
    const title = heading ? textOf(heading) || null : null;
    const current = sections[sections.length - 1];
    if (current && current.title === title) current.questions.push(q);
    else sections.push({ title, party: null, noQuestions: false, intro: [], questions: [q] });
  });
  return sections.length > 0
    ? sections
    : [{ title: null, party: null, noQuestions: false, intro: [], questions }];
}

/** `vraag` and `antwoord` anywhere under an element, outermost only, in document order. */
function questionMarkup(el: Element): Element[] {
  const out: Element[] = [];
  const walk = (node: Element): void => {
    for (const c of childElements(node)) {
      if (nameOf(c) === 'vraag' || nameOf(c) === 'antwoord') out.push(c);
      else walk(c);
    }
  };
  walk(el);
  return out;
}

/** Signatories from `ondertekening` blocks ("De voorzitter van de commissie,", name). */
function signatoriesOf(el: Element): Signatory[] {
  const out: Signatory[] = [];
  for (const block of descendants(el, 'ondertekening')) {
    const lines = descendants(block, 'al')
      .map((al) => textOf(al))
      .filter((t) => t.length > 0);
    for (let i = 0; i < lines.length; i++) {
      const found = signatoryOf(lines[i]!, lines[i + 1] ?? null);
      if (found?.signatory) out.push(found.signatory);
      if (found?.tookNext) i++;
    }
  }
  return out;
}

/**
 * A Kamerstuk whose questions are plain paragraphs (no `vraag`/`antwoord`): its head and paragraphs
 * written out in the text layout (src/render/layout.ts), footnotes at the end, for the text reader.
 */
function kamerstukText(el: Element, ctx: BodyContext): string {
  const lines: string[] = [];
  const kop = firstChild(el, 'kamerstukkop');
  const chamber = chamberOf(kop);
  if (chamber) lines.push(CHAMBER_LABELS[chamber]);
  const session = kopLine(kop, 'vergaderjaar');
  if (session) lines.push(session);
  for (const d of childElements(el).filter((c) => nameOf(c) === 'dossier')) {
    const number = textOf(descendants(d, 'dossiernr')[0] ?? null);
    const title = textOf(firstChild(d, 'titel'));
    if (number) lines.push(title ? `${number} ${title}` : number);
  }
  const stuk = firstChild(el, 'stuk');
  if (stuk) {
    const head = [textOf(firstChild(stuk, 'stuknr')), textOf(firstChild(stuk, 'titel'))].filter((t) => t);
    if (head.length > 0) lines.push(head.join(' '));
    const date = textOf(firstChild(stuk, 'datumtekst'));
    if (date) lines.push(date);
    for (const c of childElements(stuk)) {
      if (['stuknr', 'titel', 'datumtekst'].includes(nameOf(c))) continue;
      for (const b of blocks(c, ctx)) lines.push(...blockTexts(b));
    }
  }
  const notes = [...ctx.notes.values()].filter((n) => n.text !== null).sort((a, b) => a.number - b.number);
  if (notes.length > 0) lines.push('______', ...notes.map((n) => `${n.number} ${n.text}`));
  return `${lines.join('\n\n')}\n`;
}

function readKamerstuk(el: Element, root: Element, ctx: BodyContext): Built {
  const kop = firstChild(el, 'kamerstukkop');
  const questionElements = questionMarkup(el);
  const dossiers = childElements(el)
    .filter((c) => nameOf(c) === 'dossier')
    .map((d) => {
      const raw = textOf(descendants(d, 'dossiernr')[0] ?? null);
      return { number: normaliseDossier(raw) ?? raw, title: textOf(firstChild(d, 'titel')) || null };
    })
    .filter((d) => d.number.length > 0);
  const stuk = firstChild(el, 'stuk');
  const number = stuk ? textOf(descendants(stuk, 'ondernummer')[0] ?? null) || null : null;
  const documentType = stuk ? textOf(firstChild(stuk, 'titel')) || null : null;
  const datumtekst = stuk ? firstChild(stuk, 'datumtekst') : null;
  const dates = noDates();
  const date = isoOf(datumtekst ? (descendants(datumtekst, 'datum')[0] ?? null) : null);
  const dateText = textOf(datumtekst);
  if (/vastgesteld/i.test(dateText)) dates.adopted = date;
  else if (/ontvangen/i.test(dateText)) dates.received = date;
  else if (date) dates.answered = date;
  const chamber = chamberOf(kop) ?? 'tweede-kamer';
  let id = idOfMetaLink(root);
  if (!id && dossiers[0] && number) id = kamerstukId(dossiers[0].number, number);
  // Text before the first question is the introduction (what was asked of whom).
  const first = questionElements[0]!;
  const scopeBlocks: Block[] = [];
  const before = (node: Element): boolean =>
    Boolean(node.compareDocumentPosition(first) & 4) && !(node.compareDocumentPosition(first) & 16);
  for (const al of stuk ? descendants(stuk, 'al') : []) {
    if (!before(al)) break;
    const content = inline(al, ctx);
    if (content.length > 0) scopeBlocks.push({ type: 'paragraph', content });
  }
  return {
    kind: (documentType ? kindOfDocType(documentType) : null) ?? 'question-list',
    chamber,
    session: sessionOf(kop) ?? sessionOfDate(date),
    dossiers,
    number,
    id,
    title: null,
    documentType,
    askers: [],
    addressees: [],
    answeredBy: null,
    scopeBlocks,
    dates,
    questionElements,
    layout: 'kamerstuk',
    signatories: signatoriesOf(el),
  };
}

function referenceOf(ref: ExtRef, question: number | null): Reference | null {
  const doc = ref.doc.trim();
  if (/^https?:\/\//i.test(doc)) return { kind: 'url', text: ref.text || doc, question, url: doc };
  const parsed = parseOfficialId(doc);
  if (parsed?.type === 'kamerstuk') {
    return {
      kind: 'kamerstuk',
      text: ref.text || doc,
      question,
      kamerstuk: { dossier: parsed.dossier, number: parsed.number, id: doc },
    };
  }
  // Another official publication (Staatsblad, Staatscourant, Aanhangsel): its page on the portal.
  if (/^[a-z]+(?:-[a-z]+)?-[0-9A-Za-z-]+$/.test(doc)) {
    return {
      kind: 'url',
      text: ref.text || doc,
      question,
      url: `https://zoek.officielebekendmakingen.nl/${doc}`,
    };
  }
  return null;
}

/** The fallback for a Kamerstuk without `vraag`/`antwoord`: the text layout rules over its paragraphs. */
function readKamerstukAsText(
  body: Element,
  root: Element,
  ctx: BodyContext,
  options: XmlReadOptions,
): Publication {
  if (!options.words) {
    throw new ReadError(
      'not-a-publication',
      'this Kamerstuk XML has no questions and answers (no <vraag>/<antwoord> markup)',
    );
  }
  const text = kamerstukText(body, ctx);
  const fileName = idOfMetaLink(root) ?? options.fileName ?? null;
  const stuk = firstChild(body, 'stuk');
  const what = textOf(stuk ? firstChild(stuk, 'titel') : null);
  const refuse = (why: string): ReadError =>
    new ReadError(
      'not-a-publication',
      `this Kamerstuk${what ? ` (${what})` : ''} holds no questions and answers: ${why}`,
    );
  let pub: Publication;
  try {
    pub = readText(text, { fileName, words: options.words });
  } catch (error) {
    if (error instanceof ReadError && error.code === 'not-a-publication') throw refuse(error.message);
    throw error;
  }
  // A motion or a letter has a Kamerstuk's head too: without questions it is not one of ours.
  if (pub.kind !== 'postponement-notice' && pub.sections.every((s) => s.questions.length === 0)) {
    throw refuse('no <vraag>/<antwoord> markup, and no numbered questions in its paragraphs');
  }
  // The title stands in the metadata record, not in the Kamerstuk's body.
  const limit = options.sizeLimit ?? XML_SIZE_LIMIT;
  const meta = options.metadata ? readMetadata(options.metadata, limit) : null;
  return {
    ...pub,
    id: pub.id ?? meta?.id ?? null,
    title: pub.title ?? meta?.title ?? null,
    source: {
      reader: 'xml',
      layout: `kamerstuk as text: ${pub.source.layout}`,
      file: options.fileName ?? null,
    },
  };
}

/** Reads a KOOP publication XML file. Throws ReadError, and nothing else, for input it cannot read. */
export function readXml(input: string | Uint8Array, options: XmlReadOptions = {}): Publication {
  try {
    return readXmlUnguarded(input, options);
  } catch (error) {
    // Absurdly deep nesting exhausts the stack (in the parser or the tree walk): refuse the file.
    if (error instanceof RangeError) {
      throw new ReadError('unreadable', 'the XML is nested too deeply to read');
    }
    throw error;
  }
}

function readXmlUnguarded(input: string | Uint8Array, options: XmlReadOptions): Publication {
  const limit = options.sizeLimit ?? XML_SIZE_LIMIT;
  const text = typeof input === 'string' ? input : decodeXml(input, limit);
  const doc = parseXml(text, limit);
  const root = doc.documentElement!;
  const rootName = nameOf(root);
  if (rootName === 'metadata_gegevens' || rootName === 'owms-metadata') {
    throw new ReadError(
      'not-a-publication',
      `this is a KOOP metadata file (<${rootName}>), not the publication; read the publication's own .xml`,
    );
  }
  const body =
    rootName === 'officiele-publicatie'
      ? childElements(root).find((c) => nameOf(c) === 'kamervragen' || nameOf(c) === 'kamerstuk')
      : rootName === 'kamervragen' || rootName === 'kamerstuk'
        ? root
        : undefined;
  if (!body) {
    throw new ReadError(
      'not-a-publication',
      rootName === 'officiele-publicatie'
        ? `this official publication is no Kamerstuk or Kamervragen (it holds ${
            childElements(root)
              .map((c) => `<${nameOf(c)}>`)
              .filter((n) => n !== '<metadata>')
              .join(', ') || 'nothing'
          })`
        : `not a KOOP publication XML file: the root element is <${rootName}>, not <officiele-publicatie>`,
    );
  }

  const ctx = new BodyContext();
  if (nameOf(body) === 'kamerstuk' && questionMarkup(body).length === 0) {
    return readKamerstukAsText(body, root, ctx, options);
  }
  const built =
    nameOf(body) === 'kamervragen' ? readKamervragen(body, root, ctx) : readKamerstuk(body, root, ctx);
  const scopeMarkers = ctx.take();
  const meta: XmlMetadata | null = options.metadata ? readMetadata(options.metadata, limit) : null;
  const warnings: Warning[] = [];

  const raw = readQuestions(built.questionElements, ctx);
  if (raw.length === 0 && built.kind !== 'postponement-notice') {
    throw new ReadError(
      'not-a-publication',
      'no questions and answers found: no <vraag> or <antwoord> in the XML',
    );
  }
  const questions: Question[] = raw.map((q) => ({
    number: q.number,
    label: q.label,
    question: blocksText(q.blocks),
    answer: q.answer ? blocksText(q.answer.blocks) : null,
    questionBlocks: q.blocks,
    answerBlocks: q.answer?.blocks ?? [],
    answerLabel: q.answer?.label ?? null,
    answerCovers: q.answer?.covers ?? [],
    refersTo: [],
    footnotes: [...new Set(q.footnotes)],
    incomplete: false,
    line: q.line,
  }));
  for (const q of questions) {
    if (q.answer === null && q.number !== null) {
      warnings.push({ line: q.line, message: `question ${q.number} has no answer`, text: null });
    }
  }

  // Footnotes: the text stands at the marker, so every one has both.
  const noteQuestion = new Map<number, number | null>();
  for (const n of scopeMarkers.markers) noteQuestion.set(n, null);
  for (const q of questions)
    for (const n of q.footnotes) if (!noteQuestion.has(n)) noteQuestion.set(n, q.number);
  const footnotes: Footnote[] = [...ctx.notes.values()]
    .sort((a, b) => a.number - b.number)
    .map((n) => ({ number: n.number, text: n.text, question: noteQuestion.get(n.number) ?? null }));

  // References: tagged `extref`s first, then what the shared extractors find in the plain text.
  const scope = blocksText(built.scopeBlocks);
  const found = extractReferencesAndAmounts(publicationSegments(scope, questions, footnotes));
  questions.forEach((q, i) => {
    q.refersTo = found.refersTo[i + 1]!;
  });
  const tagged: Reference[] = [];
  const tag = (refs: ExtRef[], question: number | null): void => {
    for (const r of refs) {
      const ref = referenceOf(r, question);
      if (ref) tagged.push(ref);
    }
  };
  tag(scopeMarkers.extrefs, null);
  for (const q of raw) tag(q.extrefs, q.number);
  const seen = new Set(tagged.map((r) => `${r.question}|${r.text}`));
  const references = [...tagged, ...found.references.filter((r) => !seen.has(`${r.question}|${r.text}`))];

  // Identity: the XML first, then the metadata record, then derived values.
  const chamber = built.chamber ?? meta?.chamber ?? null;
  const session = built.session ?? meta?.session ?? sessionOfDate(built.dates.sent ?? built.dates.received);
  const id = built.id ?? meta?.id ?? null;
  if (!id) warnings.push({ line: null, message: 'no official id found in the XML', text: null });
  const dates = { ...built.dates };
  if (meta) {
    dates.received ??= meta.received;
    dates.sent ??= meta.submitted;
  }

  return {
    format: FORMAT_NAME,
    version: FORMAT_VERSION,
    id,
    kind: built.kind,
    status: 'published',
    chamber,
    session,
    dossiers: built.dossiers,
    number: built.number ?? meta?.number ?? (id ? (parseOfficialId(id)?.number ?? null) : null),
    title: meta?.title ?? built.title,
    documentType: built.documentType,
    request: {
      committee: null,
      addressees: built.addressees,
      askers: built.askers,
      answeredBy: built.answeredBy,
      documents: [],
      scope: scope.length > 0 ? scope : null,
      scopeBlocks: built.scopeBlocks,
    },
    dates,
    signatories: built.signatories,
    sections: sectionsOf(body, raw, questions),
    footnotes,
    references,
    amounts: found.amounts,
    warnings,
    complete: true,
    source: { reader: 'xml', layout: built.layout, file: options.fileName ?? null },
  };
}
