// The benchmark corpus generator: deterministic, synthetic, in the fixtures' layouts. (No timing here.)
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { after, describe, test } from 'node:test';
import { ensureCorpus, MB } from '../../bench/generate-corpus.js';
import { parseOfficialId } from '../../src/model/ids.js';

const root = mkdtempSync(join(tmpdir(), 'vraagbaak-corpus-'));
after(() => rmSync(root, { recursive: true, force: true }));

const SIZE_MB = 1;
const first = ensureCorpus({ dir: join(root, 'a'), mb: SIZE_MB, seed: 7 });

function texts(dir: string): Map<string, string> {
  return new Map(
    readdirSync(dir)
      .sort()
      .map((name) => [name, readFileSync(join(dir, name), 'utf8')]),
  );
}

describe('generate-corpus', () => {
  test('writes at least the requested size, with a manifest that lists every file', () => {
    assert.equal(first.generated, true);
    const m = first.manifest;
    assert.equal(m.synthetic, true);
    assert.ok(m.totalBytes >= SIZE_MB * MB);
    assert.equal(
      m.files.reduce((sum, f) => sum + f.bytes, 0),
      m.totalBytes,
    );
    const onDisk = readdirSync(first.dir).filter((n) => n.endsWith('.txt'));
    assert.deepEqual(onDisk.sort(), m.files.map((f) => f.name).sort());
    assert.deepEqual(
      new Set(m.files.map((f) => f.layout)),
      new Set(['pdf', 'tweedekamer', 'officielebekendmakingen']),
    );
  });

  test('is deterministic for a seed, and differs for another seed', () => {
    const again = ensureCorpus({ dir: join(root, 'b'), mb: SIZE_MB, seed: 7 });
    assert.deepEqual(texts(again.dir), texts(first.dir));
    const other = ensureCorpus({ dir: join(root, 'c'), mb: SIZE_MB, seed: 8 });
    assert.notDeepEqual(
      other.manifest.files.map((f) => f.name),
      first.manifest.files.map((f) => f.name),
    );
  });

  test('reuses an up-to-date corpus and regenerates when parameters or files change', () => {
    const dir = join(root, 'd');
    assert.equal(ensureCorpus({ dir, mb: 0.2, seed: 1 }).generated, true);
    assert.equal(ensureCorpus({ dir, mb: 0.2, seed: 1 }).generated, false);
    const reseeded = ensureCorpus({ dir, mb: 0.2, seed: 2 });
    assert.equal(reseeded.generated, true);
    assert.match(reseeded.reason ?? '', /seed/);
    assert.match(ensureCorpus({ dir, mb: 0.3, seed: 2 }).reason ?? '', /size/);
    const [file] = ensureCorpus({ dir, mb: 0.3, seed: 2 }).manifest.files;
    unlinkSync(join(dir, file!.name));
    assert.match(ensureCorpus({ dir, mb: 0.3, seed: 2 }).reason ?? '', /missing/);
    assert.equal(ensureCorpus({ dir, mb: 0.3, seed: 2, force: true }).generated, true);
  });

  test('names files like official ids and never reproduces a fixture', () => {
    const fixtureIds = new Set(first.manifest.fixtures.files.map((f) => basename(f, '.txt')));
    const fixtureTexts = new Set(
      first.manifest.fixtures.files.map((f) => readFileSync(join(first.manifest.fixtures.dir, f), 'utf8')),
    );
    for (const file of first.manifest.files) {
      const id = basename(file.name, '.txt');
      assert.equal(parseOfficialId(id)?.type, 'kamerstuk', id);
      assert.ok(!fixtureIds.has(id), id);
      assert.ok(!fixtureTexts.has(readFileSync(join(first.dir, file.name), 'utf8')), id);
    }
  });

  test('every file has a coherent header and the question count the manifest records', () => {
    for (const file of first.manifest.files) {
      const text = readFileSync(join(first.dir, file.name), 'utf8');
      assert.ok(file.questions >= 10 && file.questions <= 200, file.name);
      assert.match(text, /^ ?\d{2} \d{3}(?:[ -][0-9A-Z]+)? \S/m, `${file.name}: dossier line`);
      assert.match(text, /^ ?Nr\. \d+ LIJST VAN VRAGEN EN ANTWOORDEN/m, `${file.name}: document type`);
      assert.match(text, /^ ?Vastgesteld \d{1,2} [a-z]+ \d{4}/m, `${file.name}: Vastgesteld`);
      assert.match(text, /beantwoord bij brief van \d{1,2} [a-z]+ \d{4}\./, `${file.name}: answer letter`);
      assert.match(text, /voorzitter van de commissie,/, `${file.name}: chair`);
      assert.match(text, /griffier van de commissie,/i, `${file.name}: clerk`);
      const count = (re: RegExp): number => text.match(re)?.length ?? 0;
      if (file.layout === 'pdf') {
        assert.equal(count(/^ ?Antwoord: $/gm), file.questions, file.name);
      } else if (file.layout === 'tweedekamer') {
        assert.equal(count(/^Vraag \d+$/gm), file.questions, file.name);
        assert.equal(count(/^Antwoord op vraag \d+:$/gm), file.questions, file.name);
        assert.match(text, /^Lijst van vragen en antwoorden : /, `${file.name}: portal title`);
      } else {
        assert.equal(count(/^\d+\. \S/gm), file.questions, file.name);
        assert.match(text, /\n\n/, `${file.name}: blank lines between paragraphs`);
      }
    }
  });

  test('puts amounts, Kamerstuk references and PDF artefacts in the text', () => {
    const all = [...texts(first.dir).values()].join('\n');
    const pdf = first.manifest.files
      .filter((f) => f.layout === 'pdf')
      .map((f) => readFileSync(join(first.dir, f.name), 'utf8'))
      .join('\n');
    assert.match(
      pdf,
      /^Tweede Kamer, vergaderjaar \d{4}–\d{4}, \d{2} \d{3}.*, nr\. \d+ \d+$/m,
      'page footer',
    );
    assert.match(pdf, /\p{Ll}{3}-\n\p{Ll}{3}/u, 'line-end hyphenation');
    assert.match(pdf, /^\d+ \S.*\n \S/m, 'footnote at a page foot, next page starting with a space');
    assert.match(pdf, /^• /m, 'bullets');
    assert.match(all, /€ \d+(?:,\d+)? (?:mln\.|miljoen|mld\.)/);
    assert.match(all, /\(Kamerstuk \d{2} \d{3}(?:[ -][0-9A-Z]+)?, nr\. \d+\)/);
  });
});
