import { createHash } from 'node:crypto';
import type { ZonewiseApp } from '../../app';
import { DOCS_PAGE_SCRIPT } from './docs-page-script';

const DOCS_PAGE_STYLE = `
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1b1f24;background:#fafbfc}
header{padding:1rem 1.5rem;background:#12324a;color:#fff}
header h1{margin:0 0 .25rem;font-size:1.4rem}
header p{margin:.25rem 0}
.auth{display:flex;gap:1rem;flex-wrap:wrap;margin-top:.5rem}
.auth label{display:flex;flex-direction:column;font-size:.85rem}
.layout{display:grid;grid-template-columns:16rem 1fr;gap:1.5rem;padding:1rem 1.5rem}
nav ul{list-style:none;padding:0;margin:0;position:sticky;top:1rem}
nav a{display:block;padding:.2rem 0;color:#12324a}
section h2{border-bottom:2px solid #12324a;padding-bottom:.2rem}
details.operation{background:#fff;border:1px solid #d0d7de;border-radius:6px;margin:.5rem 0;padding:.4rem .8rem}
summary{cursor:pointer;display:flex;gap:.6rem;align-items:baseline;flex-wrap:wrap}
.method{font-weight:700;font-family:ui-monospace,monospace;min-width:4.2rem}
.get{color:#0b6b3a}.post{color:#7a4b00}.put,.patch{color:#0a4f9e}.delete{color:#a40e26}
.summary{color:#57606a}
.muted{color:#57606a}
.req{color:#a40e26;font-size:.8rem}
.schema{margin:.15rem 0}
.schema ul{margin:.1rem 0 .1rem 1rem;padding-left:.6rem;border-left:1px solid #d0d7de}
.nested{margin-left:1rem}
table{border-collapse:collapse;width:100%}
td,th{border:1px solid #d0d7de;padding:.25rem .4rem;text-align:left;vertical-align:top}
input,textarea{font:13px ui-monospace,monospace;width:100%;box-sizing:border-box}
button{margin:.5rem 0;padding:.35rem .9rem;background:#12324a;color:#fff;border:0;border-radius:4px;cursor:pointer}
pre{background:#f6f8fa;padding:.6rem;overflow:auto;max-height:30rem;border-radius:4px}
.ok{color:#0b6b3a}.error{color:#a40e26}
@media (max-width:50rem){.layout{grid-template-columns:1fr}}
`;

const sha256Source = (text: string): string =>
  `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/** The docs page: everything inline, nothing from a CDN, so it works on an offline plant network. */
export const DOCS_PAGE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Zonewise API documentation</title>
<style>${DOCS_PAGE_STYLE}</style>
</head>
<body>
<header>
<h1 id="title">Zonewise API</h1>
<p id="description"></p>
<p id="session">Checking the session…</p>
<div class="auth">
<label>CSRF token (filled in from the session)<input id="csrf" autocomplete="off"></label>
<label>API token (optional, sent as Bearer)<input id="bearer" type="password" autocomplete="off"></label>
</div>
</header>
<div class="layout">
<nav><ul id="tags"></ul></nav>
<main id="operations">Loading /api/openapi.json…</main>
</div>
<script>${DOCS_PAGE_SCRIPT}</script>
</body>
</html>
`;

/**
 * The page's Content-Security-Policy: only its own inline script and style (by hash) and same-origin requests, so
 * even a string that slipped through could not load or run anything else.
 */
export const DOCS_PAGE_CSP = [
  "default-src 'none'",
  `script-src ${sha256Source(DOCS_PAGE_SCRIPT)}`,
  `style-src ${sha256Source(DOCS_PAGE_STYLE)}`,
  "connect-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** `GET /api/docs`: interactive documentation of the OpenAPI document, served by the app itself (no CDN). */
export const docsRoutes = (app: ZonewiseApp): void => {
  app.get('/api/docs', (c) => {
    c.header('Content-Security-Policy', DOCS_PAGE_CSP);
    c.header('Cache-Control', 'no-cache');
    return c.html(DOCS_PAGE_HTML);
  });
};
