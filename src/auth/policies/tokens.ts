// API tokens: made and listed by their owner in a signed-in session (a token cannot mint tokens);
// revoked by their owner or an administrator (the route checks ownership).
import type { Policy } from './policy.js';
import { signedIn } from './policy.js';

const inSession: Policy = (actor) => actor.kind === 'user' && actor.via === 'session';

export const tokenPolicy = { list: inSession, create: inSession, revoke: signedIn };
