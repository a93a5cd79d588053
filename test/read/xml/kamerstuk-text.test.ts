// A Kamerstuk in KOOP XML whose questions are plain `al` paragraphs (no vraag/antwoord markup), as lists
// of questions and answers are published: read by the text layout rules over its paragraphs, it gives the
// same tree as the text reader gives for the published text.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Inline, Publication } from '../../../src/model/publication.js';
import { ReadError } from '../../../src/read/errors.js';
import { readXml } from '../../../src/read/xml/index.js';
import { formatDutchDate } from '../../../src/render/dutch-date.js';
import { officialLayout } from '../../../src/render/layout.js';
import { comparable, fixtureNames, readFixture, words } from '../../helpers/read.js';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The publication as KOOP would mark up a Kamerstuk without vraag/antwoord: head elements, then `al`s. */
function kamerstukXml(pub: Publication): string {
  const noteText = new Map(pub.footnotes.map((f) => [f.number, f.text ?? '']));
  const placed = new Set<number>();
  const inline = (content: readonly Inline[]): string =>
    content
      .map((n) => {
        if (n.type === 'text') return esc(n.value);
        if (placed.has(n.number) || !noteText.has(n.number)) return `<nootref refid="n${n.number}"/>`;
        placed.add(n.number);
        return `<noot id="n${n.number}"><noot.nr>${n.number}</noot.nr><al>${esc(noteText.get(n.number)!)}</al></noot>`;
      })
      .join('');
  const body = officialLayout(pub)
    .filter((p) => !['title', 'head', 'footnote-rule', 'footnote'].includes(p.role))
    .map((p) => {
      const marker = p.marker !== undefined ? `${esc(p.marker)} ` : '';
      return `<al>${marker}${inline(p.content)}</al>`;
    })
    .join('\n');
  const dossiers = pub.dossiers
    .map(
      (d) =>
        `<dossier><dossiernummer><dossiernr>${esc(d.number)}</dossiernr></dossiernummer>${d.title ? `<titel>${esc(d.title)}</titel>` : ''}</dossier>`,
    )
    .join('');
  const adopted = pub.dates.adopted
    ? `<datumtekst>Vastgesteld <datum isodatum="${pub.dates.adopted}">${formatDutchDate(pub.dates.adopted)}</datum></datumtekst>`
    : '';
  return `<?xml version="1.0" encoding="UTF-8"?>
<officiele-publicatie><metadata/><kamerstuk>
<kamerstukkop><tekstregel inhoud="vergaderjaar">Vergaderjaar ${pub.session}</tekstregel>
<tekstregel inhoud="kameraanduiding">Tweede Kamer der Staten-Generaal</tekstregel></kamerstukkop>
${dossiers}
<stuk><stuknr>Nr. <ondernummer>${esc(pub.number ?? '')}</ondernummer></stuknr><titel>${esc(pub.documentType ?? '')}</titel>${adopted}
<algemeen><vrije-tekst><tekst>
${body}
</tekst></vrije-tekst></algemeen></stuk></kamerstuk></officiele-publicatie>`;
}

const kamerstukken = fixtureNames().filter((n) => n.startsWith('kst-'));

test('Kamerstukken without vraag/antwoord markup read as their text reads', () => {
  assert.ok(kamerstukken.length >= 3, 'the fixtures hold Kamerstukken');
  for (const name of kamerstukken) {
    const expected = readFixture(name);
    if (expected.sections.every((s) => s.questions.length === 0)) continue;
    const pub = readXml(kamerstukXml(expected), { fileName: `${name}.xml`, words });
    assert.equal(pub.source.reader, 'xml', name);
    assert.match(pub.source.layout ?? '', /^kamerstuk as text/, name);
    // The title is the metadata record's (metadata.xml), not the body's: compared without it.
    const { source: _a, title: _t, ...got } = comparable(pub);
    const { source: _b, title: _u, ...want } = comparable(expected);
    assert.deepEqual(got, want, name);
  }
});

