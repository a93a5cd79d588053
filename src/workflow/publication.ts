// The answer letter as a publication: an approved question list with its answers → the Publication the
// Kamer publishes. A committee's list becomes a Kamerstuk in the layout of kst-36360-VI-12 (dossier and
// title, "Nr. N LIJST VAN VRAGEN EN ANTWOORDEN", "Vastgesteld …", the sentence saying who asked whom
// about what and when it was answered, the signatures, sections, each numbered question with
// "Antwoord:"); Kamervragen become an Aanhangsel van de Handelingen ("Vragen van het lid …",
// "Antwoord van Minister …", "Vraag 1" / "Antwoord 1").
//
// Pure: inputs in, tree out. The tree is exactly the one the text reader makes of the rendered letter
// (test/workflow/publication.test.ts proves it through text, DOCX and PDF), so the archive holds the same
// thing whether a letter was made here or read back from its published text. That is why the plain-text
// answers are cut into blocks, and references, amounts and the documents asked about are found, by the
// text reader's own rules rather than rules of our own that could drift from them.
import { findKamerstukReferences } from '../extract/kamerstuk-references.js';
import {
  appendixId,
  kamerstukId,
  normaliseDossier,
  normaliseSession,
  parseOfficialId,
} from '../model/ids.js';
import { blocksText } from '../model/plain-text.js';
import {
  type Asker,
  type Block,
  FORMAT_NAME,
  FORMAT_VERSION,
  type Publication,
  type PublicationStatus,
  type Question,
  type Section,
  type SignatoryRole,
} from '../model/publication.js';
import { sessionOfDate } from '../model/session.js';
import { toBlocks, withMarkers } from '../read/text/blocks.js';
import { extractReferencesAndAmounts, publicationSegments } from '../read/text/extraction.js';
import { type Header, readHeader } from '../read/text/header.js';
import { endsSentence, matchBullet, matchOrderedItem } from '../read/text/markers.js';
import { formatDutchDate } from '../render/dutch-date.js';
import type { ListRow, QuestionRow } from '../store/workflow.js';

/** What the letter needs of the list (a ListRow will do). */
export type LetterList = Pick<ListRow, 'kind' | 'title' | 'addressees' | 'documents' | 'scope'>;

/** What the letter needs of each question (a QuestionRow will do). */
export type LetterQuestion = Pick<
  QuestionRow,
  'id' | 'number' | 'section' | 'text' | 'answer' | 'answeredWith'
>;

interface LetterBase {
  list: LetterList;
  /**
   * The list's questions, numbered 1…n without gaps (any order). `answer` is the approved answer, plain
   * text (paragraphs separated by a blank line, list items on their own line); `answeredWith` is the id
   * of another question whose answer also answers this one: it is printed "Zie het antwoord op vraag N.",
   * before the question's own answer when it has one, as kst-36360-VI-12 does.
   */
  questions: readonly LetterQuestion[];
  /** The Kamerstuk's ondernummer ('57'), or for Kamervragen the Aanhangsel number ('1028'). */
  number: string;
  /** The date of the minister's answer letter (ISO). */
  letterDate: string;
  /** Vergaderjaar ('2026-2027'); by default the one the publication's date falls in. */
  session?: string;
  /**
   * What the questions are about, as the sentence names it after "over": 'de jaarverslagen van 17 mei 2023
   * inzake … (Kamerstuk 36 360 VI, nr. 1)'. By default the list's scope, else its title; the list's
   * documents that it does not cite yet are cited after it. Starting it with "de", "het" or "een" lets
   * the documents be read from it, as the text reader does.
   */
  subject?: string;
  /**
   * The ministry ('Binnenlandse Zaken en Koninkrijksrelaties', or 'Ministerie van …'): the addressee
   * "Minister van …" when the list names none; for Kamervragen printed after who answers.
   */
  ministry?: string;
  /** 'published' (the default: a letter with a number and a date is the Kamerstuk) or 'draft'. */
  status?: PublicationStatus;
}

