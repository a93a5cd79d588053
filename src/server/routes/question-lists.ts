// The committee's question lists and the ministry's work on them: /api/v1/question-lists. Every change
// goes through src/workflow/service.ts (roles per list, the state machines, the audit log); a list the
// asking person may not see is a 404, a step they may not take a 403, a step not possible now a 409.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { letterPublication } from '../../archive/publish-list.js';
import { isUser, type UserActor } from '../../auth/actor.js';
import { workflowPolicy } from '../../auth/policies/workflow.js';
import type { Asker } from '../../model/publication.js';
import { docxText } from '../../read/docx/index.js';
import { EXTENSIONS, MEDIA_TYPES, renderBytes } from '../../render/index.js';
import type { Store } from '../../store/store.js';
import type { ListChanges, ListKind } from '../../store/workflow.js';
import type { DeadlineCalendar } from '../../workflow/deadlines.js';
import type { Workflow } from '../../workflow/service.js';
import { HttpProblem } from '../problem.js';
import {
  assignmentSchema,
  listChangesSchema,
  listCollectionSchema,
  listEventSchema,
  listIdParams,
  listSchema,
  newListSchema,
  newQuestionSchema,
  peopleSchema,
  questionCollectionSchema,
  questionImportSchema,
} from '../schemas/workflow.js';
import { problems } from '../schemas.js';
import { listView, Names, numbersOf, questionViews } from '../workflow-views.js';

/** The signed-in person (the policy let only people in). */
export function personOf(request: FastifyRequest): UserActor {
  if (!isUser(request.actor)) throw new HttpProblem(401, 'sign in first');
  return request.actor;
}

/** The states in which a list has a letter to show. */
const LETTER_STATES = ['answers-approved', 'letter-assembled', 'letter-approved', 'published'];

interface NewListBody {
  kind?: ListKind;
  title: string;
  committee: number;
  ministry: number;
  addressees?: string[];
  documents?: string[];
  scope?: string | null;
  deadline?: string | null;
  askers?: Asker[];
  answeredBy?: string | null;
}

