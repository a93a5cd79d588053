import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { findEuroAmounts, toEuros } from '../../src/extract/amounts.js';

const fixture = (name: string): string =>
  readFileSync(new URL(`../fixtures/text/${name}.txt`, import.meta.url), 'utf8');

/** [printed text, euros] of every amount. */
const amounts = (text: string): [string, number][] => findEuroAmounts(text).map((a) => [a.text, a.euros]);

describe('findEuroAmounts: forms', () => {
  const cases: [string, [string, number][]][] = [
    ['€ 4,116 mln.', [['€ 4,116 mln.', 4_116_000]]],
    ['€ 6,116 mln. vanaf', [['€ 6,116 mln.', 6_116_000]]],
    ['€ 153 miljoen in', [['€ 153 miljoen', 153_000_000]]],
    ['van € 83,9 mln., waarvan', [['€ 83,9 mln.', 83_900_000]]],
    ['waarvan € 2,9 mln is besteed', [['€ 2,9 mln', 2_900_000]]],
    ['(ca € 10 mln.)', [['€ 10 mln.', 10_000_000]]],
    ['281,6 miljoen euro', [['281,6 miljoen euro', 281_600_000]]],
    ['structureel met circa 1 mld. worden verminderd', [['1 mld.', 1_000_000_000]]],
    ['de Landsadvocaat van 7.759 (x 1.000) specificeren', [['7.759 (x 1.000)', 7_759_000]]],
    ['Totaal 1.234 (x € 1.000)', [['1.234 (x € 1.000)', 1_234_000]]],
    ['uitgaven 12,5 (x € 1 mln)', [['12,5 (x € 1 mln)', 12_500_000]]],
    ['€ 7.759 (× 1.000)', [['€ 7.759 (× 1.000)', 7_759_000]]],
    ['€ 11.100.000', [['€ 11.100.000', 11_100_000]]],
    ['€ 1.500', [['€ 1.500', 1_500]]],
    ['€ 0,5 mld.', [['€ 0,5 mld.', 500_000_000]]],
    ['EUR 5 miljoen', [['EUR 5 miljoen', 5_000_000]]],
    ['5 miljard euro', [['5 miljard euro', 5_000_000_000]]],
    ['5 miljoen Euro', [['5 miljoen Euro', 5_000_000]]],
    ['1.500 euro', [['1.500 euro', 1_500]]],
    ['5 mln EUR', [['5 mln EUR', 5_000_000]]],
    ['€ 3 mrd.', [['€ 3 mrd.', 3_000_000_000]]],
    ['€ 1 biljoen', [['€ 1 biljoen', 1_000_000_000_000]]],
    ['€ 5 duizend', [['€ 5 duizend', 5_000]]],
    ['€ 11 100 000 per jaar', [['€ 11 100 000', 11_100_000]]],
    ['€ 25,-', [['€ 25,-', 25]]],
    ['€ 4.5 mln', [['€ 4.5 mln', 4_500_000]]],
    ['€12 mln', [['€12 mln', 12_000_000]]],
    ['max € 5 mln.', [['€ 5 mln.', 5_000_000]]],
    // line breaks between sign, number and unit
    ['een bijdrage toegekend van \n€ 27,5 mln. voor', [['€ 27,5 mln.', 27_500_000]]],
    ['van €\n27,5 mln.', [['€\n27,5 mln.', 27_500_000]]],
    ['van € 27,5\nmln.', [['€ 27,5\nmln.', 27_500_000]]],
  ];
  for (const [input, expected] of cases) {
    test(JSON.stringify(input), () => {
      assert.deepEqual(amounts(input), expected);
    });
  }

  test('several amounts in one sentence, with indexes', () => {
    assert.deepEqual(findEuroAmounts('tussen de € 3 mln. en € 200 mln. per voorstel'), [
      { euros: 3_000_000, text: '€ 3 mln.', index: 10 },
      { euros: 200_000_000, text: '€ 200 mln.', index: 22 },
    ]);
    assert.deepEqual(amounts('bedragen € 68,7 mln. en voor het project BGD € 11,1 mln. Beiden'), [
      ['€ 68,7 mln.', 68_700_000],
      ['€ 11,1 mln.', 11_100_000],
    ]);
  });

  test("a year before a sign is not an amount ('2022 € 40,7 mln.')", () => {
    assert.deepEqual(
      amounts(
        'taken: 2022 € 40,7 mln. (jaarverslag 2022), 2023 € 49,6 mln., 2024 € 47,9 mln. en 2025 € 42,8 mln.',
      ),
      [
        ['€ 40,7 mln.', 40_700_000],
        ['€ 49,6 mln.', 49_600_000],
        ['€ 47,9 mln.', 47_900_000],
        ['€ 42,8 mln.', 42_800_000],
      ],
    );
    assert.deepEqual(amounts('in 2023 EUR 5 mln'), [['EUR 5 mln', 5_000_000]]);
  });

  test('a range gives its low and its high end', () => {
    assert.deepEqual(findEuroAmounts('kost € 2–3 mln. per jaar'), [
      { euros: 2_000_000, text: '€ 2–3 mln.', index: 5 },
      { euros: 3_000_000, text: '3 mln.', index: 9 },
    ]);
  });

  test('cents are rounded half up to whole euros', () => {
    assert.deepEqual(amounts('€ 12,50 en € 12,49 en € 0,5'), [
      ['€ 12,50', 13],
      ['€ 12,49', 12],
      ['€ 0,5', 1],
    ]);
  });

  test('exact: no floating point error', () => {
    assert.equal(findEuroAmounts('€ 4,116 mln.')[0]?.euros, 4116000);
    assert.equal(findEuroAmounts('€ 0,29 mln.')[0]?.euros, 290000);
    assert.equal(findEuroAmounts('€ 1,005 mln.')[0]?.euros, 1005000);
    assert.equal(findEuroAmounts('€ 12,345678 mld')[0]?.euros, 12_345_678_000);
    assert.equal(findEuroAmounts('€ 0,1234567 mln.')[0]?.euros, 123_457);
  });
});

