// People and organisations, for administrators: /api/v1/users, /api/v1/organisations.
import type { FastifyInstance } from 'fastify';
import type { OrganisationKind, Role } from '../../auth/actor.js';
import { hashPassword, passwordProblem } from '../../auth/passwords.js';
import { organisationPolicy, userPolicy } from '../../auth/policies/users.js';
import { randomSecret } from '../../auth/secrets.js';
import type { UserRow } from '../../store/accounts.js';
import type { Store } from '../../store/store.js';
import { recordAudit } from '../auth.js';
import { HttpProblem } from '../problem.js';
import {
  idParams,
  membershipBodySchema,
  newOrganisationSchema,
  newUserSchema,
  organisationListSchema,
  organisationSchema,
  userListSchema,
  userPatchSchema,
  userSchema,
} from '../schemas/accounts.js';
import { problems } from '../schemas.js';

export function userRoutes(app: FastifyInstance, store: Store): void {
  const accounts = store.accounts;
  const view = async (u: UserRow) => ({
    id: u.id,
    email: u.email,
    name: u.name,
    admin: u.admin,
    disabled: u.disabled,
    memberships: await accounts.memberships(u.id),
  });
  const found = async (id: number): Promise<UserRow> => {
    const user = await accounts.userById(id);
    if (!user) throw new HttpProblem(404, `no user ${id}`);
    return user;
  };

  app.get(
    '/api/v1/users',
    {
      config: { policy: userPolicy.list },
      schema: {
        summary: 'All users',
        tags: ['users'],
        response: { 200: userListSchema, ...problems(401, 403) },
      },
    },
    async () => ({ items: await Promise.all((await accounts.users()).map(view)) }),
  );

  app.post<{ Body: { email: string; name: string; password?: string; admin: boolean } }>(
    '/api/v1/users',
    {
      config: { policy: userPolicy.create },
      schema: {
        summary: 'Add a user (without a password, a one-time password is made and answered once)',
        tags: ['users'],
        body: newUserSchema,
        response: {
          201: {
            ...userSchema,
            properties: { ...(userSchema.properties as object), initialPassword: { type: 'string' } },
          },
          ...problems(400, 401, 403, 409),
        },
      },
    },
    async (request, reply) => {
      const { email, name, admin } = request.body;
      if (await accounts.userByEmail(email)) throw new HttpProblem(409, `there is already a user ${email}`);
      const initial = request.body.password === undefined ? randomSecret(12) : null;
      const password = request.body.password ?? initial!;
      const problem = passwordProblem(password);
      if (problem) throw new HttpProblem(400, problem, [{ name: 'password', reason: problem }]);
      const id = await accounts.addUser({ email, name, passwordHash: await hashPassword(password), admin });
      await recordAudit(store, request, 'user.created', `user:${id}`, { email, admin });
      return reply
        .code(201)
        .send({ ...(await view(await found(id))), ...(initial ? { initialPassword: initial } : {}) });
    },
  );

  app.patch<{ Params: { id: number }; Body: { disabled?: boolean; admin?: boolean } }>(
    '/api/v1/users/:id',
    {
      config: { policy: userPolicy.update },
      schema: {
        summary: 'Disable or enable a user, or make or unmake an administrator',
        tags: ['users'],
        params: idParams,
        body: userPatchSchema,
        response: { 200: userSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { disabled, admin } = request.body;
      // The check for the last administrator and the change in one transaction (countAdmins locks the
      // administrators' rows), so that two requests at once cannot each take away one of the last two.
      // The user's sessions end in the same transaction as the change.
      const { user, changedDisabled, changedAdmin } = await accounts.atomically(async (tx) => {
        const user = await tx.userById(request.params.id);
        if (!user) throw new HttpProblem(404, `no user ${request.params.id}`);
        const losesAdmin = user.admin && !user.disabled && (disabled === true || admin === false);
        if (losesAdmin && (await tx.countAdmins()) <= 1) {
          throw new HttpProblem(409, 'this is the last administrator: make another one first');
        }
        const changedDisabled = disabled !== undefined && disabled !== user.disabled;
        if (changedDisabled) {
          await tx.setDisabled(user.id, disabled);
          if (disabled) await tx.deleteSessionsOf(user.id);
        }
        const changedAdmin = admin !== undefined && admin !== user.admin;
        if (changedAdmin) {
          await tx.setAdmin(user.id, admin);
          await tx.deleteSessionsOf(user.id);
        }
        return { user, changedDisabled, changedAdmin };
      });
      if (changedDisabled) {
        await recordAudit(store, request, disabled ? 'user.disabled' : 'user.enabled', `user:${user.id}`);
      }
      if (changedAdmin) await recordAudit(store, request, 'user.role_changed', `user:${user.id}`, { admin });
      return view(await found(user.id));
    },
  );

  app.post<{ Params: { id: number }; Body: { organisation: string; role: Role } }>(
    '/api/v1/users/:id/memberships',
    {
      config: { policy: userPolicy.update },
      schema: {
        summary: 'Give a user a role in an organisation',
        tags: ['users'],
        params: idParams,
        body: membershipBodySchema,
        response: { 200: userSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const user = await found(request.params.id);
      const org = await accounts.organisationByName(request.body.organisation);
      if (!org) throw new HttpProblem(404, `no organisation ${JSON.stringify(request.body.organisation)}`);
      await accounts.addMembership(user.id, org.id, request.body.role);
      await recordAudit(store, request, 'user.role_changed', `user:${user.id}`, {
        added: { organisation: org.name, role: request.body.role },
      });
      return view(await found(user.id));
    },
  );

  app.get(
    '/api/v1/organisations',
    {
      config: { policy: organisationPolicy.list },
      schema: {
        summary: 'All organisations',
        tags: ['organisations'],
        response: { 200: organisationListSchema, ...problems(401, 403) },
      },
    },
    async () => ({ items: await accounts.organisations() }),
  );

  app.post<{ Body: { name: string; kind: OrganisationKind; parent?: string } }>(
    '/api/v1/organisations',
    {
      config: { policy: organisationPolicy.create },
      schema: {
        summary: 'Add an organisation (a chamber or committee, a ministry or directorate)',
        tags: ['organisations'],
        body: newOrganisationSchema,
        response: { 201: organisationSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const { name, kind, parent } = request.body;
      if (await accounts.organisationByName(name))
        throw new HttpProblem(409, `there is already an organisation ${name}`);
      const parentRow = parent ? await accounts.organisationByName(parent) : null;
      if (parent && !parentRow) throw new HttpProblem(404, `no organisation ${JSON.stringify(parent)}`);
      const id = await accounts.addOrganisation({ name, kind, parentId: parentRow?.id ?? null });
      await recordAudit(store, request, 'organisation.created', `organisation:${id}`, { name, kind });
      return reply.code(201).send((await accounts.organisations()).find((o) => o.id === id));
    },
  );
}
