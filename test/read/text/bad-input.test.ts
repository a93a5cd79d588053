// Input that is no publication gets the reader's own typed error, with a reason, and nothing else.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ReadError } from '../../../src/read/errors.js';
import { decodeText } from '../../../src/read/source.js';
import { readText } from '../../../src/read/text/index.js';
import { words } from '../../helpers/read.js';

function readError(input: string): ReadError {
  try {
    readText(input, { words });
  } catch (error) {
    assert.ok(error instanceof ReadError, `a ReadError, not ${String(error)}`);
    return error;
  }
  assert.fail('no error for bad input');
}

describe('bad input', () => {
  test('an empty file, or only whitespace', () => {
    assert.equal(readError('').code, 'empty');
    assert.equal(readError(' \n\n\t \n').code, 'empty');
  });

  test('binary data', () => {
    assert.equal(readError('PK\u0003\u0004\u0000\u0000binary').code, 'binary');
    const noise = Array.from({ length: 2000 }, (_, i) => String.fromCharCode((i * 7919) % 32)).join('');
    assert.equal(readError(noise).code, 'binary');
    assert.throws(() => decodeText(new Uint8Array([0x25, 0x50, 0x44, 0x46, 0, 1, 2])), ReadError);
  });

  test('a text that is no question-and-answer publication', () => {
    const error = readError(
      'Het was een koude dag in januari.\nDe trein vertrok te laat.\nNiemand zei iets.\n',
    );
    assert.equal(error.code, 'not-a-publication');
    assert.match(error.message, /no questions and answers found/);
  });

  test('a JSON file is not a publication', () => {
    assert.equal(readError('{"name": "vraagbaak", "version": "1.0.0"}\n').code, 'not-a-publication');
  });

  test('Windows-1252 bytes are decoded, not garbled', () => {
    const bytes = new Uint8Array([0x80, 0x20, 0x34, 0x20, 0x6d, 0x6c, 0x6e, 0x2e, 0x20, 0xeb]); // "€ 4 mln. ë"
    assert.equal(decodeText(bytes), '€ 4 mln. ë');
  });

  test('a cut-off document still reads, marked incomplete', () => {
    const pub = readText('Vraag 1\nHoeveel kost het?\nAntwoord 1\nDat is nog niet bek', { words });
    assert.equal(pub.complete, false);
    assert.equal(pub.sections[0]?.questions[0]?.incomplete, true);
  });
});
