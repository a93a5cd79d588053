// Who is asking: an anonymous visitor (public) or a signed-in user with roles in organisations.
export const ROLES = ['clerk', 'coordinator', 'drafter', 'approver'] as const;
export type Role = (typeof ROLES)[number];

export const SIDES = ['parliament', 'government'] as const;
export type Side = (typeof SIDES)[number];

export const ORGANISATION_KINDS = ['chamber', 'committee', 'ministry', 'directorate'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/** The side each kind of organisation is on. */
export const SIDE_OF: Record<OrganisationKind, Side> = {
  chamber: 'parliament',
  committee: 'parliament',
  ministry: 'government',
  directorate: 'government',
};

export interface Membership {
  organisationId: number;
  organisation: string;
  role: Role;
}

export interface UserActor {
  kind: 'user';
  id: number;
  email: string;
  name: string;
  admin: boolean;
  memberships: Membership[];
  /** How the request proved who it is. */
  via: 'session' | 'token';
  /** A token's scopes; a session may do all its user may. */
  scopes: readonly Scope[] | null;
}

export type Actor = { kind: 'public' } | UserActor;

export const PUBLIC: Actor = { kind: 'public' };

/** What an API token may be used for. */
export const SCOPES = ['read', 'import', 'workflow', 'admin'] as const;
export type Scope = (typeof SCOPES)[number];

export function isUser(actor: Actor): actor is UserActor {
  return actor.kind === 'user';
}

export function hasRole(actor: Actor, ...roles: Role[]): boolean {
  return isUser(actor) && actor.memberships.some((m) => roles.includes(m.role));
}

/** Whether a token-authenticated request carries the scope (sessions carry every scope). */
export function hasScope(actor: Actor, scope: Scope): boolean {
  return isUser(actor) && (actor.scopes === null || actor.scopes.includes(scope));
}

export function organisationIds(actor: Actor): number[] {
  return isUser(actor) ? [...new Set(actor.memberships.map((m) => m.organisationId))] : [];
}

/** The actor as the audit log names it. */
export function actorLabel(actor: Actor): string {
  return isUser(actor) ? `user:${actor.id}` : 'anonymous';
}
