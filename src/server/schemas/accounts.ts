// JSON Schemas of the account resources: sessions, users, organisations, tokens, audit entries.
import { ORGANISATION_KINDS, ROLES, SCOPES } from '../../auth/actor.js';

type Schema = Record<string, unknown>;

const email: Schema = { type: 'string', format: 'email', maxLength: 254 };

export const loginSchema: Schema = {
  type: 'object',
  required: ['email', 'password'],
  additionalProperties: false,
  properties: {
    email: { type: 'string', minLength: 1, maxLength: 254 },
    password: { type: 'string', minLength: 1, maxLength: 1024 },
  },
};

const membershipSchema: Schema = {
  type: 'object',
  required: ['organisationId', 'organisation', 'role'],
  additionalProperties: false,
  properties: {
    organisationId: { type: 'integer' },
    organisation: { type: 'string' },
    role: { type: 'string', enum: [...ROLES] },
  },
};

export const userSchema: Schema = {
  type: 'object',
  required: ['id', 'email', 'name', 'admin', 'memberships'],
  additionalProperties: false,
  properties: {
    id: { type: 'integer' },
    email: { type: 'string' },
    name: { type: 'string' },
    admin: { type: 'boolean' },
    disabled: { type: 'boolean' },
    memberships: { type: 'array', items: membershipSchema },
  },
};

export const currentUserSchema: Schema = {
  type: 'object',
  required: ['authenticated'],
  additionalProperties: false,
  properties: {
    authenticated: { type: 'boolean' },
    user: userSchema,
    via: { type: 'string', enum: ['session', 'token'] },
    csrfToken: { type: 'string' },
    sso: { type: 'boolean', description: 'Whether single sign-on is offered (GET /api/v1/sessions/oidc).' },
  },
};

export const userListSchema: Schema = {
  type: 'object',
  required: ['items'],
  additionalProperties: false,
  properties: { items: { type: 'array', items: userSchema } },
};

export const newUserSchema: Schema = {
  type: 'object',
  required: ['email', 'name'],
  additionalProperties: false,
  properties: {
    email,
    name: { type: 'string', minLength: 1, maxLength: 200 },
    password: { type: 'string', minLength: 12, maxLength: 1024 },
    admin: { type: 'boolean', default: false },
  },
};

export const userPatchSchema: Schema = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: { disabled: { type: 'boolean' }, admin: { type: 'boolean' } },
};

export const membershipBodySchema: Schema = {
  type: 'object',
  required: ['organisation', 'role'],
  additionalProperties: false,
  properties: {
    organisation: { type: 'string', minLength: 1, maxLength: 200 },
    role: { type: 'string', enum: [...ROLES] },
  },
};

export const idParams: Schema = {
  type: 'object',
  required: ['id'],
  additionalProperties: false,
  properties: { id: { type: 'integer', minimum: 1 } },
};

export const organisationSchema: Schema = {
  type: 'object',
  required: ['id', 'name', 'side', 'kind', 'parentId'],
  additionalProperties: false,
  properties: {
    id: { type: 'integer' },
    name: { type: 'string' },
    side: { type: 'string', enum: ['parliament', 'government'] },
    kind: { type: 'string', enum: [...ORGANISATION_KINDS] },
    parentId: { type: 'integer', nullable: true },
  },
};

export const organisationListSchema: Schema = {
  type: 'object',
  required: ['items'],
  additionalProperties: false,
  properties: { items: { type: 'array', items: organisationSchema } },
};

export const newOrganisationSchema: Schema = {
  type: 'object',
  required: ['name', 'kind'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 200 },
    kind: { type: 'string', enum: [...ORGANISATION_KINDS] },
    parent: { type: 'string', minLength: 1, maxLength: 200 },
  },
};

export const tokenSchema: Schema = {
  type: 'object',
  required: ['id', 'name', 'scopes', 'createdAt', 'expiresAt', 'revokedAt'],
  additionalProperties: false,
  properties: {
    id: { type: 'integer' },
    name: { type: 'string' },
    scopes: { type: 'array', items: { type: 'string', enum: [...SCOPES] } },
    createdAt: { type: 'string' },
    expiresAt: { type: 'string' },
    revokedAt: { type: 'string', nullable: true },
    token: { type: 'string', description: 'The secret: shown once, when the token is made.' },
  },
};

export const tokenListSchema: Schema = {
  type: 'object',
  required: ['items'],
  additionalProperties: false,
  properties: { items: { type: 'array', items: tokenSchema } },
};

export const newTokenSchema: Schema = {
  type: 'object',
  required: ['name'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 100 },
    scopes: {
      type: 'array',
      items: { type: 'string', enum: [...SCOPES] },
      minItems: 1,
      uniqueItems: true,
      default: ['read'],
    },
    days: { type: 'integer', minimum: 1, maximum: 366 },
  },
};

export const auditListSchema: Schema = {
  type: 'object',
  required: ['items'],
  additionalProperties: false,
  properties: {
    items: {
      type: 'array',
      items: {
        type: 'object',
        required: [
          'seq',
          'at',
          'actor',
          'actorName',
          'action',
          'subject',
          'details',
          'address',
          'prevHash',
          'hash',
        ],
        additionalProperties: false,
        properties: {
          seq: { type: 'integer' },
          at: { type: 'string' },
          actor: { type: 'string' },
          actorName: { type: 'string', nullable: true },
          action: { type: 'string' },
          subject: { type: 'string', nullable: true },
          details: { type: 'object' },
          address: { type: 'string', nullable: true },
          prevHash: { type: 'string' },
          hash: { type: 'string' },
        },
      },
    },
  },
};

export const auditQuerySchema: Schema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
    beforeSeq: { type: 'integer', minimum: 1 },
    action: { type: 'string', maxLength: 100 },
  },
};
