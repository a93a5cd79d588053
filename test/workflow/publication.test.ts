// The answer letter as a publication (src/workflow/publication.ts): the tree it makes is the very tree the
// readers make of the letter once rendered, as text, DOCX and PDF; its preamble is worded as the
// published kst-36360-VI-12; Kamervragen become an Aanhangsel; and bad input is refused by name.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Publication } from '../../src/model/publication.js';
import { readSource } from '../../src/read/index.js';
import { readText } from '../../src/read/text/index.js';
import { renderBytes } from '../../src/render/index.js';
import { renderText } from '../../src/render/text.js';
import {
  type AnswerLetter,
  answerPublication,
  type LetterList,
  type LetterQuestion,
  type QuestionListLetter,
  type WrittenAnswerLetter,
} from '../../src/workflow/publication.js';
import { comparable, readFixture, words } from '../helpers/read.js';

const LIST: LetterList = {
  kind: 'question-list',
  title: 'Jaarverslag en slotwet Ministerie van Binnenlandse Zaken en Koninkrijksrelaties 2025',
  addressees: ['Minister van Binnenlandse Zaken en Koninkrijksrelaties'],
  documents: ['kst-36560-VII-1'],
  scope:
    'het jaarverslag van 20 mei 2026 van het Ministerie van Binnenlandse Zaken en Koninkrijksrelaties 2025',
  ...{},
};

function question(
  id: number,
  number: number,
  section: string | null,
  text: string,
  answer: string | null,
  answeredWith: number | null = null,
): LetterQuestion {
  return { id, number, section, text, answer, answeredWith };
}

// Three questions: the first before any section, with a list in its answer; the second in a section,
// with a two-paragraph answer; the third answered with the second's answer. Ids are not numbers.
const QUESTIONS: LetterQuestion[] = [
  question(
    101,
    1,
    null,
    'Hoeveel externen werkten eind 2025 bij het ministerie,\nen wat kostten zij?',
    'Eind 2025 werkten 412 externen bij het ministerie. Zij kostten samen € 48,3 miljoen:\n\n' +
      '• inhuur voor ICT: € 31,2 miljoen;\n• inhuur voor beleid: € 17,1 miljoen.',
  ),
  question(
    102,
    2,
    'Digitale overheid',
    'Hoe staat het met de invoering van de Wet digitale overheid?',
    'De Wet digitale overheid is op 1 juli 2023 in werking getreden (Kamerstuk 34 972, nr. 85).\n\n' +
      'De tweede tranche volgt in 2027; het wetsvoorstel daarvoor wordt dit najaar ingediend.',
  ),
  question(103, 3, 'Digitale overheid', 'Wanneer treedt de tweede tranche in werking?', null, 102),
];

const LETTER: QuestionListLetter = {
  list: LIST,
  questions: QUESTIONS,
  committee: 'vaste commissie voor Binnenlandse Zaken',
  ministry: 'Binnenlandse Zaken en Koninkrijksrelaties',
  dossier: '36560-VII',
  number: '57',
  session: '2025-2026',
  letterDate: '2026-06-12',
  fixedDate: '2026-07-03',
  sentDate: '2026-05-28',
  chair: 'Van der Staaij',
  clerk: 'Honsbeek',
  clerkRole: 'adjunct-griffier',
};

/** A tree without where things stood in the source, which the made tree has no way of knowing. */
function lineless(pub: Publication): Publication {
  return {
    ...pub,
    sections: pub.sections.map((s) => ({ ...s, questions: s.questions.map((q) => ({ ...q, line: null })) })),
  };
}

/** Field by field first, so that a failure names the field; then the whole tree. */
function assertSameTree(actual: object, expected: object, what: string): void {
  const a = actual as Record<string, unknown>;
  const e = expected as Record<string, unknown>;
  for (const key of Object.keys(e)) assert.deepEqual(a[key], e[key], `${what}: ${key} differs`);
  assert.deepEqual(actual, expected, what);
}

