// The official XML reader (KOOP officiele-publicatie): real samples, synthetic markup the samples
// do not show (footnotes, lists, combined answers, a Kamerstuk with vraag/antwoord) and hostile input.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { inlineText } from '../../../src/model/plain-text.js';
import { type Block, Publication } from '../../../src/model/publication.js';
import { ReadError } from '../../../src/read/errors.js';
import { isKoopXml, readMetadata, readXml } from '../../../src/read/xml/index.js';

const FIXTURES = new URL('../../fixtures/xml/', import.meta.url);
const fixture = (name: string): string => readFileSync(new URL(name, FIXTURES), 'utf8');

function readError(input: string | Uint8Array, sizeLimit?: number): ReadError {
  try {
    readXml(input, sizeLimit ? { sizeLimit } : {});
  } catch (error) {
    assert.ok(error instanceof ReadError, `a ReadError, not ${String(error)}`);
    return error;
  }
  assert.fail('no error for bad input');
}

const op = (body: string): string =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<officiele-publicatie>\n${body}\n</officiele-publicatie>\n`;

describe('KOOP XML: the real Aanhangsel ah-tk-20202021-3235', () => {
  const xml = fixture('ah-tk-20202021-3235.xml');
  const p = Publication.parse(readXml(xml, { fileName: 'ah-tk-20202021-3235.xml' }));
  const questions = p.sections.flatMap((s) => s.questions);

  test('identity, from the XML alone', () => {
    assert.equal(p.id, 'ah-tk-20202021-3235');
    assert.equal(p.kind, 'written-questions');
    assert.equal(p.status, 'published');
    assert.equal(p.chamber, 'tweede-kamer');
    assert.equal(p.session, '2020-2021');
    assert.equal(p.number, '3235');
    assert.equal(p.title, null);
    assert.deepEqual(p.source, { reader: 'xml', layout: 'kamervragen', file: 'ah-tk-20202021-3235.xml' });
    assert.equal(p.complete, true);
    assert.deepEqual(p.warnings, []);
  });

  test('askers, addressee, answerer and dates', () => {
    assert.deepEqual(p.request.askers, [
      { name: 'Van Weyenberg', party: 'D66' },
      { name: 'Romke de Jong', party: 'D66' },
      { name: 'Kat', party: 'D66' },
    ]);
    assert.deepEqual(p.request.addressees, ['Minister van Sociale Zaken en Werkgelegenheid']);
    assert.equal(p.request.answeredBy, 'Minister Koolmees');
    assert.match(
      p.request.scope ?? '',
      /^Vragen van de leden Van Weyenberg, Romke de Jong en Kat \(allen D66\)/,
    );
    assert.equal(p.dates.sent, '2021-06-03');
    assert.equal(p.dates.received, '2021-06-21');
  });

  test('nine questions, each with its answer, checked against the file', () => {
    assert.equal(questions.length, 9);
    assert.deepEqual(
      questions.map((q) => q.number),
      [1, 2, 3, 4, 5, 6, 7, 8, 9],
    );
    assert.deepEqual(
      questions.map((q) => q.label),
      questions.map((_, i) => `Vraag ${i + 1}`),
    );
    assert.ok(questions.every((q) => q.answerLabel === `Antwoord ${q.number}`));
    assert.ok(questions[0]!.question.startsWith('Klopt het dat de Tijdelijke overbruggingsregeling'));
    assert.ok(questions[0]!.answer!.startsWith('Ja. Volledigheidshalve merk ik op'));
    assert.equal(questions[0]!.line, 22);
    assert.ok(questions[8]!.question.startsWith('Bent u bereid het rentepercentage van het BBZ-krediet'));
    // Two <al> in the last answer: two paragraphs.
    assert.equal(questions[8]!.answerBlocks.length, 2);
    assert.match(questions[8]!.answer!, /concurrentievervalsing\.\n\nBovendien kent het Bbz/);
    // No whitespace from the XML's indentation leaks into the text.
    assert.ok(questions.every((q) => !/\s{2}|^\s|\s$/.test(q.question) && !/ {2}/.test(q.answer ?? '')));
  });

  test('the extref, cross-references and amounts', () => {
    assert.deepEqual(p.references[0], {
      kind: 'url',
      text: 'Staatsblad 2020, 118',
      question: 2,
      url: 'https://zoek.officielebekendmakingen.nl/stb-2020-118',
    });
    assert.deepEqual(questions[3]!.refersTo, [2, 3]);
    assert.deepEqual(
      p.amounts.map((a) => a.euros),
      [10271, 197687],
    );
  });

  test('the metadata record adds the title; bytes read the same as text', () => {
    const withMeta = readXml(readFileSync(new URL('ah-tk-20202021-3235.xml', FIXTURES)), {
      metadata: fixture('ah-tk-20202021-3235.metadata.xml'),
    });
    Publication.parse(withMeta);
    assert.equal(
      withMeta.title,
      'Antwoord op vragen van de leden Van Weyenberg, Romke de Jong en Kat over de Tozo',
    );
    assert.deepEqual(withMeta.sections, p.sections);
  });

  test('isKoopXml recognises it, and not other text', () => {
    assert.equal(isKoopXml(xml), true);
    assert.equal(isKoopXml('Vraag 1\nKlopt het?'), false);
    assert.equal(isKoopXml(fixture('ah-tk-20202021-3235.metadata.xml')), false);
  });
});

describe('KOOP XML: markup the samples do not show', () => {
  const kamervragen = op(`<kamervragen>
  <kamervraagkop>
    <tekstregel inhoud="vergaderjaar">Vergaderjaar 2023-2024</tekstregel>
    <tekstregel inhoud="kameraanduiding">Eerste Kamer der Staten-Generaal</tekstregel>
    <tekstregel inhoud="kamernummer">1</tekstregel>
  </kamervraagkop>
  <kamervraagnummer>12</kamervraagnummer>
  <kamervraagomschrijving type="vraag">Vragen van het lid <naam><achternaam>Janssen</achternaam></naam> (SP) aan de Minister van Financiën en de Staatssecretaris van Financiën over <kamervraagonderwerp>de heffing</kamervraagonderwerp> (ingezonden <datum isodatum="2024-01-10">10 januari 2024</datum>).</kamervraagomschrijving>
  <kamervraagomschrijving type="antwoord">Antwoord van Staatssecretaris <naam><achternaam>Van Rij</achternaam></naam> (<organisatie afkorting="Fin">Financiën</organisatie>) (ontvangen <datum isodatum="2024-02-01">1 februari 2024</datum>).</kamervraagomschrijving>
  <vraag><nr status="officieel">Vraag 1</nr>
    <al>Kent u het bericht «Heffing stijgt»?<noot id="N1" type="voet"><noot.nr>1</noot.nr><noot.al>NRC, 9 januari 2024.</noot.al></noot></al>
  </vraag>
  <antwoord><nr status="officieel">Antwoord 1</nr>
    <al>Ja. Zie ook <extref doc="kst-36410-IX-5" soort="document" status="actief">Kamerstuk 36 410 IX, nr. 5</extref> en <extref soort="URL" doc="https://www.rijksoverheid.nl/heffing">de website</extref>.</al>
    <lijst type="expliciet"><li><li.nr>a.</li.nr><al>de eerste stap;</al></li><li><li.nr>b.</li.nr><al>de tweede stap.<nootref refid="N1"/></al></li></lijst>
    <lijst type="ongemarkeerd"><li><al>los punt</al></li></lijst>
  </antwoord>
  <vraag><nr status="officieel">Vraag 2</nr><al>Hoe hoog is de heffing?</al></vraag>
  <vraag><nr status="officieel">Vraag 3</nr><al>Wanneer stijgt zij?<noot id="N2" type="voet"><noot.nr>2</noot.nr><noot.al>Zie <extref doc="https://example.org/a">example.org</extref>.</noot.al></noot></al></vraag>
  <antwoord><nr status="officieel">Antwoord 2 en 3</nr><al>De heffing is € 1,5 miljoen en stijgt in 2025.</al></antwoord>
  <vraag><nr status="officieel">Vraag 4</nr><al>Wilt u deze vragen beantwoorden?</al></vraag>
