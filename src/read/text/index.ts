// The text reader: extracted or copied text of a published question list → Publication.
// A pure function: the Dutch word list comes in as an argument.
import type { WordChecker } from '../../extract/word-list.js';
import { appendixId, kamerstukId, normaliseDossier, parseOfficialId } from '../../model/ids.js';
import { blocksText } from '../../model/plain-text.js';
import {
  type Chamber,
  FORMAT_NAME,
  FORMAT_VERSION,
  type Footnote,
  type Publication,
  type PublicationKind,
  type Question,
  type Section,
  TRUNCATION_MARK,
  type Warning,
} from '../../model/publication.js';
import { sessionOfDate } from '../../model/session.js';
import { ReadError } from '../errors.js';
import { removeArtefacts } from './artefacts.js';
import { type MarkedParagraph, withMarkers } from './blocks.js';
import { extractReferencesAndAmounts, publicationSegments } from './extraction.js';
import { type MarkerCounter, removeFootnoteBlocks, splitFootnoteMarkers } from './footnotes.js';
import { kindOfDocType, readHeader } from './header.js';
import { measureShape, normaliseText, splitLines } from './lines.js';
import { endsSentence } from './markers.js';
import { buildParagraphs } from './paragraphs.js';
import { detectLayout, introBlocks, questionBlocks, readBody } from './structure.js';

export interface TextReadOptions {
  /** The file's name, used for warnings and, when the text does not say, the id. */
  fileName?: string | null;
  words: WordChecker;
}

const OFFICIAL_ID_IN_NAME = /(kst-[0-9A-Za-z-]+?|ah-(?:tk|ek)-\d{8}-\d+)(?:\.[a-z]+)?$/;

function baseName(fileName: string): string {
  const i = Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\'));
  return fileName.slice(i + 1);
}

function markParagraphs(
  paragraphs: ReturnType<typeof buildParagraphs>,
  counter: MarkerCounter,
): MarkedParagraph[] {
  return paragraphs.map((p) => {
    const { content, markers } = splitFootnoteMarkers(p.text, counter);
    let text = '';
    for (const node of content) if (node.type === 'text') text += node.value;
    return withMarkers({ text, content, markers, line: p.line, lastLine: p.lastLine });
  });
}

