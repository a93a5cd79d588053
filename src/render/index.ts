// One entry for every renderer, by format name: text formats (a string) and document formats (bytes).
import type { Publication } from '../model/publication.js';
import { renderDocx } from './docx.js';
import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import { renderPdf } from './pdf.js';
import { renderText } from './text.js';

export const RENDER_FORMATS = ['json', 'md', 'text', 'html'] as const;
export type RenderFormat = (typeof RENDER_FORMATS)[number];

/** Formats rendered as a binary document. */
export const DOCUMENT_FORMATS = ['docx', 'pdf'] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

export const OUTPUT_FORMATS = [...RENDER_FORMATS, ...DOCUMENT_FORMATS] as const;
export type OutputFormat = RenderFormat | DocumentFormat;

/** The file name extension of each output format. */
export const EXTENSIONS: Record<OutputFormat, string> = {
  json: 'json',
  md: 'md',
  text: 'txt',
  html: 'html',
  docx: 'docx',
  pdf: 'pdf',
};

export const MEDIA_TYPES: Record<OutputFormat, string> = {
  json: 'application/json',
  md: 'text/markdown',
  text: 'text/plain',
  html: 'text/html',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
};

const RENDERERS: Record<RenderFormat, (pub: Publication) => string> = {
  json: renderJson,
  md: renderMarkdown,
  text: renderText,
  // The whole HTML document; the web app calls renderHtml itself for a fragment with links.
  html: (pub) => renderHtml(pub),
};

const DOCUMENT_RENDERERS: Record<DocumentFormat, (pub: Publication) => Promise<Uint8Array>> = {
  docx: renderDocx,
  pdf: renderPdf,
};

export function isRenderFormat(name: string): name is RenderFormat {
  return (RENDER_FORMATS as readonly string[]).includes(name);
}

export function isOutputFormat(name: string): name is OutputFormat {
  return (OUTPUT_FORMATS as readonly string[]).includes(name);
}

export function isDocumentFormat(name: string): name is DocumentFormat {
  return (DOCUMENT_FORMATS as readonly string[]).includes(name);
}

export function render(pub: Publication, format: RenderFormat): string {
  return RENDERERS[format](pub);
}

/** Any format as bytes (text formats in UTF-8). */
export async function renderBytes(pub: Publication, format: OutputFormat): Promise<Uint8Array> {
  if (isDocumentFormat(format)) return DOCUMENT_RENDERERS[format](pub);
  return Buffer.from(render(pub, format), 'utf8');
}