/** A committee's list (Lijst van vragen en antwoorden) → a Kamerstuk. */
export interface QuestionListLetter extends LetterBase {
  /** 'vaste commissie voor Binnenlandse Zaken'. */
  committee: string;
  /** The dossier the Kamerstuk is filed in, printed or in any common spelling: '36 360 VI'. */
  dossier: string;
  /** "Vastgesteld": the date the committee adopted the questions and answers (ISO). */
  fixedDate: string;
  /** The dossier's title, printed after its number; by default the list's title. */
  title?: string;
  /** When the committee put the questions (ISO); printed "heeft op … een aantal vragen voorgelegd". */
  sentDate?: string | null;
  /** The committee's chair and clerk, signing; left out when absent. */
  chair?: string | null;
  clerk?: string | null;
  clerkRole?: Extract<SignatoryRole, 'griffier' | 'adjunct-griffier' | 'fungerend griffier'>;
}

/** Kamervragen (schriftelijke vragen) → an Aanhangsel van de Handelingen. */
export interface WrittenAnswerLetter extends LetterBase {
  /** The members who asked, each with their party ('Erkens', 'VVD'). */
  askers: Asker[];
  /** When the questions were submitted (ingezonden, ISO). */
  sentDate: string;
  /** Who answers, as printed: 'Minister Uitermark'. */
  answeredBy: string;
}

export type AnswerLetter = QuestionListLetter | WrittenAnswerLetter;

/** The publication an approved list's answer letter becomes. Throws an Error saying what is missing or wrong. */
export function answerPublication(letter: AnswerLetter): Publication {
  if ('askers' in letter) {
    if (letter.list.kind !== 'written-questions') {
      throw new Error(`a ${letter.list.kind} is answered with a question list letter, not as Kamervragen`);
    }
    return writtenAnswer(letter);
  }
  if (letter.list.kind === 'written-questions') {
    throw new Error('Kamervragen need their askers, the date they were submitted and who answers them');
  }
  return questionListAnswer(letter);
}

// Text as the text reader holds it: odd spaces are spaces, invisible characters go, one space between words.
const clean = (text: string): string =>
  text
    .replace(/[\u00a0\u2007\u202f\t]/g, ' ')
    .replace(/\u00ad|\u200b|\u200c|\u200d|\u2060/g, '')
    .replace(/\s+/g, ' ')
    .trim();

function isoDate(value: string, what: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new Error(`${what} must be an ISO date (YYYY-MM-DD), not '${value}'`);
  }
  return value;
}

function sessionOf(given: string | undefined, date: string): string {
  const session = given === undefined ? sessionOfDate(date) : normaliseSession(given);
  if (!session) throw new Error(`'${given}' is no vergaderjaar (such as 2026-2027)`);
  return session;
}

/**
 * Plain text → paragraphs: a blank line ends one; a line opening with a bullet or item marker is an
 * item of its own (the model's plain-text convention); any other line break is a wrap.
 */
function paragraphsOf(text: string): string[] {
  const out: string[] = [];
  for (const chunk of text.replace(/\r\n?/g, '\n').split(/\n[ \t]*\n/)) {
    let current = '';
    for (const raw of chunk.split('\n')) {
      const line = clean(raw);
      if (!line) continue;
      if (current && (matchBullet(line) || matchOrderedItem(line))) {
        out.push(current);
        current = line;
      } else current = current ? `${current} ${line}` : line;
    }
    if (current) out.push(current);
  }
  return out;
}

// The text reader's block rules (lists, sub-headings in answers), applied to the paragraphs it will see.
function blocksOf(paragraphs: readonly string[], allowHeadings: boolean): Block[] {
  const marked = paragraphs.map((text) =>
    withMarkers({ text, content: [{ type: 'text', value: text }], markers: [], line: 1, lastLine: 1 }),
  );
  return toBlocks(marked, allowHeadings);
}

const paragraphBlock = (text: string): Block => ({
  type: 'paragraph',
  content: [{ type: 'text', value: text }],
});

