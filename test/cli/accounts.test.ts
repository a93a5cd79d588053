// The account commands as an administrator runs them: real processes on a real SQLite file.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Auth } from '../../src/auth/auth.js';
import { verifyPassword } from '../../src/auth/passwords.js';
import { authConfig, loadConfig, loadSecret, secretPath } from '../../src/config.js';
import { Store } from '../../src/store/store.js';
import { tempDbPath } from '../helpers/archive.js';
import { cliArgs } from '../helpers/cli.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

function run(args: string[], input?: string) {
  const r = spawnSync(process.execPath, cliArgs(...args), {
    cwd: root,
    encoding: 'utf8',
    input,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('organisations, users, roles and tokens from the command line', async () => {
  const db = tempDbPath();
  assert.equal(run(['org', 'add', 'Ministerie van BZK', '--kind', 'ministry', '--db', db]).code, 0);
  assert.equal(
    run([
      'org',
      'add',
      'DG Digitalisering',
      '--kind',
      'directorate',
      '--parent',
      'Ministerie van BZK',
      '--db',
      db,
    ]).code,
    0,
  );
  const bad = run(['org', 'add', 'X', '--kind', 'gemeente', '--db', db]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /unknown kind 'gemeente'/);

  const admin = run(['user', 'add', 'beheer@example.org', '--name', 'Beheer', '--admin', '--db', db]);
  assert.equal(admin.code, 0, admin.stderr);
  const password = /one-time password \(shown once\): (\S+)/.exec(admin.stdout)?.[1];
  assert.ok(password, admin.stdout);
  const drafter = run(
    [
      'user',
      'add',
      'steller@example.org',
      '--name',
      'Steller',
      '--org',
      'DG Digitalisering',
      '--role',
      'drafter',
      '--password-stdin',
      '--db',
      db,
    ],
    'een wachtwoord van genoeg lengte\n',
  );
  assert.equal(drafter.code, 0, drafter.stderr);
  assert.doesNotMatch(drafter.stdout, /one-time password/);
  assert.equal(run(['user', 'add', 'steller@example.org', '--name', 'Again', '--db', db]).code, 2);
  assert.equal(
    run(['user', 'add', 'kort@example.org', '--name', 'K', '--password-stdin', '--db', db], 'kort\n').code,
    2,
  );

  const list = run(['user', 'list', '--db', db]);
  assert.match(list.stdout, /beheer@example\.org\tBeheer\tadmin/);
  assert.match(list.stdout, /steller@example\.org\tSteller\tdrafter@DG Digitalisering/);

  const made = run([
    'token',
    'create',
    '--user',
    'steller@example.org',
    '--name',
    'script',
    '--scopes',
    'read,import',
    '--db',
    db,
  ]);
  assert.equal(made.code, 0, made.stderr);
  const secret = made.stdout.trim().split('\n')[1]!;
  assert.match(secret, /^vbk_/);
  assert.equal(
    run(['token', 'create', '--user', 'steller@example.org', '--name', 'x', '--scopes', 'admin', '--db', db])
      .code,
    2,
  );

  // What the commands stored works: the password verifies, the token resolves until it is revoked.
  const store = await Store.open(db);
  const config = loadConfig({}, root);
  const auth = new Auth(store.accounts, loadSecret(secretPath(config, db)), authConfig(config));
  assert.ok(
    await verifyPassword((await store.accounts.userByEmail('beheer@example.org'))!.passwordHash, password),
  );
  assert.deepEqual((await auth.resolveToken(secret))?.scopes, ['read', 'import']);
  assert.equal(run(['token', 'revoke', '1', '--db', db]).code, 0);
  assert.equal(await auth.resolveToken(secret), null);

  assert.equal(
    run(['user', 'disable', 'beheer@example.org', '--db', db]).code,
    2,
    'the last administrator stays',
  );
  assert.equal(run(['user', 'disable', 'steller@example.org', '--db', db]).code, 0);
  assert.equal((await store.accounts.userByEmail('steller@example.org'))!.disabled, true);
  const audit = run(['audit', 'verify', '--db', db]);
  assert.equal(audit.code, 0, audit.stderr);
  assert.match(audit.stdout, /audit log intact: \d+ entries/);
  await store.close();
});
