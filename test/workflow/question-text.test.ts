// Questions from pasted text: numbered items with continuation lines and headings, or plain paragraphs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { splitQuestions } from '../../src/workflow/question-text.js';

test('numbered questions, continued over lines, under the headings between them', () => {
  const text = [
    'Jaarverslag',
    '',
    '1. Hoeveel datacenters zijn er in 2025 gebouwd?',
    '2) Kunt u toelichten waarom de uitgaven',
    '   hoger uitvielen dan begroot?',
    '',
    'Slotwet',
    '',
    'Vraag 3: Wanneer ontvangt de Kamer de evaluatie?',
  ].join('\r\n');
  assert.deepEqual(splitQuestions(text), [
    { text: 'Hoeveel datacenters zijn er in 2025 gebouwd?', section: 'Jaarverslag' },
    { text: 'Kunt u toelichten waarom de uitgaven hoger uitvielen dan begroot?', section: 'Jaarverslag' },
    { text: 'Wanneer ontvangt de Kamer de evaluatie?', section: 'Slotwet' },
  ]);
});

test('without numbers each paragraph is a question; empty text holds none', () => {
  assert.deepEqual(splitQuestions('Waarom?\nEn hoe?\n\n\nWanneer?'), [
    { text: 'Waarom? En hoe?', section: null },
    { text: 'Wanneer?', section: null },
  ]);
  assert.deepEqual(splitQuestions(' \n\n '), []);
});
