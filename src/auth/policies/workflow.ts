// The workflow (question lists, answers, the desk, notifications): people with a role in a committee
// or a ministry, and administrators; a token needs the workflow scope. Which list or answer someone may
// see or change is decided per object by src/workflow/service.ts (their roles on that list).
import { hasScope, isUser } from '../actor.js';
import type { Policy } from './policy.js';

const work: Policy = (actor) =>
  isUser(actor) && (actor.admin || actor.memberships.length > 0) && hasScope(actor, 'workflow');

/** Notifications are anyone's own: every signed-in person (a token with the workflow scope). */
const own: Policy = (actor) => isUser(actor) && hasScope(actor, 'workflow');

export const workflowPolicy = { work, own };
