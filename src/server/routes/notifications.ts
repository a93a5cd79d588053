// A person's notifications in the app and their choices of what reaches them how: /api/v1/notifications
// and /api/v1/notification-preferences. Only one's own: there is no way to ask for someone else's.
import type { FastifyInstance } from 'fastify';
import { workflowPolicy } from '../../auth/policies/workflow.js';
import {
  KIND_LABELS,
  MAIL_MODES,
  NOTIFICATION_KINDS,
  type NotificationKind,
  type Preference,
} from '../../notify/kinds.js';
import type { Notifier } from '../../notify/notifier.js';
import type { NotificationRow } from '../../store/notifications.js';
import { problems } from '../schemas.js';
import { personOf } from './question-lists.js';

const notificationSchema = {
  type: 'object',
  required: ['id', 'kind', 'subject', 'body', 'link', 'createdAt', 'readAt'],
  additionalProperties: false,
  properties: {
    id: { type: 'integer' },
    kind: { type: 'string', enum: [...NOTIFICATION_KINDS] },
    subject: { type: 'string' },
    body: { type: 'string' },
    link: {
      type: 'string',
      nullable: true,
      description: "A path in the web app ('/werk/lijsten/3#vraag-2')",
    },
    createdAt: { type: 'string' },
    readAt: { type: 'string', nullable: true },
  },
};

const preferenceSchema = {
  type: 'object',
  required: ['kind', 'label', 'about', 'email', 'inApp'],
  additionalProperties: false,
  properties: {
    kind: { type: 'string', enum: [...NOTIFICATION_KINDS] },
    label: {
      type: 'object',
      required: ['nl', 'en'],
      additionalProperties: false,
      properties: { nl: { type: 'string' }, en: { type: 'string' } },
    },
    about: { type: 'string' },
    email: { type: 'string', enum: [...MAIL_MODES], description: 'at once, in the daily digest, or not' },
    inApp: { type: 'boolean' },
  },
};

const view = (n: NotificationRow) => ({
  id: n.id,
  kind: n.kind,
  subject: n.subject,
  body: n.body,
  link: n.link,
  createdAt: n.createdAt,
  readAt: n.readAt,
});

const preferenceView = (kind: NotificationKind, p: Preference) => ({
  kind,
  label: { nl: KIND_LABELS[kind].nl, en: KIND_LABELS[kind].en },
  about: KIND_LABELS[kind].about,
  email: p.email,
  inApp: p.inApp,
});

export function notificationRoutes(app: FastifyInstance, notifier: Notifier): void {
  const tags = ['notifications'];

  app.get<{ Querystring: { unread: boolean; limit: number; before?: number } }>(
    '/api/v1/notifications',
    {
      config: { policy: workflowPolicy.own },
      schema: {
        summary: 'Your notifications, newest first, and how many are unread',
        tags,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            unread: { type: 'boolean', default: false, description: 'Only the unread ones' },
            limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
            before: { type: 'integer', minimum: 1, description: 'Only older than this id (the next page)' },
          },
        },
        response: {
          200: {
            type: 'object',
            required: ['items', 'unread'],
            additionalProperties: false,
            properties: { items: { type: 'array', items: notificationSchema }, unread: { type: 'integer' } },
          },
          ...problems(400, 401, 403),
        },
      },
    },
    async (request) => {
      const me = personOf(request);
      const { unread, limit, before } = request.query;
      const items = await notifier.forUser(me.id, {
        unreadOnly: unread,
        limit,
        ...(before ? { beforeId: before } : {}),
      });
      return { items: items.map(view), unread: await notifier.unreadCount(me.id) };
    },
  );

  app.post<{ Body: { ids?: number[]; all?: boolean } }>(
    '/api/v1/notifications/read-markers',
    {
      config: { policy: workflowPolicy.own },
      schema: {
        summary: 'Mark notifications read: some by id, or all',
        tags,
        body: {
          type: 'object',
          additionalProperties: false,
          minProperties: 1,
          properties: {
            ids: { type: 'array', minItems: 1, maxItems: 500, items: { type: 'integer' } },
            all: { type: 'boolean', enum: [true] },
          },
        },
        response: {
          200: {
            type: 'object',
            required: ['changed', 'unread'],
            additionalProperties: false,
            properties: { changed: { type: 'integer' }, unread: { type: 'integer' } },
          },
          ...problems(400, 401, 403),
        },
      },
    },
    async (request) => {
      const me = personOf(request);
      const changed = await notifier.markRead(me.id, request.body.all ? 'all' : (request.body.ids ?? []));
      return { changed, unread: await notifier.unreadCount(me.id) };
    },
  );

  app.get(
    '/api/v1/notification-preferences',
    {
      config: { policy: workflowPolicy.own },
      schema: {
        summary: 'What reaches you how, per kind of notification',
        tags,
        response: {
          200: {
            type: 'object',
            required: ['items', 'mail'],
            additionalProperties: false,
            properties: {
              items: { type: 'array', items: preferenceSchema },
              mail: { type: 'boolean', description: 'Whether this server sends e-mail at all' },
            },
          },
          ...problems(401, 403),
        },
      },
    },
    async (request) => {
      const prefs = await notifier.preferences(personOf(request).id);
      return {
        items: NOTIFICATION_KINDS.map((kind) => preferenceView(kind, prefs[kind])),
        mail: notifier.mailEnabled,
      };
    },
  );

  app.put<{ Params: { kind: NotificationKind }; Body: Preference }>(
    '/api/v1/notification-preferences/:kind',
    {
      config: { policy: workflowPolicy.own },
      schema: {
        summary:
          'Choose how one kind of notification reaches you: by e-mail at once, daily or not; in the app or not',
        tags,
        params: {
          type: 'object',
          required: ['kind'],
          additionalProperties: false,
          properties: { kind: { type: 'string', enum: [...NOTIFICATION_KINDS] } },
        },
        body: {
          type: 'object',
          required: ['email', 'inApp'],
          additionalProperties: false,
          properties: { email: { type: 'string', enum: [...MAIL_MODES] }, inApp: { type: 'boolean' } },
        },
        response: { 200: preferenceSchema, ...problems(400, 401, 403) },
      },
    },
    async (request) => {
      const me = personOf(request);
      const { kind } = request.params;
      await notifier.setPreference(me.id, kind, { email: request.body.email, inApp: request.body.inApp });
      return preferenceView(kind, (await notifier.preferences(me.id))[kind]);
    },
  );
}