/** "a, b en c". */
function listing(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} en ${items.at(-1)}`;
}

/** The printed reference of a Kamerstuk id: '36 360 VI, nr. 1'. */
function printedRef(id: string): string {
  const parsed = parseOfficialId(id);
  if (parsed?.type !== 'kamerstuk') throw new Error(`'${id}' is no Kamerstuk id (such as kst-36360-VI-1)`);
  return `${parsed.dossier}, nr. ${parsed.number}`;
}

/** What was asked about: the given subject, or the list's scope or title citing the list's documents. */
function subjectOf(letter: AnswerLetter): string {
  if (letter.subject !== undefined) {
    const subject = clean(letter.subject).replace(/[.\s]+$/, '');
    if (!subject) throw new Error('the subject (what was asked about) is empty');
    return subject;
  }
  const base = clean(letter.list.scope ?? '') || clean(letter.list.title);
  const cited = new Set(findKamerstukReferences(base).map((r) => r.ref.id));
  const missing = letter.list.documents.filter((id) => !cited.has(id)).map(printedRef);
  const refs =
    missing.length === 0 ? '' : ` (${missing.length > 1 ? 'Kamerstukken' : 'Kamerstuk'} ${listing(missing)})`;
  const subject = `${base.replace(/[.\s]+$/, '')}${refs}`;
  if (!subject) throw new Error('the list has neither a scope nor a title to say what was asked about');
  return subject;
}

/** 'Binnenlandse Zaken en Koninkrijksrelaties', also from an organisation's name 'Ministerie van …'. */
function ministryName(ministry: string | undefined): string {
  return clean(ministry ?? '').replace(/^(?:het )?ministerie van /i, '');
}

function addresseesOf(letter: AnswerLetter): string[] {
  const named = letter.list.addressees.map((a) => clean(a).replace(/^(?:de|het) /, '')).filter(Boolean);
  if (named.length > 0) return named;
  const ministry = ministryName(letter.ministry);
  if (ministry) return [`Minister van ${ministry}`];
  throw new Error('the list names no addressee (Minister van …) and no ministry is given');
}

/** "De Minister heeft", "De Minister en de Staatssecretaris hebben": who answered, by their office. */
function answerers(addressees: readonly string[]): string {
  const offices = new Map<string, number>();
  for (const a of addressees) {
    const office = /^(Minister|Staatssecretaris)\b/i.exec(a)?.[1] ?? a;
    const key = office[0]!.toUpperCase() + office.slice(1);
    offices.set(key, (offices.get(key) ?? 0) + 1);
  }
  const PLURAL: Record<string, string> = { Minister: 'Ministers', Staatssecretaris: 'Staatssecretarissen' };
  const names = [...offices].map(([office, n]) => (n > 1 ? (PLURAL[office] ?? office) : office));
  const many = addressees.length > 1;
  return `De ${names.join(' en de ')} ${many ? 'hebben' : 'heeft'}`;
}

/** "het lid Erkens (VVD)", "de leden Van Weyenberg, Romke de Jong en Kat (allen D66) en Bikker (ChristenUnie)". */
function askersText(askers: readonly Asker[]): string {
  const groups: { names: string[]; party: string | null }[] = [];
  for (const a of askers) {
    const name = clean(a.name);
    const party = a.party === null ? null : clean(a.party);
    if (!name || /[(),]/.test(name) || (party !== null && (!party || /[()]/.test(party)))) {
      throw new Error(`'${a.name}'${a.party ? ` (${a.party})` : ''} cannot be printed as an asker`);
    }
    if (askers.length > 1 && party === null)
      throw new Error(`asker ${name}: with several askers, each needs a party`);
    const last = groups.at(-1);
    if (last && last.party === party) last.names.push(name);
    else groups.push({ names: [name], party });
  }
  const printed = groups.map(({ names, party }) => {
    if (party === null) return listing(names);
    const all = names.length === 1 ? '' : names.length === 2 ? 'beiden ' : 'allen ';
    return `${listing(names)} (${all}${party})`;
  });
  return `${askers.length > 1 ? 'de leden' : 'het lid'} ${listing(printed)}`;
}

/** A section's heading as printed: one the text reader takes for a heading (a word such as "vragen" in it). */
function sectionHeading(raw: string, number: number): string {
  let title = clean(raw).replace(/[.:;,!?]+$/, '');
  if (!title) throw new Error(`question ${number}: its section has no title`);
  if (!/\b(?:vragen|vraag|antwoorden|jaarverslag(?:en)?|begroting|slotwet|overig(?:e)?)\b/i.test(title)) {
    title = `Vragen en antwoorden inzake ${title}`;
  }
  title = title[0]!.toUpperCase() + title.slice(1);
  if (/^Vragen en antwoorden$/i.test(title)) {
    throw new Error(`question ${number}: "${title}" is the list's own heading; give the section a name`);
  }
  if (title.length > 200)
    throw new Error(`question ${number}: its section title is longer than 200 characters`);
  return title;
}

