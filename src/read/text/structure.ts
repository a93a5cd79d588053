// The body: sections, numbered questions and their answers, or, in a written consultation,
// faction sections whose paragraphs are the questions. Works on paragraphs after the front matter.
import type { Block } from '../../model/publication.js';
import { dropPrefix, type MarkedParagraph, toBlocks, withMarkers } from './blocks.js';
import { endsSentence, NO_QUESTIONS, type QuestionMarkerKind } from './markers.js';

export interface Layout {
  /** How questions are marked; null when they are not numbered. */
  questions: QuestionMarkerKind | null;
  /** Whether answers carry a marker ("Antwoord:"). */
  answersMarked: boolean;
  /** Index of the paragraph that opens the first question, or -1. */
  first: number;
}

export interface BuiltQuestion {
  number: number | null;
  label: string | null;
  answerLabel: string | null;
  answerCovers: number[];
  question: MarkedParagraph[];
  answer: MarkedParagraph[];
  hasAnswer: boolean;
  line: number;
}

export interface BuiltSection {
  title: string | null;
  party: string | null;
  noQuestions: boolean;
  intro: MarkedParagraph[];
  questions: BuiltQuestion[];
}

export interface Body {
  sections: BuiltSection[];
}

const KINDS: QuestionMarkerKind[] = ['vraag', 'bare', 'numbered'];

/** Picks the question marker that gives the longest run of consecutive numbers. */
export function detectLayout(paragraphs: readonly MarkedParagraph[]): Layout {
  let best: Layout = { questions: null, answersMarked: false, first: -1 };
  let bestCount = 0;
  for (const kind of KINDS) {
    let expected = -1;
    let count = 0;
    let first = -1;
    for (let i = 0; i < paragraphs.length; i++) {
      const m = paragraphs[i]!.question;
      if (!m || m.kind !== kind) continue;
      const n = m.numbers[0]!;
      if (expected === -1 ? n <= 3 : n === expected) {
        if (first === -1) first = i;
        count++;
        expected = m.numbers[m.numbers.length - 1]! + 1;
      }
    }
    if (count > bestCount) {
      bestCount = count;
      best = { questions: kind, answersMarked: false, first };
    }
  }
  best.answersMarked = paragraphs.some((p) => p.answer !== null);
  return best;
}

const HEADING_WORDS =
  /\b(?:vragen|vraag|antwoorden|jaarverslag(?:en)?|begroting|hoofdstuk|onderwerp|artikel|beleidsartikel|algemeen|overig(?:e)?|inzake|paragraaf|deel|thema|overkoepelende|slotwet|suppletoire|verantwoording|fractie)\b/i;
const FACTION =
  /^(?:Vragen en opmerkingen|Inbreng|Vragen|Opmerkingen) (?:van|vanuit) (?:de )?(?:leden (?:van )?(?:de )?)?(.+?)[- ]fractie$/i;
