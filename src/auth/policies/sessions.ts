// Signing in is open to all (and throttled); who-am-I answers anyone; signing out needs a session.
import type { Policy } from './policy.js';
import { everyone } from './policy.js';

const end: Policy = (actor) => actor.kind === 'user' && actor.via === 'session';

export const sessionPolicy = { create: everyone, read: everyone, delete: end };
