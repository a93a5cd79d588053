#!/usr/bin/env node
// The installed command. `npm ci` builds dist/ through the prepare script.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const main = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(main))) {
  process.stderr.write('vraagbaak: dist/ ontbreekt; voer eerst `npm run build` uit.\n');
  process.exit(2);
}
await import(main.href);
