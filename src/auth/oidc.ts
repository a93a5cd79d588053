// Single sign-on with OpenID Connect (openid-client): the authorization code flow with PKCE, state and
// nonce, and who the person is here (the user linked to the provider's subject, else the user with that
// verified e-mail address, else a new user when the configuration allows). The flow's own secrets (PKCE
// verifier, state, nonce, where to go afterwards) ride in a short-lived cookie, encrypted and
// authenticated (AES-256-GCM) with a key derived from the server's secret key: any worker process can
// finish a flow another one started, and a changed or forged cookie is refused. The provider is
// discovered at the first sign-in, not at start, so that the server starts when the provider is down.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import * as client from 'openid-client';
import type { OidcSettings } from '../config.js';
import type { AccountStore, UserRow } from '../store/accounts.js';

/** What the server needs for single sign-on: the settings, and the server's secret key. */
export interface OidcOptions {
  settings: OidcSettings;
  /** The secret key (src/config.ts loadSecret); only a key derived from it is used here. */
  secret: Buffer;
}

/** The cookie that carries a flow from its start to the callback. */
export const OIDC_FLOW_COOKIE = 'vraagbaak_oidc';
/** How long a started sign-in may take at the provider. */
export const OIDC_FLOW_MINUTES = 10;

/** Why a sign-in by single sign-on did not go through (recorded in the audit log). */
export type OidcFailure =
  | 'unreachable' // the provider could not be reached or discovered
  | 'state' // no flow cookie, a changed or expired one, or a state that is not the flow's
  | 'denied' // the provider answered with an error (the person declined, or the provider refused)
  | 'rejected' // the code exchange or the ID token did not pass the checks
  | 'disabled' // the account is disabled
  | 'unknown' // no account, and creating accounts is off
  | 'no-email' // no verified e-mail address to make an account with
  | 'conflict'; // the e-mail address belongs to an account linked to another identity

export class OidcError extends Error {
  override readonly name = 'OidcError';
  constructor(
    readonly reason: OidcFailure,
    message: string,
    /** Facts for the audit log (never a secret). */
    readonly details: Record<string, string | number> = {},
  ) {
    super(message);
  }
}

/** Who the provider says signed in. */
export interface OidcIdentity {
  issuer: string;
  subject: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
}

interface Flow {
  state: string;
  nonce: string;
  verifier: string;
  returnTo: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

/**
 * The path to go to after signing in: a path on this site (one leading '/', not '//' or '/\'), printable
 * ASCII without spaces or backslashes, else '/'.
 */
export function safeReturnPath(value: unknown): string {
  if (typeof value !== 'string' || value.length > 2000) return '/';
  return /^\/(?![/\\])[\x21-\x5b\x5d-\x7e]*$/.test(value) ? value : '/';
}

const LOOPBACK = new Set(['127.0.0.1', '[::1]', 'localhost']);

/** Network failures and timeouts, as fetch reports them. */
function isNetworkError(error: unknown): boolean {
  return (
    error instanceof TypeError ||
    (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'))
  );
}

export class OidcSignIn {
  private readonly key: Buffer;
  private discovered: Promise<client.Configuration> | null = null;

  constructor(
    readonly settings: OidcSettings,
    secret: Buffer,
  ) {
    if (secret.length < 32) throw new Error('the secret key is too short');
    // A key of its own (HKDF), so that the flow cookie and the keyed hashes of sessions never share one.
    this.key = Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'vraagbaak oidc flow cookie', 32));
  }

  /** The provider's configuration: discovered once, at first use; a failed discovery is tried again. */
  configuration(): Promise<client.Configuration> {
    if (!this.discovered) {
      const { issuer, clientId, clientSecret, redirectUrl, timeoutSeconds } = this.settings;
      const url = new URL(issuer);
      this.discovered = client
        .discovery(
          url,
          clientId,
          { redirect_uris: [redirectUrl], response_types: ['code'] },
          clientSecret ? client.ClientSecretBasic(clientSecret) : client.None(),
          {
            timeout: timeoutSeconds,
            // Plain http only for a provider on this machine (src/config.ts refuses it elsewhere).
            execute:
              url.protocol === 'http:' && LOOPBACK.has(url.hostname) ? [client.allowInsecureRequests] : [],
          },
        )
        .catch((error: unknown) => {
          this.discovered = null;
          throw new OidcError('unreachable', `the provider ${issuer} could not be discovered`, {
            error: error instanceof Error ? error.message.slice(0, 200) : 'unknown',
          });
        });
    }
    return this.discovered;
  }

