// Liveness (the process answers) and readiness (the database answers).
import type { FastifyInstance } from 'fastify';
import { healthPolicy } from '../../auth/policies/health.js';
import type { Store } from '../../store/store.js';
import { healthSchema, readinessSchema } from '../schemas.js';

export function healthRoutes(app: FastifyInstance, store: Store): void {
  app.get(
    '/api/v1/health',
    {
      config: { policy: healthPolicy.read },
      schema: {
        summary: 'Liveness: the process answers',
        tags: ['health'],
        response: { 200: healthSchema },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'no-store');
      return { status: 'ok' };
    },
  );

  app.get(
    '/api/v1/readiness',
    {
      config: { policy: healthPolicy.read },
      schema: {
        summary: 'Readiness: the database answers',
        tags: ['health'],
        response: { 200: readinessSchema, 503: readinessSchema },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      let ok = false;
      try {
        ok = await store.ping();
      } catch (error) {
        request.log.error({ err: error }, 'readiness: the database does not answer');
      }
      const state = ok ? 'ok' : 'unavailable';
      return reply.code(ok ? 200 : 503).send({ status: state, database: state });
    },
  );
}