/** Reads a publication from text. Throws ReadError, and nothing else, for input it cannot read. */
export function readText(input: string, options: TextReadOptions): Publication {
  const fileName = options.fileName ?? null;
  const text = normaliseText(input);
  const allLines = splitLines(text);
  const shape = measureShape(allLines);
  const { lines: bodyLines, meta } = removeArtefacts(allLines);

  // A renderer's truncation mark, or a last line cut mid-word, says the source was cut off.
  let truncated = false;
  let lastIndex = bodyLines.length - 1;
  while (lastIndex >= 0 && bodyLines[lastIndex]!.text.length === 0) lastIndex--;
  if (lastIndex >= 0 && bodyLines[lastIndex]!.text === TRUNCATION_MARK) {
    truncated = true;
    bodyLines.splice(lastIndex);
  } else if (lastIndex >= 0 && !shape.pdf && bodyLines[lastIndex]!.trailingSpace) {
    truncated = true;
  }
  const { lines, notes } = removeFootnoteBlocks(bodyLines);

  const paragraphs = markParagraphs(buildParagraphs(lines, shape, options.words), { next: 1 });
  if (paragraphs.length === 0) throw new ReadError('empty', 'the file holds no text');
  const lastParagraph = paragraphs[paragraphs.length - 1]!;
  if (!endsSentence(lastParagraph.text) && !/^Geen vragen/i.test(lastParagraph.text)) truncated = true;

  const layout = detectLayout(paragraphs);
  const header = readHeader(paragraphs, (i) => i === layout.first);
  const body = readBody(paragraphs, header.end, layout);
  const warnings: Warning[] = [];

  const kind: PublicationKind =
    header.kind ??
    (meta.kindLabel ? kindOfDocType(meta.kindLabel) : null) ??
    (meta.id?.startsWith('ah-') ? 'written-questions' : null) ??
    'question-list';

  const questionCount = body.sections.reduce((n, s) => n + s.questions.length, 0);
  const recognised =
    questionCount > 0 ||
    header.documentType !== null ||
    header.kind !== null ||
    meta.kindLabel !== null ||
    (header.committee !== null && header.addressees.length > 0);
  if (!recognised) {
    throw new ReadError(
      'not-a-publication',
      'no questions and answers found: no numbered questions, answer markers or publication header',
    );
  }

  // Questions → model, with footnote markers, plain text and blocks.
  const footnoteQuestion = new Map<number, number | null>();
  for (const p of paragraphs.slice(0, header.end)) for (const n of p.markers) footnoteQuestion.set(n, null);
  const sections: Section[] = body.sections.map((s) => ({
    title: s.title,
    party: s.party,
    noQuestions: s.noQuestions,
    intro: introBlocks(s),
    questions: s.questions.map((q): Question => {
      const blocks = questionBlocks(q);
      const footnotes = [...q.question, ...q.answer].flatMap((p) => p.markers);
      for (const n of footnotes) footnoteQuestion.set(n, q.number);
      const answer = blocksText(blocks.answer);
      return {
        number: q.number,
        label: q.label,
        question: blocksText(blocks.question),
        answer: q.hasAnswer || answer.length > 0 ? answer : null,
        questionBlocks: blocks.question,
        answerBlocks: blocks.answer,
        answerLabel: q.answerLabel,
        answerCovers: q.answerCovers,
        refersTo: [],
        footnotes,
        incomplete: false,
        line: q.line,
      };
    }),
  }));

  // "Vraag 2 … Vraag 3 … Antwoord 2 en 3": the covered questions share the answer.
  for (const section of sections) {
    for (const q of section.questions) {
      if (q.answerCovers.length < 2) continue;
      for (const other of section.questions) {
        if (other === q || other.number === null || !q.answerCovers.includes(other.number)) continue;
        if (other.answer === null) {
          other.answer = q.answer;
          other.answerBlocks = q.answerBlocks;
          other.answerLabel = q.answerLabel;
        }
        other.answerCovers = q.answerCovers;
      }
    }
  }

  const allQuestions = sections.flatMap((s) => s.questions);
  const lastQuestion = allQuestions[allQuestions.length - 1];
  if (truncated && lastQuestion) lastQuestion.incomplete = true;
  for (const q of allQuestions) {
    if (q.answer === null && !q.incomplete && q.number !== null) {
      warnings.push({ line: q.line, message: `question ${q.number} has no answer`, text: null });
    }
  }

  // Footnotes: every marker and every text, matched by number.
  const footnotes: Footnote[] = [];
  const numbers = new Set<number>([...footnoteQuestion.keys(), ...notes.map((n) => n.number)]);
  for (const n of [...numbers].sort((a, b) => a - b)) {
    const note = notes.find((x) => x.number === n);
    footnotes.push({ number: n, text: note?.text ?? null, question: footnoteQuestion.get(n) ?? null });
    if (!note) warnings.push({ line: null, message: `footnote ${n} has a marker but no text`, text: null });
    else if (!footnoteQuestion.has(n)) {
      warnings.push({ line: note.line, message: `footnote ${n} has no marker in the text`, text: null });
    }
  }

  // References and amounts, each extractor once over the whole publication.
  const scopeParagraphs = header.scope.map((i) => paragraphs[i]!);
  const scopeText = scopeParagraphs.map((p) => p.text).join('\n\n');
  const { references, amounts, refersTo } = extractReferencesAndAmounts(
    publicationSegments(scopeText, allQuestions, footnotes),
  );
  allQuestions.forEach((q, i) => {
    q.refersTo = refersTo[i + 1]!;
  });

  // Identity.
  const dossiers = (
    header.dossiers.length > 0 ? header.dossiers : meta.dossier ? [{ number: meta.dossier, title: null }] : []
  ).map((d) => ({ number: normaliseDossier(d.number) ?? d.number, title: d.title }));
  const number = header.appendixNumber ?? header.number ?? meta.number;
  let chamber: Chamber | null = meta.chamber ?? header.chamberHint;
  if (!chamber && number && /^[A-Z]+$/.test(number)) chamber = 'eerste-kamer';
  const session =
    meta.session ??
    header.session ??
    sessionOfDate(header.adopted ?? header.answered ?? header.sent ?? header.received ?? null);
  let id = meta.id;
  if (!id && header.appendixNumber && session)
    id = appendixId(chamber ?? 'tweede-kamer', session, header.appendixNumber);
  if (!id && dossiers[0] && number) id = kamerstukId(dossiers[0].number, number);
  if (!id && fileName) {
    const m = OFFICIAL_ID_IN_NAME.exec(baseName(fileName));
    if (m && parseOfficialId(m[1]!)) id = m[1]!;
  }
  if (!id) warnings.push({ line: null, message: 'no official id found in the text', text: null });
  if (id) {
    const parsed = parseOfficialId(id);
    if (parsed?.type === 'appendix') chamber ??= parsed.chamber;
  }
  chamber ??= dossiers.length > 0 || id?.startsWith('kst-') ? 'tweede-kamer' : null;

  return {
    format: FORMAT_NAME,
    version: FORMAT_VERSION,
    id,
    kind,
    status: 'published',
    chamber,
    session,
    dossiers,
    number: number ?? (id ? (parseOfficialId(id)?.number ?? null) : null),
    title: meta.title,
    documentType: header.documentType,
    request: {
      committee: header.committee,
      addressees: header.addressees,
      askers: header.askers,
      answeredBy: header.answeredBy,
      documents: header.documents,
      scope: scopeText.length > 0 ? scopeText : null,
      scopeBlocks: scopeParagraphs.map((p) => ({ type: 'paragraph', content: p.content })),
    },
    dates: {
      adopted: header.adopted,
      sent: header.sent,
      answered: header.answered,
      received: header.received,
      postponed: header.postponed,
    },
    signatories: header.signatories,
    sections,
    footnotes,
    references,
    amounts,
    warnings,
    complete: !truncated,
    source: {
      reader: 'text',
      layout: layout.questions
        ? `${layout.questions}${layout.answersMarked ? '' : '-unmarked-answers'}`
        : 'unnumbered',
      file: fileName,
    },
  };
}
