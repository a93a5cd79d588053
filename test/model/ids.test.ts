import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  appendixId,
  dossierIdPart,
  kamerstukId,
  normaliseDossier,
  normaliseSession,
  parseOfficialId,
} from '../../src/model/ids.js';
import { prinsjesdag, sessionOfDate } from '../../src/model/session.js';

describe('official ids', () => {
  test('dossier numbers in their printed form', () => {
    assert.equal(normaliseDossier('36360-VI'), '36 360 VI');
    assert.equal(normaliseDossier('36 360 VI'), '36 360 VI');
    assert.equal(normaliseDossier('21501-31'), '21 501-31');
    assert.equal(normaliseDossier('21 501-31'), '21 501-31');
    assert.equal(normaliseDossier('36100'), '36 100');
    assert.equal(normaliseDossier('nr. 12'), null);
    assert.equal(dossierIdPart('36 360 XIII'), '36360-XIII');
  });

  test('Kamerstuk and Aanhangsel ids', () => {
    assert.equal(kamerstukId('36 360 VI', '12'), 'kst-36360-VI-12');
    assert.equal(kamerstukId('21 501-31', '207'), 'kst-21501-31-207');
    assert.equal(kamerstukId('33 328', 'AI'), 'kst-33328-AI');
    assert.equal(appendixId('tweede-kamer', '2024-2025', '1028'), 'ah-tk-20242025-1028');
    assert.equal(appendixId('eerste-kamer', '2019-2020', '10'), 'ah-ek-20192020-10');
  });

  test('ids read back into their parts', () => {
    assert.deepEqual(parseOfficialId('kst-36360-VI-12'), {
      type: 'kamerstuk',
      dossier: '36 360 VI',
      number: '12',
    });
    assert.deepEqual(parseOfficialId('kst-21501-31-207'), {
      type: 'kamerstuk',
      dossier: '21 501-31',
      number: '207',
    });
    assert.deepEqual(parseOfficialId('ah-tk-20242025-1028'), {
      type: 'appendix',
      chamber: 'tweede-kamer',
      session: '2024-2025',
      number: '1028',
    });
    assert.equal(parseOfficialId('ah-tk-20242026-1'), null);
    assert.equal(parseOfficialId('stb-2020-118'), null);
  });

  test('sessions', () => {
    assert.equal(normaliseSession('2022–2023'), '2022-2023');
    assert.equal(normaliseSession('2022/2023'), '2022-2023');
    assert.equal(normaliseSession('2022-2024'), null);
  });
});

describe('the parliamentary year starts on Prinsjesdag', () => {
  test('third Tuesday of September', () => {
    assert.equal(prinsjesdag(2023), 19);
    assert.equal(prinsjesdag(2024), 17);
    assert.equal(prinsjesdag(2022), 20);
  });

  test('dates fall in the right session', () => {
    assert.equal(sessionOfDate('2010-04-16'), '2009-2010');
    assert.equal(sessionOfDate('2023-09-18'), '2022-2023');
    assert.equal(sessionOfDate('2023-09-19'), '2023-2024');
    assert.equal(sessionOfDate('2023-12-28'), '2023-2024');
    assert.equal(sessionOfDate(null), null);
  });
});
