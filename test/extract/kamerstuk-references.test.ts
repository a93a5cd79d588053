import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { findKamerstukReferences } from '../../src/extract/kamerstuk-references.js';

const fixture = (name: string): string =>
  readFileSync(new URL(`../fixtures/text/${name}.txt`, import.meta.url), 'utf8');

/** [printed text, official id] of every reference. */
const refs = (text: string): [string, string][] =>
  findKamerstukReferences(text).map((r) => [r.text, r.ref.id]);
const ids = (text: string): string[] => findKamerstukReferences(text).map((r) => r.ref.id);

describe('findKamerstukReferences: forms', () => {
  const cases: [string, [string, string][]][] = [
    ['Kamerstuk 29 279, nr. 719', [['Kamerstuk 29 279, nr. 719', 'kst-29279-719']]],
    ['(21 501-31, nr. 205)', [['21 501-31, nr. 205', 'kst-21501-31-205']]],
    ['(Kamerstuk 21 501-27, nr. 9)', [['Kamerstuk 21 501-27, nr. 9', 'kst-21501-27-9']]],
    ['(Kamerstuk 36 100, nr.1).', [['Kamerstuk 36 100, nr.1', 'kst-36100-1']]],
    ['(Kamerstuk 35 925 XIX, nr. 12).', [['Kamerstuk 35 925 XIX, nr. 12', 'kst-35925-XIX-12']]],
    ['Kamerstukken 36 360 VI, nr. 1', [['Kamerstukken 36 360 VI, nr. 1', 'kst-36360-VI-1']]],
    [
      'Kamerstukken II 2022/23, 36 200 VI, nr. 5',
      [['Kamerstukken II 2022/23, 36 200 VI, nr. 5', 'kst-36200-VI-5']],
    ],
    [
      'Kamerstukken II, 2022–2023, 36 200, nr. 5',
      [['Kamerstukken II, 2022–2023, 36 200, nr. 5', 'kst-36200-5']],
    ],
    ['Kamerstukken I 2019/20, 35 300, A', [['Kamerstukken I 2019/20, 35 300, A', 'kst-35300-A']]],
    ['(Kamerstuk 31865-207)', [['Kamerstuk 31865-207', 'kst-31865-207']]],
    ['(Kamerstuk 36100-1)', [['Kamerstuk 36100-1', 'kst-36100-1']]],
    ['Kamerstuk 21501-31-205', [['Kamerstuk 21501-31-205', 'kst-21501-31-205']]],
    ['zie 36100-VI-1.', [['36100-VI-1', 'kst-36100-VI-1']]],
    ['officiële HTML versie (kst-36100-24).', [['kst-36100-24', 'kst-36100-24']]],
    ['kst-36360-VI-12', [['kst-36360-VI-12', 'kst-36360-VI-12']]],
    ['kst-33328-AI', [['kst-33328-AI', 'kst-33328-AI']]],
    [
      'https://zoek.officielebekendmakingen.nl/kst-36360-VI-12.html',
      [['kst-36360-VI-12', 'kst-36360-VI-12']],
    ],
    ['(Bijlage bij Kamerstuk 35 788, nr. 77)', [['Kamerstuk 35 788, nr. 77', 'kst-35788-77']]],
    ['(Kamerstuk 34 775 IX, nr. 8)?', [['Kamerstuk 34 775 IX, nr. 8', 'kst-34775-IX-8']]],
    ['Kamerstuk 36 410 IXB, nr. 3', [['Kamerstuk 36 410 IXB, nr. 3', 'kst-36410-IXB-3']]],
    ['kamerstuk 36 100, Nr. 7', [['kamerstuk 36 100, Nr. 7', 'kst-36100-7']]],
    ['Kamerstuk 36 360 VI nr. 1', [['Kamerstuk 36 360 VI nr. 1', 'kst-36360-VI-1']]],
    ['Kamerstuk 36\u00a0360 VI, nr.\u00a01', [['Kamerstuk 36\u00a0360 VI, nr.\u00a01', 'kst-36360-VI-1']]],
    ['Kamerstuk 36 100, nr. 024', [['Kamerstuk 36 100, nr. 024', 'kst-36100-24']]],
    ['Kamerstuk 21 501–31, nr. 205', [['Kamerstuk 21 501–31, nr. 205', 'kst-21501-31-205']]],
  ];
  for (const [input, expected] of cases) {
    test(JSON.stringify(input), () => {
      assert.deepEqual(refs(input), expected);
    });
  }

  test('a line break inside the reference', () => {
    const text =
      'het Ministerie van Justitie en Veiligheid 2022 (Kamerstuk 36 360 VI, nr. 1), het Ministerie van \n' +
      'Binnenlandse Zaken en Koninkrijksrelaties 2022 (Kamerstuk 36 360 VII, \nnr. 1) en het Ministerie';
    assert.deepEqual(findKamerstukReferences(text), [
      {
        text: 'Kamerstuk 36 360 VI, nr. 1',
        index: 48,
        ref: { dossier: '36 360 VI', number: '1', id: 'kst-36360-VI-1' },
      },
      {
        text: 'Kamerstuk 36 360 VII, \nnr. 1',
        index: 145,
        ref: { dossier: '36 360 VII', number: '1', id: 'kst-36360-VII-1' },
      },
    ]);
  });

  test('dossiers come out in the printed official style', () => {
    const dossiers = (text: string) => findKamerstukReferences(text).map((r) => r.ref.dossier);
    assert.deepEqual(dossiers('Kamerstuk 31865-207'), ['31 865']);
    assert.deepEqual(dossiers('36100-VI-1'), ['36 100 VI']);
    assert.deepEqual(dossiers('(21 501-31, nr. 205)'), ['21 501-31']);
    assert.deepEqual(dossiers('kst-21501-31-207'), ['21 501-31']);
  });
});

