// Every point the foundation issue lists for the complete fixture, asserted one by one.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Question } from '../../../src/model/publication.js';
import { fixtureText, readFixture } from '../../helpers/read.js';

const pub = readFixture('kst-36360-VI-12.txt');
const questions = pub.sections.flatMap((s) => s.questions);
const q = (n: number): Question => {
  const found = questions.find((x) => x.number === n);
  assert.ok(found, `question ${n} exists`);
  return found;
};

describe('kst-36360-VI-12: identity and request', () => {
  test('id, chamber, session, dossier, number', () => {
    assert.equal(pub.id, 'kst-36360-VI-12');
    assert.equal(pub.kind, 'question-list');
    assert.equal(pub.chamber, 'tweede-kamer');
    assert.equal(pub.session, '2022-2023');
    assert.deepEqual(
      pub.dossiers.map((d) => d.number),
      ['36 360 VI'],
    );
    assert.equal(pub.number, '12');
  });

  test('committee, addressee and answer date', () => {
    assert.equal(pub.request.committee, 'vaste commissie voor Digitale Zaken');
    assert.deepEqual(pub.request.addressees, ['Minister van Binnenlandse Zaken en Koninkrijksrelaties']);
    assert.equal(pub.dates.answered, '2023-06-08');
  });

  test('asked about three annual reports of 17 May 2023', () => {
    const docs = pub.request.documents;
    assert.equal(docs.length, 3);
    assert.deepEqual(
      docs.map((d) => d.date),
      ['2023-05-17', '2023-05-17', '2023-05-17'],
    );
    assert.deepEqual(
      docs.map((d) => d.reference?.id),
      ['kst-36360-VI-1', 'kst-36360-VII-1', 'kst-36360-XIII-1'],
    );
    assert.deepEqual(
      docs.map((d) => d.reference?.dossier),
      ['36 360 VI', '36 360 VII', '36 360 XIII'],
    );
  });

  test('signed by voorzitter Kamminga and adjunct-griffier Muller', () => {
    assert.deepEqual(pub.signatories, [
      { role: 'voorzitter', name: 'Kamminga' },
      { role: 'adjunct-griffier', name: 'Muller' },
    ]);
  });
});

describe('kst-36360-VI-12: sections and questions', () => {
  test('four sections in order, with the right questions', () => {
    assert.equal(pub.sections.length, 4);
    const [jenv, bzk, ezk, overall] = pub.sections;
    assert.match(
      jenv!.title ?? '',
      /^Vragen en antwoorden inzake Jaarverslag 2022 van het Ministerie van Justitie en Veiligheid$/,
    );
    assert.match(bzk!.title ?? '', /Binnenlandse Zaken en Koninkrijksrelaties$/);
    assert.match(ezk!.title ?? '', /Economische Zaken en Klimaat$/);
    assert.match(overall!.title ?? '', /^Overkoepelende \/ overige vragen/);
    assert.deepEqual(
      jenv!.questions.map((x) => x.number),
      [1, 2, 3, 4, 5, 6],
    );
    assert.deepEqual(bzk!.questions, []);
    assert.equal(bzk!.noQuestions, true);
    assert.deepEqual(
      ezk!.questions.map((x) => x.number),
      Array.from({ length: 18 }, (_, i) => i + 7),
    );
    assert.deepEqual(overall!.questions, []);
    assert.equal(overall!.noQuestions, true);
  });

  test('24 questions, every one with its answer, none incomplete', () => {
    assert.equal(questions.length, 24);
    for (const x of questions) {
      assert.ok(x.question.length > 20, `question ${x.number} has text`);
      assert.ok(x.answer && x.answer.length > 20, `question ${x.number} has an answer`);
      assert.equal(x.incomplete, false);
    }
    assert.equal(pub.complete, true);
  });

  test("question 3's answer holds a list of 7 items", () => {
    const lists = q(3).answerBlocks.filter((b) => b.type === 'list');
    assert.equal(lists.length, 1);
    const list = lists[0]!;
    assert.ok(list.type === 'list');
    assert.equal(list.items.length, 7);
    assert.equal(list.ordered, false);
    assert.match(q(3).answer ?? '', /\n• Basisvoorziening IV: Niet alle IV-systemen/);
  });

  test("question 15's answer refers to question 14", () => {
    assert.deepEqual(q(15).refersTo, [14]);
    assert.ok(pub.references.some((r) => r.kind === 'question' && r.question === 15 && r.target === 14));
  });
});