  /** Starts a sign-in: the provider's authorization URL, and the flow cookie's value. */
  async start(returnTo: string, now = Date.now()): Promise<{ url: string; cookie: string }> {
    const config = await this.configuration();
    const flow: Flow = {
      state: client.randomState(),
      nonce: client.randomNonce(),
      verifier: client.randomPKCECodeVerifier(),
      returnTo: safeReturnPath(returnTo),
      expiresAt: now + OIDC_FLOW_MINUTES * 60_000,
    };
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: this.settings.redirectUrl,
      scope: this.settings.scope,
      state: flow.state,
      nonce: flow.nonce,
      code_challenge: await client.calculatePKCECodeChallenge(flow.verifier),
      code_challenge_method: 'S256',
    });
    return { url: url.href, cookie: this.seal(flow) };
  }

  /**
   * Completes a sign-in from the callback's query string (with its '?') and the flow cookie: checks the
   * state, exchanges the code (PKCE), validates the ID token and its nonce, and reads the claims.
   */
  async finish(
    search: string,
    cookie: string | undefined,
    now = Date.now(),
  ): Promise<{ identity: OidcIdentity; returnTo: string }> {
    const flow = cookie ? this.open(cookie, now) : null;
    if (!flow) throw new OidcError('state', 'no sign-in was started here, or it took too long');
    const current = new URL(this.settings.redirectUrl);
    current.search = search;
    // openid-client checks the state too; checking it first names the failure.
    if (current.searchParams.get('state') !== flow.state)
      throw new OidcError('state', 'the state is not the one this sign-in was started with');
    const config = await this.configuration();
    try {
      const tokens = await client.authorizationCodeGrant(
        config,
        current,
        {
          pkceCodeVerifier: flow.verifier,
          expectedState: flow.state,
          expectedNonce: flow.nonce,
          idTokenExpected: true,
        },
        { redirect_uri: this.settings.redirectUrl },
      );
      const idToken = tokens.claims();
      if (!idToken) throw new OidcError('rejected', 'the provider sent no ID token');
      const claims: Record<string, unknown> = { ...idToken };
      const { email, emailVerified, name } = this.settings.claims;
      // Many providers put the profile claims in the userinfo answer only.
      if (
        (claims[email] === undefined || claims[name] === undefined) &&
        config.serverMetadata().userinfo_endpoint
      ) {
        const info = await client.fetchUserInfo(config, tokens.access_token, idToken.sub);
        for (const [key, value] of Object.entries(info)) if (claims[key] === undefined) claims[key] = value;
      }
      const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : null);
      return {
        identity: {
          issuer: config.serverMetadata().issuer,
          subject: idToken.sub,
          email: text(claims[email])?.toLowerCase() ?? null,
          emailVerified: claims[emailVerified] === true || claims[emailVerified] === 'true',
          name: text(claims[name]),
        },
        returnTo: flow.returnTo,
      };
    } catch (error) {
      if (error instanceof OidcError) throw error;
      if (error instanceof client.AuthorizationResponseError)
        throw new OidcError('denied', 'the provider did not sign the person in', {
          error: error.error.slice(0, 100),
        });
      if (isNetworkError(error))
        throw new OidcError('unreachable', 'the provider could not be reached', {
          error: (error as Error).message.slice(0, 200),
        });
      if (error instanceof client.ResponseBodyError || error instanceof client.ClientError)
        throw new OidcError('rejected', 'the provider’s answer did not pass the checks', {
          error: `${(error as { code?: string }).code ?? ''} ${error.message}`.trim().slice(0, 200),
        });
      throw error;
    }
  }

  /** Encrypts and authenticates a flow as a cookie value: base64url(iv ‖ tag ‖ ciphertext). */
  private seal(flow: Flow): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(OIDC_FLOW_COOKIE));
    const body = Buffer.concat([cipher.update(JSON.stringify(flow), 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
  }

  /** The flow in a cookie value, or null when it was changed, forged or has expired. */
  private open(value: string, now: number): Flow | null {
    if (value.length > 4000) return null;
    const raw = Buffer.from(value, 'base64url');
    if (raw.length < 29) return null;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
      decipher.setAAD(Buffer.from(OIDC_FLOW_COOKIE));
      decipher.setAuthTag(raw.subarray(12, 28));
      const text = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
      const flow = JSON.parse(text) as Flow;
      return typeof flow.expiresAt === 'number' && now < flow.expiresAt ? flow : null;
    } catch {
      return null;
    }
  }
}

/** How the signed-in person was matched to a user. */
export type OidcMatch = 'linked' | 'linked-by-email' | 'created';

/**
 * The user an identity signs in as: the one linked to it; else (linkByEmail) the one with its verified
 * e-mail address, which is then linked; else (createUsers) a new one without roles. Throws OidcError
 * ('disabled', 'unknown', 'no-email', 'conflict').
 */
export async function userForIdentity(
  accounts: AccountStore,
  identity: OidcIdentity,
  settings: Pick<OidcSettings, 'createUsers' | 'linkByEmail'>,
  now = new Date(),
): Promise<{ user: UserRow; match: OidcMatch }> {
  const { issuer, subject } = identity;
  const facts = { issuer, sub: subject.slice(0, 200) };
  const usable = (user: UserRow, match: OidcMatch) => {
    if (user.disabled)
      throw new OidcError('disabled', 'the account is disabled', { ...facts, user: `user:${user.id}` });
    return { user, match };
  };
  const linked = await accounts.userByOidc(issuer, subject);
  if (linked) return usable(linked, 'linked');
  const email = identity.emailVerified ? identity.email : null;
  const sameEmail = email ? await accounts.userByEmail(email) : null;
  if (sameEmail && settings.linkByEmail) {
    usable(sameEmail, 'linked-by-email');
    if (!(await accounts.linkOidc(sameEmail.id, issuer, subject)))
      throw new OidcError('conflict', 'the account with this e-mail address is linked to another identity', {
        ...facts,
        user: `user:${sameEmail.id}`,
      });
    return { user: sameEmail, match: 'linked-by-email' };
  }
  if (!settings.createUsers) throw new OidcError('unknown', 'no account for this person', facts);
  if (!email) throw new OidcError('no-email', 'the provider gave no verified e-mail address', facts);
  if (sameEmail)
    throw new OidcError('conflict', 'an account with this e-mail address exists and is not linked', {
      ...facts,
      user: `user:${sameEmail.id}`,
    });
  let id: number;
  try {
    id = await accounts.addOidcUser(
      { email, name: identity.name ?? email.split('@')[0] ?? email, issuer, subject },
      now,
    );
  } catch (error) {
    // Two sign-ins of a new person at once: the other one made the account.
    const made = await accounts.userByOidc(issuer, subject);
    if (made) return usable(made, 'linked');
    throw error;
  }
  const user = await accounts.userById(id);
  if (!user) throw new Error(`user ${id} vanished after it was made`);
  return { user, match: 'created' };
}
