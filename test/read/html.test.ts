// The HTML reader: our own rendering reads back to its tree, in page chrome or not; a third-party
// page showing the text layout, and the official site's markup, read like the text and the XML;
// hostile pages end in a ReadError and nothing else.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import type { Inline, Publication } from '../../src/model/publication.js';
import { isReadError, type ReadErrorCode } from '../../src/read/errors.js';
import { HTML_SIZE_LIMIT, readHtml } from '../../src/read/html/index.js';
import { readText } from '../../src/read/text/index.js';
import { readXml } from '../../src/read/xml/index.js';
import { escapeHtml, renderHtml } from '../../src/render/html.js';
import { inlineText, type LayoutRole, officialLayout } from '../../src/render/layout.js';
import { renderText } from '../../src/render/text.js';
import { comparable, fixtureNames, readFixture, words } from '../helpers/read.js';

const read = (html: string, fileName: string | null = null): Publication =>
  readHtml(html, { fileName, words });

function readError(html: string): ReadErrorCode {
  try {
    read(html);
  } catch (error) {
    assert.ok(isReadError(error), `not a ReadError: ${String(error)}`);
    return error.code;
  }
  assert.fail('expected a ReadError');
}

/** A site's page around a document: the chrome a reader must leave out (with Q&A-like text in it). */
function sitePage(content: string): string {
  return `<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<title>Kamerstuk | Voorbeeldsite</title>
<link rel="stylesheet" href="/css/site.css">
<script>window.dataLayer = [{ page: 'Vraag 1. Antwoord 1.' }];</script>
<style>.vraag::before { content: "Vraag"; }</style>
</head>
<body>
<a class="skip-link" href="#inhoud">Direct naar de inhoud</a>
<div id="cookie-consent" class="cookie-banner" role="dialog">
  <p>Deze website gebruikt cookies. Vraag 1: mogen wij analytische cookies plaatsen?</p>
  <button type="button">Accepteren</button> <a href="/cookies">Meer over cookies</a>
</div>
<header class="site-header">
  <a href="/" class="logo"><img src="/logo.svg" alt="Voorbeeldsite"></a>
  <nav aria-label="Hoofdmenu"><ul>
    <li><a href="/kamerstukken">Kamerstukken</a></li><li><a href="/kamervragen">Kamervragen</a></li>
  </ul></nav>
  <form role="search" action="/zoeken"><label for="q">Zoeken</label><input id="q" name="q" type="search">
  <button type="submit">Zoek</button></form>
</header>
<div class="wrapper">
  <ol class="breadcrumb"><li><a href="/">Home</a></li><li><a href="/kamerstukken">Kamerstukken</a></li>
  <li>Lijst van vragen en antwoorden</li></ol>
  <main id="inhoud">
${content}
    <div class="share-buttons">Delen: <a href="https://www.facebook.com/sharer/sharer.php?u=x">Facebook</a>
    <a href="https://twitter.com/intent/tweet?url=x">X</a> <a href="mailto:?subject=Kamerstuk">E-mail</a></div>
    <p><a href="#top">Naar boven</a></p>
  </main>
  <aside class="sidebar"><h2>Gerelateerd</h2><ul>
    <li><a href="/kst-1">Vraag 12: Hoe staat het met de begroting?</a></li>
    <li><a href="/kst-2">Antwoord op vragen over het jaarverslag van de Belastingdienst</a></li>
  </ul></aside>
</div>
<footer class="site-footer"><ul><li><a href="/contact">Contact</a></li><li><a href="/privacy">Privacy</a></li>
<li><a href="/toegankelijkheid">Toegankelijkheid</a></li></ul><p>© Voorbeeldsite 2025. Alle rechten voorbehouden.</p></footer>
<script src="/js/site.js"></script>
<noscript><p>Zet JavaScript aan om te zoeken.</p></noscript>
</body>
</html>
`;
}

const HEADINGS: Partial<Record<LayoutRole, string>> = { title: 'h1', section: 'h2', 'question-label': 'h3' };

/**
 * Another site's page for a publication: the text layout's paragraphs as plain h1/h2/h3/p, markers as
 * superscript links to a list of notes (with back links), no classes that say what anything is.
 */
