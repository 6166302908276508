import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient } from './http-client';

/** A server answering in every way the load client must read: length, chunks, closing, errors, echoes. */
const startServer = async (): Promise<{ server: Server; url: string; connections: () => number }> => {
  let connections = 0;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      if (request.url === '/chunked') {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.write('{"parts":[');
        response.write('"a","b"');
        response.end(']}');
      } else if (request.url === '/close') {
        response.writeHead(409, { 'content-type': 'application/json', connection: 'close' });
        response.end('{"error":{"code":"revision-conflict"}}');
      } else if (request.url === '/text') {
        response.writeHead(200, { 'content-type': 'text/plain' });
        response.end('plain');
      } else {
        const echo = JSON.stringify({
          method: request.method,
          url: request.url,
          body,
          header: request.headers['x-test'],
        });
        response.writeHead(200, {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(echo),
        });
        response.end(echo);
      }
    });
  });
  server.on('connection', () => (connections += 1));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}`, connections: () => connections };
};

describe('load-test HTTP client', () => {
  let started: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => {
    started = await startServer();
  });
  afterAll(async () => {
    await new Promise((resolve) => started.server.close(resolve));
  });

  it('sends bodies and headers and reads length-delimited, chunked and non-JSON answers', async () => {
    const http = createHttpClient(started.url, 4);
    const body = JSON.stringify({ name: 'Ünïcødé 🏭', big: 'x'.repeat(200_000) });
    const echoed = await http.send('PUT', '/things/1?x=1', { body, headers: { 'x-test': 'yes' } });
    expect(echoed.status).toBe(200);
    expect(echoed.body).toEqual({ method: 'PUT', url: '/things/1?x=1', body, header: 'yes' });
    expect(echoed.milliseconds).toBeGreaterThanOrEqual(0);
    expect((await http.send('GET', '/chunked')).body).toEqual({ parts: ['a', 'b'] });
    expect((await http.send('GET', '/text')).body).toBe('plain');
    http.close();
  });

  it('reuses kept-alive connections, opens one per request in flight, and replaces closed ones', async () => {
    const http = createHttpClient(started.url, 8);
    const before = started.connections();
    const first = await Promise.all(Array.from({ length: 8 }, (_, n) => http.send('GET', `/n/${n}`)));
    expect(first.map((exchange) => (exchange.body as { url: string }).url)).toEqual(
      Array.from({ length: 8 }, (_, n) => `/n/${n}`),
    );
    for (let round = 0; round < 5; round += 1)
      await Promise.all(Array.from({ length: 8 }, () => http.send('GET', '/again')));
    expect(started.connections() - before).toBe(8);

    const closed = await http.send('PUT', '/close', { body: '{}' });
    expect(closed.status).toBe(409);
    expect(closed.body).toEqual({ error: { code: 'revision-conflict' } });
    expect((await http.send('GET', '/after-close')).status).toBe(200);
    http.close();
  });
});
