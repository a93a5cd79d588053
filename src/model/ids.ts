// Official identifiers (KOOP style) and the printed forms of dossier numbers.
// Printed: '36 360 VI', '21 501-31'. In ids: 'kst-36360-VI-12', 'kst-21501-31-207', 'ah-tk-20242025-1028'.
import type { Chamber, KamerstukRef } from './publication.js';

const DOSSIER = /^(\d{2})\s?(\d{3})((?:[\s-]+(?:\d+|[A-Z]{1,6}))*)$/;

/** A dossier number in its printed form ('36 360 VI'), from any common spelling; null if it is none. */
export function normaliseDossier(raw: string): string | null {
  const m = DOSSIER.exec(raw.trim());
  if (!m) return null;
  let out = `${m[1]} ${m[2]}`;
  for (const part of (m[3] ?? '').split(/[\s-]+/).filter(Boolean)) {
    // Numeric suffixes join with a hyphen (21 501-31), letter and Roman ones with a space (36 360 VI).
    out += /^\d+$/.test(part) ? `-${part}` : ` ${part}`;
  }
  return out;
}

/** The dossier part of an id: '36 360 VI' → '36360-VI'. */
export function dossierIdPart(dossier: string): string {
  const printed = normaliseDossier(dossier) ?? dossier;
  return printed.replace(/^(\d{2}) (\d{3})/, '$1$2').replace(/ /g, '-');
}

/** 'kst-36360-VI-12' from dossier '36 360 VI' and number '12'. */
export function kamerstukId(dossier: string, number: string): string {
  return `kst-${dossierIdPart(dossier)}-${number}`;
}

/** A reference to one Kamerstuk, or null when the dossier number is not one. */
export function kamerstukRef(dossier: string, number: string): KamerstukRef | null {
  const printed = normaliseDossier(dossier);
  if (!printed) return null;
  return { dossier: printed, number, id: kamerstukId(printed, number) };
}

/** 'ah-tk-20242025-1028' for an Aanhangsel van de Handelingen. */
export function appendixId(chamber: Chamber, session: string, number: string): string {
  return `ah-${chamber === 'eerste-kamer' ? 'ek' : 'tk'}-${session.replace('-', '')}-${number}`;
}

/** A session ('2022-2023') from any printed form ('2022–2023', '2022/2023', '20222023'); null if none. */
export function normaliseSession(raw: string): string | null {
  const m = /^(\d{4})\s*[-–/]?\s*(\d{4})$/.exec(raw.trim());
  if (!m) return null;
  const a = Number(m[1]);
  const b = Number(m[2]);
  return b === a + 1 ? `${a}-${b}` : null;
}

export type ParsedId =
  | { type: 'kamerstuk'; dossier: string; number: string }
  | { type: 'appendix'; chamber: Chamber; session: string; number: string };

/** Reads an official id back into its parts; null for anything else. */
export function parseOfficialId(id: string): ParsedId | null {
  const ah = /^ah-(tk|ek)-(\d{4})(\d{4})-(\d+)$/.exec(id);
  if (ah) {
    const session = normaliseSession(`${ah[2]}-${ah[3]}`);
    if (!session) return null;
    return {
      type: 'appendix',
      chamber: ah[1] === 'ek' ? 'eerste-kamer' : 'tweede-kamer',
      session,
      number: ah[4]!,
    };
  }
  const kst = /^kst-(\d{5}(?:-[0-9A-Z]+)*)-([0-9A-Z]+)$/.exec(id);
  if (kst) {
    const dossier = normaliseDossier(kst[1]!);
    if (!dossier) return null;
    return { type: 'kamerstuk', dossier, number: kst[2]! };
  }
  return null;
}
