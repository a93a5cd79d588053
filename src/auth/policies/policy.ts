// A policy answers one question, "may this actor do this?", as a short readable boolean. Every API route
// names its policy (src/server/auth.ts refuses a route that has none).
import { type Actor, hasScope, isUser } from '../actor.js';

export type Policy = (actor: Actor) => boolean;

export const everyone: Policy = () => true;

export const signedIn: Policy = (actor) => isUser(actor);

/** An administrator, and for a token one with the admin scope. */
export const administrator: Policy = (actor) => isUser(actor) && actor.admin && hasScope(actor, 'admin');
