// What the search index holds for each question of a publication: analysed terms and parts.
import type { Publication } from '../model/publication.js';
import { publicationFilterTerms } from '../store/filter-terms.js';
import type { QuestionTerms } from '../store/store.js';
import type { Analyzer } from './analysis.js';

/** `access`: for a draft, the organisations that may see it (their tokens go into the index). */
export function indexTerms(
  pub: Publication,
  analyzer: Analyzer,
  access: readonly number[] = [],
): QuestionTerms[] {
  const meta = publicationFilterTerms(pub, access);
  return pub.sections.flatMap((s) =>
    s.questions.map((q) => {
      const question = analyzer.analyse(q.question);
      const answer = analyzer.analyse(q.answer ?? '');
      return {
        qTerms: question.terms.join(' '),
        aTerms: answer.terms.join(' '),
        qParts: question.parts.join(' '),
        aParts: answer.parts.join(' '),
        meta,
      };
    }),
  );
}