describe('kst-36360-VI-12: footnotes, artefacts and hyphenation', () => {
  test('four footnotes on questions 9, 10, 22 and 22', () => {
    assert.deepEqual(
      pub.footnotes.map((f) => [f.number, f.question]),
      [
        [1, 9],
        [2, 10],
        [3, 22],
        [4, 22],
      ],
    );
    assert.equal(pub.footnotes[0]!.text, 'https://algoritmes.overheid.nl/nl.');
    assert.equal(pub.footnotes[3]!.text, 'Kamerstuk 26 643, nr. 1005.');
    assert.ok(
      pub.references.some(
        (r) => r.kind === 'kamerstuk' && r.question === 22 && r.kamerstuk.id === 'kst-26643-1005',
      ),
    );
    assert.deepEqual(q(22).footnotes, [3, 4]);
  });

  test('the footnote marker stays where it was', () => {
    const last = q(9).answerBlocks.at(-1);
    assert.ok(last?.type === 'paragraph');
    assert.deepEqual(last.content.at(-1), { type: 'footnoteRef', number: 1 });
  });

  test('no footnote text and no page footer inside any answer', () => {
    for (const x of questions) {
      const text = `${x.question}\n${x.answer}`;
      assert.doesNotMatch(text, /Tweede Kamer, vergaderjaar/);
      assert.doesNotMatch(
        text,
        /TNO Rapport Herijking|Data Centres and Data Transmission|algoritmes\.overheid\.nl/,
      );
    }
    assert.match(q(11).answer ?? '', /intelligentie\. Deze onderzoeksprogramma’s hebben geleid/);
    assert.match(q(24).answer ?? '', /zeer ver uiteen, maar er kan wel/);
  });

  test('no word broken by a hyphen the original did not have', () => {
    const all = questions.map((x) => `${x.question} ${x.answer}`).join(' ');
    for (const word of [
      'Ministerie',
      'Kinderpornografisch',
      'informatievoorzieningen',
      'cybercriminaliteit',
      'Kortheidshalve',
      'algoritmeregister',
      'Persoonsgegevens',
      'digitaledienstencoördinator',
      'onderzoeksprogramma’s',
      'geaggregeerde',
    ]) {
      assert.ok(all.includes(word), `${word} is whole`);
    }
    assert.ok(all.includes('wet- en regelgeving'));
    assert.ok(all.includes('uitvoerings-, beleidsondersteunende- en toezichtstaken'));
    // Every hyphen left in the text stood in the source too, or at a line end decided as a real hyphen.
    const source = fixtureText('kst-36360-VI-12.txt').replace(/-\s*\n\s*/g, '-');
    for (const m of all.matchAll(/[\p{L}]+-[\p{L}]+/gu))
      assert.ok(source.includes(m[0]), `${m[0]} stood in the source`);
  });
});

describe('kst-36360-VI-12: amounts and references', () => {
  const amountsOf = (n: number): number[] => pub.amounts.filter((a) => a.question === n).map((a) => a.euros);

  test('euro amounts normalised per question', () => {
    assert.deepEqual(amountsOf(2), [4_116_000, 6_116_000]);
    assert.deepEqual(amountsOf(6), [68_700_000, 11_100_000]);
    assert.deepEqual(amountsOf(16), [204_500_000, 44_000_000]);
    assert.equal(pub.amounts.find((a) => a.question === 2)?.text, '€ 4,116 mln.');
  });

  test('"550 miljoen liter" is no amount of euros', () => {
    assert.deepEqual(amountsOf(24), []);
    assert.ok(!pub.amounts.some((a) => a.euros === 550_000_000));
  });

  test('Kamerstuk references', () => {
    const ids = pub.references.flatMap((r) => (r.kind === 'kamerstuk' ? [r.kamerstuk.id] : []));
    for (const id of ['kst-29279-719', 'kst-26643-954', 'kst-35925-XIX-12']) assert.ok(ids.includes(id), id);
    const byQuestion = pub.references.find(
      (r) => r.kind === 'kamerstuk' && r.kamerstuk.id === 'kst-29279-719',
    );
    assert.equal(byQuestion?.question, 6);
  });

  test('no warnings', () => {
    assert.deepEqual(pub.warnings, []);
  });
});
