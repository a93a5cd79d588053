// Publications: the list, and one publication as JSON, Markdown, plain text, HTML, DOCX or PDF.
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { organisationIds } from '../../auth/actor.js';
import { publicationPolicy } from '../../auth/policies/publications.js';
import type { KamerstukRef, Publication } from '../../model/publication.js';
import { renderHtml } from '../../render/html.js';
import {
  EXTENSIONS,
  isDocumentFormat,
  MEDIA_TYPES,
  type RenderFormat,
  render,
  renderBytes,
} from '../../render/index.js';
import type { Store } from '../../store/store.js';
import { recordAudit } from '../auth.js';
import { pageLinks } from '../links.js';
import { HttpProblem } from '../problem.js';
import {
  problems,
  publicationIdParams,
  publicationListQuerySchema,
  publicationListSchema,
  publicationQuerySchema,
  publicationSchema,
  type RENDER_CHOICES,
} from '../schemas.js';
import { dossierParam } from './search.js';

type Choice = (typeof RENDER_CHOICES)[number];

/** The rendering asked for: `?format=` first, else the Accept header; a 406 when none fits. */
function chooseFormat(request: FastifyRequest, format: Choice | undefined): Choice {
  if (format) return format;
  const accepted = request.accepts().type(Object.values(MEDIA_TYPES));
  if (!accepted) {
    throw new HttpProblem(
      406,
      `none of the accepted types can be given; ask for ${Object.values(MEDIA_TYPES).join(', ')}`,
    );
  }
  const choice = (Object.keys(MEDIA_TYPES) as Choice[]).find((k) => MEDIA_TYPES[k] === accepted);
  return choice ?? 'json';
}

/** Where a Kamerstuk reference links to in the web app, when that publication is in the archive. */
async function archiveLinks(store: Store, pub: Publication): Promise<(ref: KamerstukRef) => string | null> {
  const ids = pub.references.flatMap((r) => (r.kind === 'kamerstuk' ? [r.kamerstuk.id] : []));
  const present = await store.publishedIds(ids);
  return (ref) => (present.has(ref.id) ? `/publicaties/${encodeURIComponent(ref.id)}` : null);
}

function etagMatches(request: FastifyRequest, etag: string): boolean {
  const header = request.headers['if-none-match'];
  if (!header) return false;
  return header === '*' || header.split(',').some((t) => t.trim() === etag);
}

export function publicationRoutes(app: FastifyInstance, store: Store): void {
  app.get<{
    Querystring: {
      limit: number;
      offset: number;
      kind?: string;
      chamber?: string;
      session?: string;
      committee?: string;
      dossier?: string;
    };
  }>(
    '/api/v1/publications',
    {
      config: { policy: publicationPolicy.list },
      schema: {
        summary: 'List publications, newest first',
        tags: ['publications'],
        querystring: publicationListQuerySchema,
        response: { 200: publicationListSchema, ...problems(400) },
      },
    },
    async (request) => {
      const { limit, offset, ...filters } = request.query;
      const page = await store.listPublications({
        ...filters,
        dossier: dossierParam(filters.dossier),
        limit,
        offset,
        visibleTo: organisationIds(request.actor),
      });
      const more = offset + page.items.length < page.total;
      return {
        total: page.total,
        limit,
        offset,
        items: page.items,
        links: pageLinks('/api/v1/publications', filters, limit, offset, more),
      };
    },
  );

  app.get<{ Params: { id: string }; Querystring: { format?: Choice; fragment: boolean } }>(
    '/api/v1/publications/:id',
    {
      config: { policy: publicationPolicy.read },
      schema: {
        summary: 'One publication, as JSON, Markdown, plain text, HTML, DOCX or PDF',
        description:
          'The rendering is chosen by ?format= or else by the Accept header. format=html&fragment=true gives ' +
          'only the publication itself, for embedding. DOCX and PDF are the official layout as a document ' +
          '(attachment). Answers carry an ETag; If-None-Match answers 304.',
        tags: ['publications'],
        params: publicationIdParams,
        querystring: publicationQuerySchema,
        response: {
          200: {
            description: 'The publication',
            content: {
              'application/json': { schema: publicationSchema },
              'text/markdown': { schema: { type: 'string' } },
              'text/plain': { schema: { type: 'string' } },
              'text/html': { schema: { type: 'string' } },
              [MEDIA_TYPES.docx]: { schema: { type: 'string', format: 'binary' } },
              [MEDIA_TYPES.pdf]: { schema: { type: 'string', format: 'binary' } },
            },
          },
          304: { description: 'Not modified', type: 'null' },
          ...problems(400, 404, 406),
        },
      },
    },
    async (request, reply) => sendPublication(request, reply, store),
  );
}

async function sendPublication(
  request: FastifyRequest<{ Params: { id: string }; Querystring: { format?: Choice; fragment: boolean } }>,
  reply: FastifyReply,
  store: Store,
): Promise<FastifyReply> {
  const found = await store.getPublished(request.params.id, organisationIds(request.actor));
  // A draft outside the reader's organisations is "not found", exactly like an id that does not exist.
  if (!found) throw new HttpProblem(404, `no published publication with id ${request.params.id}`);
  if (found.embargoed) {
    await recordAudit(store, request, 'embargo.read', `publication:${request.params.id}`);
    reply.header('cache-control', 'private, no-store');
  }
  const format = chooseFormat(request, request.query.format);
  const fragment = format === 'html' && request.query.fragment;
  const tag = createHash('sha256')
    .update(`${found.version}:${format}:${fragment}`)
    .digest('base64url')
    .slice(0, 22);
  const etag = `W/"${tag}"`;
  reply.header('etag', etag);
  if (!found.embargoed) reply.header('cache-control', 'public, max-age=60, must-revalidate');
  reply.header('vary', 'Accept, Accept-Encoding');
  if (etagMatches(request, etag)) return reply.code(304).send();
  const pub = found.publication;
  if (isDocumentFormat(format)) {
    reply.header('content-disposition', `attachment; filename="${pub.id}.${EXTENSIONS[format]}"`);
    return reply.type(MEDIA_TYPES[format]).send(Buffer.from(await renderBytes(pub, format)));
  }
  let body: string;
  if (format === 'html') {
    body = renderHtml(pub, { fragment, linkFor: await archiveLinks(store, pub) });
    // The whole document carries its own small stylesheet.
    reply.header(
      'content-security-policy',
      "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'",
    );
  } else {
    body = render(pub, format satisfies RenderFormat);
  }
  if (format !== 'json' && format !== 'html') {
    reply.header('content-disposition', `inline; filename="${pub.id}.${EXTENSIONS[format]}"`);
  }
  return reply.type(`${MEDIA_TYPES[format]}; charset=utf-8`).send(body);
}
