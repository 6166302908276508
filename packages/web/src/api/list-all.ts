import type { ApiClient } from './client';

/**
 * Every item of a listing route, following `offset`/`limit` pages when the route pages (`{ items, total }`) and
 * taking a bare array as it is. `path` may carry its own query (filters).
 */
export const listAll = async <T>(api: ApiClient, path: string, pageSize = 1000): Promise<T[]> => {
  const all: T[] = [];
  const separator = path.includes('?') ? '&' : '?';
  for (let offset = 0; ; offset += pageSize) {
    const body = await api.request<unknown>('GET', `${path}${separator}offset=${offset}&limit=${pageSize}`);
    if (Array.isArray(body)) return body as T[];
    const page = body as { items?: T[]; total?: number };
    const items = page.items ?? [];
    all.push(...items);
    if (items.length < pageSize || (page.total !== undefined && all.length >= page.total)) return all;
  }
};
