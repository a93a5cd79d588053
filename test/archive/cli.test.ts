// The archive commands as a user runs them: real processes on a real SQLite file.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { inflateRawSync } from 'node:zlib';
import SQLite from 'better-sqlite3';
import { tempDbPath } from '../helpers/archive.js';
import { cliArgs } from '../helpers/cli.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const fixtures = join(root, 'test/fixtures/text');

function run(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, cliArgs(...args), {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Every row of every table, in a stable order: what "the same database" means. */
function dump(path: string): Record<string, unknown[]> {
  const db = new SQLite(path, { readonly: true });
  const tables = db
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'question_index%' AND name NOT LIKE 'question_vocab%' AND name NOT LIKE 'sqlite_%'",
    )
    .all() as {
    name: string;
  }[];
  const out: Record<string, unknown[]> = {};
  for (const { name } of tables) out[name] = db.prepare(`SELECT * FROM "${name}" ORDER BY 1, 2`).all();
  const shards = (
    db.prepare("SELECT name FROM sqlite_master WHERE name GLOB 'question_vocab_*'").all() as {
      name: string;
    }[]
  )
    .map((r) => r.name)
    .sort();
  for (const shard of shards)
    out[shard] = db.prepare(`SELECT term, doc, cnt FROM "${shard}" ORDER BY term`).all();
  db.close();
  return out;
}

describe('vraagbaak import', () => {
  test('importing the fixtures twice gives the same database as once', () => {
    const db = tempDbPath();
    const first = run(['import', fixtures, '--db', db]);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stderr, /geïmporteerd 10, bijgewerkt 0, ongewijzigd 0, mislukt 0/);
    const once = dump(db);
    const second = run(['import', fixtures, '--db', db]);
    assert.equal(second.code, 0);
    assert.match(second.stderr, /geïmporteerd 0, bijgewerkt 0, ongewijzigd 10, mislukt 0/);
    assert.deepEqual(dump(db), once);
    assert.equal((once.publications ?? []).length, 10);
  });

  test('a bad file fails alone: exit 1, reason named, the rest stored', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vraagbaak-import-'));
    cpSync(join(fixtures, 'kst-36360-VI-12.txt'), join(dir, 'kst-36360-VI-12.txt'));
    writeFileSync(join(dir, 'kapot.txt'), 'Dit is geen lijst van vragen.\n');
    writeFileSync(join(dir, 'leeg.txt'), '');
    const db = tempDbPath();
    const r = run(['import', dir, join(dir, 'bestaat-niet.txt'), '--db', db]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /bestaat-niet\.txt: file not found/);
    assert.match(r.stderr, /kapot\.txt: no questions and answers found/);
    assert.match(r.stderr, /leeg\.txt: the file is empty/);
    assert.match(r.stderr, /geïmporteerd 1, bijgewerkt 0, ongewijzigd 0, mislukt 3/);
    assert.doesNotMatch(r.stderr, /\bat .*\.ts:\d+/);
    assert.match(run(['show', 'kst-36360-VI-12', '--db', db]).stdout, /Antwoord:/);
  });

  test('stdin, VRAAGBAAK_DB, show, export as JSON Lines and CSV', () => {
    const db = tempDbPath();
    const text = readFileSync(join(fixtures, 'kst-36625-VI-4.txt'), 'utf8');
    const r = spawnSync(process.execPath, cliArgs('import', '-'), {
      cwd: root,
      input: text,
      encoding: 'utf8',
      env: { ...process.env, VRAAGBAAK_DB: db },
    });
    assert.equal(r.status, 0, r.stderr);
    const shown = run(['show', 'kst-36625-VI-4', '--format', 'json'], { VRAAGBAAK_DB: db });
    assert.equal(JSON.parse(shown.stdout).id, 'kst-36625-VI-4');
    const jsonl = run(['export', '--db', db]).stdout.trim().split('\n');
    assert.equal(jsonl.length, 1);
    assert.equal(JSON.parse(jsonl[0]!).sections[0].questions.length, 2);
    const csv = run(['export', '--format', 'csv', '--db', db]).stdout.trim().split('\n');
    assert.equal(
      csv[0],
      'publication,kind,chamber,session,date,committee,addressees,section,number,question,answer',
    );
    assert.match(csv[1]!, /^kst-36625-VI-4,question-list-report,tweede-kamer,2024-2025,2024-12-10,/);
    const missing = run(['show', 'kst-1-1', '--db', db]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /no publication 'kst-1-1' in the archive/);
  });
});

describe('vraagbaak db backup', () => {
  test('a copy of the archive with every row, made while it is open; a bad target is a usage error', () => {
    const db = tempDbPath();
    assert.equal(run(['import', fixtures, '--db', db]).code, 0);
    // Another connection holds the database open (as a running server does) while the copy is made.
    const open = new SQLite(db);
    open.prepare('SELECT count(*) FROM publications').get();
    const copy = join(mkdtempSync(join(tmpdir(), 'vraagbaak-backup-')), 'kopie.db');
    const made = run(['db', 'backup', copy, '--db', db]);
    assert.equal(made.code, 0, made.stderr);
    assert.match(made.stdout, /kopie\.db: \d+ pages/);
    assert.deepEqual(dump(copy), dump(db));
    open.close();
    const again = run(['db', 'backup', copy, '--db', db]);
    assert.equal(again.code, 2);
    assert.match(again.stderr, /exists already/);
    assert.doesNotMatch(again.stderr, /\n\s+at /);
    const missing = run(['db', 'backup', `${copy}-2`, '--db', join(tmpdir(), 'nergens', 'niets.db')]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /no database at/);
  });
});

