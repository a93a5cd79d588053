// Filters as index terms: each question's index row carries tokens for its publication's status,
// chamber, session, kind, committee, addressees and dossiers, so that a filter is one more term
// for FTS5 to intersect, not a join over every match.
import { createHash } from 'node:crypto';
import type { Publication } from '../model/publication.js';

/** A token for a free-text value: short, stable, letters and digits only. */
function valueToken(prefix: string, value: string): string {
  const normal = value.normalize('NFC').trim().toLowerCase().replace(/\s+/g, ' ');
  return `${prefix}${createHash('sha1').update(normal).digest('hex').slice(0, 16)}`;
}

export const filterToken = {
  status: (status: string) => `xstatus${status.replace(/[^a-z]/g, '')}`,
  chamber: (chamber: string) => `xchamber${chamber.replace(/[^a-z]/g, '')}`,
  session: (startYear: number) => `xsession${startYear}`,
  kind: (kind: string) => `xkind${kind.replace(/[^a-z]/g, '')}`,
  committee: (name: string) => valueToken('xcommittee', name),
  addressee: (name: string) => valueToken('xaddressee', name),
  dossier: (number: string) => valueToken('xdossier', number),
  /** An organisation that may see the publication before it is published (the embargo). */
  organisation: (id: number) => `xorg${Math.trunc(id)}`,
};

/** The filter tokens of a publication, as one string for the index's `meta` column. */
export function publicationFilterTerms(pub: Publication, access: readonly number[] = []): string {
  const tokens = [filterToken.status(pub.status), filterToken.kind(pub.kind)];
  // Every publication carries exactly one chamber token (none too), so a filter may exclude the others.
  tokens.push(filterToken.chamber(pub.chamber ?? 'none'));
  if (pub.session) tokens.push(filterToken.session(Number(pub.session.slice(0, 4))));
  if (pub.request.committee) tokens.push(filterToken.committee(pub.request.committee));
  for (const a of pub.request.addressees) tokens.push(filterToken.addressee(a));
  for (const d of pub.dossiers) tokens.push(filterToken.dossier(d.number));
  if (pub.status === 'draft') for (const o of access) tokens.push(filterToken.organisation(o));
  return tokens.join(' ');
}
