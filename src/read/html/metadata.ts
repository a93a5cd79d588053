// What a page's head says about the publication (the official HTML carries KOOP's metadata as
// <meta> elements: DC.identifier, DC.creator, OVERHEIDop.vergaderjaar, DC.title). The reader hands
// it to the text reader in the text's own terms: the id as a file name, chamber and session as the
// head lines the layout prints; the title is filled in afterwards when the text has none.

import { normaliseSession, parseOfficialId } from '../../model/ids.js';
import { CHAMBER_LABELS } from '../../model/kinds.js';
import { attr, type Element } from './dom.js';

export interface PageMetadata {
  /** Official id: 'kst-32545-143', 'ah-tk-20202021-3235'. */
  id: string | null;
  /** 'Tweede Kamer der Staten-Generaal', as the layout prints it. */
  chamber: string | null;
  session: string | null;
  title: string | null;
}

const CHAMBERS = new Set<string>(Object.values(CHAMBER_LABELS));

/** An official id in an identifier or a URL (the canonical link ends in '/kst-36360-VI-12.html'). */
function officialId(value: string | null): string | null {
  if (!value) return null;
  const last = value
    .trim()
    .split(/[/?#]/)
    .filter((p) => p.length > 0);
  for (const part of [value.trim(), ...last.reverse()]) {
    const id = part.replace(/\.(?:html?|xml|pdf)$/i, '');
    if (parseOfficialId(id)) return id;
  }
  return null;
}

export function pageMetadata(all: readonly Element[]): PageMetadata {
  const meta = new Map<string, string>();
  let canonical: string | null = null;
  for (const el of all) {
    if (el.name === 'meta') {
      const name = (attr(el, 'name') ?? attr(el, 'property') ?? '').toLowerCase();
      const content = (attr(el, 'content') ?? '').trim();
      if (name && content && !meta.has(name)) meta.set(name, content);
    } else if (el.name === 'link' && (attr(el, 'rel') ?? '').toLowerCase() === 'canonical') {
      canonical ??= attr(el, 'href');
    }
  }
  const get = (...names: string[]): string | null => {
    for (const n of names) {
      const v = meta.get(n);
      if (v) return v;
    }
    return null;
  };
  const creator = get('dc.creator');
  // A Kamerstuk's DC.title is "dossier title; type; title": its own title is OVERHEIDop.documenttitel.
  const dcTitle = get('dc.title');
  return {
    id: officialId(get('dc.identifier', 'dcterms.identifier')) ?? officialId(canonical),
    chamber: creator && CHAMBERS.has(creator) ? creator : null,
    session: normaliseSession(get('overheidop.vergaderjaar') ?? ''),
    title: get('overheidop.documenttitel') ?? (dcTitle && !dcTitle.includes(';') ? dcTitle : null),
  };
}
