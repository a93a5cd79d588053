// Shared by the reader tests: the real Dutch word list (loaded once per test file) and fixture access.
import { readdirSync, readFileSync } from 'node:fs';
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

/** The fixture files' names (the complete publication and the openings). */
export function fixtureNames(): string[] {
  return readdirSync(FIXTURES)
    .filter((n) => n.endsWith('.txt'))
    .sort();
}

/**
 * What a round trip through another format must keep: everything but where things stood in the source
 * (line numbers, the source description), which differ by format.
 */
export function comparable(pub: Publication) {
  return {
    ...pub,
    source: null,
    sections: pub.sections.map((s) => ({ ...s, questions: s.questions.map((q) => ({ ...q, line: null })) })),
  };
}
