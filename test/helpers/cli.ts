// How tests run the vraagbaak command: the compiled CLI in dist/, as a user's `npx vraagbaak` does.
// scripts/run-tests.mjs compiles src/ first, so dist/ is never stale; compiled, a run starts three
// times faster than through tsx, and the CLI suites spawn it hundreds of times.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MAIN = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

/** The arguments for spawning the CLI with process.execPath: the compiled entry, then `args`. */
export function cliArgs(...args: string[]): string[] {
  if (!existsSync(MAIN))
    throw new Error('dist/cli/main.js is missing: run the tests with `npm test` (it compiles src/ first)');
  return [MAIN, ...args];
}