interface Layout {
  label: (n: number) => string;
  answerLabel: (n: number) => string;
  sections: boolean;
}

/** The questions in sections, each answer resolved and ending a sentence. */
function buildSections(questions: readonly LetterQuestion[], layout: Layout): Section[] {
  if (questions.length === 0) throw new Error('the list has no questions');
  const sorted = [...questions].sort((a, b) => a.number - b.number);
  sorted.forEach((q, i) => {
    if (q.number !== i + 1)
      throw new Error(`the questions must be numbered 1 to ${sorted.length}: found ${q.number}`);
  });
  const byId = new Map(sorted.map((q) => [q.id, q]));
  const ownAnswer = (q: LetterQuestion): string[] => paragraphsOf(q.answer ?? '');

  // "Zie het antwoord op vraag N": the question whose own answer this one shares, through any chain.
  const answeringOf = (q: LetterQuestion): LetterQuestion | null => {
    if (q.answeredWith === null) return null;
    const seen = new Set([q.id]);
    let target = byId.get(q.answeredWith);
    while (target) {
      if (seen.has(target.id))
        throw new Error(`question ${q.number}: its answeredWith goes round in a circle`);
      if (ownAnswer(target).length > 0 || target.answeredWith === null) return target;
      seen.add(target.id);
      target = byId.get(target.answeredWith);
    }
    throw new Error(`question ${q.number}: answeredWith names no question of this list`);
  };

  const missing: number[] = [];
  const answers = sorted.map((q) => {
    const own = ownAnswer(q);
    const other = answeringOf(q);
    if (other && ownAnswer(other).length === 0) missing.push(other.number);
    if (!other) {
      if (own.length === 0) missing.push(q.number);
      return own;
    }
    const see = `Zie het antwoord op vraag ${other.number}.`;
    return own.length === 0 ? [see] : [`${see} ${own[0]}`, ...own.slice(1)];
  });
  const unanswered = [...new Set(missing)].sort((a, b) => a - b);
  if (unanswered.length === 1) throw new Error(`question ${unanswered[0]} has no answer`);
  if (unanswered.length > 1) throw new Error(`questions ${listing(unanswered.map(String))} have no answer`);
  // Every answer ends a sentence: the text reader takes a last paragraph that does not for a text cut
  // off, and a short one without a full stop before the next question ("Zie de begroting") for the
  // next section's heading.
  for (const answer of answers) {
    if (!endsSentence(answer.at(-1)!)) answer[answer.length - 1] = `${answer.at(-1)}.`;
  }

  const sections: Section[] = [];
  sorted.forEach((q, i) => {
    const asked = paragraphsOf(q.text);
    if (asked.length === 0) throw new Error(`question ${q.number} has no text`);
    const section = q.section === null || !clean(q.section) ? null : q.section;
    if (section !== null && !layout.sections) {
      throw new Error(`question ${q.number}: Kamervragen have no sections`);
    }
    const title = section === null ? null : sectionHeading(section, q.number);
    let current = sections.at(-1);
    if (title === null && current && current.title !== null) {
      throw new Error(
        `question ${q.number} has no section but follows section "${current.title}": give it one, or move it before the first section`,
      );
    }
    if (!current || current.title !== title) {
      current = { title, party: null, noQuestions: false, intro: [], questions: [] };
      sections.push(current);
    }
    const questionBlocks = blocksOf(asked, false);
    const answerBlocks = blocksOf(answers[i]!, true);
    const question: Question = {
      number: q.number,
      label: layout.label(q.number),
      question: blocksText(questionBlocks),
      answer: blocksText(answerBlocks),
      questionBlocks,
      answerBlocks,
      answerLabel: layout.answerLabel(q.number),
      answerCovers: [],
      refersTo: [],
      footnotes: [],
      incomplete: false,
      line: null,
    };
    current.questions.push(question);
  });
  return sections;
}

