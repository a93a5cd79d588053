// Shared by the reader tests: the real Dutch word list (loaded once per test file) and fixture access.
import { readFileSync } from 'node:fs';
import { loadDutchWordList, type WordChecker } from '../../src/extract/word-list.js';
import type { Publication } from '../../src/model/publication.js';
import { readText } from '../../src/read/text/index.js';

export const FIXTURES = new URL('../fixtures/text/', import.meta.url);

export const words: WordChecker = await loadDutchWordList();

export function fixtureText(name: string): string {
  return readFileSync(new URL(name, FIXTURES), 'utf8');
}

export function readFixture(name: string): Publication {
  return readText(fixtureText(name), { fileName: name, words });
}