describe('a question list letter', () => {
  const made = answerPublication(LETTER);
  const text = renderText(made);

  test('is the official Kamerstuk: id, head, preamble, sections, answers', () => {
    assert.equal(made.id, 'kst-36560-VII-57');
    assert.equal(made.kind, 'question-list');
    assert.deepEqual(made.dossiers, [{ number: '36 560 VII', title: LIST.title }]);
    assert.equal(made.documentType, 'LIJST VAN VRAGEN EN ANTWOORDEN');
    assert.deepEqual(made.dates, {
      adopted: '2026-07-03',
      sent: '2026-05-28',
      answered: '2026-06-12',
      received: null,
      postponed: null,
    });
    assert.deepEqual(made.signatories, [
      { role: 'voorzitter', name: 'Van der Staaij' },
      { role: 'adjunct-griffier', name: 'Honsbeek' },
    ]);
    assert.deepEqual(made.request.documents, [
      {
        description:
          'het jaarverslag van 20 mei 2026 van het Ministerie van Binnenlandse Zaken en Koninkrijksrelaties 2025',
        date: '2026-05-20',
        reference: { dossier: '36 560 VII', number: '1', id: 'kst-36560-VII-1' },
      },
    ]);
    assert.deepEqual(
      made.sections.map((s) => [s.title, s.questions.map((q) => q.number)]),
      [
        [null, [1]],
        ['Vragen en antwoorden inzake Digitale overheid', [2, 3]],
      ],
    );
    const [q1, q2, q3] = made.sections.flatMap((s) => s.questions);
    assert.equal(q1?.question, 'Hoeveel externen werkten eind 2025 bij het ministerie, en wat kostten zij?');
    assert.deepEqual(
      q1?.answerBlocks.map((b) => b.type),
      ['paragraph', 'list'],
    );
    assert.equal(q2?.answerBlocks.length, 2);
    assert.equal(q3?.answer, 'Zie het antwoord op vraag 2.');
    assert.deepEqual(q3?.refersTo, [2]);
    assert.ok(made.references.some((r) => r.kind === 'kamerstuk' && r.kamerstuk.id === 'kst-34972-85'));
    assert.ok(made.amounts.some((a) => a.euros === 48_300_000 && a.question === 1));
    assert.deepEqual(made.warnings, []);
  });

  test('rendered as text and read back, is the same tree', () => {
    const back = readText(text, { words });
    assertSameTree(lineless(back), made, 'text');
    // And the rendering is stable.
    assert.equal(renderText(back), text);
  });

  test('says when and how the minister answered, in Dutch, in the words of the published lists', () => {
    assert.ok(
      text.includes(
        'De Minister heeft deze vragen beantwoord bij brief van 12 juni 2026. Vragen en antwoorden zijn hierna afgedrukt.',
      ),
      text,
    );
    for (const line of [
      '36 560 VII Jaarverslag en slotwet Ministerie van Binnenlandse Zaken en Koninkrijksrelaties 2025',
      'Nr. 57 LIJST VAN VRAGEN EN ANTWOORDEN',
      'Vastgesteld 3 juli 2026',
      'De vaste commissie voor Binnenlandse Zaken heeft op 28 mei 2026 een aantal vragen voorgelegd aan de ' +
        'Minister van Binnenlandse Zaken en Koninkrijksrelaties over het jaarverslag van 20 mei 2026 van het ' +
        'Ministerie van Binnenlandse Zaken en Koninkrijksrelaties 2025 (Kamerstuk 36 560 VII, nr. 1).',
      'De voorzitter van de commissie, Van der Staaij',
      'De adjunct-griffier van de commissie, Honsbeek',
      'Antwoord:',
      'Zie het antwoord op vraag 2.',
    ]) {
      assert.ok(text.split('\n').includes(line), `missing line: ${line}`);
    }
  });

  for (const format of ['docx', 'pdf'] as const) {
    test(`rendered as ${format.toUpperCase()} and read back, is the same tree`, async () => {
      const bytes = await renderBytes(made, format);
      const { reader, publication } = await readSource(bytes, { words });
      assert.equal(reader, format);
      assertSameTree(comparable(publication), comparable(made), format);
    });
  }

  test('an answer without a full stop is neither a cut-off text nor the next section heading', () => {
    const questions = [
      question(1, 1, 'Jaarverslag 2025', 'Waar staat dat?', 'Zie de begroting'),
      question(2, 2, 'Overige vragen', 'En verder?', 'Achtergrond\n\nNiets bijzonders.\n\na) nu\nb) later'),
    ];
    const unstopped = answerPublication({ ...LETTER, questions });
    assert.deepEqual(
      unstopped.sections.map((s) => s.title),
      ['Jaarverslag 2025', 'Overige vragen'],
    );
    assert.equal(unstopped.sections[0]?.questions[0]?.answer, 'Zie de begroting.');
    // A short line before more text is a sub-heading, as the reader takes it.
    assert.deepEqual(
      unstopped.sections[1]?.questions[0]?.answerBlocks.map((b) => b.type),
      ['heading', 'paragraph', 'list'],
    );
    assertSameTree(lineless(readText(renderText(unstopped), { words })), unstopped, 'text');
  });

  test('a list naming no addressee is addressed to the minister of the ministry', () => {
    const made = answerPublication({
      ...LETTER,
      list: { ...LIST, addressees: [] },
      ministry: 'Ministerie van Binnenlandse Zaken en Koninkrijksrelaties',
    });
    assert.deepEqual(made.request.addressees, ['Minister van Binnenlandse Zaken en Koninkrijksrelaties']);
    assertSameTree(lineless(readText(renderText(made), { words })), made, 'text');
  });

  test('without signatures and a sending date, leaves them out', () => {
    const bare = answerPublication({ ...LETTER, chair: null, clerk: undefined, sentDate: null });
    assert.deepEqual(bare.signatories, []);
    assert.equal(bare.dates.sent, null);
    const back = readText(renderText(bare), { words });
    assertSameTree(lineless(back), bare, 'text without signatures');
  });
});

