import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '@zonewise/server/testing';
import { DOCS_PAGE_HTML } from './routes';

/** The little of the DOM these tests touch (the server's tsconfig has no DOM types, jsdom ships none). */
interface PageElement {
  value: string;
  readonly textContent: string | null;
  click(): void;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): PageElement[] & { readonly length: number };
}
interface PageDocument {
  readonly body: PageElement;
  getElementById(id: string): PageElement | null;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): PageElement[] & { readonly length: number };
}
type JsdomConstructor = new (
  html: string,
  options: { runScripts: 'dangerously'; url: string; beforeParse(window: object): void },
) => { readonly window: { readonly document: PageDocument } & Record<string, unknown> };
const { JSDOM } = createRequire(import.meta.url)('jsdom') as { JSDOM: JsdomConstructor };
const all = (list: ArrayLike<PageElement>): PageElement[] => Array.from(list);

interface Sent {
  readonly url: string;
  readonly method: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
}

const reply = (status: number, body: unknown) => ({
  ok: status < 400,
  status,
  statusText: status === 200 ? 'OK' : 'Error',
  json: () => Promise.resolve(body),
  text: () => Promise.resolve(JSON.stringify(body)),
});

/** Runs the docs page in jsdom with a fetch that serves `openapi` and records every other request. */
const openPage = async (openapi: unknown) => {
  const sent: Sent[] = [];
  const dom = new JSDOM(DOCS_PAGE_HTML, {
    runScripts: 'dangerously',
    url: 'http://127.0.0.1:3000/api/docs',
    beforeParse(window) {
      Object.assign(window, {
        fetch: (
          url: string,
          init: { method?: string; headers?: Record<string, string>; body?: string } = {},
        ) => {
          if (url === '/api/openapi.json') return Promise.resolve(reply(200, openapi));
          if (url === '/api/auth/session')
            return Promise.resolve(reply(200, { csrfToken: 'csrf-123', user: { username: 'alice' } }));
          sent.push({
            url,
            method: init.method ?? 'GET',
            headers: init.headers ?? {},
            ...(init.body ? { body: init.body } : {}),
          });
          return Promise.resolve(reply(201, { created: '<b>yes</b>' }));
        },
      });
    },
  });
  await new Promise((resolvePromise) => setTimeout(resolvePromise, 20));
  return { document: dom.window.document, window: dom.window, sent };
};

const hostile = {
  openapi: '3.1.0',
  info: { title: '<img src=x onerror=alert(1)>', version: '1' },
  paths: {
    '/api/projects/{projectId}/things': {
      get: {
        tags: ['<b>Things</b>'],
        summary: '<script>window.pwned = true</script>',
        parameters: [
          { name: 'projectId', in: 'path', required: true, schema: { type: 'string' } },
          { name: 'q', in: 'query', schema: { type: 'string' }, description: '<i>search</i>' },
        ],
        responses: { 200: { description: 'ok' } },
      },
      post: {
        tags: ['<b>Things</b>'],
        summary: 'Create',
        'x-zonewise-permission': 'edit',
        parameters: [{ name: 'projectId', in: 'path', required: true, schema: { type: 'string' } }],
        requestBody: {
          content: {
            'application/json': { schema: { $ref: '#/components/schemas/Thing' } },
          },
        },
        responses: { 201: { description: 'created' } },
      },
    },
    '/api/health': {
      get: { tags: ['System'], summary: 'Health', responses: { 200: { description: 'ok' } } },
    },
  },
  components: {
    schemas: {
      Thing: {
        type: 'object',
        required: ['<i>name</i>'],
        properties: { '<i>name</i>': { type: 'string', example: '</textarea><b>x</b>' } },
      },
    },
  },
};

describe('API docs page', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await createTestServer('sqlite');
  });
  afterAll(() => server.close());

  it('is served without credentials, self-contained, with a CSP that allows only its own inline code', async () => {
    const response = await server.anonymous('GET', '/api/docs');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    const html = await response.text();
    expect(html).not.toMatch(/(src|href)\s*=\s*["']?(https?:)?\/\//i);
    const csp = response.headers.get('content-security-policy') ?? '';
    const script = /<script>([\s\S]*)<\/script>/.exec(html)?.[1] ?? '';
    const style = /<style>([\s\S]*)<\/style>/.exec(html)?.[1] ?? '';
    expect(csp).toContain(`'sha256-${createHash('sha256').update(script).digest('base64')}'`);
    expect(csp).toContain(`'sha256-${createHash('sha256').update(style).digest('base64')}'`);
    expect(csp).toContain("default-src 'none'");
  });

  it('renders strings from the document as text, never as markup', async () => {
    const { document, window } = await openPage(hostile);
    expect(document.querySelectorAll('img, b, i').length).toBe(0);
    expect(document.querySelectorAll('script').length).toBe(1);
    expect(window['pwned']).toBeUndefined();
    expect(document.getElementById('title')?.textContent).toContain('<img src=x onerror=alert(1)>');
    expect(all(document.querySelectorAll('h2')).map((h) => h.textContent)).toEqual([
      '<b>Things</b>',
      'System',
    ]);
    expect(document.body.textContent).toContain('<script>window.pwned = true</script>');
    expect(document.body.textContent).toContain('Project permission: edit');
    const body = document.querySelector('textarea');
    expect(JSON.parse(body?.value ?? '')).toEqual({ '<i>name</i>': '</textarea><b>x</b>' });
  });

  it('sends "try it" requests with the path and query filled in and the session CSRF token', async () => {
    const { document, sent } = await openPage(hostile);
    const operations = document.querySelectorAll('details.operation');
    const get = operations[0];
    const inputs = get?.querySelectorAll('input') ?? [];
    inputs[0]!.value = 'p 1/2';
    inputs[1]!.value = 'a&b';
    get?.querySelector('button')?.click();
    const post = operations[1];
    post!.querySelector('input')!.value = 'p1';
    post?.querySelector('button')?.click();
    await new Promise((resolvePromise) => setTimeout(resolvePromise, 20));
    expect(sent.map((request) => [request.method, request.url])).toEqual([
      ['GET', '/api/projects/p%201%2F2/things?q=a%26b'],
      ['POST', '/api/projects/p1/things'],
    ]);
    expect(sent[1]?.headers['x-csrf-token']).toBe('csrf-123');
    expect(sent[1]?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(sent[1]?.body ?? '')).toEqual({ '<i>name</i>': '</textarea><b>x</b>' });
    expect(post?.querySelector('.output pre')?.textContent).toContain('<b>yes</b>');
    expect(post?.querySelectorAll('.output b').length).toBe(0);
    const missing = operations[0]!.querySelectorAll('input')[0]!;
    missing.value = '';
    operations[0]?.querySelector('button')?.click();
    expect(operations[0]?.querySelector('.output .error')?.textContent).toContain('projectId is required');
  });

  it("renders the app's own OpenAPI document, every operation grouped by tag", async () => {
    const openapi = (await (await server.anonymous('GET', '/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const operations = Object.values(openapi.paths).flatMap((item) =>
      Object.keys(item).filter((key) => ['get', 'post', 'put', 'patch', 'delete'].includes(key)),
    );
    const { document } = await openPage(openapi);
    expect(document.querySelectorAll('details.operation').length).toBe(operations.length);
    const tags = all(document.querySelectorAll('h2')).map((h) => h.textContent);
    expect(tags).toEqual(
      expect.arrayContaining(['Projects', 'Baselines and approvals', 'Audit trail', 'Comments']),
    );
  });
});
