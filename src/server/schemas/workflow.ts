// JSON Schemas of the workflow resources: question lists, their questions and answers, answer versions,
// the desk. The views are made by src/server/workflow-views.ts.
import { ANSWER_MACHINE, LIST_MACHINE } from '../../workflow/states.js';

type Schema = Record<string, unknown>;

const statesOf = (machine: { initial: string; transitions: readonly { from: string; to: string }[] }) => [
  ...new Set([machine.initial, ...machine.transitions.flatMap((t) => [t.from, t.to])]),
];
const LIST_STATES = statesOf(LIST_MACHINE);
const ANSWER_STATES = statesOf(ANSWER_MACHINE);
const LIST_EVENTS = [...new Set(LIST_MACHINE.transitions.map((t) => t.event))];
const ANSWER_EVENTS = [...new Set(ANSWER_MACHINE.transitions.map((t) => t.event))];

const isoDate: Schema = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' };
const nullableDate: Schema = { ...isoDate, nullable: true };
const named: Schema = {
  type: 'object',
  required: ['id', 'name'],
  additionalProperties: false,
  nullable: true,
  properties: { id: { type: 'integer' }, name: { type: 'string' } },
};
const DUE_STATES = ['overdue', 'due-today', 'due-soon', 'on-time'];
const askerSchema: Schema = {
  type: 'object',
  required: ['name', 'party'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 200 },
    party: { type: 'string', maxLength: 50, nullable: true },
  },
};

export const listIdParams: Schema = {
  type: 'object',
  required: ['id'],
  additionalProperties: false,
  properties: { id: { type: 'integer', minimum: 1 } },
};

export const listQuestionSchema: Schema = {
  type: 'object',
  required: [
    'id',
    'listId',
    'number',
    'section',
    'text',
    'state',
    'assignee',
    'directorate',
    'internalDeadline',
    'answer',
    'answerVersion',
    'answeredWith',
    'lastComment',
    'events',
    'updatedAt',
  ],
  additionalProperties: false,
  properties: {
    id: { type: 'integer' },
    listId: { type: 'integer' },
    number: { type: 'integer', description: 'Continuous over the list' },
    section: { type: 'string', nullable: true },
    text: { type: 'string' },
    state: { type: 'string', enum: ANSWER_STATES },
    assignee: named,
    directorate: named,
    internalDeadline: nullableDate,
    answer: { type: 'string', nullable: true },
    answerVersion: { type: 'integer', description: 'Send it back as baseVersion when saving' },
    answeredWith: {
      type: 'integer',
      nullable: true,
      description: 'The number of the question whose answer also answers this one',
    },
    lastComment: { type: 'string', nullable: true, description: 'Why it was last returned or declined' },
    events: {
      type: 'array',
      items: { type: 'string' },
      description:
        'What you may do with it now: save (PUT …/answer), assign and reassign (…/assignments of its list), the others by POST …/events',
    },
    updatedAt: { type: 'string' },
  },
};

const documentSchema: Schema = {
  type: 'object',
  required: ['id', 'title', 'inArchive'],
  additionalProperties: false,
  properties: {
    id: { type: 'string' },
    title: { type: 'string', nullable: true },
    inArchive: { type: 'boolean' },
  },
};

const listProperties: Schema = {
  id: { type: 'integer' },
  kind: { type: 'string', enum: ['question-list', 'written-questions'] },
  title: { type: 'string' },
  committee: named,
  ministry: named,
  addressees: { type: 'array', items: { type: 'string' } },
  askers: {
    type: 'array',
    items: askerSchema,
    description: 'Kamervragen: the members who asked',
  },
  answeredBy: { type: 'string', nullable: true, description: 'Kamervragen: who answers, as printed' },
  submittedOn: { ...isoDate, nullable: true, description: 'The day the list was sent (ingezonden)' },
  documents: { type: 'array', items: documentSchema },
  scope: { type: 'string', nullable: true },
  deadline: nullableDate,
  due: { type: 'string', enum: [...DUE_STATES, null], nullable: true },
  state: { type: 'string', enum: LIST_STATES },
  version: { type: 'integer' },
  letterDate: nullableDate,
  publicationId: { type: 'string', nullable: true },
  sentAt: { type: 'string', nullable: true },
  createdAt: { type: 'string' },
  updatedAt: { type: 'string' },
  roles: { type: 'array', items: { type: 'string' }, description: 'Your roles on this list' },
  events: {
    type: 'array',
    items: { type: 'string' },
    description:
      'What you may do with it now: the events to POST …/events, and postpone (POST …/postponements)',
  },
  counts: {
    type: 'object',
    additionalProperties: { type: 'integer' },
    description: 'Its questions by state',
  },
};
const listRequired = Object.keys(listProperties);

export const listSummarySchema: Schema = {
  type: 'object',
  required: listRequired,
  additionalProperties: false,
  properties: listProperties,
};

export const listSchema: Schema = {
  type: 'object',
  required: [...listRequired, 'questions'],
  additionalProperties: false,
  properties: { ...listProperties, questions: { type: 'array', items: listQuestionSchema } },
};

export const listCollectionSchema: Schema = {
  type: 'object',
  required: ['items'],
  additionalProperties: false,
  properties: { items: { type: 'array', items: listSummarySchema } },
};

const text = (max: number): Schema => ({ type: 'string', minLength: 1, maxLength: max });
const addresseesInput: Schema = { type: 'array', maxItems: 10, items: text(200) };
const documentsInput: Schema = {
  type: 'array',
  maxItems: 20,
  items: { type: 'string', pattern: '^(kst|ah)-[A-Za-z0-9-]{3,60}$' },
  description: 'The Kamerstukken asked about, by id (kst-36360-VI-1)',
};

