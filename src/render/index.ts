// One entry for every renderer, by format name.
import type { Publication } from '../model/publication.js';
import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import { renderText } from './text.js';

export const RENDER_FORMATS = ['json', 'md', 'text', 'html'] as const;
export type RenderFormat = (typeof RENDER_FORMATS)[number];

const RENDERERS: Record<RenderFormat, (pub: Publication) => string> = {
  json: renderJson,
  md: renderMarkdown,
  text: renderText,
  // The whole HTML document; the web app calls renderHtml itself for a fragment with links.
  html: (pub) => renderHtml(pub),
};

export function isRenderFormat(name: string): name is RenderFormat {
  return (RENDER_FORMATS as readonly string[]).includes(name);
}

export function render(pub: Publication, format: RenderFormat): string {
  return RENDERERS[format](pub);
}
