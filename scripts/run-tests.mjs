// Runs every test file under test/ with node's own test runner (Node 20 has no glob for .ts files), then
// the tests of what is stored a second time on PostgreSQL.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

function find(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...find(path));
    else if (name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

const filter = process.argv.slice(2);
const files = find('test').filter((f) => filter.length === 0 || filter.some((p) => f.includes(p)));
if (files.length === 0) {
  console.error('no test files found');
  process.exit(1);
}
// Tests that run the vraagbaak command run the compiled one (test/helpers/cli.ts): compile src/ first,
// so that dist/ is never stale.
if (files.some((f) => readFileSync(f, 'utf8').includes('helpers/cli.js'))) {
  const tsc = join('node_modules', 'typescript', 'bin', 'tsc');
  const build = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
  if (build.status !== 0) {
    console.error('compiling src/ for the CLI tests failed');
    process.exit(build.status ?? 1);
  }
}
const run = (list, env = process.env) =>
  spawnSync(process.execPath, ['--import', 'tsx', '--test', ...list], { stdio: 'inherit', env }).status ?? 1;

const status = run(files);

// The second pass: the tests of what is stored (store, search, workflow, access, notifications, audit,
// the API) again on a real PostgreSQL server, each test in a database of its own (test/helpers). Under
// CI a missing server fails; elsewhere the pass is skipped with a message saying how to run it.
const BOTH = ['test/store/', 'test/search/', 'test/workflow/', 'test/server/', 'test/notify/', 'test/audit/'];
const both = files.filter((f) => BOTH.some((d) => f.replaceAll('\\', '/').includes(d)));
let pgStatus = 0;
if (both.length > 0 && process.env.VRAAGBAAK_TEST_DB !== 'sqlite') {
  const admin =
    process.env.VRAAGBAAK_TEST_POSTGRES ?? 'postgres://vraagbaak:vraagbaak@127.0.0.1:5432/postgres';
  const probe = spawnSync('psql', ['-tAq', '-c', 'SELECT 1', admin], { encoding: 'utf8' });
  if (probe.status === 0) {
    console.log(`\n# the same ${both.length} test files on PostgreSQL\n`);
    // Every database the pass makes carries this run's prefix, and is dropped at its end (other runs' are left be).
    const prefix = `vraagbaak_test_${process.pid}_`;
    pgStatus = run(both, {
      ...process.env,
      VRAAGBAAK_TEST_DB: 'postgres',
      VRAAGBAAK_TEST_POSTGRES: admin,
      VRAAGBAAK_TEST_DB_PREFIX: prefix,
    });
    const pattern = `${prefix.replaceAll('_', '\\_')}%`;
    const list = spawnSync(
      'psql',
      ['-tAq', '-c', `SELECT datname FROM pg_database WHERE datname LIKE '${pattern}'`, admin],
      {
        encoding: 'utf8',
      },
    );
    for (const name of (list.stdout ?? '').split('\n').filter(Boolean)) {
      spawnSync('psql', ['-q', '-c', `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`, admin]);
    }
  } else if (process.env.CI) {
    console.error(
      `the PostgreSQL pass needs a server at VRAAGBAAK_TEST_POSTGRES and none answers: ${probe.stderr || probe.error}`,
    );
    pgStatus = 1;
  } else {
    console.warn(
      '\n# SKIPPED: the PostgreSQL pass (no server answers at VRAAGBAAK_TEST_POSTGRES; see the README, "Tests on PostgreSQL")\n',
    );
  }
}
process.exit(status || pgStatus);
