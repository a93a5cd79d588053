// Decides what a hyphen at the end of a PDF text line is: a typesetter's word break ('Minis-' + 'terie'),
// a real hyphen ('Noord-' + 'Holland') or an elliptic hyphen ('wet-' + 'en regelgeving').
// Policy and measurements: research note 'dutch-words-and-ui.md', Check 1.
import { splitCompound, type WordChecker } from './word-list.js';

/** 'join': 'Minis' + 'terie' → 'Ministerie'; 'hyphen': 'Noord-Holland'; 'hyphen-space': 'wet- en'. */
export type HyphenDecision = 'join' | 'hyphen' | 'hyphen-space';

/** Words after an elliptic hyphen: 'wet- en regelgeving', 'uitvoerings- of beleidsinformatie'. */
const ELLIPTIC_NEXT = new Set(['en', 'of', 'tot', 'dan', 'als', 'noch', 'maar', '&']);

/** Vowel pairs that read as one sound; Dutch spelling keeps a hyphen between such compound parts (zee-egel). */
const VOWEL_CLASH = new Set('aa ae ai au ee ei eu ie ii ij oe oi oo ou ui uu'.split(' '));

const EDGE_PUNCTUATION = /^[\p{P}\p{S}]+|[\p{P}\p{S}]+$/gu;

/** The word inside a token: '(«digitale' → 'digitale', 'dienstencoördinator»),' → 'dienstencoördinator'. */
function core(token: string): string {
  return token.trim().replace(EDGE_PUNCTUATION, '');
}

/**
 * Decides a line-end hyphen. `left` is the last token of a line without its trailing '-', `right` the first
 * token of the next line; either may carry punctuation ('(«digitale', 'dienstencoördinator»),').
 */
export function decideLineEndHyphen(left: string, right: string, words: WordChecker): HyphenDecision {
  // Only the segments touching the break matter: 'COVID-19-' + 'maatregelen', 'e-mail-' + 'adres'.
  const l = core(left).split(/[-/]/).pop() ?? '';
  const r = core(right).split(/[-/]/)[0] ?? '';
  if (ELLIPTIC_NEXT.has(right.trim().toLowerCase()) || ELLIPTIC_NEXT.has(r.toLowerCase())) {
    // Before any dictionary check: 'weten' and 'wetten' are words, yet 'wet- en' is meant.
    return 'hyphen-space';
  }
  if (l === '' || r === '') return 'hyphen';
  // Typesetters never break after a single letter, so 'e-mail' (where 'email' is a word), 'x-as', 't-shirt'.
  if (l.length === 1) return 'hyphen';
  if (/\d/.test(l) || /\d/.test(r)) return 'hyphen';
  if (isAcronym(l) || /^\p{Lu}/u.test(r)) return 'hyphen';

  const joined = l + r;
  if (words.isWord(joined)) return 'join';
  if (words.isWord(`${l}-${r}`)) return 'hyphen';

  // Hunspell rejects some compounds ('algoritmeregister', 'digitaledienstencoördinator'); the splitter does not.
  const parts = splitCompound(joined, words, 4);
  if (parts && !(cutsAt(parts, l.length) && vowelClash(l, r))) return 'join';
  return 'hyphen';
}

/** 'privé' + 'uitgaven' → 'eu': accents do not change how the pair reads. */
function vowelClash(l: string, r: string): boolean {
  const pair = `${l.at(-1)}${r[0]}`.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  return VOWEL_CLASH.has(pair);
}

/** 'ICT', 'EU', 'IV', 'PvdA', 'DigiD': two or more capitals. */
function isAcronym(word: string): boolean {
  let capitals = 0;
  for (const ch of word) if (/\p{Lu}/u.test(ch) && ++capitals >= 2) return true;
  return false;
}

function cutsAt(parts: string[], at: number): boolean {
  let pos = 0;
  for (const part of parts) {
    pos += part.length;
    if (pos === at) return true;
  }
  return false;
}