test('the preamble of kst-36360-VI-12, made from its facts, reads as the published one', () => {
  const published = readFixture('kst-36360-VI-12.txt');
  const made = answerPublication({
    list: { ...LIST, documents: [], scope: null },
    questions: [question(1, 1, null, 'Wat?', 'Dit.')],
    committee: 'vaste commissie voor Digitale Zaken',
    dossier: '36 360 VI',
    number: '12',
    session: '2022-2023',
    letterDate: '2023-06-08',
    fixedDate: '2023-06-20',
    subject:
      'de jaarverslagen van 17 mei 2023 inzake het Ministerie van Justitie en Veiligheid 2022 (Kamerstuk 36 360 VI, nr. 1), ' +
      'het Ministerie van Binnenlandse Zaken en Koninkrijksrelaties 2022 (Kamerstuk 36 360 VII, nr. 1) en het Ministerie ' +
      'van Economische Zaken en Klimaat 2022 (Kamerstuk 36 360 XIII, nr. 1) voor zover het onderwerpen betreft die zien ' +
      'op digitalisering',
    chair: 'Kamminga',
    clerk: 'Muller',
    clerkRole: 'adjunct-griffier',
  });
  assert.equal(made.id, published.id);
  assert.deepEqual(made.request, published.request);
  assert.deepEqual(made.signatories, published.signatories);
  assert.equal(made.dates.answered, published.dates.answered);
});

