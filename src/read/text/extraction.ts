// References and amounts for a whole publication in one pass per extractor: the texts of the
// header, every question and every footnote are joined, scanned once, and each hit is given
// back to the text it came from.
import { findEuroAmounts } from '../../extract/amounts.js';
import { findKamerstukReferences } from '../../extract/kamerstuk-references.js';
import { findQuestionReferences } from '../../extract/question-references.js';
import { findUrls } from '../../extract/urls.js';
import type { Amount, Reference } from '../../model/publication.js';

export interface Segment {
  /** The question the text belongs to, or null for the header. */
  question: number | null;
  text: string;
  /** Whether cross-references to other questions count here (question texts, not footnotes). */
  questionRefs: boolean;
}

/**
 * The texts a publication's references and amounts are found in, in the order every reader uses: the
 * header's scope, each question with its answer, each footnote.
 */
export function publicationSegments(
  scope: string,
  questions: readonly { number: number | null; question: string; answer: string | null }[],
  footnotes: readonly { question: number | null; text: string | null }[],
): Segment[] {
  return [
    { question: null, text: scope, questionRefs: false },
    ...questions.map((q) => ({
      question: q.number,
      text: q.answer ? `${q.question}\n\n${q.answer}` : q.question,
      questionRefs: true,
    })),
    ...footnotes.flatMap((f) =>
      f.text ? [{ question: f.question, text: f.text, questionRefs: false }] : [],
    ),
  ];
}

// NUL is no whitespace, so no pattern can match across two segments.
const SEPARATOR = '\n\u0000\n';

interface Hit {
  index: number;
  text: string;
}

export function extractReferencesAndAmounts(segments: readonly Segment[]): {
  references: Reference[];
  amounts: Amount[];
  /** Per segment: the questions its text refers to. */
  refersTo: number[][];
} {
  const starts: number[] = [];
  let offset = 0;
  for (const s of segments) {
    starts.push(offset);
    offset += s.text.length + SEPARATOR.length;
  }
  const all = segments.map((s) => s.text).join(SEPARATOR);
  const segmentOf = (hit: Hit): number => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= hit.index) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const placed: { at: number; order: number; ref: Reference }[] = [];
  const amounts: Amount[] = [];
  const refersTo: number[][] = segments.map(() => []);
  const place = (hit: Hit, make: (question: number | null, segment: number) => Reference | null): void => {
    if (hit.text.includes('\u0000')) return;
    const segment = segmentOf(hit);
    const ref = make(segments[segment]!.question, segment);
    if (ref) placed.push({ at: hit.index, order: placed.length, ref });
  };

  for (const r of findKamerstukReferences(all)) {
    place(r, (question) => ({ kind: 'kamerstuk', text: r.text, question, kamerstuk: r.ref }));
  }
  for (const u of findUrls(all))
    place(u, (question) => ({ kind: 'url', text: u.text, question, url: u.url }));
  // Question references need the word vraag/vragen: scan only the segments that hold it.
  const withVraag = new Set<number>();
  for (const needle of ['raag', 'ragen']) {
    for (let i = all.indexOf(needle); i >= 0; i = all.indexOf(needle, i + 1)) {
      const segment = segmentOf({ index: i, text: '' });
      if (segments[segment]!.questionRefs) withVraag.add(segment);
      i = (starts[segment + 1] ?? all.length) - 1;
    }
  }
  const questionRefs = [...withVraag]
    .sort((a, b) => a - b)
    .flatMap((segment) =>
      findQuestionReferences(segments[segment]!.text).map((r) => ({
        ...r,
        index: r.index + starts[segment]!,
      })),
    );
  for (const r of questionRefs) {
    for (const target of r.targets) {
      place(r, (question, segment) => {
        if (!segments[segment]!.questionRefs || target === question) return null;
        if (!refersTo[segment]!.includes(target)) refersTo[segment]!.push(target);
        return { kind: 'question', text: r.text, question, target };
      });
    }
  }
  for (const a of findEuroAmounts(all)) {
    if (a.text.includes('\u0000')) continue;
    amounts.push({ euros: a.euros, text: a.text, question: segments[segmentOf(a)]!.question });
  }
  placed.sort((a, b) => a.at - b.at || a.order - b.order);
  return { references: placed.map((p) => p.ref), amounts, refersTo };
}