describe('findKamerstukReferences: several numbers', () => {
  test("'nrs. 1 en 2' gives one result per number, same text and index", () => {
    assert.deepEqual(findKamerstukReferences('(Kamerstuk 36 100, nrs. 1 en 2)'), [
      {
        text: 'Kamerstuk 36 100, nrs. 1 en 2',
        index: 1,
        ref: { dossier: '36 100', number: '1', id: 'kst-36100-1' },
      },
      {
        text: 'Kamerstuk 36 100, nrs. 1 en 2',
        index: 1,
        ref: { dossier: '36 100', number: '2', id: 'kst-36100-2' },
      },
    ]);
  });

  test("'nrs. 3, 4 en 7'", () => {
    assert.deepEqual(ids('Kamerstuk 36 100, nrs. 3, 4 en 7'), ['kst-36100-3', 'kst-36100-4', 'kst-36100-7']);
    assert.deepEqual(ids('(21 501-31, nrs. 3, 4, en 7)'), [
      'kst-21501-31-3',
      'kst-21501-31-4',
      'kst-21501-31-7',
    ]);
  });

  test("ranges: 'nrs. 3 t/m 5', 'nrs. 3–5', but not a clause dash or a year", () => {
    assert.deepEqual(ids('Kamerstuk 36 100, nrs. 3 t/m 5'), ['kst-36100-3', 'kst-36100-4', 'kst-36100-5']);
    assert.deepEqual(ids('Kamerstuk 36 100, nrs. 3–5 en 9'), [
      'kst-36100-3',
      'kst-36100-4',
      'kst-36100-5',
      'kst-36100-9',
    ]);
    assert.deepEqual(ids('Kamerstuk 36 100, nrs. 3 - 2022 was'), ['kst-36100-3']);
    assert.deepEqual(ids('Kamerstuk 36 100, nrs. 3–2022'), ['kst-36100-3']);
  });

  test("after a singular 'nr.' a second number needs its own 'nr.'", () => {
    assert.deepEqual(ids('Kamerstuk 36 100, nr. 5 en nr. 7'), ['kst-36100-5', 'kst-36100-7']);
    assert.deepEqual(ids('Kamerstuk 36 100, nr. 5, 12 mei 2023'), ['kst-36100-5']);
  });

  test('a list stops before the next dossier, which is its own reference', () => {
    assert.deepEqual(refs('Kamerstukken 36 360 VI, nrs. 1, 36 360 VII, nr. 2'), [
      ['Kamerstukken 36 360 VI, nrs. 1', 'kst-36360-VI-1'],
      ['36 360 VII, nr. 2', 'kst-36360-VII-2'],
    ]);
    assert.deepEqual(ids('Kamerstukken 36 360 VI, nr. 1; 36 360 VII, nr. 1'), [
      'kst-36360-VI-1',
      'kst-36360-VII-1',
    ]);
  });

  test('no duplicates at one index', () => {
    assert.deepEqual(ids('Kamerstuk 36 100, nrs. 1, 1 en 1'), ['kst-36100-1']);
  });
});

describe('findKamerstukReferences: not references', () => {
  const negatives = [
    'Aanhangsel Handelingen, vergaderjaar 2024–2025, nr. 1028',
    'Zie ook Aanhangsel Handelingen, vergaderjaar 20242025, nr. 1028.',
    'Handelingen II 2022/23, nr. 12, item 5',
    'Op basis van cijfers stonden er in 2022 185 commerciële (colocatie) datacenters in Nederland.',
    'een meerjarenplan voor de jaren 2022–2027',
    'Sinds de inwerkingtreding van artikel 14, lid 2, Rijkswet op het Nederlanderschap',
    'ongeveer 30.000 huishoudens',
    '€ 11.100.000, nr. 5',
    'beschikbaar gesteld € 37 mln. voor het jaar 2022',
    'Onderdeel van kamerstukdossier 36100 -24 Financieel jaarverslag',
    'Nummer: 2022D23328, datum: 2022-06-24',
    'Kamerstuk 36 360',
    'Kamerstuk 36100-VI',
    'Kamerstuk 36 200, AP heeft dat gezegd',
    'Kamerstuk 36 200, A',
    'de 31865-207 variant',
    '36 613 VI Wijziging van de begrotingsstaten',
    'Nr. 207 VERSLAG VAN EEN SCHRIFTELIJK OVERLEG',
    'AI1 VERSLAG VAN EEN SCHRIFTELIJK OVERLEG',
    'Ikst-36100-24',
    'telefoon 070-1234567, nr. 3',
    '1.234 567, nr. 3',
  ];
  for (const input of negatives) {
    test(JSON.stringify(input), () => {
      assert.deepEqual(findKamerstukReferences(input), []);
    });
  }
});