function layoutPage(pub: Publication, titleApart = false): string {
  const withText = new Set(pub.footnotes.filter((f) => f.text !== null).map((f) => f.number));
  const inline = (content: readonly Inline[]): string =>
    content
      .map((node) =>
        node.type === 'text'
          ? escapeHtml(node.value)
          : withText.has(node.number)
            ? `<sup><a href="#noot${node.number}" id="ref${node.number}">${node.number}</a></sup>`
            : `<sup>${node.number}</sup>`,
      )
      .join('');
  const out: string[] = [];
  const layout = officialLayout(pub);
  const title = titleApart ? layout.find((p) => p.role === 'title') : undefined;
  if (title) {
    // As tweedekamer.nl shows a document: the kind and title in the page's heading, with facts the
    // document does not hold (visually hidden labels), and the text itself in a panel below.
    const [kind, ...rest] = inlineText(title.content).split(' : ');
    out.push(
      '<header class="m-page-header">',
      `<h1><span class="u-text-primary u-font-normal">${escapeHtml(kind!)}</span> : ${escapeHtml(rest.join(' : '))}</h1>`,
      '<p><span class="h-visually-hidden">Nummer:</span> 2025D04328 <span class="h-visually-hidden">Datum:</span> 4 februari 2025</p>',
      '<a aria-label="Download kamerstuk" href="/downloads/document?id=2025D04328">Download (PDF, 120 kB)</a>',
      '</header>',
      '<div class="m-modal__content">',
    );
  } else out.push('<div class="document">');
  let notes: string[] = [];
  const closeNotes = (): void => {
    if (notes.length > 0) out.push(`<hr><ol class="notes">${notes.join('\n')}</ol>`);
    notes = [];
  };
  for (const p of layout) {
    if (p.role === 'footnote-rule' || p === title) continue;
    if (p.role === 'footnote') {
      const back = `<a href="#ref${p.footnote}" aria-label="terug naar de tekst">↩</a>`;
      notes.push(`<li id="noot${p.footnote}">${escapeHtml(inlineText(p.content))} ${back}</li>`);
      continue;
    }
    closeNotes();
    const tag = HEADINGS[p.role] ?? 'p';
    const marker = p.marker !== undefined ? `${escapeHtml(p.marker)} ` : '';
    out.push(`<${tag}>${marker}${inline(p.content)}</${tag}>`);
  }
  closeNotes();
  out.push('</div>');
  return sitePage(out.join('\n'));
}

describe('our own HTML reads back to its tree', () => {
  for (const name of fixtureNames()) {
    const pub = readFixture(name);
    test(name, () => {
      const html = renderHtml(pub);
      const back = read(html, name);
      // The labels as printed ("1.", "Vraag (1):", none) come back from the page's data-label and
      // its mark on an added "Antwoord", though the headings show "Vraag N".
      assert.deepEqual(comparable(back), comparable(pub));
      assert.equal(back.source.reader, 'html');
      // Nothing else is lost: the tree read back renders to the very same page.
      assert.equal(renderHtml(back), html);
      // The fragment for the web app and the English labels read the same.
      assert.deepEqual(comparable(read(renderHtml(pub, { fragment: true }), name)), comparable(pub));
      assert.deepEqual(comparable(read(renderHtml(pub, { lang: 'en' }), name)), comparable(pub));
      // Links to the Kamerstukken it names are text like any other.
      const linked = renderHtml(pub, { linkFor: (ref) => `/publicaties/${ref.id}` });
      assert.deepEqual(comparable(read(linked, name)), comparable(pub));
    });
  }
});

describe('our page reads like the text layout of the same tree', () => {
  // Trees the fixtures do not hold: no document type (the page fills in the kind's name), a title
  // added or taken away, the sections repeated (question numbers taken twice: ids vraag-pN).
  const variants: Record<string, (pub: Publication) => Publication> = {
    'no document type': (pub) => ({ ...pub, documentType: null }),
    'a title': (pub) => ({ ...pub, title: 'Vragen over de begroting voor het jaar 2024' }),
    'no title': (pub) => ({ ...pub, title: null }),
    'sections repeated': (pub) => ({
      ...pub,
      sections: [...pub.sections, ...pub.sections.map((s) => ({ ...s, title: 'Tweede deel' }))],
    }),
  };
  for (const name of fixtureNames()) {
    const pub = readFixture(name);
    for (const [what, change] of Object.entries(variants)) {
      test(`${name}, ${what}`, () => {
        const tree = change(pub);
        const viaText = readText(renderText(tree), { fileName: name, words });
        assert.deepEqual(comparable(read(renderHtml(tree), name)), comparable(viaText));
      });
    }
  }
});

