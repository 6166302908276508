import { connect, type Socket } from 'node:net';

/** One HTTP exchange as the load clients see it: status, JSON body (parsed when first read) and wall time. */
export interface Exchange {
  readonly status: number;
  readonly body: unknown;
  readonly milliseconds: number;
}

/**
 * A minimal keep-alive HTTP/1.1 JSON client straight on TCP sockets. The load clients share the server's two
 * cores, so every microsecond they spend is taken from the server being measured: `node:http`'s client cost about
 * 0.4–0.7 ms of CPU per request here (request and response objects, header validation, streams), about half the
 * server's own cost. This one writes the request as one string and reads the status line, `Content-Length` or
 * chunked bodies and nothing else, like a dedicated load tool would. One socket per request in flight, reused.
 */
export interface HttpClient {
  send(
    method: string,
    path: string,
    options?: { readonly headers?: Record<string, string>; readonly body?: string },
  ): Promise<Exchange>;
  close(): void;
}

const HEADER_END = Buffer.from('\r\n\r\n');

/** A parsed response head: status, headers by lower-case name. */
interface Head {
  readonly status: number;
  readonly headers: ReadonlyMap<string, string>;
  readonly length: number;
}

const parseHead = (buffer: Buffer, end: number): Head => {
  const lines = buffer.toString('latin1', 0, end).split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(lines[0] ?? '')?.[1]);
  if (!Number.isInteger(status)) throw new Error(`not an HTTP response: ${JSON.stringify(lines[0])}`);
  const headers = new Map<string, string>();
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { status, headers, length: end + HEADER_END.length };
};

/**
 * The body of a chunked message starting at `from`, or undefined while it is incomplete; `next` is where the
 * message ends (trailers are not used by the server and are skipped).
 */
const readChunked = (buffer: Buffer, from: number): { body: Buffer; next: number } | undefined => {
  const parts: Buffer[] = [];
  let at = from;
  for (;;) {
    const lineEnd = buffer.indexOf('\r\n', at);
    if (lineEnd < 0) return undefined;
    const size = Number.parseInt(buffer.toString('latin1', at, lineEnd), 16);
    if (!Number.isFinite(size)) throw new Error('bad chunk size in an HTTP response');
    if (size === 0) {
      const end = buffer.indexOf(HEADER_END, lineEnd);
      if (end >= 0) return { body: Buffer.concat(parts), next: end + HEADER_END.length };
      // No trailers: the last chunk line is followed by one empty line.
      if (buffer.length >= lineEnd + 4 && buffer.toString('latin1', lineEnd, lineEnd + 4) === '\r\n\r\n')
        return { body: Buffer.concat(parts), next: lineEnd + 4 };
      return undefined;
    }
    const start = lineEnd + 2;
    if (buffer.length < start + size + 2) return undefined;
    parts.push(buffer.subarray(start, start + size));
    at = start + size + 2;
  }
};

/** One kept-alive connection, answering one request at a time. */
class Connection {
  private buffer: Buffer = Buffer.alloc(0);
  private pending:
    { resolve: (exchange: Exchange) => void; reject: (error: Error) => void; started: number } | undefined;
  isClosed = false;

  constructor(private readonly socket: Socket) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
      this.tryFinish();
    });
    const fail = (error: Error) => {
      this.isClosed = true;
      const pending = this.pending;
      this.pending = undefined;
      pending?.reject(error);
    };
    socket.on('error', fail);
    socket.on('close', () => fail(new Error('the server closed the connection')));
  }

  send(text: string): Promise<Exchange> {
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject, started: performance.now() };
      this.socket.write(text);
    });
  }

  private tryFinish(): void {
    const pending = this.pending;
    if (pending === undefined) return;
    const headEnd = this.buffer.indexOf(HEADER_END);
    if (headEnd < 0) return;
    let head: Head;
    try {
      head = parseHead(this.buffer, headEnd);
    } catch (error) {
      this.socket.destroy();
      pending.reject(error as Error);
      return;
    }
    let body: Buffer;
    let next: number;
    if ((head.headers.get('transfer-encoding') ?? '').toLowerCase().includes('chunked')) {
      const chunked = readChunked(this.buffer, head.length);
      if (chunked === undefined) return;
      ({ body, next } = chunked);
    } else {
      const length = Number(head.headers.get('content-length') ?? '0');
      if (this.buffer.length < head.length + length) return;
      body = this.buffer.subarray(head.length, head.length + length);
      next = head.length + length;
    }
    const milliseconds = performance.now() - pending.started;
    this.buffer = this.buffer.subarray(next);
    this.pending = undefined;
    if ((head.headers.get('connection') ?? '').toLowerCase() === 'close') {
      this.isClosed = true;
      this.socket.end();
    }
    pending.resolve(exchangeOf(head, body, milliseconds));
  }

  close(): void {
    this.isClosed = true;
    this.socket.destroy();
  }
}

/** The exchange, with the body decoded and parsed only when read (page bodies are read only on failure). */
const exchangeOf = (head: Head, raw: Buffer, milliseconds: number): Exchange => {
  const isJson = (head.headers.get('content-type') ?? '').includes('json');
  let parsed: { value: unknown } | undefined;
  return {
    status: head.status,
    milliseconds,
    get body(): unknown {
      if (parsed !== undefined) return parsed.value;
      const text = raw.toString('utf8');
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
    },
  };
};

/** A client of the server at `baseUrl` keeping up to `sockets` idle connections for reuse. */
export const createHttpClient = (baseUrl: string, sockets: number): HttpClient => {
  const url = new URL(baseUrl);
  const port = Number(url.port || 80);
  const host = url.hostname;
  const idle: Connection[] = [];
  const all = new Set<Connection>();
  const open = (): Promise<Connection> =>
    new Promise((resolve, reject) => {
      const socket = connect({ host, port }, () => {
        socket.off('error', reject);
        const connection = new Connection(socket);
        all.add(connection);
        resolve(connection);
      });
      socket.once('error', reject);
    });
  return {
    async send(method, path, options = {}) {
      let connection = idle.pop();
      while (connection?.isClosed === true) connection = idle.pop();
      connection ??= await open();
      const headers: Record<string, string> = {
        host: url.host,
        accept: 'application/json',
        ...options.headers,
      };
      if (options.body !== undefined) {
        headers['content-type'] ??= 'application/json';
        headers['content-length'] = String(Buffer.byteLength(options.body));
      }
      let text = `${method} ${path} HTTP/1.1\r\n`;
      for (const [name, value] of Object.entries(headers)) text += `${name}: ${value}\r\n`;
      text += `\r\n${options.body ?? ''}`;
      try {
        return await connection.send(text);
      } finally {
        if (connection.isClosed) all.delete(connection);
        else if (idle.length < sockets) idle.push(connection);
        else {
          all.delete(connection);
          connection.close();
        }
      }
    },
    close() {
      for (const connection of all) connection.close();
      all.clear();
      idle.length = 0;
    },
  };
};
