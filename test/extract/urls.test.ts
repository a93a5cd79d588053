import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { findUrls } from '../../src/extract/urls.js';

const fixture = (name: string): string =>
  readFileSync(new URL(`../fixtures/text/${name}.txt`, import.meta.url), 'utf8');

/** [printed text, url] of every address. */
const urls = (text: string): [string, string][] => findUrls(text).map((u) => [u.text, u.url]);

describe('findUrls', () => {
  const cases: [string, [string, string][]][] = [
    // the footnote of the model document: the final '.' ends the sentence
    [
      '1 https://algoritmes.overheid.nl/nl.',
      [['https://algoritmes.overheid.nl/nl', 'https://algoritmes.overheid.nl/nl']],
    ],
    [
      'zie http://www.example.com/a?b=1&c=2, en',
      [['http://www.example.com/a?b=1&c=2', 'http://www.example.com/a?b=1&c=2']],
    ],
    [
      'via www.rijksoverheid.nl/documenten; daar',
      [['www.rijksoverheid.nl/documenten', 'https://www.rijksoverheid.nl/documenten']],
    ],
    ['(https://www.tweedekamer.nl)', [['https://www.tweedekamer.nl', 'https://www.tweedekamer.nl']]],
    ['«https://x.nl/a»', [['https://x.nl/a', 'https://x.nl/a']]],
    ['zie https://x.nl/a:', [['https://x.nl/a', 'https://x.nl/a']]],
    ['https://x.nl/a!?', [['https://x.nl/a', 'https://x.nl/a']]],
    ['“https://x.nl/a”', [['https://x.nl/a', 'https://x.nl/a']]],
    // a ')' that the address opened stays
    [
      '(https://en.wikipedia.org/wiki/Foo_(bar)).',
      [['https://en.wikipedia.org/wiki/Foo_(bar)', 'https://en.wikipedia.org/wiki/Foo_(bar)']],
    ],
    ['HTTPS://WWW.OVERHEID.NL/', [['HTTPS://WWW.OVERHEID.NL/', 'HTTPS://WWW.OVERHEID.NL/']]],
    // bare domains with a known top-level domain
    ['TNO Rapport Herijking Sleuteltechnologieën 2023 (kia-st.nl).', [['kia-st.nl', 'https://kia-st.nl']]],
    [
      'op officielebekendmakingen.nl/kst-36360-VI-12.html staat',
      [
        [
          'officielebekendmakingen.nl/kst-36360-VI-12.html',
          'https://officielebekendmakingen.nl/kst-36360-VI-12.html',
        ],
      ],
    ],
    [
      'europa.eu en data.overheid.nl.',
      [
        ['europa.eu', 'https://europa.eu'],
        ['data.overheid.nl', 'https://data.overheid.nl'],
      ],
    ],
  ];
  for (const [input, expected] of cases) {
    test(JSON.stringify(input), () => {
      assert.deepEqual(urls(input), expected);
    });
  }

  test('text, url and index', () => {
    assert.deepEqual(findUrls('Zie www.overheid.nl.'), [
      { url: 'https://www.overheid.nl', text: 'www.overheid.nl', index: 4 },
    ]);
  });

  test('several addresses in order; a domain inside an address is not found twice', () => {
    assert.deepEqual(urls('a kia-st.nl b https://algoritmes.overheid.nl/nl c www.x.nl d'), [
      ['kia-st.nl', 'https://kia-st.nl'],
      ['https://algoritmes.overheid.nl/nl', 'https://algoritmes.overheid.nl/nl'],
      ['www.x.nl', 'https://www.x.nl'],
    ]);
  });

  const negatives = [
    'mail naar info@kia-st.nl',
    'http://',
    'https://.',
    'gedaan.De man',
    'gedaan.de man',
    'Rijksoverheid.nl',
    'www.',
    'bijv. de minister',
    'Kamerstuk 36 360 VI, nr. 1',
    '/home/user/www.test',
    '',
  ];
  for (const input of negatives) {
    test(`not an address: ${JSON.stringify(input)}`, () => {
      assert.deepEqual(findUrls(input), []);
    });
  }

  test('the model document', () => {
    assert.deepEqual(urls(fixture('kst-36360-VI-12')), [
      ['https://algoritmes.overheid.nl/nl', 'https://algoritmes.overheid.nl/nl'],
      ['kia-st.nl', 'https://kia-st.nl'],
    ]);
  });

  test('indexes point at the printed text', () => {
    const text = fixture('kst-36360-VI-12');
    for (const u of findUrls(text)) assert.equal(text.slice(u.index, u.index + u.text.length), u.text);
  });

  test('1 MB of random-ish and adversarial text finishes fast', () => {
    const MB = 1 << 20;
    const inputs = [
      randomish(MB),
      `https://${'a'.repeat(MB)}`,
      `https://x.nl/${')'.repeat(MB)}`,
      `https://x.nl/${'('.repeat(MB)}`,
      `https://x.nl/${'.'.repeat(MB)}`,
      'a.'.repeat(MB / 2),
      'a.nl.'.repeat(MB / 5),
      `${'a-'.repeat(MB / 2)}.nl`,
      'www.'.repeat(MB / 4),
    ];
    for (const input of inputs) {
      const start = performance.now();
      findUrls(input);
      const ms = performance.now() - start;
      assert.ok(ms < 1500, `took ${ms} ms`);
    }
  });
});

/** Deterministic text built from the pieces of addresses and words. */
function randomish(length: number): string {
  const parts = ['https://', 'www.', 'a', '.nl', '.', '/', '(', ')', ' ', '-', '@', 'de ', '\n', 'x.com'];
  let seed = 3;
  let out = '';
  while (out.length < length) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    out += parts[seed % parts.length];
  }
  return out;
}