</kamervragen>`);

  const p = Publication.parse(readXml(kamervragen));
  const qs = p.sections[0]!.questions;

  test('an Eerste Kamer Aanhangsel: id, askers, two addressees', () => {
    assert.equal(p.id, 'ah-ek-20232024-12');
    assert.equal(p.chamber, 'eerste-kamer');
    assert.deepEqual(p.request.askers, [{ name: 'Janssen', party: 'SP' }]);
    assert.deepEqual(p.request.addressees, ['Minister van Financiën', 'Staatssecretaris van Financiën']);
    assert.equal(p.request.answeredBy, 'Staatssecretaris Van Rij');
  });

  test('footnotes: markers in place, text from the noot, linked to their question', () => {
    assert.deepEqual(p.footnotes, [
      { number: 1, text: 'NRC, 9 januari 2024.', question: 1 },
      { number: 2, text: 'Zie example.org.', question: 3 },
    ]);
    assert.deepEqual(qs[0]!.questionBlocks[0], {
      type: 'paragraph',
      content: [
        { type: 'text', value: 'Kent u het bericht «Heffing stijgt»?' },
        { type: 'footnoteRef', number: 1 },
      ],
    });
    assert.equal(qs[0]!.question, 'Kent u het bericht «Heffing stijgt»?');
    assert.deepEqual(qs[0]!.footnotes, [1]);
    assert.deepEqual(qs[2]!.footnotes, [2]);
  });

  test('lists, with printed and default markers; a nootref is a marker again', () => {
    const [, list, bullets] = qs[0]!.answerBlocks as [Block, Block, Block];
    assert.equal(list.type, 'list');
    assert.ok(list.type === 'list' && list.ordered);
    assert.deepEqual(list.type === 'list' && list.items.map((i) => [i.marker, inlineText(i.content)]), [
      ['a.', 'de eerste stap;'],
      ['b.', 'de tweede stap.'],
    ]);
    assert.ok(
      list.type === 'list' && list.items[1]!.content.some((n) => n.type === 'footnoteRef' && n.number === 1),
    );
    assert.ok(bullets.type === 'list' && !bullets.ordered && bullets.items[0]!.marker === '•');
    assert.match(qs[0]!.answer!, /\n\na\. de eerste stap;\nb\. de tweede stap\.\n\n• los punt$/);
  });

  test('extrefs to a Kamerstuk and a URL become references', () => {
    const kinds = p.references.map((r) => [r.kind, r.question, r.text]);
    assert.deepEqual(kinds.slice(0, 2), [
      ['kamerstuk', 1, 'Kamerstuk 36 410 IX, nr. 5'],
      ['url', 1, 'de website'],
    ]);
    const kst = p.references[0]!;
    assert.ok(kst.kind === 'kamerstuk' && kst.kamerstuk.id === 'kst-36410-IX-5');
    assert.ok(p.references.some((r) => r.kind === 'url' && r.url === 'https://example.org/a'));
  });

  test('a combined answer serves both questions; a question without answer is a warning', () => {
    assert.equal(qs.length, 4);
    assert.equal(qs[1]!.answer, 'De heffing is € 1,5 miljoen en stijgt in 2025.');
    assert.equal(qs[2]!.answer, qs[1]!.answer);
    assert.deepEqual(qs[1]!.answerCovers, [2, 3]);
    assert.deepEqual(qs[2]!.answerCovers, [2, 3]);
    assert.equal(qs[3]!.answer, null);
    assert.deepEqual(
      p.warnings.map((w) => w.message),
      ['question 4 has no answer'],
    );
  });

  test('a Kamerstuk (Lijst van vragen en antwoorden) with vraag/antwoord markup', () => {
    const kst =
      op(`<metadata><meta name="OVERHEIDop.externMetadataRecord" scheme="" content="https://zoek.officielebekendmakingen.nl/kst-36600-VII-7/metadata.xml"/></metadata>