/** The parts every letter shares: references, amounts and cross-references found as the reader finds them. */
function finish(
  base: Omit<
    Publication,
    'references' | 'amounts' | 'footnotes' | 'warnings' | 'complete' | 'format' | 'version'
  >,
): Publication {
  const questions = base.sections.flatMap((s) => s.questions);
  const { references, amounts, refersTo } = extractReferencesAndAmounts(
    publicationSegments(base.request.scope ?? '', questions, []),
  );
  questions.forEach((q, i) => {
    q.refersTo = refersTo[i + 1]!;
  });
  return {
    format: FORMAT_NAME,
    version: FORMAT_VERSION,
    ...base,
    footnotes: [],
    references,
    amounts,
    warnings: [],
    complete: true,
  };
}

/**
 * The preamble read by the text reader's own header rules: the documents asked about come from it, and
 * what we meant it to say is checked against what it says, so an odd name cannot make the published
 * letter say something else than its tree.
 */
function readPreamble(paragraphs: readonly string[], expected: Partial<Header>): Header {
  const header = readHeader(
    paragraphs.map((text) => ({ text, line: 1 })),
    () => false,
  );
  for (const [key, value] of Object.entries(expected) as [keyof Header, unknown][]) {
    if (JSON.stringify(header[key]) !== JSON.stringify(value)) {
      throw new Error(
        `the letter's preamble would read as ${key} ${JSON.stringify(header[key])}, not ${JSON.stringify(value)}: ${paragraphs.join(' ')}`,
      );
    }
  }
  return header;
}

