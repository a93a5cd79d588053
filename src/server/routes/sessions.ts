// Signing in and out, and who am I: POST/GET/DELETE /api/v1/sessions(/current).
import type { FastifyInstance } from 'fastify';
import { isUser, type UserActor } from '../../auth/actor.js';
import type { Auth } from '../../auth/auth.js';
import { sessionPolicy } from '../../auth/policies/sessions.js';
import type { Store } from '../../store/store.js';
import { cookieOptions, recordAudit, SESSION_COOKIE } from '../auth.js';
import { HttpProblem } from '../problem.js';
import { currentUserSchema, loginSchema } from '../schemas/accounts.js';
import { problems } from '../schemas.js';

/** A signed-in user as the session resources show them. */
function whoIs(actor: UserActor) {
  return {
    authenticated: true,
    user: {
      id: actor.id,
      email: actor.email,
      name: actor.name,
      admin: actor.admin,
      memberships: actor.memberships,
    },
    via: actor.via,
  };
}

/** `sso`: whether single sign-on is configured (the sign-in page then offers it). */
export function sessionRoutes(
  app: FastifyInstance,
  store: Store,
  auth: Auth,
  secureCookies: boolean,
  sso = false,
): void {
  const cookie = cookieOptions(secureCookies);

  app.post<{ Body: { email: string; password: string } }>(
    '/api/v1/sessions',
    {
      config: { policy: sessionPolicy.create, csrfExempt: true },
      schema: {
        summary: 'Sign in with e-mail address and password; sets the session cookie',
        description:
          'Failed sign-ins are throttled per account and per address (429 with Retry-After). The answer carries ' +
          'the CSRF token that every state-changing request made with the cookie must send as X-CSRF-Token.',
        tags: ['sessions'],
        body: loginSchema,
        response: { 201: currentUserSchema, ...problems(400, 401, 403, 429) },
      },
    },
    async (request, reply) => {
      const { email, password } = request.body;
      const result = await auth.login(email, password, {
        address: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
      });
      if (!result.ok) {
        await recordAudit(store, request, 'session.login_failed', null, { email, reason: result.reason });
        if (result.reason === 'throttled') {
          reply.header('retry-after', String(result.retryAfterSeconds));
          throw new HttpProblem(429, 'too many failed sign-ins; try again later');
        }
        throw new HttpProblem(401, 'the e-mail address or the password is not right');
      }
      // A new session every time: whatever session id the browser had before is dropped (no fixation).
      if (request.session) await auth.logout(request.session.secret);
      reply.setCookie(SESSION_COOKIE, result.sessionSecret, { ...cookie, expires: result.expiresAt });
      const actor = await auth.actorFor(result.user, 'session', null);
      await recordAudit(store, request, 'session.login', `user:${actor.id}`, {}, actor);
      return reply.code(201).send({ ...whoIs(actor), sso, csrfToken: result.csrfToken });
    },
  );

  app.get(
    '/api/v1/sessions/current',
    {
      config: { policy: sessionPolicy.read },
      schema: {
        summary: 'Who am I: the signed-in user (and the CSRF token), or authenticated: false',
        tags: ['sessions'],
        response: { 200: currentUserSchema },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const actor = request.actor;
      if (!isUser(actor)) return { authenticated: false, sso };
      return { ...whoIs(actor), sso, ...(request.session ? { csrfToken: request.session.csrfToken } : {}) };
    },
  );

  app.delete(
    '/api/v1/sessions/current',
    {
      config: { policy: sessionPolicy.delete },
      schema: {
        summary: 'Sign out: ends the session and clears the cookie',
        tags: ['sessions'],
        response: { 204: { description: 'Signed out', type: 'null' }, ...problems(401, 403) },
      },
    },
    async (request, reply) => {
      if (request.session) await auth.logout(request.session.secret);
      await recordAudit(store, request, 'session.logout', null);
      reply.clearCookie(SESSION_COOKIE, cookie);
      return reply.code(204).send();
    },
  );
}