describe('page chrome is left out', () => {
  for (const name of fixtureNames()) {
    test(`our page inside a site's chrome: ${name}`, () => {
      const pub = readFixture(name);
      const plain = read(renderHtml(pub), name);
      const inSite = read(sitePage(renderHtml(pub, { fragment: true })), name);
      assert.deepEqual(comparable(inSite), comparable(plain));
    });

    test(`another site's page with the text layout reads like the text: ${name}`, () => {
      const pub = readFixture(name);
      assert.deepEqual(comparable(read(layoutPage(pub), name)), comparable(pub));
      // The title in the page's heading, outside the element that holds the text, still counts.
      if (pub.title) assert.deepEqual(comparable(read(layoutPage(pub, true), name)), comparable(pub));
    });
  }
});

// The official HTML as repository.overheid.nl serves it for ah-tk-20202021-3235 (head, #kopregel,
// #broodtekst with h1.kamervraagomschrijving_kop, div.vraag / div.antwoord with h2.stuktitel, the
// extref as a link to stb-2020-118.html): copied from MinBZK/woo-besluit-broncode-PLOOI,
// verwerken/plooi-dcn/dcn-integratie-testen/src/test/resources/test-data/oep/repository.overheid.nl/
// frbr/officielepublicaties/ah-tk/20202021/ah-tk-20202021-3235/1/html/ah-tk-20202021-3235.html
// (questions 1-4 of 9; head shortened). This publication has no notes: the two markers in question 3
// and the #noten block are added in the markup zoek.officielebekendmakingen.nl used for notes, as
// captured in openkamer/openkamer openkamer/tests.py (test_find_question_in_html, test_parse_footnotes).
const OFFICIAL_HEAD = `<?xml version="1.0" encoding="utf-8"?><!DOCTYPE html
  PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="nl">
   <head>
      <meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
      <meta name="DC.identifier" scheme="OVERHEIDop.ParlID" content="ah-tk-20202021-3235" />
      <meta name="OVERHEIDop.vraagnummer" scheme="" content="2021Z09739" />
      <meta name="OVERHEIDop.aanhangselNummer" scheme="" content="3235" />
      <meta name="DC.type" scheme="OVERHEIDop.AanhangselTypen" content="Antwoord" />
      <meta name="OVERHEIDop.vergaderjaar" scheme="" content="2020-2021" />
      <meta name="DC.creator" scheme="OVERHEID.StatenGeneraal"
            content="Tweede Kamer der Staten-Generaal" />
      <meta name="DC.type" scheme="OVERHEIDop.Parlementair"
            content="Aanhangsel van de Handelingen" />
      <meta name="DC.title" scheme=""
            content="Antwoord op vragen van de leden Van Weyenberg, Romke de Jong en Kat over de Tozo" />
      <meta name="OVERHEIDop.versieInformatie" content="" /><script src="./popup.js" type="text/javascript"></script><script src="./popup-setup.js" type="text/javascript"></script><link href="./op.css" rel="stylesheet" type="text/css" />
      <link href="./kamervragen.css" rel="stylesheet" type="text/css" />
      <title></title>
   </head>`;