function questionListAnswer(letter: QuestionListLetter): Publication {
  const fixed = isoDate(letter.fixedDate, 'fixedDate');
  const letterDate = isoDate(letter.letterDate, 'letterDate');
  const sent = letter.sentDate ? isoDate(letter.sentDate, 'sentDate') : null;
  const session = sessionOf(letter.session, fixed);
  const dossier = normaliseDossier(letter.dossier);
  if (!dossier) throw new Error(`'${letter.dossier}' is no dossier number (such as 36 360 VI)`);
  const number = clean(letter.number);
  // The Tweede Kamer numbers its Kamerstukken; letters ('AI') are the Eerste Kamer's.
  if (!/^\d+$/.test(number)) throw new Error(`'${letter.number}' is no Kamerstuk number (such as 57)`);
  const committee = clean(letter.committee).replace(/^de /i, '');
  if (!/^(?:vaste |algemene |tijdelijke )?commissie (?:voor|van) \S/i.test(committee)) {
    throw new Error(
      `'${letter.committee}' is no committee's name (such as vaste commissie voor Digitale Zaken)`,
    );
  }
  let dossierTitle = clean(letter.title ?? letter.list.title);
  // The dossier line is told from prose by the capital its title starts with.
  if (dossierTitle) dossierTitle = dossierTitle[0]!.toUpperCase() + dossierTitle.slice(1);
  if (dossierTitle && !/^[\p{Lu}(]/u.test(dossierTitle)) {
    throw new Error(`the dossier's title must begin with a letter: '${dossierTitle}'`);
  }
  const addressees = addresseesOf(letter);

  // The wording of kst-36360-VI-12.
  const scope = [
    `De ${committee} heeft ${sent ? `op ${formatDutchDate(sent)} ` : ''}een aantal vragen voorgelegd aan de ${addressees.join(' en de ')} over ${subjectOf(letter)}.`,
    `${answerers(addressees)} deze vragen beantwoord bij brief van ${formatDutchDate(letterDate)}. Vragen en antwoorden zijn hierna afgedrukt.`,
  ];
  const header = readPreamble(scope, { committee, addressees, sent, answered: letterDate });

  const signatories = [
    ...(letter.chair && clean(letter.chair)
      ? [{ role: 'voorzitter' as const, name: clean(letter.chair) }]
      : []),
    ...(letter.clerk && clean(letter.clerk)
      ? [{ role: letter.clerkRole ?? 'griffier', name: clean(letter.clerk) }]
      : []),
  ];
  const title = clean(letter.list.title);
  return finish({
    id: kamerstukId(dossier, number),
    kind: 'question-list',
    status: letter.status ?? 'published',
    chamber: 'tweede-kamer',
    session,
    dossiers: [{ number: dossier, title: dossierTitle || null }],
    number,
    title: title || null,
    documentType: 'LIJST VAN VRAGEN EN ANTWOORDEN',
    request: {
      committee,
      addressees,
      askers: [],
      answeredBy: null,
      documents: header.documents,
      scope: scope.join('\n\n'),
      scopeBlocks: scope.map(paragraphBlock),
    },
    dates: { adopted: fixed, sent, answered: letterDate, received: null, postponed: null },
    signatories,
    sections: buildSections(letter.questions, {
      label: String,
      answerLabel: () => 'Antwoord:',
      sections: true,
    }),
    source: { reader: 'text', layout: 'bare', file: null },
  });
}

function writtenAnswer(letter: WrittenAnswerLetter): Publication {
  const letterDate = isoDate(letter.letterDate, 'letterDate');
  const sent = isoDate(letter.sentDate, 'sentDate');
  const session = sessionOf(letter.session, letterDate);
  const number = clean(letter.number);
  if (!/^\d+$/.test(number)) throw new Error(`'${letter.number}' is no Aanhangsel number (such as 1028)`);
  if (letter.askers.length === 0) throw new Error('Kamervragen need at least one asker');
  const answeredBy = clean(letter.answeredBy);
  if (!answeredBy || /[()]/.test(answeredBy)) {
    throw new Error(`'${letter.answeredBy}' cannot be printed as who answers (such as Minister Uitermark)`);
  }
  const ministry = ministryName(letter.ministry);
  const addressees = addresseesOf(letter);
  const askers = letter.askers.map((a) => ({
    name: clean(a.name),
    party: a.party === null ? null : clean(a.party),
  }));

  // The wording of the Aanhangsel (test/fixtures/text/ah-tk-20242025-1028.txt).
  const scope = [
    `Vragen van ${askersText(askers)} aan de ${addressees.join(' en de ')} over ${subjectOf(letter)} (ingezonden ${formatDutchDate(sent)}).`,
    `Antwoord van ${answeredBy}${ministry ? ` (${ministry})` : ''} (ontvangen ${formatDutchDate(letterDate)}). Zie ook Aanhangsel Handelingen, vergaderjaar ${session.replace('-', '–')}, nr. ${number}.`,
  ];
  const header = readPreamble(scope, {
    askers,
    addressees,
    sent,
    answeredBy,
    received: letterDate,
    appendixNumber: number,
    session,
  });
  const title = clean(letter.list.title);
  return finish({
    id: appendixId('tweede-kamer', session, number),
    kind: 'written-questions',
    status: letter.status ?? 'published',
    chamber: 'tweede-kamer',
    session,
    dossiers: [],
    number,
    title: title || null,
    documentType: null,
    request: {
      committee: null,
      addressees,
      askers,
      answeredBy,
      documents: header.documents,
      scope: scope.join('\n\n'),
      scopeBlocks: scope.map(paragraphBlock),
    },
    dates: { adopted: null, sent, answered: null, received: letterDate, postponed: null },
    signatories: [],
    sections: buildSections(letter.questions, {
      label: (n) => `Vraag ${n}`,
      answerLabel: (n) => `Antwoord ${n}`,
      sections: false,
    }),
    source: { reader: 'text', layout: 'vraag', file: null },
  });
}
