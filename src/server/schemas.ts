// The API's JSON Schemas (OpenAPI 3.0 dialect): request parameters, validated by Fastify, and the
// response bodies, which document the API and which the contract test checks responses against.
import { z } from 'zod';
import { Chamber, Publication, PublicationKind } from '../model/publication.js';

type Schema = Record<string, unknown>;

const str = (description: string, extra: Schema = {}): Schema => ({ type: 'string', description, ...extra });
const nullableStr: Schema = { type: 'string', nullable: true };
const isoDate = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' };

const filterText = (description: string) => str(description, { minLength: 1, maxLength: 200 });

export const publicationSchema: Schema = z.toJSONSchema(Publication, { target: 'openapi-3.0' }) as Schema;

export const problemSchema: Schema = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail', 'instance'],
  additionalProperties: false,
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    invalidParams: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'reason'],
        additionalProperties: false,
        properties: { name: { type: 'string' }, reason: { type: 'string' } },
      },
    },
    state: { type: 'string', description: "A 409's current state of the list or answer" },
    current: {
      type: 'object',
      description: 'A 409 on a save: the version saved in between, to merge with',
      required: ['state', 'version'],
      additionalProperties: false,
      properties: {
        state: { type: 'string' },
        version: { type: 'integer' },
        text: { type: 'string', nullable: true },
        author: { type: 'string', nullable: true },
      },
    },
  },
};

const linksSchema: Schema = {
  type: 'object',
  required: ['self', 'next', 'prev'],
  additionalProperties: false,
  properties: { self: { type: 'string' }, next: nullableStr, prev: nullableStr },
};

const snippetSchema: Schema = {
  type: 'object',
  required: ['text', 'highlights'],
  additionalProperties: false,
  properties: {
    text: { type: 'string' },
    highlights: {
      type: 'array',
      description: '[start, end) character offsets of the matched words in text.',
      items: { type: 'array', items: { type: 'integer' }, minItems: 2, maxItems: 2 },
    },
  },
};

const hitPublicationSchema: Schema = {
  type: 'object',
  required: ['id', 'title', 'kind', 'chamber', 'session', 'committee', 'date'],
  additionalProperties: false,
  properties: {
    id: { type: 'string' },
    title: nullableStr,
    kind: { type: 'string' },
    chamber: nullableStr,
    session: nullableStr,
    committee: nullableStr,
    date: nullableStr,
  },
};

const resultProperties: Record<string, Schema> = {
  publication: hitPublicationSchema,
  question: { type: 'integer', nullable: true },
  position: { type: 'integer' },
  score: { type: 'number' },
  snippets: {
    type: 'object',
    required: ['question', 'answer'],
    additionalProperties: false,
    properties: { question: snippetSchema, answer: { ...snippetSchema, nullable: true } },
  },
};

const resultSchema: Schema = {
  type: 'object',
  required: Object.keys(resultProperties),
  additionalProperties: false,
  properties: resultProperties,
};

export const similarSchema: Schema = {
  type: 'object',
  required: [...Object.keys(resultProperties), 'answerOpening'],
  additionalProperties: false,
  properties: { ...resultProperties, answerOpening: nullableStr },
};

const facetListSchema: Schema = {
  type: 'array',
  items: {
    type: 'object',
    required: ['value', 'count'],
    additionalProperties: false,
    properties: { value: { type: 'string' }, count: { type: 'integer' } },
  },
};

const FACET_NAMES = ['chamber', 'session', 'committee', 'addressee', 'kind', 'dossier'];

export const searchResponseSchema: Schema = {
  type: 'object',
  required: ['query', 'notes', 'total', 'totalExact', 'exhaustive', 'limit', 'offset', 'results', 'links'],
  additionalProperties: false,
  properties: {
    query: { type: 'string' },
    notes: { type: 'array', items: { type: 'string' } },
    total: { type: 'integer', description: 'A lower bound when totalExact is false.' },
    totalExact: { type: 'boolean' },
    exhaustive: {
      type: 'boolean',
      description: 'False when more matched than were ranked: then the newest matches were ranked.',
    },
    limit: { type: 'integer' },
    offset: { type: 'integer' },
    results: { type: 'array', items: resultSchema },
    facets: {
      type: 'object',
      required: FACET_NAMES,
      additionalProperties: false,
      properties: Object.fromEntries(FACET_NAMES.map((f) => [f, facetListSchema])),
    },
    links: linksSchema,
  },
};

export const searchQuerySchema: Schema = {
  type: 'object',
  required: ['q'],
  additionalProperties: false,
  properties: {
    q: str('The query: words (all must match), "phrases", -word to exclude, OR.', {
      minLength: 1,
      maxLength: 10_000,
    }),
    chamber: { type: 'string', enum: Chamber.options },
    sessionFrom: { type: 'integer', minimum: 1815, maximum: 2200, description: '2022 means 2022-2023.' },
    sessionTo: { type: 'integer', minimum: 1815, maximum: 2200 },
    committee: filterText('The committee, as printed.'),
    addressee: filterText('An addressee, as printed.'),
    kind: { type: 'string', enum: PublicationKind.options },
    dossier: filterText("A dossier number: '36360 VI', '36 360 VI' or '36360-VI'."),
    dateFrom: { ...isoDate, description: 'YYYY-MM-DD' },
    dateTo: { ...isoDate, description: 'YYYY-MM-DD' },
    sort: { type: 'string', enum: ['relevance', 'date'], default: 'relevance' },
    limit: { type: 'integer', minimum: 1, maximum: 100, default: 10 },
    offset: { type: 'integer', minimum: 0, maximum: 10_000, default: 0 },
    facets: { type: 'boolean', default: true },
  },
};