describe('findEuroAmounts: not euros', () => {
  const negatives = [
    'Dit was in 2020 550 miljoen liter en was tevens minder dan 0,05%',
    'geprogrammeerd op sleuteltechnologieën: 44 technologieën onderverdeeld in 8 categorieën',
    'terwijl het stroomverbruik met 10–60 procent is gegroeid',
    'namen Nederlandse datacenters in 2021 3,3 procent van het stroomverbruik',
    'Wat hebben de investeringen in de KIA (bijvoorbeeld 20 miljoen in 2021) opgeleverd?',
    'de jaren 2022–2027',
    '(Kamerstuk 35 925 XIX, nr. 12)',
    'ongeveer 30.000 huishoudens',
    'artikel 14, lid 2',
    '3 mln. inwoners',
    'ruim 2 mld. liter water',
    '$ 5 mln.',
    'USD 5 mln.',
    '5 mln. dollar',
    '50 eurocent',
    'Bedragen (x € 1.000)',
    'Bedragen x € 1.000',
    '€ per inwoner',
    'EURO 5',
    '',
  ];
  for (const input of negatives) {
    test(JSON.stringify(input), () => {
      assert.deepEqual(findEuroAmounts(input), []);
    });
  }
});

describe('findEuroAmounts: fixtures', () => {
  test('the model document: every amount, no false ones', () => {
    assert.deepEqual(amounts(fixture('kst-36360-VI-12')), [
      ['€ 4,116 mln.', 4_116_000],
      ['€ 6,116 mln.', 6_116_000],
      ['€ 153 miljoen', 153_000_000],
      ['€ 83,9 mln.', 83_900_000],
      ['€ 64 mln.', 64_000_000],
      ['€ 20,7 mln.', 20_700_000],
      ['€ 27,5 mln.', 27_500_000],
      ['€ 11 mln.', 11_000_000],
      ['€ 2,9 mln.', 2_900_000],
      ['€ 6 mln.', 6_000_000],
      ['€ 1,5 mln.', 1_500_000],
      ['€ 1,2 mln.', 1_200_000],
      ['€ 2,7 mln.', 2_700_000],
      ['€ 37 miljoen', 37_000_000],
      ['€ 37 mln.', 37_000_000],
      ['€ 10 mln.', 10_000_000],
      ['€ 19 miljoen', 19_000_000],
      ['€ 19 mln.', 19_000_000],
      ['€ 68,7 mln.', 68_700_000],
      ['€ 11,1 mln.', 11_100_000],
      ['€ 204,5 mln.', 204_500_000],
      ['€ 44 mln.', 44_000_000],
      ['€ 80 mln.', 80_000_000],
      ['€ 65 mln.', 65_000_000],
      ['€ 3 mln.', 3_000_000],
      ['€ 200 mln.', 200_000_000],
      ['€ 10 mln.', 10_000_000],
      ['€ 11 mln.', 11_000_000],
      ['€ 40,7 mln.', 40_700_000],
      ['€ 49,6 mln.', 49_600_000],
      ['€ 47,9 mln.', 47_900_000],
      ['€ 42,8 mln.', 42_800_000],
      ['€ 204,5 mln.', 204_500_000],
      ['€ 44 mln.', 44_000_000],
    ]);
  });

  test('the openings', () => {
    assert.deepEqual(amounts(fixture('ah-tk-20242025-1028')), [['1 mld.', 1_000_000_000]]);
    assert.deepEqual(amounts(fixture('kst-36625-VI-4')), [['7.759 (x 1.000)', 7_759_000]]);
    for (const name of [
      'kst-21501-31-207',
      'kst-31066-444',
      'kst-31865-214',
      'kst-36100-24',
      'kst-36613-VI-5',
    ]) {
      assert.deepEqual(amounts(fixture(name)), [], name);
    }
  });

  test('indexes point at the printed text', () => {
    const text = fixture('kst-36360-VI-12');
    for (const a of findEuroAmounts(text)) assert.equal(text.slice(a.index, a.index + a.text.length), a.text);
  });
});

