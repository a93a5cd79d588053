// GET /api/v1/publications/{id}/questions/{number}: one question, its answer, and the most similar
// earlier questions.
import type { FastifyInstance } from 'fastify';
import type { Analyzer } from '../../search/analysis.js';
import { QueryError } from '../../search/query.js';
import { similar } from '../../search/search.js';
import type { Store } from '../../store/store.js';
import { HttpProblem } from '../problem.js';
import { problems, questionParams, questionResponseSchema } from '../schemas.js';

const SIMILAR = 5;

export function questionRoutes(app: FastifyInstance, store: Store, analyzer: Analyzer): void {
  app.get<{ Params: { id: string; number: number } }>(
    '/api/v1/publications/:id/questions/:number',
    {
      schema: {
        summary: 'One question with its answer and the most similar earlier questions',
        tags: ['questions'],
        params: questionParams,
        response: { 200: questionResponseSchema, ...problems(400, 404) },
      },
    },
    async (request) => {
      const { id, number } = request.params;
      const { items } = await store.listPublications({ ids: [id], limit: 1, offset: 0 });
      const summary = items[0];
      if (!summary) throw new HttpProblem(404, `no published publication with id ${id}`);
      const found = await store.question(id, number);
      if (!found) throw new HttpProblem(404, `publication ${id} has no question ${number}`);
      let alike: Awaited<ReturnType<typeof similar>> = [];
      try {
        alike = await similar(store, analyzer, found.question, {
          limit: SIMILAR,
          exclude: [found.questionId],
        });
      } catch (error) {
        // A question of only stop words or numbers has nothing to compare; it still has an answer.
        if (!(error instanceof QueryError)) throw error;
      }
      const { questions: _count, complete: _complete, ...publication } = summary;
      return { publication, number, question: found.question, answer: found.answer, similar: alike };
    },
  );
}
