// The audit log for administrators: GET /api/v1/audit-entries, newest first.
import type { FastifyInstance } from 'fastify';
import { auditPolicy } from '../../auth/policies/audit.js';
import type { Store } from '../../store/store.js';
import { auditListSchema, auditQuerySchema } from '../schemas/accounts.js';
import { problems } from '../schemas.js';

export function auditRoutes(app: FastifyInstance, store: Store): void {
  app.get<{ Querystring: { limit: number; beforeSeq?: number; action?: string } }>(
    '/api/v1/audit-entries',
    {
      config: { policy: auditPolicy.read },
      schema: {
        summary: 'The audit log, newest first',
        tags: ['audit'],
        querystring: auditQuerySchema,
        response: { 200: auditListSchema, ...problems(400, 401, 403) },
      },
    },
    async (request) => {
      const { limit, beforeSeq, action } = request.query;
      return {
        items: await store.auditEntries({
          limit,
          newestFirst: true,
          ...(beforeSeq !== undefined ? { beforeSeq } : {}),
          ...(action !== undefined ? { action } : {}),
        }),
      };
    },
  );
}
