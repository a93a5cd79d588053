import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { dutchMonth, findDutchDates, isoDate, parseDutchDate } from '../../src/extract/dates.js';

const fixture = (name: string): string =>
  readFileSync(new URL(`../fixtures/text/${name}.txt`, import.meta.url), 'utf8');

describe('parseDutchDate', () => {
  const cases: [string, string | null][] = [
    ['8 juni 2023', '2023-06-08'],
    ['17 mei 2023', '2023-05-17'],
    ['1 mrt. 2024', '2024-03-01'],
    ['1 mrt 2024', '2024-03-01'],
    ['16 april 2010', '2010-04-16'],
    ['31 oktober 2018', '2018-10-31'],
    ['4 december 2018', '2018-12-04'],
    ['20 december 2024', '2024-12-20'],
    ['1 januari 2024', '2024-01-01'],
    ['2 februari 2024', '2024-02-02'],
    ['3 feb. 2024', '2024-02-03'],
    ['3 febr. 2024', '2024-02-03'],
    ['15 maart 2022', '2022-03-15'],
    ['7 jul 2021', '2021-07-07'],
    ['9 aug. 2021', '2021-08-09'],
    ['2 sep 2021', '2021-09-02'],
    ['2 sept. 2021', '2021-09-02'],
    ['3 okt 2020', '2020-10-03'],
    ['30 nov. 2020', '2020-11-30'],
    ['12 dec 2022', '2022-12-12'],
    // ordinals
    ['1e januari 2024', '2024-01-01'],
    ['1ste januari 2024', '2024-01-01'],
    ['2de februari 2024', '2024-02-02'],
    ['8ste juni 2023', '2023-06-08'],
    // any whitespace between the parts, including line breaks and no-break spaces
    ['8\njuni\n2023', '2023-06-08'],
    ['1ste\njanuari\n2024', '2024-01-01'],
    ['8\u00a0juni\u00a02023', '2023-06-08'],
    ['  8   juni   2023  ', '2023-06-08'],
    ['8 juni 2023.', '2023-06-08'],
    ['8 juni 2023,', '2023-06-08'],
    // glued by PDF extraction
    ['16april 2010', '2010-04-16'],
    // weekday and capitals
    ['donderdag 8 juni 2023', '2023-06-08'],
    ['do. 8 juni 2023', '2023-06-08'],
    ['8 JUNI 2023', '2023-06-08'],
    ['8 Juni 2023', '2023-06-08'],
    // numeric and ISO forms
    ['08-06-2023', '2023-06-08'],
    ['8/6/2023', '2023-06-08'],
    ['8.6.2023', '2023-06-08'],
    ['2023-06-08', '2023-06-08'],
    // leap years
    ['29 februari 2024', '2024-02-29'],
    ['29 februari 2000', '2000-02-29'],
    ['29 februari 2023', null],
    ['29 februari 1900', null],
    // days that do not exist
    ['31 april 2023', null],
    ['31 juni 2023', null],
    ['32 mei 2023', null],
    ['0 juni 2023', null],
    ['31-02-2023', null],
    ['2023-13-01', null],
    // no year, no date, not only a date
    ['1e januari', null],
    ['8 juni', null],
    ['juni 2023', null],
    ['', null],
    ['gisteren', null],
    ['Vastgesteld 8 juni 2023', null],
    ['8 juni 2023 en 9 juni 2023', null],
    ['8 junior 2023', null],
    ['8-6-23', null],
    ['8/6-2023', null],
  ];
  for (const [input, expected] of cases) {
    test(`${JSON.stringify(input)} → ${expected}`, () => {
      assert.equal(parseDutchDate(input), expected);
    });
  }
});

