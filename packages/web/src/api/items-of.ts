/** The list in a listing answer, whether the route returns a bare array or a page `{ items, total }`. */
export const itemsOf = <T>(body: unknown): readonly T[] => {
  if (Array.isArray(body)) return body as T[];
  if (typeof body === 'object' && body !== null && Array.isArray((body as { items?: unknown }).items))
    return (body as { items: T[] }).items;
  return [];
};
