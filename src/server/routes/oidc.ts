// Single sign-on (OpenID Connect), registered only when it is configured (docs/sso.md): the browser goes to
// GET /api/v1/sessions/oidc (optionally ?terug=/path), signs in at the provider, and comes back at
// GET /api/v1/sessions/oidc/callback, which opens a session exactly as password sign-in does. Both are
// browser navigations: a failure sends the browser to /inloggen?fout=sso (and is audited), never a trace.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Auth } from '../../auth/auth.js';
import {
  OIDC_FLOW_COOKIE,
  OIDC_FLOW_MINUTES,
  OidcError,
  type OidcOptions,
  OidcSignIn,
  safeReturnPath,
  userForIdentity,
} from '../../auth/oidc.js';
import { sessionPolicy } from '../../auth/policies/sessions.js';
import type { Store } from '../../store/store.js';
import { cookieOptions, recordAudit, SESSION_COOKIE } from '../auth.js';

/** Where the browser goes when single sign-on fails (the web app's sign-in page says so). */
export const OIDC_FAILURE_PATH = '/inloggen?fout=sso';

const START = '/api/v1/sessions/oidc';

const redirectResponse = (description: string) => ({
  302: { description, type: 'null' },
});

export function oidcRoutes(
  app: FastifyInstance,
  store: Store,
  auth: Auth,
  options: OidcOptions,
  secureCookies: boolean,
): OidcSignIn {
  const oidc = new OidcSignIn(options.settings, options.secret);
  const session = cookieOptions(secureCookies);
  // Sent only to the two routes of the flow; Lax, so that it comes along on the provider's redirect back.
  const flowCookie = { ...cookieOptions(secureCookies), path: START } as const;

  const fail = async (
    request: FastifyRequest,
    reply: FastifyReply,
    error: unknown,
  ): Promise<FastifyReply> => {
    if (error instanceof OidcError) {
      request.log.warn({ reason: error.reason, details: error.details }, `single sign-on: ${error.message}`);
      const { user, ...details } = error.details;
      await recordAudit(store, request, 'session.login_failed', typeof user === 'string' ? user : null, {
        method: 'oidc',
        reason: error.reason,
        ...details,
      });
    } else {
      request.log.error({ err: error }, 'single sign-on failed');
      await recordAudit(store, request, 'session.login_failed', null, { method: 'oidc', reason: 'internal' });
    }
    return reply.redirect(OIDC_FAILURE_PATH, 302);
  };

  app.get<{ Querystring: { terug?: string } }>(
    START,
    {
      config: { policy: sessionPolicy.create },
      schema: {
        summary: 'Sign in with single sign-on (OpenID Connect): sends the browser to the provider',
        description:
          'A browser navigation (a link, not a fetch). `terug` is the path on this site to go to after signing ' +
          `in (default /). When the provider cannot be reached the browser goes to ${OIDC_FAILURE_PATH}.`,
        tags: ['sessions'],
        querystring: {
          type: 'object',
          properties: { terug: { type: 'string', maxLength: 2000 } },
          additionalProperties: false,
        },
        response: redirectResponse('To the provider’s sign-in page'),
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      try {
        const { url, cookie } = await oidc.start(safeReturnPath(request.query.terug));
        reply.setCookie(OIDC_FLOW_COOKIE, cookie, { ...flowCookie, maxAge: OIDC_FLOW_MINUTES * 60 });
        return reply.redirect(url, 302);
      } catch (error) {
        return fail(request, reply, error);
      }
    },
  );

  app.get(
    `${START}/callback`,
    {
      config: { policy: sessionPolicy.create },
      schema: {
        summary: 'Where the provider sends the browser back: opens the session, then goes to `terug`',
        description:
          'Checks the state (against the flow cookie), exchanges the code (PKCE), validates the ID token and ' +
          'its nonce, and finds the account (linked, by verified e-mail address, or new when allowed). Sets ' +
          `the session cookie as POST /api/v1/sessions does. Any failure goes to ${OIDC_FAILURE_PATH}.`,
        tags: ['sessions'],
        response: redirectResponse('To `terug` (signed in) or to the sign-in page (failed)'),
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      // A flow is finished once, whatever happens.
      const flow = request.cookies[OIDC_FLOW_COOKIE];
      if (flow !== undefined) reply.clearCookie(OIDC_FLOW_COOKIE, flowCookie);
      const at = request.url.indexOf('?');
      try {
        const { identity, returnTo } = await oidc.finish(at >= 0 ? request.url.slice(at) : '', flow);
        const { user, match } = await userForIdentity(store.accounts, identity, options.settings);
        const actor = await auth.actorFor(user, 'session', null);
        if (match === 'created')
          await recordAudit(
            store,
            request,
            'user.created',
            `user:${user.id}`,
            { email: user.email, admin: false, method: 'oidc', issuer: identity.issuer },
            actor,
          );
        else if (match === 'linked-by-email')
          await recordAudit(
            store,
            request,
            'user.oidc_linked',
            `user:${user.id}`,
            { email: user.email, issuer: identity.issuer, sub: identity.subject.slice(0, 200) },
            actor,
          );
        // A new session every time: whatever session the browser had before is dropped (no fixation).
        if (request.session) await auth.logout(request.session.secret);
        const started = await auth.startSession(user, {
          address: request.ip,
          userAgent: request.headers['user-agent'] ?? null,
        });
        reply.setCookie(SESSION_COOKIE, started.sessionSecret, { ...session, expires: started.expiresAt });
        await recordAudit(store, request, 'session.login', `user:${user.id}`, { method: 'oidc' }, actor);
        return reply.redirect(returnTo, 302);
      } catch (error) {
        return fail(request, reply, error);
      }
    },
  );
  return oidc;
}