export const publicationSummarySchema: Schema = {
  type: 'object',
  required: ['id', 'title', 'kind', 'chamber', 'session', 'committee', 'date', 'questions', 'complete'],
  additionalProperties: false,
  properties: {
    ...(hitPublicationSchema.properties as Record<string, Schema>),
    questions: { type: 'integer' },
    complete: { type: 'boolean' },
  },
};

export const publicationListSchema: Schema = {
  type: 'object',
  required: ['total', 'limit', 'offset', 'items', 'links'],
  additionalProperties: false,
  properties: {
    total: { type: 'integer' },
    limit: { type: 'integer' },
    offset: { type: 'integer' },
    items: { type: 'array', items: publicationSummarySchema },
    links: linksSchema,
  },
};

export const publicationListQuerySchema: Schema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    kind: { type: 'string', enum: PublicationKind.options },
    chamber: { type: 'string', enum: Chamber.options },
    session: { type: 'string', pattern: '^\\d{4}-\\d{4}$', description: "'2022-2023'" },
    committee: filterText('The committee, as printed.'),
    dossier: filterText("A dossier number: '36360 VI', '36 360 VI' or '36360-VI'."),
    limit: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
    offset: { type: 'integer', minimum: 0, default: 0 },
  },
};

export const RENDER_CHOICES = ['json', 'md', 'text', 'html', 'docx', 'pdf'] as const;

export const publicationIdParams: Schema = {
  type: 'object',
  required: ['id'],
  additionalProperties: false,
  properties: {
    id: str("The official id: 'kst-36360-VI-12', 'ah-tk-20242025-1028'.", {
      pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$',
    }),
  },
};

export const publicationQuerySchema: Schema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    format: {
      type: 'string',
      enum: [...RENDER_CHOICES],
      description: 'Overrides the Accept header.',
    },
    fragment: {
      type: 'boolean',
      default: false,
      description: 'With format=html: only the publication, without the surrounding document.',
    },
  },
};

export const questionParams: Schema = {
  type: 'object',
  required: ['id', 'number'],
  additionalProperties: false,
  properties: {
    ...(publicationIdParams.properties as Record<string, Schema>),
    number: { type: 'integer', minimum: 1, maximum: 100_000 },
  },
};

export const questionResponseSchema: Schema = {
  type: 'object',
  required: ['publication', 'number', 'question', 'answer', 'similar'],
  additionalProperties: false,
  properties: {
    publication: hitPublicationSchema,
    number: { type: 'integer' },
    question: { type: 'string' },
    answer: nullableStr,
    similar: { type: 'array', items: similarSchema },
  },
};

export const importQuerySchema: Schema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    dryRun: { type: 'boolean', default: false, description: 'Read and answer, store nothing.' },
    fileName: str('The name of the uploaded file (used when the text does not name its id).', {
      minLength: 1,
      maxLength: 255,
      pattern: '^[^/\\\\\\u0000-\\u001f]+$',
    }),
  },
};

export const importResponseSchema: Schema = {
  type: 'object',
  required: ['id', 'outcome', 'stored', 'reader', 'questions', 'warnings', 'publication'],
  additionalProperties: false,
  properties: {
    id: { type: 'string' },
    outcome: { type: 'string', enum: ['imported', 'updated', 'unchanged', 'read'] },
    reader: {
      type: 'string',
      enum: ['text', 'xml', 'html', 'pdf', 'docx'],
      description: 'The reader that read the file, chosen by its content',
    },
    stored: { type: 'boolean' },
    questions: { type: 'integer' },
    warnings: (publicationSchema.properties as Record<string, Schema>).warnings as Schema,
    publication: publicationSchema,
  },
};

export const healthSchema: Schema = {
  type: 'object',
  required: ['status'],
  additionalProperties: false,
  properties: { status: { type: 'string', enum: ['ok'] } },
};

export const readinessSchema: Schema = {
  type: 'object',
  required: ['status', 'database'],
  additionalProperties: false,
  properties: {
    status: { type: 'string', enum: ['ok', 'unavailable'] },
    database: { type: 'string', enum: ['ok', 'unavailable'] },
  },
};

/** The problem responses a route may give, for its schema. */
export function problems(...statuses: number[]): Record<number, Schema> {
  return Object.fromEntries(
    statuses.map((s) => [
      s,
      {
        description: 'A problem (RFC 9457)',
        content: { 'application/problem+json': { schema: problemSchema } },
      },
    ]),
  );
}
