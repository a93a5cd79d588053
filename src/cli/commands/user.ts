// `vraagbaak user add|list|disable|enable`: people, from the command line (the first administrator too).
import type { Command } from 'commander';
import { ROLES, type Role } from '../../auth/actor.js';
import { hashPassword, passwordProblem } from '../../auth/passwords.js';
import { randomSecret } from '../../auth/secrets.js';
import { withArchive } from '../context.js';
import { UsageError } from '../output.js';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

export function registerUser(program: Command): void {
  const user = program.command('user').description('Gebruikers beheren. / Manage users.');

  user
    .command('add')
    .description('Add a user; without --password-stdin a one-time password is made and printed once')
    .argument('<email>', 'e-mail address (the sign-in name)')
    .requiredOption('--name <name>', 'full name')
    .option('--admin', 'an administrator')
    .option('--org <organisation>', 'organisation to give a role in (see vraagbaak org add)')
    .option('--role <role>', `role in --org: ${ROLES.join(', ')}`)
    .option('--password-stdin', 'read the password from standard input')
    .option('--db <path>', 'database file')
    .action(
      async (
        email: string,
        o: {
          name: string;
          admin?: boolean;
          org?: string;
          role?: string;
          passwordStdin?: boolean;
          db?: string;
        },
      ) => {
        if (!/^[^\s@]+@[^\s@]+$/.test(email)) throw new UsageError(`'${email}' is not an e-mail address`);
        if ((o.org === undefined) !== (o.role === undefined))
          throw new UsageError('--org and --role go together');
        if (o.role !== undefined && !ROLES.includes(o.role as Role)) {
          throw new UsageError(`unknown role '${o.role}' (choose ${ROLES.join(', ')})`);
        }
        const generated = o.passwordStdin ? null : randomSecret(12);
        const password = generated ?? (await readStdin());
        const problem = passwordProblem(password);
        if (problem) throw new UsageError(problem);
        await withArchive(o.db, async ({ store }) => {
          const accounts = store.accounts;
          if (await accounts.userByEmail(email)) throw new UsageError(`there is already a user ${email}`);
          const org = o.org ? await accounts.organisationByName(o.org) : null;
          if (o.org && !org)
            throw new UsageError(`no organisation '${o.org}' (add it with vraagbaak org add)`);
          const id = await accounts.addUser({
            email,
            name: o.name,
            passwordHash: await hashPassword(password),
            admin: o.admin ?? false,
          });
          if (org && o.role) await accounts.addMembership(id, org.id, o.role as Role);
          await store.audit({
            actor: 'system',
            action: 'user.created',
            subject: `user:${id}`,
            details: { email, admin: o.admin ?? false },
          });
          process.stdout.write(`user ${id} added: ${email}${o.admin ? ' (administrator)' : ''}\n`);
          if (generated) process.stdout.write(`one-time password (shown once): ${generated}\n`);
        });
      },
    );

  user
    .command('list')
    .description('List users with their roles')
    .option('--json', 'as JSON')
    .option('--db <path>', 'database file')
    .action(async (o: { json?: boolean; db?: string }) => {
      await withArchive(o.db, async ({ store }) => {
        const rows = await Promise.all(
          (await store.accounts.users()).map(async (u) => ({
            id: u.id,
            email: u.email,
            name: u.name,
            admin: u.admin,
            disabled: u.disabled,
            roles: (await store.accounts.memberships(u.id)).map((m) => `${m.role}@${m.organisation}`),
          })),
        );
        if (o.json) process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
        else
          for (const r of rows) {
            const flags = [r.admin ? 'admin' : null, r.disabled ? 'disabled' : null, ...r.roles].filter(
              Boolean,
            );
            process.stdout.write(`${r.id}\t${r.email}\t${r.name}\t${flags.join(', ')}\n`);
          }
      });
    });

  for (const [name, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    user
      .command(name)
      .description(disabled ? 'Disable a user and end their sessions' : 'Enable a disabled user')
      .argument('<email>', 'e-mail address')
      .option('--db <path>', 'database file')
      .action(async (email: string, o: { db?: string }) => {
        await withArchive(o.db, async ({ store }) => {
          const found = await store.accounts.userByEmail(email);
          if (!found) throw new UsageError(`no user ${email}`);
          // The check for the last administrator and the change in one transaction (countAdmins locks the
          // administrators' rows), so that two at once cannot disable the last two.
          await store.accounts.atomically(async (accounts) => {
            const user = await accounts.userById(found.id);
            if (!user) throw new UsageError(`no user ${email}`);
            if (disabled && user.admin && !user.disabled && (await accounts.countAdmins()) <= 1) {
              throw new UsageError('this is the last administrator: make another one first');
            }
            await accounts.setDisabled(user.id, disabled);
            if (disabled) await accounts.deleteSessionsOf(user.id);
          });
          await store.audit({
            actor: 'system',
            action: disabled ? 'user.disabled' : 'user.enabled',
            subject: `user:${found.id}`,
          });
          process.stdout.write(`user ${email} ${disabled ? 'disabled' : 'enabled'}\n`);
        });
      });
  }
}