describe('findDutchDates', () => {
  test('dates in running text, in order, with text and index', () => {
    const text = 'De Minister heeft deze vragen beantwoord bij brief van 8 juni 2023. Vragen en antwoorden';
    assert.deepEqual(findDutchDates(text), [{ iso: '2023-06-08', text: '8 juni 2023', index: 55 }]);
  });

  test('a date glued to the word before it', () => {
    assert.deepEqual(findDutchDates('Vastgesteld16 april 2010'), [
      { iso: '2010-04-16', text: '16 april 2010', index: 11 },
    ]);
  });

  test('a date across line breaks keeps its printed text', () => {
    assert.deepEqual(findDutchDates('Antwoord van Minister Uitermark (ontvangen\n4 februari\n2025).'), [
      { iso: '2025-02-04', text: '4 februari\n2025', index: 43 },
    ]);
  });

  test('several dates, and repeated ones', () => {
    const text =
      'over de brief van 7 april 2010 inzake de geannoteerde agenda (21 501-31, nr. 205) en de brief van ' +
      '7 april 2010 inzake de agenda. De op 14 april 2010 toegezonden vragen zijn met de bij brief van ' +
      '15 april 2010 toegezonden antwoorden hieronder afgedrukt.';
    assert.deepEqual(
      findDutchDates(text).map((d) => d.iso),
      ['2010-04-07', '2010-04-07', '2010-04-14', '2010-04-15'],
    );
  });

  test('abbreviations and ordinals', () => {
    assert.deepEqual(
      findDutchDates('op 1 mrt. 2024, 1e januari 2024 en 2 sept. 2021').map((d) => [d.text, d.iso]),
      [
        ['1 mrt. 2024', '2024-03-01'],
        ['1e januari 2024', '2024-01-01'],
        ['2 sept. 2021', '2021-09-02'],
      ],
    );
  });

  test('the day is not taken from a longer number', () => {
    assert.deepEqual(findDutchDates('in 2016 april 2010'), []);
    assert.deepEqual(findDutchDates('nr. 123 mei 2023'), []);
  });

  test('skips days that do not exist, keeps the next date', () => {
    assert.deepEqual(findDutchDates('31 juni 2023 en 30 juni 2023'), [
      { iso: '2023-06-30', text: '30 juni 2023', index: 16 },
    ]);
  });

  test('no date without a year, and no month inside a word', () => {
    assert.deepEqual(findDutchDates('op 1e januari gaat het in'), []);
    assert.deepEqual(findDutchDates('8 junior 2023, 5 meinummer 2023'), []);
    assert.deepEqual(findDutchDates('de jaren 2022–2027 en 10–60 procent'), []);
    assert.deepEqual(findDutchDates(''), []);
  });

  test('the year is not cut from a longer number', () => {
    assert.deepEqual(findDutchDates('8 juni 20234'), []);
  });

  test('every date of the model document', () => {
    assert.deepEqual(
      findDutchDates(fixture('kst-36360-VI-12')).map((d) => d.iso),
      ['2023-05-17', '2023-06-08', '2022-06-09', '2022-12-22', '2022-10-27', '2024-02-17', '2024-07-01'],
    );
  });

  test('the header dates of the openings', () => {
    const first = (name: string) => findDutchDates(fixture(name))[0]?.iso;
    assert.equal(first('kst-21501-31-207'), '2010-04-16');
    assert.equal(first('kst-31066-444'), '2018-12-04');
    assert.equal(first('kst-31865-214'), '2022-09-15');
    assert.equal(first('kst-33328-AI'), '2023-12-28');
    assert.equal(first('kst-36100-24'), '2022-06-24');
    assert.equal(first('kst-36100-4'), '2022-06-09');
    assert.equal(first('kst-36613-VI-5'), '2024-10-04');
    assert.equal(first('kst-36625-VI-4'), '2024-12-12');
    assert.deepEqual(
      findDutchDates(fixture('ah-tk-20242025-1028')).map((d) => d.iso),
      ['2024-12-20', '2025-02-04'],
    );
  });

  test('found dates parse back to the same ISO date', () => {
    for (const d of findDutchDates(fixture('kst-33328-AI'))) assert.equal(parseDutchDate(d.text), d.iso);
  });

  test('1 MB of random-ish text finishes fast', () => {
    const inputs = [
      randomish(1 << 20),
      '1 '.repeat(1 << 19),
      '12 juni '.repeat(1 << 17),
      `8${' '.repeat(1 << 20)}juni`,
      '1e'.repeat(1 << 19),
    ];
    for (const input of inputs) {
      const start = performance.now();
      findDutchDates(input);
      parseDutchDate(input);
      assert.ok(performance.now() - start < 1500, `took ${performance.now() - start} ms`);
    }
  });
});

describe('helpers', () => {
  test('isoDate validates', () => {
    assert.equal(isoDate(2024, 2, 29), '2024-02-29');
    assert.equal(isoDate(2023, 2, 29), null);
    assert.equal(isoDate(2023, 0, 1), null);
    assert.equal(isoDate(2023, 1, 1.5), null);
  });

  test('dutchMonth', () => {
    assert.equal(dutchMonth('maart'), 3);
    assert.equal(dutchMonth('mrt.'), 3);
    assert.equal(dutchMonth('Sept'), 9);
    assert.equal(dutchMonth('mar'), null);
    assert.equal(dutchMonth('junior'), null);
  });
});

/** Deterministic text of digits, month names, punctuation and whitespace. */
function randomish(length: number): string {
  const parts = ['1', '12', '2023', ' ', '\n', 'juni', 'mei', 'mrt.', 'e', 'ste', '.', ',', '-', 'x', 'de '];
  let seed = 42;
  let out = '';
  while (out.length < length) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    out += parts[seed % parts.length];
  }
  return out;
}