const OFFICIAL_QA = `
         <h1 class="kamervraagomschrijving_kop no-toc"><a id="d17e45" name="d17e45"></a>Vragen van de leden Van Weyenberg, Romke de Jong en Kat (allen D66) aan de Minister
            van Sociale Zaken en Werkgelegenheid over de TOZO (ingezonden 3 juni 2021).
         </h1>
         <h1 class="kamervraagomschrijving_kop no-toc"><a id="d17e47" name="d17e47"></a>Antwoord van Minister Koolmees (Sociale Zaken en Werkgelegenheid) (ontvangen 21 juni
            2021).
         </h1>
         <div class="vraag">
            <h2 class="stuktitel no-toc"><a id="d17e51" name="d17e51"></a>Vraag 1
            </h2>
            <p>Klopt het dat de Tijdelijke overbruggingsregeling zelfstandig ondernemers (TOZO) en
               het Besluit bijstandverlening zelfstandigen (BBZ)-krediet beide voor zelfstandige
               ondernemers bedoeld zijn, beide een lening zijn uitgevoerd door gemeenten, maar beide
               wel een ander rentepercentage kennen?
            </p>
         </div>
         <div class="antwoord">
            <h2 class="stuktitel no-toc"><a id="d17e58" name="d17e58"></a>Antwoord 1
            </h2>
            <p>Ja. Volledigheidshalve merk ik op dat beide vormen van kredietverstrekking, behalve
               overeenkomsten, ook belangrijke verschillen kennen. Zo kent de Tozo-lening bijvoorbeeld
               een beperkter doel van de lening en een beperktere doelgroep, een beperktere omvang
               van de maximale lening en een beperktere looptijd dan de lening op grond van het Besluit
               bijstandverlening zelfstandigen 2004 (Bbz).
            </p>
         </div>
         <div class="vraag">
            <h2 class="stuktitel no-toc"><a id="d17e65" name="d17e65"></a>Vraag 2
            </h2>
            <p>Kunt u toelichten waarom het rentepercentage voor de TOZO-lening op 2% is gesteld?</p>
         </div>
         <div class="antwoord">
            <h2 class="stuktitel no-toc"><a id="d17e72" name="d17e72"></a>Antwoord 2
            </h2>
            <p>Bij de invoering van de Tozo is toegelicht waarom de hoogte van de rente is bepaald
               op 2% (<a href="stb-2020-118.html" title="link naar publicatie stb-2020-118">Staatsblad 2020, 118</a>). Bij de keuze voor de rente van 2% in het kader van geldleningen op grond van de
               Tozo is aangesloten bij het rentepercentage dat Qredits Microfinanciering Nederland
               (Qredits) hanteert voor het Corona Overbruggingskrediet in het kader van de tijdelijke
               noodmaatregelen. Qredits ondersteunt – gesubsidieerd vanuit het Rijk – in aanmerking
               komende ondernemingen via het Corona Overbruggingskrediet, waarbij de rente het eerste
               jaar 2% is en daarna 5,75%.
            </p>
         </div>
         <div class="vraag">
            <h2 class="stuktitel no-toc"><a id="d17e82" name="d17e82"></a>Vraag 3
            </h2>
            <p>Kunt u toelichten waarom het rentepercentage voor BBZ-krediet op 8% is gesteld?<a class="nootnum supernote-click-ID-2021Z09739-d37e57" href="#ID-2021Z09739-d37e57">1</a> <a class="nootnum supernote-click-n2" href="#n2">2</a></p>
         </div>
         <div class="antwoord">
            <h2 class="stuktitel no-toc"><a id="d17e89" name="d17e89"></a>Antwoord 3
            </h2>
            <p>Bij de hoogte van de rente in het Bbz geldt als uitgangspunt dat deze rente marktconform
               is en het niveau van de bankrente voor zakelijke kredieten volgt. De bijstand is aanvullend
               op voorliggende voorzieningen. Voor de zelfstandig ondernemer betekent dit dat een
               beroep op bijstand in de vorm van een lening voor bedrijfskapitaal niet mogelijk is
               indien via andere regelingen of instellingen, waaronder banken en Qredits, leningen
               kunnen worden aangetrokken. Het Bbz geldt als laatste vangnet. Het gaat hierbij om
               hoge risico’s en er zijn veelal geen mogelijkheden tot het stellen van zekerheden
               dat wordt terugbetaald. In artikel 15 van het Bbz is de hoogte van de rente marktconform
               vastgesteld op 8 procent. Het in het Bbz voorgeschreven rentepercentage is ongeveer
               gelijk aan het rentepercentage dat Qredits hanteert bij leningen voor bedrijfskapitaal.
            </p>
         </div>
         <div class="vraag">
            <h2 class="stuktitel no-toc"><a id="d17e96" name="d17e96"></a>Vraag 4
            </h2>
            <p>In hoeverre bent u van mening dat het verschil tussen die twee rentepercentages moeilijk
               uit te leggen is aan een ondernemer?
            </p>
         </div>
         <div class="antwoord">
            <h2 class="stuktitel no-toc"><a id="d17e103" name="d17e103"></a>Antwoord 4
            </h2>
            <p>Zie de antwoorden op de vragen 2 en 3 voor een toelichting op het verschil. Het Bbz
               is een structurele regeling voor zelfstandigen die door specifieke omstandigheden
               omtrent hun bedrijf geen krediet bij banken kunnen krijgen. Een lagere rente hanteren
               in het Bbz zou leiden tot bezwaren inzake staatssteun en concurrentievervalsing. De
               Tozo is een tijdelijke noodregeling voor zelfstandigen die als gevolg van de coronacrisis
               worden geconfronteerd met een liquiditeitsprobleem. De Tozo dient ter overbrugging
               van de coronacrisis die niet als normaal ondernemersrisico kan worden aangemerkt.
               Ik acht het daarom goed uitlegbaar dat alleen in de Tozo een lagere, niet marktconforme
               rente wordt gehanteerd.
            </p>
         </div>`;

