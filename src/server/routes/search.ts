// GET /api/v1/search: the archive's search, with filters, facets and paging.
import type { FastifyInstance } from 'fastify';
import { organisationIds } from '../../auth/actor.js';
import { publicationPolicy } from '../../auth/policies/publications.js';
import { normaliseDossier } from '../../model/ids.js';
import type { Analyzer } from '../../search/analysis.js';
import { type SearchFilters, search } from '../../search/search.js';
import type { Store } from '../../store/store.js';
import { pageLinks } from '../links.js';
import { HttpProblem } from '../problem.js';
import { problems, searchQuerySchema, searchResponseSchema } from '../schemas.js';

export interface SearchQuery {
  q: string;
  chamber?: string;
  sessionFrom?: number;
  sessionTo?: number;
  committee?: string;
  addressee?: string;
  kind?: string;
  dossier?: string;
  dateFrom?: string;
  dateTo?: string;
  sort: 'relevance' | 'date';
  limit: number;
  offset: number;
  facets: boolean;
}

/** The dossier as stored ('36 360 VI'), from any common spelling; a 400 when it is none. */
export function dossierParam(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const dossier = normaliseDossier(raw.replace(/-/g, ' '));
  if (!dossier) {
    throw new HttpProblem(400, `dossier ${JSON.stringify(raw)} is not a dossier number`, [
      { name: 'dossier', reason: "is not a dossier number such as '36360 VI'" },
    ]);
  }
  return dossier;
}

export function searchRoutes(app: FastifyInstance, store: Store, analyzer: Analyzer): void {
  app.get<{ Querystring: SearchQuery }>(
    '/api/v1/search',
    {
      config: { policy: publicationPolicy.search },
      schema: {
        summary: 'Search questions and answers',
        description:
          'Dutch analysis (stemming, compounds), ranked by BM25 with the question above the answer. ' +
          'The query language is in docs/search.md.',
        tags: ['search'],
        querystring: searchQuerySchema,
        response: { 200: searchResponseSchema, ...problems(400) },
      },
    },
    async (request) => {
      const q = request.query;
      const filters: SearchFilters = {
        chamber: q.chamber,
        sessionFrom: q.sessionFrom,
        sessionTo: q.sessionTo,
        committee: q.committee,
        addressee: q.addressee,
        kind: q.kind,
        dossier: dossierParam(q.dossier),
        dateFrom: q.dateFrom,
        dateTo: q.dateTo,
      };
      const response = await search(store, analyzer, q.q, {
        filters,
        limit: q.limit,
        offset: q.offset,
        sort: q.sort,
        facets: q.facets,
        visibleTo: organisationIds(request.actor),
      });
      const { limit, offset, ...rest } = q;
      const more = response.results.length === limit && offset + limit < response.total;
      return { ...response, links: pageLinks('/api/v1/search', rest, limit, offset, more) };
    },
  );
}
