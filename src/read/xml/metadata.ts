// KOOP's per-publication metadata record (`metadata.xml`, flat `<metadata name content>`, or
// `metadata_owms.xml`): the few fields the publication XML itself does not carry.

import { normaliseSession } from '../../model/ids.js';
import type { Chamber } from '../../model/publication.js';
import { ReadError } from '../errors.js';
import { childElements, decodeXml, descendants, nameOf, parseXml, textOf } from './parse.js';

export interface XmlMetadata {
  id: string | null;
  title: string | null;
  chamber: Chamber | null;
  session: string | null;
  number: string | null;
  received: string | null;
  submitted: string | null;
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;

/** Reads a metadata record. Throws ReadError for anything else. */
export function readMetadata(input: string | Uint8Array, limit?: number): XmlMetadata {
  const text = typeof input === 'string' ? input : decodeXml(input, limit);
  const root = parseXml(text, limit).documentElement!;
  const values = new Map<string, string[]>();
  const add = (name: string, value: string): void => {
    if (value.length === 0) return;
    const key = name.toLowerCase();
    values.set(key, [...(values.get(key) ?? []), value]);
  };
  if (nameOf(root) === 'metadata_gegevens') {
    for (const m of descendants(root, 'metadata'))
      add(m.getAttribute('name') ?? '', (m.getAttribute('content') ?? '').trim());
  } else if (nameOf(root) === 'owms-metadata') {
    // dcterms:identifier → 'dc.identifier'; overheidop:vergaderjaar → 'overheidop.vergaderjaar'.
    const walk = (el: typeof root): void => {
      for (let c = el.firstChild; c; c = c.nextSibling) {
        if (c.nodeType !== 1) continue;
        const e = c as typeof root;
        const prefix = e.prefix ?? '';
        const local = (e.localName ?? e.nodeName).replace(/^dcterms\./, '');
        const name = prefix === 'dcterms' ? `dc.${local}` : prefix ? `${prefix}.${local}` : local;
        if (childElements(e).length > 0) walk(e);
        else add(name, textOf(e));
      }
    };
    walk(root);
  } else {
    throw new ReadError(
      'not-a-publication',
      `not a KOOP metadata record: the root element is <${nameOf(root)}>`,
    );
  }
  const first = (...names: string[]): string | null => {
    for (const n of names) {
      const v = values.get(n.toLowerCase())?.[0];
      if (v) return v;
    }
    return null;
  };
  const date = (...names: string[]): string | null => {
    const v = first(...names);
    return v && ISO.test(v.slice(0, 10)) ? v.slice(0, 10) : null;
  };
  const creator = first('DC.creator') ?? '';
  return {
    id: first('DC.identifier'),
    title: first('DC.title'),
    chamber: /eerste kamer/i.test(creator)
      ? 'eerste-kamer'
      : /tweede kamer/i.test(creator)
        ? 'tweede-kamer'
        : null,
    session: normaliseSession(first('OVERHEIDop.vergaderjaar') ?? ''),
    number: first('OVERHEIDop.aanhangselNummer', 'OVERHEIDop.aanhangselnummer', 'OVERHEIDop.ondernummer'),
    received: date('OVERHEIDop.datumOntvangst'),
    submitted: date('OVERHEIDop.datumIndiening'),
  };
}
