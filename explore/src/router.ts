/**
 * Where the explorer is, kept in the URL's fragment so that any view can be shared as a link:
 * #/entity/<id>, #/article/<id>?statement=<id>, #/connect?from=<id>&to=<id>&hops=<n>.
 */
export type Route =
  | { view: 'home' }
  | { view: 'entity'; id: string }
  | { view: 'article'; id: string; statement: string | null }
  | { view: 'connect'; from: string | null; to: string | null; hops: number };

export const DEFAULT_HOPS = 4;

export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?');
  const params = new URLSearchParams(query);
  const [view, ...rest] = path.split('/');
  const id = decodeURIComponent(rest.join('/'));
  if (view === 'entity' && id) return { view, id };
  if (view === 'article' && id) return { view, id, statement: params.get('statement') };
  if (view === 'connect') {
    const hops = Number(params.get('hops'));
    return { view, from: params.get('from'), to: params.get('to'), hops: Number.isInteger(hops) && hops >= 1 && hops <= 6 ? hops : DEFAULT_HOPS };
  }
  return { view: 'home' };
}

const query = (params: Record<string, string | number | null | undefined>) => {
  const kept = Object.entries(params).filter((e): e is [string, string | number] => e[1] != null && e[1] !== '');
  return kept.length ? `?${new URLSearchParams(kept.map(([k, v]) => [k, String(v)]))}` : '';
};

export const links = {
  entity: (id: string) => `#/entity/${encodeURIComponent(id)}`,
  article: (id: string, statement?: string | null) => `#/article/${encodeURIComponent(id)}${query({ statement })}`,
  connect: (from?: string | null, to?: string | null, hops?: number) => `#/connect${query({ from, to, hops: hops === DEFAULT_HOPS ? null : hops })}`,
};
