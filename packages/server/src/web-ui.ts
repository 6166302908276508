import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Context } from 'hono';
import type { ZonewiseApp } from './app';
import type { AppEnv } from './env';

/** Where the web package's Vite build lands (`npm run build -w @zonewise/web`). */
export const DEFAULT_WEB_DIST = fileURLToPath(new URL('../../web/dist/', import.meta.url));

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
  '.webmanifest': 'application/manifest+json',
};

/** Vite writes built assets to `assets/name-<hash>.ext`; such files never change, so browsers keep them a year. */
const HASHED_ASSET = /[-.][A-Za-z0-9_-]{8,}\.[a-z0-9]+$/;

/** The page at `/` when the web UI has not been built: the API and its docs still work. */
const LANDING_PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Zonewise workbench</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#1b1f24}
code{background:#f1f3f5;padding:.1rem .3rem;border-radius:3px}</style></head>
<body>
<h1>Zonewise workbench server</h1>
<p>The server is running. The browser UI has not been built in this checkout
(<code>npm run build -w @zonewise/web</code> builds it; <code>npm start</code> tries that first).</p>
<ul>
<li><a href="/api/docs">Interactive API documentation</a></li>
<li><a href="/api/openapi.json">OpenAPI 3.1 document</a></li>
<li><a href="/api/health">Health check</a></li>
</ul>
</body>
</html>
`;

const isApiPath = (path: string): boolean => path === '/api' || path.startsWith('/api/');

const fileResponse = async (
  c: Context<AppEnv>,
  file: string,
  options: { readonly isHashedAsset: boolean },
): Promise<Response> => {
  const body = await readFile(file);
  const type = CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
  const isImmutable = options.isHashedAsset && HASHED_ASSET.test(file) && !file.endsWith('.html');
  c.header('Content-Type', type);
  c.header('Cache-Control', isImmutable ? 'public, max-age=31536000, immutable' : 'no-cache');
  return c.body(body, 200);
};

const regularFile = async (file: string): Promise<boolean> => {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
};

/**
 * Serves the built browser UI for every non-API GET: files from `distDir` with their content types (hashed assets
 * cached for a year), and `index.html` for client-side routes. Without a build, `/` answers a plain page that
 * links the API docs, so a fresh clone without the UI still shows something useful.
 */
export const webUiRoutes = (app: ZonewiseApp, options: { readonly distDir?: string } = {}): void => {
  const distDir = resolve(options.distDir ?? DEFAULT_WEB_DIST);
  const indexFile = resolve(distDir, 'index.html');
  app.get('*', async (c) => {
    const path = c.req.path;
    if (isApiPath(path)) return c.notFound();
    if (!existsSync(indexFile)) {
      if (path !== '/' && path !== '/index.html') return c.notFound();
      c.header('Cache-Control', 'no-cache');
      return c.html(LANDING_PAGE);
    }
    let decoded: string;
    try {
      decoded = decodeURIComponent(path);
    } catch {
      return c.notFound();
    }
    const candidate = resolve(distDir, `.${decoded}`);
    const isInside = candidate === distDir || candidate.startsWith(distDir + sep);
    if (isInside && candidate !== distDir && (await regularFile(candidate)))
      return fileResponse(c, candidate, { isHashedAsset: decoded.startsWith('/assets/') });
    // A missing file with an extension is a broken link, not a client-side route.
    if (extname(decoded) !== '' && extname(decoded) !== '.html') return c.notFound();
    return fileResponse(c, indexFile, { isHashedAsset: false });
  });
};
