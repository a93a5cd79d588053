// Publication → plain text in the official layout (src/render/layout.ts): the same order and headings as
// the published document, one paragraph a line, blank lines between. The text reader reads it back to
// the same tree.
import type { Publication } from '../model/publication.js';
import { officialLayout, paragraphText } from './layout.js';

export function renderText(pub: Publication): string {
  return `${officialLayout(pub).map(paragraphText).join('\n\n')}\n`;
}