describe('vraagbaak search and similar', () => {
  const db = tempDbPath();
  run(['import', fixtures, '--db', db]);

  test('search prints numbered results with highlighted words; --json has facets', () => {
    const r = run(['search', 'watergebruik', 'datacenters', '--db', db]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^1\. kst-36360-VI-12#24 /m);
    assert.match(r.stdout, /«watergebruik»/);
    const json = JSON.parse(run(['search', 'datacenters', '--json', '--db', db]).stdout);
    assert.ok(json.total >= 3);
    assert.deepEqual(Object.keys(json.facets), [
      'chamber',
      'session',
      'committee',
      'addressee',
      'kind',
      'dossier',
    ]);
  });

  test('wrong parameters are usage errors that name the parameter', () => {
    for (const [args, message] of [
      [['search', 'x', '--limit', '0'], /--limit must be a whole number from 1 to 100/],
      [['search', 'x', '--chamber', 'senaat'], /--chamber must be one of tweede-kamer, eerste-kamer/],
      [['search', 'x', '--session', '2022'], /--session must be a session like 2022-2023/],
      [['search', 'x', '--from', 'gisteren'], /--from must be a date like 2023-06-08/],
      [['search', 'a'.repeat(10_000)], /the query is too long/],
      [['search', '--db', db, '--', '-datacenters'], /at least one word that is not excluded/],
      [['similar', 'kst-36360-VI-12#99'], /no question 99 in 'kst-36360-VI-12'/],
      [['similar'], /give either ID#N or --text/],
    ] as [string[], RegExp][]) {
      const r = run(args.includes('--') ? [...args] : [...args, '--db', db]);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, message);
    }
  });

  test('similar by reference and by text', () => {
    const r = run(['similar', 'kst-36360-VI-12#14', '--limit', '2', '--db', db]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /kst-36360-VI-12#15/);
    const t = JSON.parse(
      run(['similar', '--text', 'Hoeveel water verbruiken datacenters?', '--json', '--db', db]).stdout,
    );
    assert.equal(`${t[0].publication.id}#${t[0].question}`, 'kst-36360-VI-12#24');
  });
});

describe('a killed import', () => {
  test('SIGKILL in the middle leaves every stored publication whole', async () => {
    // 300 distinct publications made from the complete fixture: its footer carries the id.
    const dir = mkdtempSync(join(tmpdir(), 'vraagbaak-kill-'));
    mkdirSync(dir, { recursive: true });
    const source = readFileSync(join(fixtures, 'kst-36360-VI-12.txt'), 'utf8');
    for (let i = 1; i <= 300; i++) {
      writeFileSync(
        join(dir, `p${String(i).padStart(3, '0')}.txt`),
        source.replace('36 360 VI, nr. 12 8', `36 360 VI, nr. ${100 + i} 8`),
      );
    }
    const db = tempDbPath();
    const child = spawn(process.execPath, cliArgs('import', dir, '--db', db), {
      cwd: root,
      stdio: 'ignore',
    });
    // Kill it once some publications are in, well before the end.
    const deadline = Date.now() + 60_000;
    for (;;) {
      await new Promise((r) => setTimeout(r, 100));
      let n = 0;
      try {
        const peek = new SQLite(db, { readonly: true, fileMustExist: true });
        n = (peek.prepare('SELECT count(*) AS n FROM publications').get() as { n: number }).n;
        peek.close();
      } catch {
        // not created yet
      }
      if (n >= 20 || Date.now() > deadline) break;
    }
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const raw = new SQLite(db);
    assert.equal(raw.pragma('integrity_check', { simple: true }), 'ok');
    const pubs = raw.prepare('SELECT id, question_count AS n, tree FROM publications').all() as {
      id: string;
      n: number;
      tree: Buffer;
    }[];
    assert.ok(pubs.length >= 20 && pubs.length < 300, `killed mid-way (${pubs.length} stored)`);
    for (const p of pubs) {
      const rows = raw.prepare('SELECT count(*) AS n FROM questions WHERE publication_id = ?').get(p.id) as {
        n: number;
      };
      assert.equal(rows.n, 24, p.id);
      assert.equal(p.n, 24);
      assert.equal(JSON.parse(inflateRawSync(p.tree).toString('utf8')).footnotes.length, 4);
      const footnotes = raw
        .prepare('SELECT count(*) AS n FROM footnotes WHERE publication_id = ?')
        .get(p.id) as { n: number };
      assert.equal(footnotes.n, 4);
    }
    const orphans = raw
      .prepare(
        'SELECT count(*) AS n FROM questions WHERE publication_id NOT IN (SELECT id FROM publications)',
      )
      .get() as { n: number };
    assert.equal(orphans.n, 0);
    raw.close();
    // And a second import completes the job.
    const resumed = run(['import', dir, '--db', db]);
    assert.equal(resumed.code, 0, resumed.stderr);
    assert.match(
      resumed.stderr,
      new RegExp(`geïmporteerd ${300 - pubs.length}, bijgewerkt 0, ongewijzigd ${pubs.length}`),
    );
  });
});
