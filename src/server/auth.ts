// Who is asking, and may they: the session cookie or bearer token becomes `request.actor`; state-changing
// requests made with the cookie must carry the session's CSRF token and come from this origin; then the
// route's policy decides. A route under /api/v1 without a policy is refused (fail closed).
import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type Actor, actorLabel, isUser, PUBLIC } from '../auth/actor.js';
import type { Auth } from '../auth/auth.js';
import type { Policy } from '../auth/policies/policy.js';
import { sameSecret } from '../auth/secrets.js';
import type { Store } from '../store/store.js';
import { sendProblem } from './problem.js';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
    session: { id: string; secret: string; csrfToken: string } | null;
  }
  interface FastifyContextConfig {
    policy?: Policy;
    /** Signing in: it needs no CSRF token (the origin check still applies); it replaces the session. */
    csrfExempt?: boolean;
  }
}

export const SESSION_COOKIE = 'vraagbaak_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function cookieOptions(secure: boolean) {
  return { httpOnly: true, sameSite: 'lax', path: '/', secure } as const;
}

/** The request's own origin, as the browser would send it in Origin. */
function ownOrigin(request: FastifyRequest): string {
  return `${request.protocol}://${request.headers.host ?? ''}`;
}

/** Records who did what (the audit log), with the request's actor and address; await it. */
export async function recordAudit(
  store: Store,
  request: FastifyRequest,
  action: string,
  subject: string | null,
  details: Record<string, unknown> = {},
  actor: Actor = request.actor,
): Promise<void> {
  await store.audit({
    actor: actorLabel(actor),
    actorName: isUser(actor) ? actor.email : null,
    action,
    subject,
    details,
    address: request.ip,
  });
}

export async function authentication(
  app: FastifyInstance,
  auth: Auth,
  options: { secureCookies: boolean },
): Promise<void> {
  await app.register(cookie);
  // Set on every request by the hook below (Fastify allows only null as a request decorator's start).
  app.decorateRequest('actor', null as never);
  app.decorateRequest('session', null);

  app.addHook('onRequest', async (request, reply) => {
    request.actor = PUBLIC;
    request.session = null;
    if (!request.url.startsWith('/api/')) return;
    const header = request.headers.authorization;
    if (header !== undefined) {
      const bearer = /^Bearer\s+(\S+)$/i.exec(header);
      const actor = bearer ? await auth.resolveToken(bearer[1]!) : null;
      if (!actor) {
        reply.header('www-authenticate', 'Bearer error="invalid_token"');
        return sendProblem(reply, request, 401, 'the API token is unknown, expired or revoked');
      }
      request.actor = actor;
      return;
    }
    const secret = request.cookies[SESSION_COOKIE];
    const unsafe = !SAFE_METHODS.has(request.method);
    // A browser names the page's origin on every cross-site write; another origin is refused whether or
    // not a session cookie came along (that also stops signing a visitor in to someone else's account).
    const origin = request.headers.origin;
    if (unsafe && origin !== undefined && origin !== ownOrigin(request)) {
      return sendProblem(reply, request, 403, `requests from ${origin} are not accepted`);
    }
    if (!secret) return;
    const session = await auth.resolveSession(secret);
    if (!session) {
      reply.clearCookie(SESSION_COOKIE, cookieOptions(options.secureCookies));
      return;
    }
    request.actor = session.actor;
    request.session = { id: session.sessionId, secret, csrfToken: session.csrfToken };
    if (unsafe && !request.routeOptions.config.csrfExempt) {
      const token = request.headers['x-csrf-token'];
      if (typeof token !== 'string' || !sameSecret(token, session.csrfToken)) {
        return sendProblem(
          reply,
          request,
          403,
          'the X-CSRF-Token header is missing or wrong for this session',
        );
      }
    }
  });

  app.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
    const policy = request.routeOptions.config.policy;
    if (!policy) {
      if (!(request.routeOptions.url ?? '').startsWith('/api/v1')) return;
      request.log.error({ route: request.routeOptions.url }, 'route without a policy refused');
      return sendProblem(reply, request, 500, `an internal error; it has been logged as ${request.id}`);
    }
    if (policy(request.actor)) return;
    return isUser(request.actor)
      ? sendProblem(reply, request, 403, 'your account may not do this')
      : sendProblem(reply, request, 401, 'sign in first');
  });
}