const OFFICIAL_NOTES = `
      <div id="noten">
         <hr />
         <div class="voet noot snp-mouseoffset snb-pinned notedefault" id="supernote-note-ID-2021Z09739-d37e57">
            <h5 class="note-close"><a class="note-close" href="#close-ID-2021Z09739-d37e57">X</a> Noot
            </h5><sup><span class="nootnum"><a id="ID-2021Z09739-d37e57" name="ID-2021Z09739-d37e57"></a>1</span></sup><p><a href="https://www.rijksoverheid.nl/onderwerpen/tozo" title="link naar https://www.rijksoverheid.nl/onderwerpen/tozo" class="externe_link">https://www.rijksoverheid.nl/onderwerpen/tozo</a></p>
         </div>
         <div class="voet noot snp-mouseoffset snb-pinned notedefault" id="supernote-note-n2">
            <h5 class="note-close"><a class="note-close" href="#close-n2">X</a> Noot
            </h5><sup><span class="nootnum"><a id="n2" name="n2"></a>2</span></sup><p>Bbz: Besluit bijstandverlening zelfstandigen 2004</p>
         </div>
      </div>`;

/** The repository's HTML file: the document alone, with KOOP's metadata in its head. */
const officialFile = `${OFFICIAL_HEAD}
   <body onload="enablePopup()">
      <div id="kopregel">
         <!--EINDE kopregel-->
      </div>
      <div id="inhoudsopgave"></div>
      <div id="broodtekst">${OFFICIAL_QA}
      </div>${OFFICIAL_NOTES}
      <div id="voetregel"></div>
   </body>
</html>`;

/**
 * The same document on the portal, without #broodtekst: site chrome, a metadata table before the
 * document (its captions as zoek.officielebekendmakingen.nl/kst-34700-19.html shows them) and only
 * dcterms.identifier in the head (the field openkamer's scraper reads there).
 */
const officialPortal = `<!DOCTYPE html>
<html lang="nl"><head><meta charset="utf-8"><title>Aanhangsel van de Handelingen 2020-2021, nr. 3235 | Overheid.nl</title>
<meta name="dcterms.identifier" content="ah-tk-20202021-3235">
<link rel="canonical" href="https://zoek.officielebekendmakingen.nl/ah-tk-20202021-3235.html"></head>
<body>
<header class="header"><nav class="header__nav"><a href="/">Overheid.nl</a> <a href="/zoeken">Zoeken</a></nav></header>
<main class="global-main"><div class="container">
  <div class="row">
    <table class="table table--condensed"><caption>Aanhangsel van de Handelingen</caption>
      <tr><th>Datum publicatie</th><th>Organisatie</th><th>Vergaderjaar</th><th>Vraagnummer</th></tr>
      <tr><td>21-06-2021</td><td>Tweede Kamer der Staten-Generaal</td><td>2020-2021</td><td>2021Z09739</td></tr>
    </table>
  </div>
  <div class="publicatie">${OFFICIAL_QA}
  </div>${OFFICIAL_NOTES}
</div></main>
<footer class="footer"><p>Overheid.nl is een product van KOOP</p></footer>
</body></html>`;