describe('toEuros', () => {
  test('Dutch separators and powers of ten', () => {
    assert.equal(toEuros('4,116', 6), 4_116_000);
    assert.equal(toEuros('11.100.000', 0), 11_100_000);
    assert.equal(toEuros('1.500', 0), 1_500);
    assert.equal(toEuros('1.500', 6), 1_500_000_000);
    assert.equal(toEuros('4.5', 6), 4_500_000);
    assert.equal(toEuros('1.234,56', 0), 1_235);
    assert.equal(toEuros('1,234.56', 0), 1_235);
    assert.equal(toEuros('1,500,000', 0), 1_500_000);
    assert.equal(toEuros('11 100 000', 0), 11_100_000);
    assert.equal(toEuros('0,0000001', 6), 0);
  });

  test('the BigInt path for long digit strings', () => {
    assert.equal(toEuros('1234567890,123456789', 3), 1_234_567_890_123);
    assert.equal(toEuros('0,1234567890123456789', 9), 123_456_789);
  });

  test('null beyond the safe integer range', () => {
    assert.equal(toEuros('9.007.199.254.740.993', 0), null);
    assert.equal(toEuros('10', 15), null);
  });
});

describe('findEuroAmounts: speed', () => {
  test('1 MB of random-ish and adversarial text finishes fast', () => {
    const MB = 1 << 20;
    const inputs = [
      randomish(MB),
      `€${'\n'.repeat(MB)}x`,
      '1234567890'.repeat(MB / 10),
      '1.'.repeat(MB / 2),
      `€ ${'1.2,'.repeat(MB / 4)}`,
      '000 '.repeat(MB / 4),
      '€ '.repeat(MB / 2),
      `€ 1${'–2'.repeat(MB / 2)}`,
      '1 - '.repeat(MB / 4),
      `1${' '.repeat(MB)}mln`,
    ];
    for (const input of inputs) {
      const start = performance.now();
      findEuroAmounts(input);
      const ms = performance.now() - start;
      assert.ok(ms < 1500, `took ${ms} ms`);
    }
  });
});

/** Deterministic text built from the pieces of amounts, numbers and words. */
function randomish(length: number): string {
  const parts = [
    '€',
    ' ',
    '4',
    '116',
    ',',
    '.',
    'mln',
    'miljoen',
    'euro',
    'EUR',
    '(x 1.000)',
    '–',
    '\n',
    'de ',
    '2022',
  ];
  let seed = 11;
  let out = '';
  while (out.length < length) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    out += parts[seed % parts.length];
  }
  return out;
}
