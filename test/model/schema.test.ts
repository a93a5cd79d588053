// The documented JSON Schema is current, and every reader's output validates against it.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { publicationJsonSchema } from '../../src/model/schema.js';
import { renderJson } from '../../src/render/json.js';
import { FIXTURES, readFixture } from '../helpers/read.js';

const committed = JSON.parse(
  readFileSync(new URL('../../docs/publication.schema.json', import.meta.url), 'utf8'),
);
const validate = new Ajv2020({ allErrors: true, strict: false }).compile(committed);

describe('JSON Schema', () => {
  test('docs/publication.schema.json is generated from the model (run npm run schema)', () => {
    assert.deepEqual(committed, publicationJsonSchema());
  });

  for (const name of readdirSync(FIXTURES).filter((n) => n.endsWith('.txt'))) {
    test(`the text reader's output for ${name} validates`, () => {
      const json = JSON.parse(renderJson(readFixture(name)));
      const ok = validate(json);
      assert.ok(ok, JSON.stringify(validate.errors?.slice(0, 3)));
    });
  }

  test('the schema rejects what the model forbids', () => {
    const json = JSON.parse(renderJson(readFixture('kst-36360-VI-12.txt')));
    json.sections[0].questions[0].number = 'one';
    assert.equal(validate(json), false);
    const missing = JSON.parse(renderJson(readFixture('kst-36360-VI-12.txt')));
    delete missing.footnotes;
    assert.equal(validate(missing), false);
    const badDate = JSON.parse(renderJson(readFixture('kst-36360-VI-12.txt')));
    badDate.dates.answered = '8 juni 2023';
    assert.equal(validate(badDate), false);
  });
});