describe('the official HTML of zoek.officielebekendmakingen.nl', () => {
  const xml = readXml(readFileSync(new URL('../fixtures/xml/ah-tk-20202021-3235.xml', import.meta.url)), {
    fileName: 'ah-tk-20202021-3235.xml',
  });

  for (const [what, html] of [
    ['the repository file', officialFile],
    ['the portal page', officialPortal],
  ] as const) {
    test(`${what}: questions, answers, notes and the extref`, () => {
      const pub = read(html, 'pagina.html');
      assert.equal(pub.id, 'ah-tk-20202021-3235');
      assert.equal(pub.kind, 'written-questions');
      assert.equal(pub.chamber, 'tweede-kamer');
      assert.equal(pub.session, '2020-2021');
      assert.equal(pub.number, '3235');
      assert.equal(pub.source.file, 'pagina.html');
      assert.deepEqual(pub.request.askers, [
        { name: 'Van Weyenberg', party: 'D66' },
        { name: 'Romke de Jong', party: 'D66' },
        { name: 'Kat', party: 'D66' },
      ]);
      assert.equal(pub.request.answeredBy, 'Minister Koolmees');
      assert.equal(pub.dates.sent, '2021-06-03');
      assert.equal(pub.dates.received, '2021-06-21');
      assert.ok(pub.complete);
      assert.deepEqual(pub.warnings, []);

      const questions = pub.sections.flatMap((s) => s.questions);
      assert.deepEqual(
        questions.map((q) => [q.number, q.label, q.answerLabel]),
        [1, 2, 3, 4].map((n) => [n, `Vraag ${n}`, `Antwoord ${n}`]),
      );
      // The same questions and answers as the official XML of this publication.
      const fromXml = xml.sections.flatMap((s) => s.questions).slice(0, 4);
      assert.deepEqual(
        questions.map((q) => [q.question, q.answer]),
        fromXml.map((q) => [q.question, q.answer]),
      );
      // The extref's text stands in the answer.
      assert.match(questions[1]!.answer!, /bepaald op 2% \(Staatsblad 2020, 118\)\. Bij de keuze/);
      // Both markers ("?1 2" on the page) in question 3, the notes' texts without "X Noot" and numbers.
      assert.deepEqual(questions[2]!.footnotes, [1, 2]);
      assert.deepEqual(questions[2]!.questionBlocks, [
        {
          type: 'paragraph',
          content: [
            {
              type: 'text',
              value: 'Kunt u toelichten waarom het rentepercentage voor BBZ-krediet op 8% is gesteld?',
            },
            { type: 'footnoteRef', number: 1 },
            { type: 'footnoteRef', number: 2 },
          ],
        },
      ]);
      assert.deepEqual(pub.footnotes, [
        { number: 1, text: 'https://www.rijksoverheid.nl/onderwerpen/tozo', question: 3 },
        { number: 2, text: 'Bbz: Besluit bijstandverlening zelfstandigen 2004', question: 3 },
      ]);
      assert.deepEqual(questions[3]!.refersTo, [2, 3]);
      assert.ok(
        pub.references.some(
          (r) =>
            r.kind === 'url' && r.url === 'https://www.rijksoverheid.nl/onderwerpen/tozo' && r.question === 3,
        ),
      );
    });
  }

  test('the repository file and the portal page read the same (but for the title, in the file’s head only)', () => {
    const file = read(officialFile);
    assert.equal(
      file.title,
      'Antwoord op vragen van de leden Van Weyenberg, Romke de Jong en Kat over de Tozo',
    );
    assert.deepEqual(comparable(read(officialPortal)), { ...comparable(file), title: null });
  });

  // A Kamerstuk as the repository serves one (kst-32545-143.html in the same PLOOI test data):
  // h1.dossiertitel before div.stuk, h1.stuktitel with span.stuknummer, p.kamerstukdatum, div.algemeen.
  // Without #broodtekst, as on the portal; the questions are plain paragraphs, as in lists without
  // vraag/antwoord markup.
  test('a Kamerstuk: the dossier heading before div.stuk belongs to the document', () => {
    const html = `<!DOCTYPE html><html lang="nl"><head>
      <meta name="DC.identifier" scheme="OVERHEIDop.ParlID" content="kst-36100-4" />
      <meta name="OVERHEIDop.vergaderjaar" scheme="" content="2021-2022" />
      <meta name="DC.creator" scheme="OVERHEID.StatenGeneraal" content="Tweede Kamer der Staten-Generaal" />
      <meta name="OVERHEIDop.documenttitel" scheme="" content="Lijst van vragen en antwoorden over de Staat van de rijksverantwoording 2021" />
      <meta name="DC.title" scheme="" content="Financieel jaarverslag van het Rijk 2021; Lijst van vragen en antwoorden; Lijst van vragen en antwoorden over de Staat van de rijksverantwoording 2021" />
      </head><body><div class="metadata"><p>Kamerstuk 36100-4 | Gepubliceerd 10 juni 2022</p></div>
      <h1 class="dossiertitel"><a id="d17e45" name="d17e45"></a><span class="dossiernummer">
               36 100
               </span> Financieel jaarverslag van het Rijk 2021
      </h1>
      <div class="stuk">
        <h1 class="stuktitel"><a id="d17e50" name="d17e50"></a><span class="stuknummer">Nr. 4
              </span> LIJST VAN VRAGEN EN ANTWOORDEN
        </h1>
        <p class="kamerstukdatum">Vastgesteld <span class="datum">9 juni 2022</span></p>
        <div class="algemeen">
          <p>De commissie voor de Rijksuitgaven heeft een aantal vragen voorgelegd aan de Algemene Rekenkamer
             over de brief van 18 mei 2022 inzake het rapport Staat van de rijksverantwoording 2021 (Kamerstuk 36 100, nr. 3).</p>
          <p>De Algemene Rekenkamer heeft deze vragen beantwoord bij brief van 8 juni 2022. Vragen en antwoorden zijn hierna afgedrukt.</p>
          <div class="alineagroep"><p>De voorzitter van de commissie,</p><p>Sneller</p></div>
          <div class="alineagroep"><p>De griffier van de commissie,</p><p>Schukkink</p></div>
          <p>Vraag 1</p>
          <p>Waarom neemt de Algemene Rekenkamer niet het hele Financieel Jaarverslag van het Rijk mee in haar beoordeling?</p>
          <p>Antwoord op vraag 1</p>
          <p>De Comptabiliteitswet 2016 legt vast wat de Algemene Rekenkamer in haar verantwoordingsonderzoek betrekt.</p>
          <p>Vraag 2</p>
          <p>Hoe vaak gaf de Algemene Rekenkamer een oordeel met beperking?</p>
          <p>Antwoord op vraag 2</p>
          <p>Dit jaar bij drie ministeries.</p>
        </div>
      </div></body></html>`;
    const pub = read(html);
    assert.equal(pub.id, 'kst-36100-4');
    assert.deepEqual(pub.dossiers, [{ number: '36 100', title: 'Financieel jaarverslag van het Rijk 2021' }]);
    assert.equal(pub.number, '4');
    assert.equal(pub.documentType, 'LIJST VAN VRAGEN EN ANTWOORDEN');
    assert.equal(pub.kind, 'question-list');
    assert.equal(pub.session, '2021-2022');
    assert.equal(pub.dates.adopted, '2022-06-09');
    assert.equal(pub.title, 'Lijst van vragen en antwoorden over de Staat van de rijksverantwoording 2021');
    assert.equal(pub.request.committee, 'commissie voor de Rijksuitgaven');
    const questions = pub.sections.flatMap((s) => s.questions);
    assert.deepEqual(
      questions.map((q) => [q.number, q.answerLabel, q.answer]),
      [
        [
          1,
          'Antwoord op vraag 1',
          'De Comptabiliteitswet 2016 legt vast wat de Algemene Rekenkamer in haar verantwoordingsonderzoek betrekt.',
        ],
        [2, 'Antwoord op vraag 2', 'Dit jaar bij drie ministeries.'],
      ],
    );
    assert.ok(!pub.sections.some((s) => s.intro.length > 0 || s.title));
  });
});