export function questionListRoutes(
  app: FastifyInstance,
  store: Store,
  workflow: Workflow,
  calendar: DeadlineCalendar,
): void {
  const full = async (actor: UserActor, listId: number) => {
    const { list, roles } = await workflow.listFor(actor, listId);
    const questions = await store.workflow.questions(listId);
    return listView(store, list, actor, roles, new Names(store), calendar, questions);
  };
  const tags = ['question lists'];

  app.get(
    '/api/v1/question-lists',
    {
      config: { policy: workflowPolicy.work },
      schema: {
        summary: "The question lists you work on: your committee's, and those addressed to your ministry",
        tags,
        response: { 200: listCollectionSchema, ...problems(401, 403) },
      },
    },
    async (request) => {
      const actor = personOf(request);
      const names = new Names(store);
      const items = [];
      for (const list of await workflow.listsFor(actor)) {
        const roles = await workflow.rolesOn(actor, list);
        items.push(await listView(store, list, actor, roles, names, calendar, null));
      }
      return { items };
    },
  );

  app.post<{ Body: NewListBody }>(
    '/api/v1/question-lists',
    {
      config: { policy: workflowPolicy.work },
      schema: {
        summary: "Start a question list (a clerk of the committee); it is the committee's draft until sent",
        tags,
        body: newListSchema,
        response: { 201: listSchema, ...problems(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const actor = personOf(request);
      const b = request.body;
      const ministry = (await store.accounts.organisations()).find((o) => o.id === b.ministry);
      if (ministry?.kind !== 'ministry') {
        throw new HttpProblem(400, `organisation ${b.ministry} is not a ministry`, [
          { name: 'ministry', reason: 'must be the id of a ministry' },
        ]);
      }
      if (b.kind === 'written-questions' && !b.askers?.length) {
        throw new HttpProblem(400, 'written questions name the members who ask them', [
          { name: 'askers', reason: 'is required for written questions' },
        ]);
      }
      const list = await workflow.createList(actor, {
        kind: b.kind ?? 'question-list',
        title: b.title,
        committeeId: b.committee,
        ministryId: b.ministry,
        addressees: b.addressees ?? [],
        documents: b.documents ?? [],
        scope: b.scope ?? null,
        deadline: b.deadline ?? null,
        askers: b.askers ?? [],
        answeredBy: b.answeredBy ?? null,
      });
      return reply.code(201).send(await full(actor, list.id));
    },
  );

  app.get<{ Params: { id: number } }>(
    '/api/v1/question-lists/:id',
    {
      config: { policy: workflowPolicy.work },
      schema: {
        summary: 'One question list with its questions, their states and who holds them',
        tags,
        params: listIdParams,
        response: { 200: listSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => full(personOf(request), request.params.id),
  );

  app.patch<{ Params: { id: number }; Body: ListChanges & { version: number } }>(
    '/api/v1/question-lists/:id',
    {
      config: { policy: workflowPolicy.work },
      schema: {
        summary: "Change a draft list's title, addressees, documents, scope or deadline",
        tags,
        params: listIdParams,
        body: listChangesSchema,
        response: { 200: listSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const actor = personOf(request);
      const { version, ...changes } = request.body;
      await workflow.updateList(actor, request.params.id, version, changes);
      return full(actor, request.params.id);
    },
  );

  app.post<{ Params: { id: number }; Body: { text: string; section?: string | null; number?: number } }>(
    '/api/v1/question-lists/:id/questions',
    {
      config: { policy: workflowPolicy.work },
      schema: {
        summary: 'Add a question to a draft list (at the end, or at a number: numbering stays continuous)',
        tags,
        params: listIdParams,
        body: newQuestionSchema,
        response: { 201: listSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const actor = personOf(request);
      const { text, section, number } = request.body;
      await workflow.addQuestion(actor, request.params.id, text, section ?? null, number);
      return reply.code(201).send(await full(actor, request.params.id));
    },
  );

  app.post<{ Params: { id: number }; Body: { text?: string; docx?: string; section?: string | null } }>(
    '/api/v1/question-lists/:id/question-imports',
    {
      config: { policy: workflowPolicy.work },
      bodyLimit: 15 * 1024 * 1024,
      schema: {
        summary:
          'Add questions from pasted text or a Word file (numbered items, or one per paragraph; headings make sections)',
        tags,
        params: listIdParams,
        body: questionImportSchema,
        response: { 201: questionCollectionSchema, ...problems(400, 401, 403, 404, 409, 413, 422) },
      },
    },
    async (request, reply) => {
      const actor = personOf(request);
      const { text, docx, section } = request.body;
      if ((text === undefined) === (docx === undefined)) {
        throw new HttpProblem(400, 'give the questions as text or as a Word file (docx), one of the two', [
          { name: text === undefined ? 'text' : 'docx', reason: 'give text or docx, not both or neither' },
        ]);
      }
      // Only someone who may see the list gets a Word file read for it.
      await workflow.listFor(actor, request.params.id);
      const questions = text ?? (await docxText(Buffer.from(docx ?? '', 'base64'))).text;
      const added = await workflow.importQuestions(actor, request.params.id, questions, section ?? null);
      const { list, roles } = await workflow.listFor(actor, request.params.id);
      const names = new Names(store);
      const numbers = numbersOf(await store.workflow.questions(list.id));
      return reply.code(201).send({ items: await questionViews(added, actor, roles, names, numbers) });
    },
  );

  app.post<{ Params: { id: number }; Body: { event: string } }>(
    '/api/v1/question-lists/:id/events',
    {
      config: { policy: workflowPolicy.work },
      schema: {
        summary:
          'Move the list on: send, withdraw, assemble (the letter), approve-letter, return-letter, reopen, send-letter (publishes the answers)',
        tags,
        params: listIdParams,
        body: listEventSchema,
        response: { 200: listSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const actor = personOf(request);
      if (request.body.event === 'send-letter') await workflow.sendLetter(actor, request.params.id);
      else await workflow.listEvent(actor, request.params.id, request.body.event);
      return full(actor, request.params.id);
    },
  );

  app.post<{ Params: { id: number } }>(
    '/api/v1/question-lists/:id/postponements',
    {
      config: { policy: workflowPolicy.work },
      schema: {
        summary: 'A postponement notice (Mededeling uitstel antwoord): the deadline moves three weeks',
        tags,
        params: listIdParams,
        response: { 201: listSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const actor = personOf(request);
      await workflow.postpone(actor, request.params.id, calendar);
      return reply.code(201).send(await full(actor, request.params.id));
    },
  );

  app.post<{
    Params: { id: number };
    Body: {
      questions: number[];
      assignee: number;
      directorate?: number | null;
      internalDeadline?: string | null;
    };
  }>(
    '/api/v1/question-lists/:id/assignments',
    {
      config: { policy: workflowPolicy.work },
      schema: {
        summary:
          'Hand questions (one or many, by id) to a drafter, with a directorate and an internal deadline',
        tags,
        params: listIdParams,
        body: assignmentSchema,
        response: { 201: listSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const actor = personOf(request);
      const { list } = await workflow.listFor(actor, request.params.id);
      const b = request.body;
      const own = new Set((await store.workflow.questions(list.id)).map((q) => q.id));
      const stray = b.questions.find((id) => !own.has(id));
      if (stray !== undefined) {
        throw new HttpProblem(400, `question ${stray} is not on question list ${list.id}`, [
          { name: 'questions', reason: 'must be questions of this list' },
        ]);
      }
      const ministry =
        list.ministryId === null ? [] : await store.accounts.organisationAndChildren(list.ministryId);
      const drafter = (await store.accounts.membersOf(ministry, 'drafter')).find((p) => p.id === b.assignee);
      if (!drafter) {
        throw new HttpProblem(400, `person ${b.assignee} is no drafter of the ministry`, [
          { name: 'assignee', reason: "must be a drafter in the list's ministry or its directorates" },
        ]);
      }
      if (b.directorate != null && !ministry.includes(b.directorate)) {
        throw new HttpProblem(400, `organisation ${b.directorate} is not part of the ministry`, [
          { name: 'directorate', reason: 'must be the ministry or one of its directorates' },
        ]);
      }
      if (b.internalDeadline && list.deadline && b.internalDeadline > list.deadline) {
        throw new HttpProblem(
          400,
          `the internal deadline ${b.internalDeadline} is after the list's ${list.deadline}`,
          [{ name: 'internalDeadline', reason: "must not be after the list's deadline" }],
        );
      }
      await workflow.assignMany(actor, b.questions, {
        assigneeId: b.assignee,
        directorateId: b.directorate ?? drafter.organisationId,
        internalDeadline: b.internalDeadline ?? null,
      });
      return reply.code(201).send(await full(actor, list.id));
    },
  );

  app.get<{ Params: { id: number }; Querystring: { format: 'text' | 'html' | 'docx' | 'pdf' } }>(
    '/api/v1/question-lists/:id/letter',
    {
      config: { policy: workflowPolicy.work },
      schema: {
        summary:
          "The answer letter's questions and answers in the official layout, as text, HTML, DOCX or PDF: a preview from the moment every answer is approved (for the ministry), the publication once sent",
        tags,
        params: listIdParams,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { format: { type: 'string', enum: ['text', 'html', 'docx', 'pdf'], default: 'text' } },
        },
        response: {
          200: {
            description: 'The letter',
            content: {
              'text/plain': { schema: { type: 'string' } },
              'text/html': { schema: { type: 'string' } },
              [MEDIA_TYPES.docx]: { schema: { type: 'string', format: 'binary' } },
              [MEDIA_TYPES.pdf]: { schema: { type: 'string', format: 'binary' } },
            },
          },
          ...problems(400, 401, 403, 404, 409),
        },
      },
    },
    async (request, reply) => {
      const actor = personOf(request);
      const { list, roles } = await workflow.listFor(actor, request.params.id);
      if (!roles.some((r) => r !== 'clerk') && !actor.admin) {
        throw new HttpProblem(403, "the letter is the ministry's until it is sent");
      }
      if (!LETTER_STATES.includes(list.state)) {
        throw new HttpProblem(
          409,
          `the question list is ${list.state}: its letter exists once every answer is approved`,
          undefined,
          {
            state: list.state,
          },
        );
      }
      const pub = list.publicationId
        ? await store.getPublication(list.publicationId)
        : await letterPublication(store, list, await store.workflow.questions(list.id));
      if (!pub) throw new HttpProblem(404, `no publication ${list.publicationId}`);
      const format = request.query.format;
      if (format === 'docx' || format === 'pdf') {
        reply.header('content-disposition', `attachment; filename="${pub.id}.${EXTENSIONS[format]}"`);
      }
      reply.header('cache-control', 'private, no-store');
      return reply.type(MEDIA_TYPES[format]).send(Buffer.from(await renderBytes(pub, format)));
    },
  );

  app.get<{ Params: { id: number } }>(
    '/api/v1/question-lists/:id/people',
    {
      config: { policy: workflowPolicy.work },
      schema: {
        summary: "Whom the list's questions can go to: the drafters and directorates of its ministry",
        tags,
        params: listIdParams,
        response: { 200: peopleSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const actor = personOf(request);
      const { list, roles } = await workflow.listFor(actor, request.params.id);
      if (!roles.includes('coordinator') && !actor.admin) {
        throw new HttpProblem(403, 'only a coordinator of the ministry assigns its questions');
      }
      const ministry =
        list.ministryId === null ? [] : await store.accounts.organisationAndChildren(list.ministryId);
      const names = new Names(store);
      const directorates = await Promise.all(ministry.map((id) => names.organisation(id)));
      return {
        drafters: await store.accounts.membersOf(ministry, 'drafter'),
        directorates: directorates.filter((o) => o !== null),
      };
    },
  );
}