test('without the word list, or without questions, such a Kamerstuk is refused with a reason', () => {
  const xml = kamerstukXml(readFixture('kst-36360-VI-12.txt'));
  assert.throws(
    () => readXml(xml),
    (e: unknown) => e instanceof ReadError && /no questions and answers/.test(e.message),
  );
  const motion = xml.replace(
    /<algemeen>[\s\S]*<\/algemeen>/,
    '<algemeen><al>De Kamer,</al><al>gehoord de beraadslaging,</al><al>verzoekt de regering iets te doen,</al><al>en gaat over tot de orde van de dag.</al></algemeen>',
  );
  assert.throws(
    () => readXml(motion, { words }),
    (e: unknown) =>
      e instanceof ReadError &&
      e.code === 'not-a-publication' &&
      /holds no questions and answers/.test(e.message),
  );
});

test('signatories of a Kamerstuk with vraag/antwoord markup come from its ondertekening', () => {
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<officiele-publicatie><kamerstuk>
<kamerstukkop><tekstregel inhoud="vergaderjaar">Vergaderjaar 2022-2023</tekstregel><tekstregel inhoud="kamernummer">2</tekstregel></kamerstukkop>
<dossier><dossiernummer><dossiernr>36 360 VI</dossiernr></dossiernummer></dossier>
<stuk><stuknr>Nr. <ondernummer>77</ondernummer></stuknr><titel>LIJST VAN VRAGEN EN ANTWOORDEN</titel>
<vraag><nr>1</nr><al>Hoeveel kost het?</al></vraag><antwoord><al>Niets.</al></antwoord>
<ondertekening><al>De voorzitter van de commissie,</al><al>Jansen</al><al>De griffier van de commissie, Pietersen</al></ondertekening>
</stuk></kamerstuk></officiele-publicatie>`;
  const pub = readXml(xml, { words });
  assert.equal(pub.id, 'kst-36360-VI-77');
  assert.deepEqual(pub.signatories, [
    { role: 'voorzitter', name: 'Jansen' },
    { role: 'griffier', name: 'Pietersen' },
  ]);
  assert.equal(pub.sections[0]!.questions[0]!.answer, 'Niets.');
});

test('section headings (tussenkop, divisie titles) outside the questions group them into sections', () => {
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<officiele-publicatie><kamerstuk>
<kamerstukkop><tekstregel inhoud="vergaderjaar">Vergaderjaar 2022-2023</tekstregel></kamerstukkop>
<dossier><dossiernummer><dossiernr>36 360 VI</dossiernr></dossiernummer></dossier>
<stuk><stuknr>Nr. <ondernummer>78</ondernummer></stuknr><titel>LIJST VAN VRAGEN EN ANTWOORDEN</titel>
<tussenkop>Algemeen</tussenkop>
<vraag><nr>1</nr><al>Hoeveel kost het?</al></vraag><antwoord><tussenkop>Toelichting</tussenkop><al>Niets.</al></antwoord>
<vraag><nr>2</nr><al>Waarom?</al></vraag><antwoord><al>Daarom.</al></antwoord>
<divisie><kop><titel>Beleidsartikel 2</titel></kop>
<vraag><nr>3</nr><al>Wanneer?</al></vraag><antwoord><al>Morgen.</al></antwoord>
</divisie>
</stuk></kamerstuk></officiele-publicatie>`;
  const pub = readXml(xml, { words });
  assert.deepEqual(
    pub.sections.map((s) => [s.title, s.questions.map((q) => q.number)]),
    [
      ['Algemeen', [1, 2]],
      ['Beleidsartikel 2', [3]],
    ],
  );
  // A heading inside an answer stays the answer's own.
  assert.equal(pub.sections[0]!.questions[0]!.answerBlocks[0]!.type, 'heading');
});
