// `vraagbaak audit verify|export|list`: check the audit log's hash chain, write it out, show the latest
// entries. Verify exits 1 when the chain is broken; wrong options exit 2.

import { once } from 'node:events';
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import {
  type AuditAnchor,
  exportAudit,
  listAudit,
  missingAuditGuards,
  verifyAudit,
} from '../../audit/log.js';
import type { Executor } from '../../store/database.js';
import { isPostgresUrl } from '../../store/postgres.js';
import { resolveDbPath } from '../../store/sqlite.js';
import { Store } from '../../store/store.js';
import { fail, UsageError } from '../output.js';

async function write(chunk: string): Promise<void> {
  if (!process.stdout.write(chunk)) await once(process.stdout, 'drain');
}

/**
 * Opens an existing database, an SQLite file (never created: a mistyped path is an error) or a
 * PostgreSQL URL, brings its schema up to date, and gives `work` its queries' executor.
 */
async function withDb<T>(dbOption: string | undefined, work: (db: Executor) => Promise<T>): Promise<T> {
  const location = resolveDbPath(dbOption);
  if (!isPostgresUrl(location) && location !== ':memory:' && !existsSync(location)) {
    throw new UsageError(`no database at ${location}`);
  }
  const store = await Store.open(location);
  try {
    return await work(store.db);
  } finally {
    await store.close();
  }
}

function wholeNumber(value: string, option: string, min: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < min) {
    throw new UsageError(`${option} must be a whole number of at least ${min}, not '${value}'`);
  }
  return n;
}

/** Control and bidirectional-override characters shown as escapes, so an entry cannot steer the terminal. */
function printable(value: string): string {
  let out = '';
  for (const c of value) {
    const code = c.codePointAt(0)!;
    const unsafe =
      code < 0x20 ||
      (code >= 0x7f && code <= 0x9f) ||
      code === 0x200e ||
      code === 0x200f ||
      (code >= 0x202a && code <= 0x202e) ||
      (code >= 0x2066 && code <= 0x2069);
    out += unsafe ? `\\u${code.toString(16).padStart(4, '0')}` : c;
  }
  return out;
}

export function registerAudit(program: Command): void {
  const audit = program
    .command('audit')
    .description('Het auditlog controleren en uitschrijven. / Check and export the audit log.');

  audit
    .command('verify')
    .description(
      'Recomputes the hash chain: exit 0 when intact, 1 when broken. --rows and --head check against an\n' +
        'anchor printed by an earlier verify (detects entries removed from the end).',
    )
    .option('--rows <n>', 'the number of entries an earlier verify reported')
    .option('--head <hash>', 'the head hash an earlier verify reported')
    .option('--db <path>', 'database file')
    .action(async (options: { rows?: string; head?: string; db?: string }) => {
      const anchor: AuditAnchor = {};
      if (options.rows !== undefined) anchor.rows = wholeNumber(options.rows, '--rows', 0);
      if (options.head !== undefined) {
        if (!/^[0-9a-f]{64}$/i.test(options.head))
          throw new UsageError('--head must be 64 hexadecimal digits');
        anchor.head = options.head.toLowerCase();
      }
      await withDb(options.db, async (db) => {
        const missing = await missingAuditGuards(db);
        if (missing.length > 0) {
          fail(`warning: the append-only triggers are missing (${missing.join(', ')})`);
        }
        const result = await verifyAudit(db, anchor);
        if (result.ok) {
          await write(`audit log intact: ${result.rows} entries, head ${result.head}\n`);
        } else {
          await write(
            `audit log broken at entry ${result.firstBad} (of ${result.rows} entries): ${result.reason}\n`,
          );
          process.exitCode = 1;
        }
      });
    });

  audit
    .command('export')
    .description('Writes every entry to standard output, oldest first (jsonl: the stored fields exactly).')
    .option('-f, --format <format>', 'jsonl or csv', 'jsonl')
    .option('--db <path>', 'database file')
    .action(async (options: { format: string; db?: string }) => {
      const format = options.format;
      if (format !== 'jsonl' && format !== 'csv') {
        throw new UsageError(`unknown format '${format}' (choose jsonl, csv)`);
      }
      await withDb(options.db, async (db) => {
        await exportAudit(db, format, write);
      });
    });

  audit
    .command('list')
    .description('Shows the latest entries, oldest of them first.')
    .option('-n, --limit <n>', 'how many', '50')
    .option('--action <action>', "only this action ('session.login') or prefix ('session.*')")
    .option('--actor <actor>', "only this actor ('user:12')")
    .option('--json', 'one JSON object a line')
    .option('--db <path>', 'database file')
    .action(
      async (options: { limit: string; action?: string; actor?: string; json?: boolean; db?: string }) => {
        const limit = wholeNumber(options.limit, '--limit', 1);
        if (limit > 10_000) throw new UsageError('--limit can be at most 10000');
        await withDb(options.db, async (db) => {
          const entries = (
            await listAudit(db, {
              limit,
              newestFirst: true,
              ...(options.action !== undefined && { action: options.action }),
              ...(options.actor !== undefined && { actor: options.actor }),
            })
          ).reverse();
          for (const e of entries) {
            if (options.json) {
              await write(`${JSON.stringify(e)}\n`);
              continue;
            }
            const who = e.actorName ? `${e.actor} (${e.actorName})` : e.actor;
            const cells = [String(e.seq), e.at, who, e.action, e.subject ?? '-', JSON.stringify(e.details)];
            if (e.address) cells.push(e.address);
            await write(`${printable(cells.join('  '))}\n`);
          }
        });
      },
    );
}
