// One question of a list and its answer: /api/v1/list-questions/{id} (the clerk's edits while it is a
// draft; the drafter's versions, saved optimistically; submit, return, approve …), and the desk: what is
// on your plate, soonest due first.
import type { FastifyInstance } from 'fastify';
import type { Role, UserActor } from '../../auth/actor.js';
import { workflowPolicy } from '../../auth/policies/workflow.js';
import type { Analyzer } from '../../search/analysis.js';
import { QueryError } from '../../search/query.js';
import { similar } from '../../search/search.js';
import type { Store } from '../../store/store.js';
import { type DeadlineCalendar, today } from '../../workflow/deadlines.js';
import type { Workflow } from '../../workflow/service.js';
import { HttpProblem } from '../problem.js';
import {
  answerEventSchema,
  answerSaveSchema,
  deskSchema,
  listIdParams,
  listQuestionSchema,
  listSummarySchema,
  questionChangesSchema,
  versionCollectionSchema,
} from '../schemas/workflow.js';
import { problems, similarSchema } from '../schemas.js';
import { listView, Names, numbersOf, questionView } from '../workflow-views.js';
import { personOf } from './question-lists.js';

const SIMILAR = 5;

const questionDetailSchema = {
  type: 'object',
  required: ['question', 'list', 'similar'],
  additionalProperties: false,
  properties: {
    question: listQuestionSchema,
    list: listSummarySchema,
    similar: {
      type: 'array',
      items: {
        ...similarSchema,
        required: [...(similarSchema.required as string[]), 'answer'],
        properties: {
          ...(similarSchema.properties as Record<string, unknown>),
          answer: { type: 'string', nullable: true, description: 'The whole answer, to reuse a passage' },
        },
      },
      description: 'Earlier questions most like this one, with their answers (Eerder gesteld)',
    },
  },
};