const PART_HEADING = /^(?:[IVX]+\.?\s+)?[\p{Lu}][\p{Lu}\s,.'’-]{6,}$/u;
const REPLY_MARKER =
  /^(?:(?:[IVX]+\.?\s+)?(?:Reactie|Antwoord|Beantwoording)(?: van)?(?: de)? (?:minister|staatssecretaris|regering|bewindspersoon|kabinet)\b.*|Reactie:?|Antwoord:?)$/i;
const NEW_FACTION_QUESTION =
  /^(?:De|Deze|Genoemde|Ook de|Tevens|Voorts|Verder|Daarnaast) (?:leden|fractie)\b/;
const BODY_PART = /^(?:Vragen en antwoorden|VRAGEN EN ANTWOORDEN)$/;

function looksLikeHeading(p: MarkedParagraph): boolean {
  const t = p.text;
  if (endsSentence(t) || t.length > 200 || !/^[\p{Lu}]/u.test(t)) return false;
  return HEADING_WORDS.test(t) || PART_HEADING.test(t);
}

function newQuestion(number: number | null, label: string | null, line: number): BuiltQuestion {
  return {
    number,
    label,
    answerLabel: null,
    answerCovers: [],
    question: [],
    answer: [],
    hasAnswer: false,
    line,
  };
}

function withoutPrefix(p: MarkedParagraph, rest: string): MarkedParagraph {
  return withMarkers({ ...p, text: rest, content: dropPrefix(p.content, p.text.length - rest.length) });
}

/** An answer marker ("Antwoord 2 en 3: …") opens q's answer; text after it on the line is its first paragraph. */
function startAnswer(q: BuiltQuestion, p: MarkedParagraph): void {
  const am = p.answer!;
  q.hasAnswer = true;
  q.answerLabel = am.label;
  // "Antwoord 2 en 3": the questions it covers share this answer.
  if (am.numbers.length > 1) q.answerCovers = am.numbers;
  if (am.rest) q.answer.push(withoutPrefix(p, am.rest));
}

/** Numbered questions ("Vraag 1", a bare "1", "1. …"), with or without answer markers. */
function readNumbered(paragraphs: readonly MarkedParagraph[], start: number, layout: Layout): Body {
  const sections: BuiltSection[] = [];
  let section: BuiltSection | null = null;
  let q: BuiltQuestion | null = null;
  let inAnswer = false;
  let expected = -1;
  // Unmarked answers: the question is the paragraphs up to the first one that ends in '?'.
  let questionParagraphs = 1;

  const ensureSection = (): BuiltSection => {
    if (!section) {
      section = { title: null, party: null, noQuestions: false, intro: [], questions: [] };
      sections.push(section);
    }
    return section;
  };

  for (let i = start; i < paragraphs.length; i++) {
    const p = paragraphs[i]!;
    const qm = p.question;
    if (
      qm &&
      qm.kind === layout.questions &&
      (expected === -1 ? qm.numbers[0]! <= 3 : qm.numbers[0] === expected)
    ) {
      q = newQuestion(qm.numbers[0]!, qm.label, p.line);
      ensureSection().questions.push(q);
      expected = qm.numbers[qm.numbers.length - 1]! + 1;
      inAnswer = false;
      if (qm.rest) q.question.push(withoutPrefix(p, qm.rest));
      if (!layout.answersMarked) {
        questionParagraphs = 1;
        const look = qm.rest
          ? [withoutPrefix(p, qm.rest), ...paragraphs.slice(i + 1, i + 3)]
          : paragraphs.slice(i + 1, i + 4);
        const at = look.findIndex((x) => /\?[»”’")]*$/.test(x.text) || x.question !== null);
        if (at >= 0 && !look[at]!.question) questionParagraphs = at + 1;
      }
      continue;
    }
    if (p.answer && q) {
      startAnswer(q, p);
      inAnswer = true;
      continue;
    }
    if (NO_QUESTIONS.test(p.text)) {
      ensureSection().noQuestions = true;
      q = null;
      continue;
    }
    if (BODY_PART.test(p.text) && q === null) continue;
    const next = paragraphs[i + 1];
    const nextOpens =
      next === undefined ||
      NO_QUESTIONS.test(next.text) ||
      (next.question?.kind === layout.questions && next.question.numbers[0] === expected) ||
      (expected === -1 && next.question?.kind === layout.questions) ||
      looksLikeHeading(next);
    if (looksLikeHeading(p) && nextOpens && (q === null || inAnswer || q.answer.length > 0)) {
      section = { title: p.text, party: null, noQuestions: false, intro: [], questions: [] };
      sections.push(section);
      q = null;
      continue;
    }
    if (!q) {
      ensureSection().intro.push(p);
      continue;
    }
    if (!inAnswer && !layout.answersMarked && q.question.length >= questionParagraphs) {
      inAnswer = true;
      q.hasAnswer = true;
    }
    (inAnswer ? q.answer : q.question).push(p);
  }
  return { sections };
}

/** Written consultations and unnumbered lists: faction sections whose paragraphs are questions. */
function readUnnumbered(paragraphs: readonly MarkedParagraph[], start: number): Body {
  const sections: BuiltSection[] = [];
  let section: BuiltSection | null = null;
  let q: BuiltQuestion | null = null;
  let inAnswer = false;
  let faction = false;

  for (let i = start; i < paragraphs.length; i++) {
    const p = paragraphs[i]!;
    if (BODY_PART.test(p.text) && q === null && section === null) continue;
    const f = FACTION.exec(p.text);
    if (f) {
      section = { title: p.text, party: f[1]!.trim(), noQuestions: false, intro: [], questions: [] };
      sections.push(section);
      faction = true;
      q = null;
      inAnswer = false;
      continue;
    }
    if (REPLY_MARKER.test(p.text) && q) {
      inAnswer = true;
      q.hasAnswer = true;
      q.answerLabel = p.text;
      continue;
    }
    if (p.answer && q) {
      startAnswer(q, p);
      inAnswer = true;
      continue;
    }
    if (NO_QUESTIONS.test(p.text) && section) {
      section.noQuestions = true;
      continue;
    }
    if (PART_HEADING.test(p.text) && !endsSentence(p.text)) {
      section = { title: p.text, party: null, noQuestions: false, intro: [], questions: [] };
      sections.push(section);
      faction = false;
      q = null;
      inAnswer = false;
      continue;
    }
    const opensQuestion =
      !inAnswer ||
      NEW_FACTION_QUESTION.test(p.text) ||
      (q !== null && q.answer.length > 0 && /\?$/.test(p.text));
    if (opensQuestion && (faction || /\?/.test(p.text) || NEW_FACTION_QUESTION.test(p.text))) {
      if (!section) {
        section = { title: null, party: null, noQuestions: false, intro: [], questions: [] };
        sections.push(section);
      }
      q = newQuestion(null, null, p.line);
      q.question.push(p);
      section.questions.push(q);
      inAnswer = false;
      continue;
    }
    if (q && inAnswer) {
      q.answer.push(p);
      continue;
    }
    if (!section) {
      section = { title: null, party: null, noQuestions: false, intro: [], questions: [] };
      sections.push(section);
    }
    if (q) {
      // Text after a question in a section that is no faction's: more of the same question.
      q.question.push(p);
      continue;
    }
    section.intro.push(p);
  }
  return { sections };
}

export function readBody(paragraphs: readonly MarkedParagraph[], start: number, layout: Layout): Body {
  return layout.questions ? readNumbered(paragraphs, start, layout) : readUnnumbered(paragraphs, start);
}

export function introBlocks(s: BuiltSection): Block[] {
  return toBlocks(s.intro, true);
}

export function questionBlocks(q: BuiltQuestion): { question: Block[]; answer: Block[] } {
  return { question: toBlocks(q.question, false), answer: toBlocks(q.answer, true) };
}
