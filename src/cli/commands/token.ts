// `vraagbaak token create|revoke|list`: API tokens for machine clients. The secret is printed once.
import type { Command } from 'commander';
import { SCOPES, type Scope } from '../../auth/actor.js';
import { Auth } from '../../auth/auth.js';
import { authConfig, loadConfig, loadSecret, secretPath } from '../../config.js';
import { withArchive } from '../context.js';
import { UsageError } from '../output.js';

export function registerToken(program: Command): void {
  const token = program.command('token').description('API-tokens beheren. / Manage API tokens.');

  token
    .command('create')
    .description('Make an API token for a user; the secret is printed once')
    .requiredOption('--user <email>', 'the user the token acts as')
    .requiredOption('--name <name>', 'what the token is for')
    .option('--scopes <list>', `comma-separated: ${SCOPES.join(', ')}`, 'read')
    .option('--days <n>', 'days until it expires (default 90)')
    .option('--db <path>', 'database file')
    .action(async (o: { user: string; name: string; scopes: string; days?: string; db?: string }) => {
      const scopes = o.scopes.split(',').map((s) => s.trim()) as Scope[];
      const unknown = scopes.filter((s) => !SCOPES.includes(s));
      if (unknown.length > 0)
        throw new UsageError(`unknown scope '${unknown[0]}' (choose ${SCOPES.join(', ')})`);
      const days = o.days === undefined ? undefined : Number(o.days);
      if (days !== undefined && (!Number.isInteger(days) || days < 1 || days > 366)) {
        throw new UsageError('--days must be a whole number from 1 to 366');
      }
      await withArchive(o.db, async ({ store, dbPath }) => {
        const user = await store.accounts.userByEmail(o.user);
        if (!user) throw new UsageError(`no user ${o.user}`);
        if (scopes.includes('admin') && !user.admin)
          throw new UsageError('only an administrator may have the admin scope');
        const config = loadConfig();
        const auth = new Auth(store.accounts, loadSecret(secretPath(config, dbPath)), authConfig(config));
        const made = await auth.createToken(user.id, o.name, scopes, days);
        await store.audit({
          actor: 'system',
          action: 'token.created',
          subject: `token:${made.id}`,
          details: { user: o.user, scopes },
        });
        process.stdout.write(`token ${made.id} for ${o.user}, expires ${made.expiresAt}\n${made.secret}\n`);
      });
    });

  token
    .command('revoke')
    .description('Revoke an API token by its number')
    .argument('<id>', 'the token number (vraagbaak token list)')
    .option('--db <path>', 'database file')
    .action(async (raw: string, o: { db?: string }) => {
      const id = Number(raw);
      if (!Number.isInteger(id) || id < 1) throw new UsageError(`'${raw}' is not a token number`);
      await withArchive(o.db, async ({ store }) => {
        if (!(await store.accounts.tokenById(id))) throw new UsageError(`no token ${id}`);
        const revoked = await store.accounts.revokeToken(id, new Date().toISOString());
        if (revoked) await store.audit({ actor: 'system', action: 'token.revoked', subject: `token:${id}` });
        process.stdout.write(revoked ? `token ${id} revoked\n` : `token ${id} was already revoked\n`);
      });
    });

  token
    .command('list')
    .description("List a user's tokens")
    .requiredOption('--user <email>', 'the user')
    .option('--db <path>', 'database file')
    .action(async (o: { user: string; db?: string }) => {
      await withArchive(o.db, async ({ store }) => {
        const user = await store.accounts.userByEmail(o.user);
        if (!user) throw new UsageError(`no user ${o.user}`);
        for (const t of await store.accounts.tokensOf(user.id)) {
          const state = t.revokedAt ? `revoked ${t.revokedAt}` : `expires ${t.expiresAt}`;
          process.stdout.write(`${t.id}\t${t.name}\t${t.scopes.join(',')}\t${state}\n`);
        }
      });
    });
}
