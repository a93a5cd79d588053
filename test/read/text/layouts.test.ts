// Layouts the fixtures do not show, in small synthetic documents written after real ones:
// combined answers in written questions, a consultation with the minister's replies, an unnumbered list.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { readText } from '../../../src/read/text/index.js';
import { renderText } from '../../../src/render/text.js';
import { words } from '../../helpers/read.js';

const read = (name: string) =>
  readText(readFileSync(new URL(`../../fixtures/layouts/${name}`, import.meta.url), 'utf8'), {
    fileName: name,
    words,
  });

describe('written questions with a combined answer', () => {
  const pub = read('written-questions-combined-answer.txt');
  const qs = pub.sections.flatMap((s) => s.questions);

  test('header: askers with their party, two addressees, dates, id from the Aanhangsel number', () => {
    assert.equal(pub.id, 'ah-tk-20202021-3235');
    assert.equal(pub.kind, 'written-questions');
    assert.deepEqual(
      pub.request.askers.map((a) => `${a.name} (${a.party})`),
      ['Van Weyenberg (D66)', 'Romke de Jong (D66)', 'Kat (D66)'],
    );
    assert.deepEqual(pub.request.addressees, [
      'Minister van Sociale Zaken en Werkgelegenheid',
      'Staatssecretaris van Financiën',
    ]);
    assert.equal(pub.dates.sent, '2021-06-03');
    assert.equal(pub.dates.received, '2021-06-21');
  });

  test('"Antwoord 2 en 3" answers both questions', () => {
    assert.deepEqual(
      qs.map((q) => q.number),
      [1, 2, 3, 4],
    );
    const [, q2, q3] = qs;
    assert.deepEqual(q2!.answerCovers, [2, 3]);
    assert.deepEqual(q3!.answerCovers, [2, 3]);
    assert.equal(q2!.answer, q3!.answer);
    assert.match(q2!.answer ?? '', /^Er zijn 400\.000 aanvragen gedaan/);
    assert.deepEqual(q3!.refersTo, [1]);
    assert.deepEqual(pub.warnings, []);
  });

  test('the text rendering prints the shared answer once, after the last question it covers', () => {
    const text = renderText(pub);
    assert.equal(text.match(/Er zijn 400\.000 aanvragen/g)?.length, 1);
    assert.ok(text.indexOf('Vraag 3') < text.indexOf('Antwoord 2 en 3'));
  });
});

describe('written consultation with the minister\u2019s replies', () => {
  const pub = read('consultation-with-replies.txt');

  test('faction sections, each question with its reply', () => {
    assert.equal(pub.kind, 'written-consultation');
    assert.deepEqual(
      pub.sections.map((s) => [s.party, s.questions.length]),
      [
        ['VVD', 2],
        ['SP', 1],
      ],
    );
    const [first, second] = pub.sections[0]!.questions;
    assert.match(first!.question, /^De leden van de VVD-fractie vragen of de minister bereid is/);
    assert.equal(first!.answer, 'Ik ben daartoe bereid. Het standpunt volgt in de brief van volgende week.');
    assert.equal(second!.answer, 'Een meerderheid van de lidstaten steunt het voorstel.');
    assert.equal(pub.sections[1]!.questions[0]!.answer, 'De kosten bedragen € 3 mln.');
  });

  test('header: dates and signatures', () => {
    assert.equal(pub.dates.sent, '2012-02-20');
    assert.equal(pub.dates.answered, '2012-03-01');
    assert.deepEqual(pub.signatories, [
      { role: 'voorzitter', name: 'Smeets' },
      { role: 'griffier', name: 'Teunissen' },
    ]);
  });
});

describe('unnumbered list with answer markers', () => {
  const pub = read('unnumbered-list.txt');

  test('each question before its "Antwoord:" marker', () => {
    const qs = pub.sections.flatMap((s) => s.questions);
    assert.deepEqual(
      qs.map((q) => [q.number, q.question, q.answer]),
      [
        [
          null,
          'Hoeveel medewerkers werken er bij de Belastingdienst?',
          'Er werken ongeveer 30.000 medewerkers bij de Belastingdienst.',
        ],
        [
          null,
          'Wanneer is het nieuwe systeem klaar?',
          'Het nieuwe systeem is naar verwachting in 2023 klaar.',
        ],
      ],
    );
    assert.equal(pub.complete, true);
  });
});