export function listQuestionRoutes(
  app: FastifyInstance,
  store: Store,
  workflow: Workflow,
  analyzer: Analyzer,
  calendar: DeadlineCalendar,
): void {
  const tags = ['question lists'];
  const one = async (actor: UserActor, questionId: number) => {
    const q = await store.workflow.question(questionId);
    const { list, roles } = await workflow.listFor(actor, q.listId);
    const all = await store.workflow.questions(list.id);
    const view = await questionView(q, actor, roles, new Names(store), numbersOf(all));
    return { q, list, roles, all, view };
  };

  app.get<{ Params: { id: number } }>(
    '/api/v1/list-questions/:id',
    {
      config: { policy: workflowPolicy.work },
      schema: {
        summary: 'A question of a list with its answer, and the earlier similar questions (Eerder gesteld)',
        tags,
        params: listIdParams,
        response: { 200: questionDetailSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const actor = personOf(request);
      const { q, list, roles, all, view } = await one(actor, request.params.id);
      let alike: Awaited<ReturnType<typeof similar>> = [];
      try {
        // The person's own organisations' unpublished work counts too (the embargo), nobody else's.
        const visibleTo = [...new Set(actor.memberships.map((m) => m.organisationId))];
        alike = await similar(store, analyzer, q.text, { limit: SIMILAR, visibleTo });
      } catch (error) {
        if (!(error instanceof QueryError)) throw error;
      }
      const summary = await listView(store, list, actor, roles, new Names(store), calendar, null, all);
      // The whole earlier answer: a drafter reuses a passage of it, not only its opening.
      const withAnswers = [];
      for (const s of alike) {
        const found = s.question === null ? null : await store.question(s.publication.id, s.question);
        withAnswers.push({ ...s, answer: found?.answer ?? null });
      }
      return { question: view, list: summary, similar: withAnswers };
    },
  );

  app.patch<{ Params: { id: number }; Body: { text?: string; section?: string | null; number?: number } }>(
    '/api/v1/list-questions/:id',
    {
      config: { policy: workflowPolicy.work },
      schema: {
        summary: "Change a draft's question: its text, its section, or its number (moving it)",
        tags,
        params: listIdParams,
        body: questionChangesSchema,
        response: { 200: listQuestionSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const actor = personOf(request);
      await workflow.updateQuestion(actor, request.params.id, request.body);
      return (await one(actor, request.params.id)).view;
    },
  );

  app.delete<{ Params: { id: number } }>(
    '/api/v1/list-questions/:id',
    {
      config: { policy: workflowPolicy.work },
      schema: {
        summary: 'Remove a question from a draft (the later ones move up)',
        tags,
        params: listIdParams,
        response: { 204: { description: 'Removed', type: 'null' }, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await workflow.removeQuestion(personOf(request), request.params.id);
      return reply.code(204).send();
    },
  );

  app.put<{ Params: { id: number }; Body: { baseVersion: number; text: string } }>(
    '/api/v1/list-questions/:id/answer',
    {
      config: { policy: workflowPolicy.work },
      schema: {
        summary:
          'Save the answer as a new version (the assigned drafter). baseVersion is the version you started from: when someone saved since, a 409 carries their version to merge',
        tags,
        params: listIdParams,
        body: answerSaveSchema,
        response: { 200: listQuestionSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const actor = personOf(request);
      await workflow.saveAnswer(actor, request.params.id, request.body.baseVersion, request.body.text);
      return (await one(actor, request.params.id)).view;
    },
  );

  app.get<{ Params: { id: number } }>(
    '/api/v1/list-questions/:id/versions',
    {
      config: { policy: workflowPolicy.work },
      schema: {
        summary: 'Every saved version of the answer, oldest first, with its author',
        tags,
        params: listIdParams,
        response: { 200: versionCollectionSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const actor = personOf(request);
      await one(actor, request.params.id);
      const names = new Names(store);
      const versions = await store.workflow.versions(request.params.id);
      return {
        items: await Promise.all(
          versions.map(async (v) => ({
            version: v.version,
            text: v.text,
            author: await names.personName(v.authorId),
            savedAt: v.savedAt,
          })),
        ),
      };
    },
  );

  app.post<{ Params: { id: number }; Body: { event: string; comment?: string; with?: number } }>(
    '/api/v1/list-questions/:id/events',
    {
      config: { policy: workflowPolicy.work },
      schema: {
        summary:
          'Move the answer on: submit, approve, return (with a comment), decline (with a reason), reopen, group (with: the question whose answer serves this one)',
        tags,
        params: listIdParams,
        body: answerEventSchema,
        response: { 200: listQuestionSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const actor = personOf(request);
      const { event, comment, with: withNumber } = request.body;
      if ((event === 'return' || event === 'decline') && !comment?.trim()) {
        throw new HttpProblem(400, `to ${event} an answer, say why`, [
          { name: 'comment', reason: 'is required' },
        ]);
      }
      if (event === 'group' && withNumber === undefined) {
        throw new HttpProblem(400, 'group names the question whose answer serves this one', [
          { name: 'with', reason: 'is required' },
        ]);
      }
      if (event === 'group') {
        await workflow.group(actor, request.params.id, withNumber as number);
      } else {
        await workflow.answerEvent(actor, request.params.id, event, comment ?? null);
      }
      return (await one(actor, request.params.id)).view;
    },
  );

  app.get(
    '/api/v1/desk',
    {
      config: { policy: workflowPolicy.work },
      schema: {
        summary:
          "What is on your desk, soonest due first: a drafter's own questions; for a coordinator every open question addressed to the ministry",
        tags,
        response: { 200: deskSchema, ...problems(401, 403) },
      },
    },
    async (request) => {
      const actor = personOf(request);
      const names = new Names(store);
      // Each list's numbering and the person's roles on it read once, however many of its questions are on the desk.
      const byList = new Map<number, { numbers: ReadonlyMap<number, number>; roles: Role[] }>();
      const items = [];
      for (const item of await workflow.dueItems(actor, today(), calendar)) {
        let of = byList.get(item.list.id);
        if (!of) {
          of = {
            numbers: numbersOf(await store.workflow.questions(item.list.id)),
            roles: await workflow.rolesOn(actor, item.list),
          };
          byList.set(item.list.id, of);
        }
        items.push({
          question: await questionView(item.question, actor, of.roles, names, of.numbers),
          list: {
            id: item.list.id,
            title: item.list.title,
            state: item.list.state,
            deadline: item.list.deadline,
          },
          due: item.due,
          state: item.state,
        });
      }
      return { items };
    },
  );
}
