// The CLI as a user runs it: a real process, real files, exit codes and messages.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, ftruncateSync, mkdtempSync, openSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { cliArgs } from '../helpers/cli.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const fixture = join(root, 'test/fixtures/text/kst-36360-VI-12.txt');

function run(args: string[], input?: string) {
  const r = spawnSync(process.execPath, cliArgs(...args), {
    cwd: root,
    input,
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

type Sections = { questions: { line: unknown }[] }[];

/** Sections without the source line of each question, which differs by format. */
const withoutLines = (sections: Sections) =>
  sections.map((s) => ({ ...s, questions: s.questions.map((q) => ({ ...q, line: null })) }));

describe('vraagbaak parse', () => {
  test('writes JSON by default', () => {
    const r = run(['parse', fixture]);
    assert.equal(r.code, 0, r.stderr);
    const pub = JSON.parse(r.stdout);
    assert.equal(pub.id, 'kst-36360-VI-12');
    assert.equal(pub.sections.length, 4);
  });

  test('--format text and md', () => {
    const text = run(['parse', fixture, '--format', 'text']);
    assert.equal(text.code, 0);
    assert.match(text.stdout, /^Tweede Kamer der Staten-Generaal$/m);
    assert.match(text.stdout, /^Antwoord:$/m);
    const md = run(['parse', fixture, '--format', 'md']);
    assert.equal(md.code, 0);
    assert.match(md.stdout, /^### Vraag 24$/m);
    assert.match(md.stdout, /^\[\^1\]: https:\/\/algoritmes\.overheid\.nl\/nl\.$/m);
  });

  test("'-' reads standard input", () => {
    const r = run(['parse', '-', '--format', 'json'], 'Vraag 1\nKlopt dat?\nAntwoord 1\nJa.\n');
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).sections[0].questions[0].answer, 'Ja.');
  });

  test('bad files: one line each naming file and reason, exit 2, the others still read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vraagbaak-'));
    const empty = join(dir, 'leeg.txt');
    const binary = join(dir, 'plaatje.png');
    const prose = join(dir, 'verhaal.txt');
    writeFileSync(empty, '');
    writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13]));
    writeFileSync(prose, 'Er was eens een koning.\nHij had drie dochters.\n');
    const missing = join(dir, 'bestaat-niet.txt');
    const r = run(['parse', empty, binary, fixture, prose, missing]);
    assert.equal(r.code, 2);
    const lines = r.stderr.trim().split('\n');
    assert.deepEqual(
      lines.map((l) => l.replace(dir, 'DIR')),
      [
        'vraagbaak: DIR/leeg.txt: the file is empty',
        'vraagbaak: DIR/plaatje.png: PNG image: images hold no text to read',
        `${fixture}: text reader, 24 questions`,
        'vraagbaak: DIR/verhaal.txt: no questions and answers found: no numbered questions, answer markers or publication header',
        'vraagbaak: DIR/bestaat-niet.txt: file not found',
      ],
    );
    assert.doesNotMatch(r.stderr, /at .*\.ts:\d+|Error:/);
    assert.equal(JSON.parse(r.stdout).id, 'kst-36360-VI-12');
  });

  test('-o writes each format to a file, and each file reads back (reader chosen by content) to the same tree', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vraagbaak-formats-'));
    const original = JSON.parse(run(['parse', fixture]).stdout);
    const readers = { html: 'HTML page', docx: 'Word document \\(DOCX\\)', pdf: 'PDF' } as const;
    let previous = fixture;
    // A chain: text → PDF → DOCX → HTML, each read from the one before, with misleading names.
    for (const format of ['pdf', 'docx', 'html'] as const) {
      const out = join(dir, `lijst-${format}.bin`);
      const written = run(['parse', previous, '--format', format, '-o', out]);
      assert.equal(written.code, 0, written.stderr);
      assert.match(written.stderr, new RegExp(`written: ${out.replace(/[.\\/]/g, '\\$&')}`));
      const back = run(['parse', out]);
      assert.equal(back.code, 0, back.stderr);
      assert.match(back.stderr, new RegExp(`${readers[format]} reader, 24 questions`));
      const pub = JSON.parse(back.stdout);
      assert.equal(pub.source.reader, format);
      assert.deepEqual(withoutLines(pub.sections), withoutLines(original.sections));
      assert.deepEqual(pub.footnotes, original.footnotes);
      previous = out;
    }
  });

  test('a 200 MB file of any kind is refused before it is read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vraagbaak-large-'));
    for (const name of ['groot.pdf', 'groot.docx', 'groot.xml', 'groot.txt']) {
      const path = join(dir, name);
      // Sparse: 200 MB by its size, nothing written to disk.
      const fd = openSync(path, 'w');
      ftruncateSync(fd, 200 * 1024 * 1024);
      closeSync(fd);
      const r = run(['parse', path]);
      assert.equal(r.code, 2, name);
      assert.match(r.stderr, new RegExp(`${name}: file is larger than 64 MB`));
      assert.equal(r.stdout, '');
    }
  });

  test('a wrong option is a usage error with exit 2', () => {
    const r = run(['parse', fixture, '--format', 'odt']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /unknown format 'odt' \(choose json, md, text, html, docx, pdf\)/);
    const nowhere = run([
      'parse',
      fixture,
      '--format',
      'pdf',
      '-o',
      join(tmpdir(), 'geen-map', 'x', 'lijst.pdf'),
    ]);
    assert.equal(nowhere.code, 2);
    assert.match(nowhere.stderr, /cannot write .*lijst\.pdf: its folder does not exist/);
    const unknown = run(['frobnicate']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown command/);
  });

  test('--help lists the commands; parse --help shows its options', () => {
    const help = run(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /parse \[options\] <files\.\.\.>/);
    const parseHelp = run(['parse', '--help']);
    assert.equal(parseHelp.code, 0);
    assert.match(parseHelp.stdout, /--format <format>/);
  });
});