export const newListSchema: Schema = {
  type: 'object',
  required: ['title', 'committee', 'ministry'],
  additionalProperties: false,
  properties: {
    kind: { type: 'string', enum: ['question-list', 'written-questions'], default: 'question-list' },
    title: text(300),
    committee: { type: 'integer', description: 'The committee (organisation id) whose clerk you are' },
    ministry: { type: 'integer', description: 'The ministry (organisation id) asked' },
    addressees: addresseesInput,
    documents: documentsInput,
    scope: { type: 'string', maxLength: 5000, nullable: true },
    deadline: { ...nullableDate, description: 'Written questions without one get three weeks from sending' },
    askers: { type: 'array', maxItems: 20, items: askerSchema, description: 'Written questions: who asks' },
    answeredBy: { type: 'string', maxLength: 200, nullable: true, description: "'Minister Uitermark'" },
  },
};

export const listChangesSchema: Schema = {
  type: 'object',
  required: ['version'],
  additionalProperties: false,
  properties: {
    version: { type: 'integer', description: 'The version you changed (a 409 when it is no longer current)' },
    title: text(300),
    addressees: addresseesInput,
    documents: documentsInput,
    scope: { type: 'string', maxLength: 5000, nullable: true },
    deadline: nullableDate,
    askers: { type: 'array', maxItems: 20, items: askerSchema },
    answeredBy: { type: 'string', maxLength: 200, nullable: true },
  },
};

const questionFields = (numberMeans: string): Record<string, Schema> => ({
  text: text(10_000),
  section: { type: 'string', maxLength: 300, nullable: true },
  number: { type: 'integer', minimum: 1, description: numberMeans },
});

export const newQuestionSchema: Schema = {
  type: 'object',
  required: ['text'],
  additionalProperties: false,
  properties: questionFields('Put it at this number (later ones move down)'),
};

export const questionChangesSchema: Schema = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: questionFields('Move it to this number'),
};

export const questionImportSchema: Schema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    text: { ...text(200_000), description: 'Pasted questions: numbered items, or one per paragraph' },
    docx: {
      type: 'string',
      minLength: 1,
      maxLength: 14_000_000,
      pattern: '^[A-Za-z0-9+/]+={0,2}$',
      description: 'Or a Word file (.docx) holding them, base64-encoded (at most 10 MB)',
    },
    section: { type: 'string', maxLength: 300, nullable: true },
  },
};

export const questionCollectionSchema: Schema = {
  type: 'object',
  required: ['items'],
  additionalProperties: false,
  properties: { items: { type: 'array', items: listQuestionSchema } },
};

export const listEventSchema: Schema = {
  type: 'object',
  required: ['event'],
  additionalProperties: false,
  properties: {
    event: { type: 'string', enum: LIST_EVENTS.filter((e) => e !== 'all-approved' && e !== 'take-up') },
  },
};

export const answerEventSchema: Schema = {
  type: 'object',
  required: ['event'],
  additionalProperties: false,
  properties: {
    event: {
      type: 'string',
      enum: ANSWER_EVENTS.filter((e) => !['assign', 'reassign', 'save', 'publish'].includes(e)),
    },
    comment: { type: 'string', maxLength: 5000, description: 'Why (required to return or decline)' },
    with: {
      type: 'integer',
      minimum: 1,
      description: 'group: the number of the question whose answer serves this one',
    },
  },
};

export const assignmentSchema: Schema = {
  type: 'object',
  required: ['questions', 'assignee'],
  additionalProperties: false,
  properties: {
    questions: { type: 'array', minItems: 1, maxItems: 500, items: { type: 'integer' }, uniqueItems: true },
    assignee: { type: 'integer', description: 'The drafter (user id)' },
    directorate: { type: 'integer', nullable: true, description: 'The directorate (organisation id)' },
    internalDeadline: nullableDate,
  },
};

export const answerSaveSchema: Schema = {
  type: 'object',
  required: ['baseVersion', 'text'],
  additionalProperties: false,
  properties: {
    baseVersion: { type: 'integer', minimum: 0, description: 'The answerVersion you started from' },
    text: { type: 'string', maxLength: 100_000 },
  },
};

export const versionCollectionSchema: Schema = {
  type: 'object',
  required: ['items'],
  additionalProperties: false,
  properties: {
    items: {
      type: 'array',
      items: {
        type: 'object',
        required: ['version', 'text', 'author', 'savedAt'],
        additionalProperties: false,
        properties: {
          version: { type: 'integer' },
          text: { type: 'string' },
          author: { type: 'string', nullable: true },
          savedAt: { type: 'string' },
        },
      },
    },
  },
};

export const peopleSchema: Schema = {
  type: 'object',
  required: ['drafters', 'directorates'],
  additionalProperties: false,
  properties: {
    drafters: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'name', 'organisationId', 'organisation'],
        additionalProperties: false,
        properties: {
          id: { type: 'integer' },
          name: { type: 'string' },
          organisationId: { type: 'integer' },
          organisation: { type: 'string' },
        },
      },
    },
    directorates: { type: 'array', items: named },
  },
};

export const deskSchema: Schema = {
  type: 'object',
  required: ['items'],
  additionalProperties: false,
  properties: {
    items: {
      type: 'array',
      items: {
        type: 'object',
        required: ['question', 'list', 'due', 'state'],
        additionalProperties: false,
        properties: {
          question: listQuestionSchema,
          list: {
            type: 'object',
            required: ['id', 'title', 'state', 'deadline'],
            additionalProperties: false,
            properties: {
              id: { type: 'integer' },
              title: { type: 'string' },
              state: { type: 'string' },
              deadline: nullableDate,
            },
          },
          due: nullableDate,
          state: { type: 'string', enum: [...DUE_STATES, null], nullable: true },
        },
      },
    },
  },
};
