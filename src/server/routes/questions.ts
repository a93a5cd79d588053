// GET /api/v1/publications/{id}/questions/{number}: one question, its answer, and the most similar
// earlier questions.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { organisationIds } from '../../auth/actor.js';
import { publicationPolicy } from '../../auth/policies/publications.js';
import type { Analyzer } from '../../search/analysis.js';
import { QueryError } from '../../search/query.js';
import { similar } from '../../search/search.js';
import type { Store } from '../../store/store.js';
import { HttpProblem } from '../problem.js';
import { problems, questionParams, questionResponseSchema } from '../schemas.js';

const SIMILAR = 5;

/** 'kst-36360-VI-12#14' → its publication and number; a 400 for anything else. */
function parseQuestionRef(ref: string): { id: string; number: number } {
  const m = /^([A-Za-z0-9][A-Za-z0-9._-]{0,99})#(\d{1,6})$/.exec(ref);
  if (!m || Number(m[2]) < 1) {
    throw new HttpProblem(
      400,
      `${JSON.stringify(ref)} is not a question reference such as kst-36360-VI-12#14`,
      [{ name: 'ref', reason: 'must be a publication id, #, and a question number' }],
    );
  }
  return { id: m[1]!, number: Number(m[2]) };
}

export function questionRoutes(app: FastifyInstance, store: Store, analyzer: Analyzer): void {
  const answer = async (request: FastifyRequest, id: string, number: number) => {
    const visibleTo = organisationIds(request.actor);
    const { items } = await store.listPublications({ ids: [id], limit: 1, offset: 0, visibleTo });
    const summary = items[0];
    if (!summary) throw new HttpProblem(404, `no published publication with id ${id}`);
    const found = await store.question(id, number);
    if (!found) throw new HttpProblem(404, `publication ${id} has no question ${number}`);
    let alike: Awaited<ReturnType<typeof similar>> = [];
    try {
      alike = await similar(store, analyzer, found.question, {
        limit: SIMILAR,
        exclude: [found.questionId],
        visibleTo,
      });
    } catch (error) {
      // A question of only stop words or numbers has nothing to compare; it still has an answer.
      if (!(error instanceof QueryError)) throw error;
    }
    const { questions: _count, complete: _complete, ...publication } = summary;
    return { publication, number, question: found.question, answer: found.answer, similar: alike };
  };

  app.get<{ Params: { id: string; number: number } }>(
    '/api/v1/publications/:id/questions/:number',
    {
      config: { policy: publicationPolicy.read },
      schema: {
        summary: 'One question with its answer and the most similar earlier questions',
        tags: ['questions'],
        params: questionParams,
        response: { 200: questionResponseSchema, ...problems(400, 404) },
      },
    },
    async (request) => answer(request, request.params.id, request.params.number),
  );

  app.get<{ Params: { ref: string } }>(
    '/api/v1/questions/:ref',
    {
      config: { policy: publicationPolicy.read },
      schema: {
        summary: "The same, by the question's reference 'ID#N' (the # written %23)",
        tags: ['questions'],
        params: {
          type: 'object',
          required: ['ref'],
          additionalProperties: false,
          properties: { ref: { type: 'string', description: "'kst-36360-VI-12#14'", maxLength: 120 } },
        },
        response: { 200: questionResponseSchema, ...problems(400, 404) },
      },
    },
    async (request) => {
      const { id, number } = parseQuestionRef(request.params.ref);
      return answer(request, id, number);
    },
  );
}