<kamerstuk>
  <kamerstukkop><tekstregel inhoud="vergaderjaar">Vergaderjaar 2024-2025</tekstregel><tekstregel inhoud="kamernummer">2</tekstregel></kamerstukkop>
  <dossier><dossiernummer><dossiernr>36 600 VII</dossiernr></dossiernummer><titel>Vaststelling van de begrotingsstaten</titel></dossier>
  <stuk><stuknr>Nr. <ondernummer kamer="2">7</ondernummer></stuknr><titel>LIJST VAN VRAGEN EN ANTWOORDEN</titel>
    <datumtekst>Vastgesteld <datum isodatum="2024-11-01">1 november 2024</datum></datumtekst>
    <algemeen><vrije-tekst><tekst>
      <al>De vaste commissie voor Binnenlandse Zaken heeft vragen voorgelegd.</al>
      <vraag><nr>1</nr><al>Hoeveel ambtenaren zijn er?</al></vraag>
      <antwoord><nr>Antwoord op vraag 1</nr><al>Er zijn er veel.</al></antwoord>
      <vraag><nr>2</nr><al>En waarom?</al></vraag>
      <antwoord><al>Daarom.</al></antwoord>
    </tekst></vrije-tekst></algemeen>
  </stuk>
</kamerstuk>`);
    const k = Publication.parse(readXml(kst));
    assert.equal(k.id, 'kst-36600-VII-7');
    assert.equal(k.kind, 'question-list');
    assert.equal(k.documentType, 'LIJST VAN VRAGEN EN ANTWOORDEN');
    assert.deepEqual(k.dossiers, [{ number: '36 600 VII', title: 'Vaststelling van de begrotingsstaten' }]);
    assert.equal(k.number, '7');
    assert.equal(k.session, '2024-2025');
    assert.equal(k.dates.adopted, '2024-11-01');
    assert.equal(k.request.scope, 'De vaste commissie voor Binnenlandse Zaken heeft vragen voorgelegd.');
    const kq = k.sections[0]!.questions;
    assert.deepEqual(
      kq.map((q) => [q.number, q.question, q.answer, q.answerLabel]),
      [
        [1, 'Hoeveel ambtenaren zijn er?', 'Er zijn er veel.', 'Antwoord op vraag 1'],
        [2, 'En waarom?', 'Daarom.', null],
      ],
    );
    assert.equal(k.source.layout, 'kamerstuk');
  });

  test('a metadata_owms record declared windows-1252 is decoded by its declaration', () => {
    const meta = readMetadata(readFileSync(new URL('metadata_owms-kst.xml', FIXTURES)));
    assert.equal(meta.id, 'kst-35842-4');
    const bytes = new TextEncoder().encode(
      '<?xml version="1.0" encoding="windows-1252"?><metadata_gegevens><metadata name="DC.title" content="Financi##n"/></metadata_gegevens>',
    );
    const i = bytes.indexOf(0x23);
    bytes[i] = 0xeb; // ë in windows-1252
    bytes[i + 1] = 0x20;
    assert.match(readMetadata(bytes).title ?? '', /^Financië/);
  });
});

describe('KOOP XML: hostile and wrong input gives a ReadError', () => {
  test('a billion-laughs DOCTYPE with internal entities', () => {
    const laughs = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<officiele-publicatie><kamervragen><vraag><nr>Vraag 1</nr><al>&lol9;</al></vraag></kamervragen></officiele-publicatie>`;
    const error = readError(laughs);
    assert.equal(error.code, 'unreadable');
    assert.match(error.message, /DOCTYPE.*line 2, column 1.*refused/);
    assert.equal(error.line, 2);
  });

  test('an external SYSTEM entity', () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<officiele-publicatie><kamervragen><vraag><nr>Vraag 1</nr><al>&xxe;</al></vraag></kamervragen></officiele-publicatie>`;
    const error = readError(xxe);
    assert.equal(error.code, 'unreadable');
    assert.match(error.message, /DOCTYPE/);
    assert.doesNotMatch(error.message, /root:/);
    // Without its DOCTYPE the reference is an undefined entity: also refused, never resolved.
    const bare = readError(op('<kamervragen><vraag><nr>Vraag 1</nr><al>&xxe;</al></vraag></kamervragen>'));
    assert.equal(bare.code, 'unreadable');
    assert.match(bare.message, /not well-formed.*entity/);
  });

  test('a DOCTYPE in any case, even without a DTD', () => {
    assert.match(readError('<!doctype html><officiele-publicatie/>').message, /DOCTYPE/);
  });

  test('not well-formed: says where', () => {
    const error = readError(
      op('<kamervragen>\n<vraag><nr>Vraag 1</nr>\n<al>Klopt het?</vraag>\n</kamervragen>'),
    );
    assert.equal(error.code, 'unreadable');
    assert.match(error.message, /^the XML is not well-formed at line 5, column \d+: .*mismatch/);
    assert.equal(error.line, 5);
  });

  test('truncated', () => {
    const xml = fixture('ah-tk-20202021-3235.xml');
    const error = readError(xml.slice(0, Math.floor(xml.length / 2)));
    assert.equal(error.code, 'unreadable');
    assert.match(error.message, /not well-formed.*unclosed/);
  });

  test('an XML file that is not a KOOP publication', () => {
    const error = readError('<?xml version="1.0"?><html><body><p>Hallo</p></body></html>');
    assert.equal(error.code, 'not-a-publication');
    assert.match(error.message, /root element is <html>, not <officiele-publicatie>/);
    const meta = readError(fixture('ah-tk-20202021-3235.metadata.xml'));
    assert.match(meta.message, /metadata file/);
    assert.match(readError(op('<staatscourant/>')).message, /no Kamerstuk or Kamervragen.*<staatscourant>/);
  });

  test('a real Kamerstuk without questions (a motion)', () => {
    const error = readError(fixture('kst-32545-143.xml'));
    assert.equal(error.code, 'not-a-publication');
    assert.match(error.message, /no questions and answers/);
  });

  test('kamervragen without any vraag', () => {
    const error = readError(op('<kamervragen><kamervraagnummer>1</kamervraagnummer></kamervragen>'));
    assert.equal(error.code, 'not-a-publication');
  });

  test('absurdly deep nesting', () => {
    const n = 200_000;
    const deep = op(
      `<kamervragen><vraag><nr>Vraag 1</nr><al>${'<nadruk>'.repeat(n)}x${'</nadruk>'.repeat(n)}</al></vraag></kamervragen>`,
    );
    const error = readError(deep);
    assert.equal(error.code, 'unreadable');
    assert.match(error.message, /nested too deeply/);
  });

  test('empty, too large, not text', () => {
    assert.equal(readError('').code, 'empty');
    assert.equal(readError('  \n ').code, 'empty');
    const big = readError(fixture('ah-tk-20202021-3235.xml'), 1000);
    assert.equal(big.code, 'too-large');
    assert.match(big.message, /too large/);
    assert.equal(readError(new Uint8Array(2000), 1000).code, 'too-large');
    assert.equal(
      readError(new Uint8Array([0x3c, 0x61, 0x3e, 0xff, 0xfe, 0x3c, 0x2f, 0x61, 0x3e])).code,
      'unreadable',
    );
    assert.equal(readError('gewoon tekst, geen XML').code, 'unreadable');
  });
});
