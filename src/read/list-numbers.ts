// How ordered lists number their items, as Word and HTML write them: roman numerals and letters. Shared
// by the DOCX reader (Word's numbering formats) and the HTML reader (`<ol type>`).

const ROMAN: readonly [number, string][] = [
  [1000, 'm'],
  [900, 'cm'],
  [500, 'd'],
  [400, 'cd'],
  [100, 'c'],
  [90, 'xc'],
  [50, 'l'],
  [40, 'xl'],
  [10, 'x'],
  [9, 'ix'],
  [5, 'v'],
  [4, 'iv'],
  [1, 'i'],
];

/** Lower-case roman numerals, 1 to 3999 (values outside are clamped). */
export function romanNumeral(n: number): string {
  let out = '';
  let left = Math.min(Math.max(Math.trunc(n), 1), 3999);
  for (const [value, digits] of ROMAN) {
    while (left >= value) {
      out += digits;
      left -= value;
    }
  }
  return out;
}

/** Word's letters: a … z, then aa … zz, aaa … (lower case). */
export function listLetter(n: number): string {
  const i = Math.max(Math.trunc(n), 1) - 1;
  return String.fromCharCode(97 + (i % 26)).repeat(Math.floor(i / 26) + 1);
}
