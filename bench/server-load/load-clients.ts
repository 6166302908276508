import { createRandom, type Random } from '../random';
import type { HttpClient } from './http-client';
import { LatencyLog } from './latency';

/** The kinds of request the clients send; latencies are kept per kind. */
export const REQUEST_KINDS = ['page', 'read', 'edit-read', 'edit-put'] as const;

/** One kind of request. */
export type RequestKind = (typeof REQUEST_KINDS)[number];

/** How one simulated user authenticates: their own session cookie and its CSRF token. */
export interface ClientCredentials {
  readonly cookie: string;
  readonly csrfToken: string;
}

/** What the clients do and for how long. */
export interface LoadOptions {
  readonly http: HttpClient;
  readonly projectId: string;
  /** Every asset id of the project (reads and edits pick from these). */
  readonly assetIds: readonly string[];
  /** One entry per concurrent client. */
  readonly clients: readonly ClientCredentials[];
  readonly seconds: number;
  readonly seed: string;
  /** Share of iterations that are page reads, single reads and edits (the rest). */
  readonly mix?: { readonly page: number; readonly read: number };
  /** Half the edits go to this many assets, so clients do collide and the 409-and-retry path is exercised. */
  readonly hotAssets?: number;
}

/** What the clients saw. */
export interface LoadResult {
  readonly elapsedSeconds: number;
  readonly requests: number;
  readonly latency: Readonly<Record<RequestKind, LatencyLog>>;
  /** Responses that were neither the expected success nor an edit's 409, and failed connections. */
  readonly errors: number;
  readonly errorSamples: readonly string[];
  /** PUTs refused with 409 because another client edited the asset first (each one retried). */
  readonly conflicts: number;
  readonly edits: { readonly attempted: number; readonly succeeded: number; readonly gaveUp: number };
}

const MAX_EDIT_ATTEMPTS = 10;

interface EntityBody {
  readonly revision: number;
  readonly body: Record<string, unknown>;
}

const isEntity = (value: unknown): value is EntityBody =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as { revision?: unknown }).revision === 'number' &&
  typeof (value as { body?: unknown }).body === 'object';

/**
 * Runs `clients.length` closed-loop clients (no think time: each sends its next request as soon as the last one
 * answered) for `seconds`, mixing entity page reads, single-entity reads and small edits (read, then PUT with the
 * revision in `If-Match`; on 409 merge with the current version from the error and retry).
 */
export const runLoad = async (options: LoadOptions): Promise<LoadResult> => {
  const latency = Object.fromEntries(REQUEST_KINDS.map((kind) => [kind, new LatencyLog()])) as Record<
    RequestKind,
    LatencyLog
  >;
  const mix = options.mix ?? { page: 0.45, read: 0.4 };
  const hot = options.assetIds.slice(0, options.hotAssets ?? 25);
  const base = `/api/projects/${encodeURIComponent(options.projectId)}/entities/assets`;
  const pages = Math.max(1, options.assetIds.length - 100);
  let requests = 0;
  let errors = 0;
  let conflicts = 0;
  const edits = { attempted: 0, succeeded: 0, gaveUp: 0 };
  const errorSamples: string[] = [];
  const started = performance.now();
  const deadline = started + options.seconds * 1000;

  const fail = (what: string, status: number, body: unknown): void => {
    errors += 1;
    if (errorSamples.length < 10)
      errorSamples.push(`${what}: ${status} ${JSON.stringify(body).slice(0, 300)}`);
  };

  const send = async (
    kind: RequestKind,
    credentials: ClientCredentials,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const exchange = await options.http.send(method, path, {
      headers: {
        cookie: credentials.cookie,
        ...(method === 'GET' ? {} : { 'x-csrf-token': credentials.csrfToken }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    requests += 1;
    latency[kind].add(exchange.milliseconds);
    return exchange;
  };

  const edit = async (client: number, credentials: ClientCredentials, random: Random): Promise<void> => {
    const id = random.chance(0.5) ? random.pick(hot) : random.pick(options.assetIds);
    const path = `${base}/${encodeURIComponent(id)}`;
    edits.attempted += 1;
    const read = await send('edit-read', credentials, 'GET', path);
    if (read.status !== 200 || !isEntity(read.body)) return fail(`GET ${id}`, read.status, read.body);
    let current: EntityBody = read.body;
    for (let attempt = 1; attempt <= MAX_EDIT_ATTEMPTS; attempt += 1) {
      const body = { ...current.body, description: `edited by client ${client}, attempt ${attempt}` };
      const put = await send('edit-put', credentials, 'PUT', path, body, {
        'if-match': `"${current.revision}"`,
      });
      if (put.status === 200) {
        edits.succeeded += 1;
        return;
      }
      const latest = (put.body as { error?: { code?: string; current?: unknown } } | undefined)?.error;
      if (put.status !== 409 || latest?.code !== 'revision-conflict')
        return fail(`PUT ${id}`, put.status, put.body);
      conflicts += 1;
      if (isEntity(latest.current)) current = latest.current;
      else {
        const again = await send('edit-read', credentials, 'GET', path);
        if (again.status !== 200 || !isEntity(again.body)) return fail(`GET ${id}`, again.status, again.body);
        current = again.body;
      }
    }
    edits.gaveUp += 1;
  };

  const runClient = async (client: number, credentials: ClientCredentials): Promise<void> => {
    const random = createRandom(`${options.seed}/client-${client}`);
    while (performance.now() < deadline) {
      const draw = random.next();
      try {
        if (draw < mix.page) {
          const offset = random.int(0, pages - 1);
          const page = await send('page', credentials, 'GET', `${base}?offset=${offset}&limit=100`);
          if (page.status !== 200) fail('GET page', page.status, page.body);
        } else if (draw < mix.page + mix.read) {
          const id = random.pick(options.assetIds);
          const one = await send('read', credentials, 'GET', `${base}/${encodeURIComponent(id)}`);
          if (one.status !== 200) fail(`GET ${id}`, one.status, one.body);
        } else await edit(client, credentials, random);
      } catch (error) {
        fail('connection', 0, error instanceof Error ? error.message : String(error));
      }
    }
  };

  await Promise.all(options.clients.map((credentials, client) => runClient(client, credentials)));
  return {
    elapsedSeconds: (performance.now() - started) / 1000,
    requests,
    latency,
    errors,
    errorSamples,
    conflicts,
    edits,
  };
};
