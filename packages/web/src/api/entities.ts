import type { ApiClient } from './client';

/** A stored entity: the item as in the assessment file (`body`) and the revision a change must name. */
export interface Entity<T = Record<string, unknown>> {
  readonly collection: string;
  readonly id: string;
  readonly position: number;
  readonly revision: number;
  readonly body: T;
  readonly updatedAt: string;
  readonly updatedBy: string;
}

/** A page of entities from `GET …/entities/{collection}`. */
interface EntityPage<T> {
  readonly items: readonly Entity<T>[];
  readonly total: number;
}

/** One change of a bulk request (`POST …/changes`): all of a batch are stored, or none. */
export type EntityChange =
  | { readonly op: 'create'; readonly collection: string; readonly body: unknown }
  | {
      readonly op: 'update';
      readonly collection: string;
      readonly id: string;
      readonly revision: number;
      readonly body: unknown;
    }
  | { readonly op: 'delete'; readonly collection: string; readonly id: string; readonly revision: number };

const PAGE = 1000;

const base = (projectId: string, collection: string) =>
  `/api/projects/${encodeURIComponent(projectId)}/entities/${encodeURIComponent(collection)}`;

/**
 * Every entity of a collection, page by page (the API caps pages at 1,000), reporting progress so a 100k-asset
 * plant shows how far the load is.
 */
export const listAllEntities = async <T>(
  api: ApiClient,
  projectId: string,
  collection: string,
  onProgress?: (loaded: number, total: number) => void,
): Promise<Entity<T>[]> => {
  const all: Entity<T>[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await api.request<EntityPage<T>>(
      'GET',
      `${base(projectId, collection)}?offset=${offset}&limit=${PAGE}`,
    );
    all.push(...page.items);
    onProgress?.(all.length, page.total);
    if (page.items.length < PAGE || all.length >= page.total) return all;
  }
};

/** Creates one entity. */
export const createEntity = <T>(api: ApiClient, projectId: string, collection: string, body: T) =>
  api.request<{ entity: Entity<T>; projectRevision: number }>('POST', base(projectId, collection), body);

/**
 * Creates the entity when there is none yet, else replaces it at the given revision: what every editor form's
 * Save does (a stale revision answers 409 `revision-conflict`, as with `updateEntity`).
 */
export const saveEntity = <T>(
  api: ApiClient,
  projectId: string,
  collection: string,
  existing: { readonly id: string; readonly revision: number } | undefined,
  body: T,
) =>
  existing === undefined
    ? createEntity(api, projectId, collection, body)
    : updateEntity(api, projectId, collection, existing, body);

/** Replaces one entity, based on the revision read (409 `revision-conflict` with the current one when stale). */
export const updateEntity = <T>(
  api: ApiClient,
  projectId: string,
  collection: string,
  entity: { readonly id: string; readonly revision: number },
  body: T,
) =>
  api.request<{ entity: Entity<T>; projectRevision: number }>(
    'PUT',
    `${base(projectId, collection)}/${encodeURIComponent(entity.id)}`,
    body,
    { 'If-Match': `"${entity.revision}"` },
  );

/** Deletes one entity, based on the revision read. */
export const deleteEntity = (
  api: ApiClient,
  projectId: string,
  collection: string,
  entity: { readonly id: string; readonly revision: number },
) =>
  api.request<unknown>(
    'DELETE',
    `${base(projectId, collection)}/${encodeURIComponent(entity.id)}`,
    undefined,
    {
      'If-Match': `"${entity.revision}"`,
    },
  );

/** Applies a batch atomically (`POST …/changes`). */
export const applyChanges = (
  api: ApiClient,
  projectId: string,
  changes: readonly EntityChange[],
  reason?: string,
) =>
  api.request<{ projectRevision: number; results: (Entity | null)[] }>(
    'POST',
    `/api/projects/${encodeURIComponent(projectId)}/changes`,
    { changes, ...(reason === undefined ? {} : { reason }) },
  );
