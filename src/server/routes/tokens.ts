// API tokens for machine clients: /api/v1/tokens. The secret is answered once, when the token is made.
import type { FastifyInstance } from 'fastify';
import { isUser, type Scope } from '../../auth/actor.js';
import type { Auth } from '../../auth/auth.js';
import { tokenPolicy } from '../../auth/policies/tokens.js';
import type { TokenRow } from '../../store/accounts.js';
import type { Store } from '../../store/store.js';
import { recordAudit } from '../auth.js';
import { HttpProblem } from '../problem.js';
import { idParams, newTokenSchema, tokenListSchema, tokenSchema } from '../schemas/accounts.js';
import { problems } from '../schemas.js';

const view = (t: TokenRow) => ({
  id: t.id,
  name: t.name,
  scopes: t.scopes,
  createdAt: t.createdAt,
  expiresAt: t.expiresAt,
  revokedAt: t.revokedAt,
});

export function tokenRoutes(app: FastifyInstance, store: Store, auth: Auth): void {
  app.get(
    '/api/v1/tokens',
    {
      config: { policy: tokenPolicy.list },
      schema: {
        summary: 'Your API tokens',
        tags: ['tokens'],
        response: { 200: tokenListSchema, ...problems(401, 403) },
      },
    },
    async (request) => ({
      items: isUser(request.actor) ? (await store.accounts.tokensOf(request.actor.id)).map(view) : [],
    }),
  );

  app.post<{ Body: { name: string; scopes: Scope[]; days?: number } }>(
    '/api/v1/tokens',
    {
      config: { policy: tokenPolicy.create },
      schema: {
        summary: 'Make an API token (its secret is in this answer only)',
        tags: ['tokens'],
        body: newTokenSchema,
        response: { 201: tokenSchema, ...problems(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const actor = request.actor;
      if (!isUser(actor)) throw new HttpProblem(401, 'sign in first');
      const { name, scopes, days } = request.body;
      if (scopes.includes('admin') && !actor.admin) {
        throw new HttpProblem(403, 'only an administrator may make a token with the admin scope');
      }
      const made = await auth.createToken(actor.id, name, scopes, days);
      await recordAudit(store, request, 'token.created', `token:${made.id}`, {
        name,
        scopes,
        expiresAt: made.expiresAt,
      });
      const row = await store.accounts.tokenById(made.id);
      if (!row) throw new Error(`token ${made.id} vanished after it was made`);
      return reply.code(201).send({ ...view(row), token: made.secret });
    },
  );

  app.delete<{ Params: { id: number } }>(
    '/api/v1/tokens/:id',
    {
      config: { policy: tokenPolicy.revoke },
      schema: {
        summary: 'Revoke an API token (your own; an administrator any)',
        tags: ['tokens'],
        params: idParams,
        response: { 204: { description: 'Revoked', type: 'null' }, ...problems(401, 403, 404) },
      },
    },
    async (request, reply) => {
      const actor = request.actor;
      const token = await store.accounts.tokenById(request.params.id);
      // Someone else's token is "not found": its existence is not told.
      if (!isUser(actor) || !token || (token.userId !== actor.id && !actor.admin)) {
        throw new HttpProblem(404, `no token ${request.params.id}`);
      }
      await store.accounts.revokeToken(token.id, new Date().toISOString());
      await recordAudit(store, request, 'token.revoked', `token:${token.id}`);
      return reply.code(204).send();
    },
  );
}