describe('hostile and broken pages', () => {
  test('a news article is no publication', () => {
    const article = `<article><h1>Kabinet presenteert nieuwe plannen voor woningbouw</h1>
      <p class="meta">Door onze redactie · 12 maart 2025</p>
      <p>Het kabinet wil de komende jaren honderdduizend woningen per jaar bouwen. Dat staat in een brief die
      minister De Vries vandaag naar de Tweede Kamer stuurde.</p>
      <p>Oppositiepartijen reageerden kritisch. „Dit hebben we vaker gehoord”, zei een Kamerlid.</p>
      <h2>Bouwgrond</h2><p>Gemeenten moeten sneller bouwgrond aanwijzen, vindt de minister.</p></article>`;
    assert.equal(readError(sitePage(article)), 'not-a-publication');
    assert.match(
      (() => {
        try {
          read(sitePage(article));
        } catch (error) {
          return String(error instanceof Error ? error.message : error);
        }
        return '';
      })(),
      /holds no publication: no questions and answers found/,
    );
  });

  test('empty pages', () => {
    assert.equal(readError(''), 'empty');
    assert.equal(readError('  \n '), 'empty');
    assert.equal(readError('<html></html>'), 'not-a-publication');
    assert.equal(
      readError('<!doctype html><html><head><title>Leeg</title></head><body> </body></html>'),
      'not-a-publication',
    );
    // Chrome alone.
    assert.equal(readError(sitePage('')), 'not-a-publication');
  });

  test('a page cut off: a ReadError saying so, or a tree flagged incomplete', () => {
    const pub = readFixture('kst-36360-VI-12.txt');
    assert.ok(pub.complete);
    const html = renderHtml(pub);
    const half = read(html.slice(0, Math.floor(html.length / 2)));
    assert.equal(half.complete, false);
    const questions = half.sections.flatMap((s) => s.questions);
    assert.ok(questions.length > 0 && questions.length < pub.sections.flatMap((s) => s.questions).length);
    assert.equal(questions[questions.length - 1]!.incomplete, true);
    // Cut before the document's text starts (in the head): a ReadError that says the page breaks off.
    assert.equal(readError(html.slice(0, Math.floor(html.length / 20))), 'truncated');
    // Any cut of any fixture's page: one of the two, nothing else.
    for (const name of fixtureNames()) {
      const page = renderHtml(readFixture(name));
      const end = page.indexOf('</article>');
      for (let k = 1; k < 10; k++) {
        const cut = page.slice(0, Math.floor((end * k) / 10));
        try {
          assert.equal(read(cut).complete, false, `${name} cut at ${k}/10`);
        } catch (error) {
          assert.ok(
            isReadError(error) && error.code === 'truncated',
            `${name} cut at ${k}/10: ${String(error)}`,
          );
        }
      }
    }
  });

  test('10 000 levels of nesting: no stack overflow', () => {
    const pub = readFixture('kst-36360-VI-12.txt');
    const deep = (open: string, close: string, inner: string): string =>
      `<!doctype html><html><body>${open.repeat(10_000)}${inner}${close.repeat(10_000)}</body></html>`;
    const nested = read(deep('<div>', '</div>', renderHtml(pub, { fragment: true })));
    assert.deepEqual(comparable(nested), comparable(read(renderHtml(pub))));
    for (const [open, close] of [
      ['<div>', '</div>'],
      ['<span>', '</span>'],
      ['<ul><li>', '</li></ul>'],
      ['<table><tr><td>', '</td></tr></table>'],
      ['<blockquote>', '</blockquote>'],
      ['<sup><a href="#n1">', '</a></sup>'],
      ['<section><header>', '</header></section>'],
    ] as const) {
      assert.equal(readError(deep(open, close, 'Geen vragen hier')), 'not-a-publication', open);
    }
    // Cut off inside the nesting.
    assert.equal(readError(`<body>${'<div>'.repeat(10_000)}tekst`), 'truncated');
  });

  test('a huge page is refused before parsing', () => {
    const huge = `<!doctype html><html><body><p>${'Vraag 1 '.repeat(HTML_SIZE_LIMIT / 8)}</p></body></html>`;
    assert.equal(readError(huge), 'too-large');
  });

  test('whatever the input, a tree or a ReadError', () => {
    const tag = fc.constantFrom(
      '<p>',
      '</p>',
      '<div class="vraag">',
      '<div class="antwoord">',
      '</div>',
      '<article class="vb-publicatie">',
      '<section class="vb-vraag" id="vraag-p1">',
      '<h3 class="vb-vraag-kop">',
      '<sup class="vb-noot-ref">',
      '<a href="#noot-1">',
      '<li class="vb-noot" id="noot-1" value="1">',
      '<ol start="x" type="i">',
      '<table><tr><td>',
      '<h1 class="vb-stuktitel"><span class="vb-stuknummer">',
      '<script>',
      '<!--',
      '<![CDATA[',
      '<svg><foreignObject>',
      '<template>',
      '&amp;',
      '&#0;',
    );
    const piece = fc.oneof(
      tag,
      fc.constantFrom('Vraag 1', 'Antwoord 1', 'Is dat zo?', 'Ja.', '1', '\n\n'),
      fc.string(),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        try {
          const pub = read(pieces.join(''));
          assert.equal(typeof pub.complete, 'boolean');
        } catch (error) {
          assert.ok(isReadError(error), `not a ReadError: ${String(error)}`);
        }
      }),
      { numRuns: 300 },
    );
  });
});
