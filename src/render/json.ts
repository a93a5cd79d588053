// Publication → JSON, the documented exchange format (docs/format.md).
import type { Publication } from '../model/publication.js';

export function renderJson(pub: Publication): string {
  return `${JSON.stringify(pub, null, 2)}\n`;
}
