// Importing sources into the archive: administrators, clerks (griffie) and parliamentary affairs
// coordinators; a token needs the import scope.
import { hasRole, hasScope, isUser } from '../actor.js';
import type { Policy } from './policy.js';

const create: Policy = (actor) =>
  isUser(actor) && (actor.admin || hasRole(actor, 'clerk', 'coordinator')) && hasScope(actor, 'import');

export const importPolicy = { create };