describe('findKamerstukReferences: fixtures', () => {
  test('the model document, in order', () => {
    assert.deepEqual(refs(fixture('kst-36360-VI-12')), [
      ['Kamerstuk 36 360 VI, nr. 1', 'kst-36360-VI-1'],
      ['Kamerstuk 36 360 VII, \nnr. 1', 'kst-36360-VII-1'],
      ['Kamerstuk 36 360 XIII, nr. 1', 'kst-36360-XIII-1'],
      ['Kamerstuk 29 279, nr. 719', 'kst-29279-719'],
      ['Kamerstuk 26 643, nr. 954', 'kst-26643-954'],
      ['Kamerstuk 35 925 XIX, nr. 12', 'kst-35925-XIX-12'],
      // The page footer ('Tweede Kamer, vergaderjaar 2022–2023, 36 360 VI, nr. 12 8') is a
      // reference too; the reader removes footers before it looks for references.
      ['36 360 VI, nr. 12', 'kst-36360-VI-12'],
      ['Kamerstuk 26 643, nr. 1005', 'kst-26643-1005'],
    ]);
  });

  test('the openings', () => {
    assert.deepEqual(ids(fixture('kst-21501-31-207')), ['kst-21501-31-205', 'kst-21501-27-9']);
    assert.deepEqual(ids(fixture('kst-31066-444')), ['kst-31066-438', 'kst-34775-IX-8']);
    assert.deepEqual(ids(fixture('kst-31865-214')), ['kst-31865-207', 'kst-31865-207']);
    assert.deepEqual(ids(fixture('kst-36100-24')), [
      'kst-36100-1',
      'kst-36100-24',
      'kst-36100-1',
      'kst-35788-77',
    ]);
    assert.deepEqual(ids(fixture('kst-36100-4')), ['kst-36100-3', 'kst-36100-3']);
    assert.deepEqual(ids(fixture('ah-tk-20242025-1028')), []);
    assert.deepEqual(ids(fixture('kst-33328-AI')), []);
    assert.deepEqual(ids(fixture('kst-36613-VI-5')), []);
    assert.deepEqual(ids(fixture('kst-36625-VI-4')), []);
  });

  test('indexes point at the printed text', () => {
    for (const name of ['kst-36360-VI-12', 'kst-36100-24', 'kst-21501-31-207']) {
      const text = fixture(name);
      for (const r of findKamerstukReferences(text))
        assert.equal(text.slice(r.index, r.index + r.text.length), r.text);
    }
  });
});

describe('findKamerstukReferences: speed', () => {
  test('1 MB of random-ish and adversarial text finishes fast', () => {
    const MB = 1 << 20;
    const inputs = [
      randomish(MB),
      `36 360${' '.repeat(MB)}x`,
      `36 360${' VI'.repeat(MB / 3)}`,
      `36 360${'-1'.repeat(MB / 2)}`,
      `kst-12345${'-1'.repeat(MB / 2)}`,
      `Kamerstuk 12345${'-A'.repeat(MB / 2)}`,
      'Kamerstuk '.repeat(MB / 10),
      `Kamerstuk 36 360, nrs. 1${', 2'.repeat(MB / 3)}`,
      `Kamerstuk 36 360, nrs. 1${' en 2'.repeat(MB / 5)}`,
      '12 345 '.repeat(MB / 7),
    ];
    for (const input of inputs) {
      const start = performance.now();
      findKamerstukReferences(input);
      const ms = performance.now() - start;
      assert.ok(ms < 1500, `took ${ms} ms`);
    }
  });
});

/** Deterministic text built from the pieces of references, numbers and words. */
function randomish(length: number): string {
  const parts = [
    'Kamerstuk ',
    '36',
    ' 360',
    ' VI',
    ', ',
    'nr.',
    'nrs.',
    ' en ',
    '-',
    '31',
    '1',
    ' ',
    '\n',
    'kst-',
    '(',
    ')',
  ];
  let seed = 7;
  let out = '';
  while (out.length < length) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    out += parts[seed % parts.length];
  }
  return out;
}