describe('Kamervragen: an Aanhangsel van de Handelingen', () => {
  const letter: WrittenAnswerLetter = {
    list: {
      kind: 'written-questions',
      title: 'Antwoord op vragen van de leden Bikker en Omtzigt over de inhuur van externen',
      addressees: ['Minister van Binnenlandse Zaken en Koninkrijksrelaties'],
      documents: [],
      scope: null,
    },
    questions: [
      question(7, 1, null, 'Kent u het bericht over de inhuur van externen?', 'Ja.'),
      question(8, 2, null, 'Hoeveel externen werkten er eind 2025?', 'Eind 2025 werkten er 412.'),
      question(9, 3, null, 'Wat kostten zij?', 'Samen € 48,3 miljoen', 8),
    ],
    askers: [
      { name: 'Bikker', party: 'ChristenUnie' },
      { name: 'Omtzigt', party: 'NSC' },
    ],
    sentDate: '2026-01-14',
    answeredBy: 'Minister Uitermark',
    ministry: 'Binnenlandse Zaken en Koninkrijksrelaties',
    number: '1204',
    letterDate: '2026-02-03',
    subject: 'de inhuur van externen bij de Rijksoverheid',
  };
  const made = answerPublication(letter);

  test('has the appendix id, askers, minister and dates', () => {
    assert.equal(made.id, 'ah-tk-20252026-1204');
    assert.equal(made.kind, 'written-questions');
    assert.deepEqual(made.request.askers, letter.askers);
    assert.equal(made.request.answeredBy, 'Minister Uitermark');
    assert.deepEqual(made.dates, {
      adopted: null,
      sent: '2026-01-14',
      answered: null,
      received: '2026-02-03',
      postponed: null,
    });
    const q3 = made.sections[0]?.questions[2];
    assert.equal(q3?.label, 'Vraag 3');
    assert.equal(q3?.answerLabel, 'Antwoord 3');
    // The last paragraph ends a sentence, or a reader takes the letter for one cut off.
    assert.equal(q3?.answer, 'Zie het antwoord op vraag 2. Samen € 48,3 miljoen.');
  });

  test('rendered as text, DOCX and PDF and read back, is the same tree', async () => {
    const text = renderText(made);
    assert.ok(
      text.includes(
        'Vragen van de leden Bikker (ChristenUnie) en Omtzigt (NSC) aan de Minister van Binnenlandse Zaken en ' +
          'Koninkrijksrelaties over de inhuur van externen bij de Rijksoverheid (ingezonden 14 januari 2026).',
      ),
      text,
    );
    assertSameTree(lineless(readText(text, { words })), made, 'text');
    for (const format of ['docx', 'pdf'] as const) {
      const { publication } = await readSource(await renderBytes(made, format), { words });
      assertSameTree(comparable(publication), comparable(made), format);
    }
  });
});

describe('bad input is refused with an Error that says what', () => {
  const refuses = (letter: AnswerLetter, message: RegExp) =>
    assert.throws(() => answerPublication(letter), message);

  test('a question without an answer is named', () => {
    const questions = QUESTIONS.map((q) => (q.number === 2 ? { ...q, answer: null } : q));
    refuses({ ...LETTER, questions }, /^Error: question 2 has no answer$/);
    const blank = QUESTIONS.map((q) => (q.number === 1 ? { ...q, answer: '  \n\n ' } : q));
    refuses({ ...LETTER, questions: blank }, /question 1 has no answer/);
    const two = questions.map((q) => (q.number === 1 ? { ...q, answer: null } : q));
    refuses({ ...LETTER, questions: two }, /questions 1 en 2 have no answer/);
  });

  test('answeredWith that leads nowhere, or round', () => {
    const nowhere = QUESTIONS.map((q) => (q.number === 3 ? { ...q, answeredWith: 999 } : q));
    refuses({ ...LETTER, questions: nowhere }, /question 3: answeredWith names no question/);
    const round = [question(1, 1, null, 'A?', null, 2), question(2, 2, null, 'B?', null, 1)];
    refuses({ ...LETTER, questions: round }, /question 1: its answeredWith goes round/);
  });

  test('numbering with gaps, no questions, an untitled question after a section', () => {
    refuses({ ...LETTER, questions: QUESTIONS.slice(1) }, /numbered 1 to 2: found 2/);
    refuses({ ...LETTER, questions: [] }, /no questions/);
    const after = QUESTIONS.map((q) => (q.number === 3 ? { ...q, section: null } : q));
    refuses({ ...LETTER, questions: after }, /question 3 has no section but follows section/);
  });

  test('a wrong dossier, number, date or committee', () => {
    refuses({ ...LETTER, dossier: 'VII' }, /no dossier number/);
    refuses({ ...LETTER, number: 'AI' }, /no Kamerstuk number/);
    refuses({ ...LETTER, fixedDate: '3 juli 2026' }, /fixedDate must be an ISO date/);
    refuses({ ...LETTER, committee: 'BiZa' }, /no committee's name/);
  });

  test('Kamervragen without askers, or a list letter for Kamervragen', () => {
    refuses({ ...LETTER, list: { ...LIST, kind: 'written-questions' } }, /Kamervragen need their askers/);
  });
});
