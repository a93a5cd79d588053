// Runs every test file under test/ with node's own test runner (Node 20 has no glob for .ts files).
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
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', ...files], {
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
