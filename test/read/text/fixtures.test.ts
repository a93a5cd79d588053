// Each fixture beside its expectation: test/fixtures/text/NAME.txt → NAME.expected.json.
// The expectations were written from the printed documents and checked by hand; a change in the
// reader that alters any of them must be a deliberate one.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { expectationOf } from '../../helpers/expectation.js';
import { FIXTURES, readFixture } from '../../helpers/read.js';

const names = readdirSync(FIXTURES).filter((n) => n.endsWith('.txt'));

describe('text fixtures match their expectations', () => {
  test('there are ten fixtures, each with an expectation', () => {
    assert.equal(names.length, 10);
    for (const name of names) {
      assert.ok(readdirSync(FIXTURES).includes(name.replace(/\.txt$/, '.expected.json')), name);
    }
  });

  for (const name of names) {
    test(name, () => {
      const expected = JSON.parse(
        readFileSync(new URL(name.replace(/\.txt$/, '.expected.json'), FIXTURES), 'utf8'),
      );
      assert.deepEqual(expectationOf(readFixture(name)), expected);
    });
  }
});

describe('openings: cut off, and marked so', () => {
  for (const name of names.filter((n) => !n.startsWith('kst-36360-VI-12'))) {
    test(`${name}: incomplete, last question marked, the others complete`, () => {
      const pub = readFixture(name);
      assert.equal(pub.complete, false);
      const questions = pub.sections.flatMap((s) => s.questions);
      if (questions.length === 0) return;
      assert.equal(questions.at(-1)!.incomplete, true);
      for (const q of questions.slice(0, -1)) assert.equal(q.incomplete, false, `question ${q.number}`);
    });
  }
});

describe('openings: layouts the issue names', () => {
  test('kst-36100-4: a wrapped line starting "10)" stays text', () => {
    const pub = readFixture('kst-36100-4.txt');
    const q1 = pub.sections[0]!.questions[0]!;
    assert.match(q1.answer ?? '', /\(bladzijde 10\) maakt duidelijk/);
    assert.equal(pub.request.addressees[0], 'Algemene Rekenkamer');
  });

  test('kst-36613-VI-5: "Immigratie- en Naturalisatiedienst" keeps its hyphen; "34 zaken" stays text', () => {
    const pub = readFixture('kst-36613-VI-5.txt');
    const answer = pub.sections[0]!.questions[0]!.answer ?? '';
    assert.match(answer, /Immigratie- en Naturalisatiedienst/);
    assert.match(answer, /is in 34 zaken besloten/);
    assert.equal(pub.sections.flatMap((s) => s.questions).length, 1);
  });

  test('kst-36625-VI-4: "7.759 (x 1.000)" is 7 759 000 euros', () => {
    const pub = readFixture('kst-36625-VI-4.txt');
    assert.deepEqual(
      pub.amounts.map((a) => [a.question, a.euros]),
      [[1, 7_759_000]],
    );
  });

  test('kst-31066-444: glued footnote markers, not ordinals', () => {
    const pub = readFixture('kst-31066-444.txt');
    const q1 = pub.sections[0]!.questions[0]!;
    assert.deepEqual(q1.footnotes, [1, 2]);
    assert.match(q1.answer ?? '', /In de 20e Halfjaarrapportage/);
    assert.match(
      q1.answer ?? '',
      /beschikbaar komen\. De cijfers over 2017 zijn opgenomen in de 21e Halfjaarsrapportage van afgelopen april\./,
    );
  });

  test('kst-21501-31-207: "Vastgesteld16 april 2010", two dossiers, faction section', () => {
    const pub = readFixture('kst-21501-31-207.txt');
    assert.equal(pub.dates.adopted, '2010-04-16');
    assert.deepEqual(
      pub.dossiers.map((d) => d.number),
      ['21 501-31', '21 501-27'],
    );
    assert.equal(pub.sections.find((s) => s.party === 'CDA')?.questions.length, 3);
  });

  test('kst-33328-AI: letter number with a glued footnote marker, only a griffier signs', () => {
    const pub = readFixture('kst-33328-AI.txt');
    assert.equal(pub.number, 'AI');
    assert.equal(pub.chamber, 'eerste-kamer');
    assert.deepEqual(pub.signatories, [{ role: 'griffier', name: 'Bergman' }]);
    assert.equal(pub.dates.postponed, '2023-11-23');
  });

  test('kst-36100-24: portal chrome skipped, "commissie,Sneller" read', () => {
    const pub = readFixture('kst-36100-24.txt');
    assert.equal(pub.signatories[0]?.name, 'Sneller');
    assert.doesNotMatch(pub.request.scope ?? '', /overzicht|Preview|Nummer:/);
  });

  test('ah-tk-20242025-1028: askers, minister and a date split over two lines', () => {
    const pub = readFixture('ah-tk-20242025-1028.txt');
    assert.deepEqual(pub.request.askers, [{ name: 'Erkens', party: 'VVD' }]);
    assert.equal(pub.request.answeredBy, 'Minister Uitermark');
    assert.equal(pub.dates.received, '2025-02-04');
    assert.equal(pub.dates.sent, '2024-12-20');
  });
});
