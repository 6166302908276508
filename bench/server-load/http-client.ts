import { Agent, request } from 'node:http';

/** One HTTP exchange as the load clients see it: status, JSON body (parsed when first read) and wall time. */
export interface Exchange {
  readonly status: number;
  readonly body: unknown;
  readonly milliseconds: number;
}

/**
 * A minimal keep-alive JSON client on `node:http` (lighter than `fetch`, so the load generator costs the shared
 * CPU less and its own overhead stays out of the figures as far as possible). One agent per benchmark, one socket
 * per concurrent client.
 */
export interface HttpClient {
  send(
    method: string,
    path: string,
    options?: { readonly headers?: Record<string, string>; readonly body?: string },
  ): Promise<Exchange>;
  close(): void;
}

/** A client of the server at `baseUrl` allowing `sockets` connections at once. */
export const createHttpClient = (baseUrl: string, sockets: number): HttpClient => {
  const url = new URL(baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: sockets, maxFreeSockets: sockets });
  return {
    send: (method, path, options = {}) =>
      new Promise((resolve, reject) => {
        const started = performance.now();
        const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
        if (options.body !== undefined) {
          headers['content-type'] ??= 'application/json';
          headers['content-length'] = String(Buffer.byteLength(options.body));
        }
        const outgoing = request(
          { host: url.hostname, port: url.port, path, method, headers, agent },
          (response) => {
            const chunks: Buffer[] = [];
            response.on('data', (chunk: Buffer) => chunks.push(chunk));
            response.on('end', () => {
              const milliseconds = performance.now() - started;
              const isJson = (response.headers['content-type'] ?? '').includes('json');
              // Decoded and parsed only when read: the clients look at page bodies only on failure, and parsing
              // every 60 KB page took CPU from the server on the shared machine.
              let parsed: { value: unknown } | undefined;
              const bodyOf = (): unknown => {
                if (parsed !== undefined) return parsed.value;
                const text = Buffer.concat(chunks).toString('utf8');
                let value: unknown = text;
                if (isJson && text !== '') {
                  try {
                    value = JSON.parse(text) as unknown;
                  } catch {
                    value = text;
                  }
                }
                parsed = { value };
                return value;
              };
              resolve({
                status: response.statusCode ?? 0,
                get body() {
                  return bodyOf();
                },
                milliseconds,
              });
            });
            response.on('error', reject);
          },
        );
        outgoing.on('error', reject);
        outgoing.end(options.body);
      }),
    close: () => agent.destroy(),
  };
};
