// Pagination links: the same request with another offset.

export interface PageLinks {
  self: string;
  next: string | null;
  prev: string | null;
}

type Query = Record<string, string | number | boolean | undefined>;

function url(path: string, query: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

/** self/next/prev for a page of `limit` from `offset`; `more` says whether a next page exists. */
export function pageLinks(
  path: string,
  query: Query,
  limit: number,
  offset: number,
  more: boolean,
): PageLinks {
  query = { ...query, limit };
  return {
    self: url(path, { ...query, offset: offset || undefined }),
    next: more ? url(path, { ...query, offset: offset + limit }) : null,
    prev: offset > 0 ? url(path, { ...query, offset: Math.max(0, offset - limit) || undefined }) : null,
  };
}
