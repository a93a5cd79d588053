import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { splitFootnoteMarkers } from '../../../src/read/text/footnotes.js';
import { matchAnswerMarker, matchQuestionMarker, parseNumberList } from '../../../src/read/text/markers.js';

describe('question and answer markers', () => {
  test('question markers in every layout', () => {
    assert.deepEqual(matchQuestionMarker('Vraag 1'), {
      kind: 'vraag',
      numbers: [1],
      label: 'Vraag 1',
      rest: '',
    });
    assert.deepEqual(matchQuestionMarker('Vraag (12):'), {
      kind: 'vraag',
      numbers: [12],
      label: 'Vraag (12):',
      rest: '',
    });
    assert.deepEqual(matchQuestionMarker('Vragen 2 en 3'), {
      kind: 'vraag',
      numbers: [2, 3],
      label: 'Vragen 2 en 3',
      rest: '',
    });
    assert.deepEqual(matchQuestionMarker('14'), { kind: 'bare', numbers: [14], label: '14', rest: '' });
    assert.deepEqual(matchQuestionMarker('1. Waar zijn de cijfers?'), {
      kind: 'numbered',
      numbers: [1],
      label: '1.',
      rest: 'Waar zijn de cijfers?',
    });
    assert.equal(matchQuestionMarker('Vragen en opmerkingen van de CDA-fractie'), null);
    assert.equal(matchQuestionMarker('34 zaken besloten'), null);
    assert.equal(matchQuestionMarker('2022'), null);
  });

  test('answer markers in every layout', () => {
    const m = (t: string) => {
      const r = matchAnswerMarker(t);
      return r && [r.numbers, r.label, r.rest];
    };
    assert.deepEqual(m('Antwoord:'), [[], 'Antwoord:', '']);
    assert.deepEqual(m('Antwoord op vraag 1:'), [[1], 'Antwoord op vraag 1:', '']);
    assert.deepEqual(m('Antwoord op vraag 1'), [[1], 'Antwoord op vraag 1', '']);
    assert.deepEqual(m('Antwoord 1'), [[1], 'Antwoord 1', '']);
    assert.deepEqual(m('Antwoord 1:'), [[1], 'Antwoord 1:', '']);
    assert.deepEqual(m('Antwoord: 4'), [[4], 'Antwoord: 4', '']);
    assert.deepEqual(m('Antwoord vraag 7'), [[7], 'Antwoord vraag 7', '']);
    assert.deepEqual(m('Antwoord 2 en 3'), [[2, 3], 'Antwoord 2 en 3', '']);
    assert.deepEqual(m('Antwoord: Nee.'), [[], 'Antwoord:', 'Nee.']);
    assert.equal(m('Antwoord van Minister Uitermark (ontvangen 4 februari 2025).'), null);
    assert.equal(m('Antwoorden zijn hierna afgedrukt.'), null);
  });

  test('number lists and ranges', () => {
    assert.deepEqual(parseNumberList('2, 3 en 5'), [2, 3, 5]);
    assert.deepEqual(parseNumberList('4 t/m 6'), [4, 5, 6]);
    assert.deepEqual(parseNumberList('4 tot en met 6'), [4, 5, 6]);
  });
});

describe('glued footnote markers', () => {
  const split = (text: string, next = 1) => {
    const counter = { next };
    const { content, markers } = splitFootnoteMarkers(text, counter);
    return { content, markers, next: counter.next };
  };

  test('after a word, after punctuation, after a closing bracket', () => {
    assert.deepEqual(split('worden toegevoegd.1').markers, [1]);
    assert.deepEqual(split('Commissie voor Rijksuitgaven1 heeft').markers, [1]);
    assert.deepEqual(split('(IEA)3 is de workload', 3).markers, [3]);
    assert.deepEqual(split('afgelopen april2. Voor', 2).markers, [2]);
    assert.deepEqual(split('«digitaledienstencoördinator»1?, 2').markers, [1, 2]);
    assert.deepEqual(split('AI1 VERSLAG').content, [
      { type: 'text', value: 'AI' },
      { type: 'footnoteRef', number: 1 },
      { type: 'text', value: ' VERSLAG' },
    ]);
  });

  test('not ordinals, numbers in the text, or a number out of turn', () => {
    assert.deepEqual(split('de 20e Halfjaarrapportage').markers, []);
    assert.deepEqual(split('(Kamerstuk 36 100, nr.1)').markers, []);
    assert.deepEqual(split('vanuit de 2020-call').markers, []);
    assert.deepEqual(split('paragraaf 2.1 en artikel 7.12').markers, []);
    assert.deepEqual(split('CO2 uitstoot', 1).markers, []);
    assert.deepEqual(split('Rijksuitgaven3 heeft', 1).markers, []);
  });
});
