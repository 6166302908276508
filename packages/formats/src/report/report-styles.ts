/**
 * The report's only stylesheet, inlined into the HTML so the file opens offline. Screen and print share it; the
 * print rules start each top-level section on a new page, repeat table headers and keep rows, notes and figures
 * whole. Colours are printed exactly, and every coloured badge also carries its text.
 */
export const REPORT_CSS = `
:root { --ink: #1a1a1a; --muted: #555f6b; --line: #cfd6de; --accent: #1f4e79; --head: #eef2f6; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: 'Liberation Sans', Arial, Helvetica, sans-serif; color: var(--ink); background: #ffffff;
  max-width: 1200px; margin: 0 auto; padding: 24px 28px 48px; font-size: 14px; line-height: 1.45; }
p, li, dd, td, th, figcaption, caption, .note, code { overflow-wrap: break-word; }
.title-page { border-bottom: 3px solid var(--accent); padding-bottom: 16px; margin-bottom: 20px; }
.title-page .kicker { color: var(--muted); text-transform: uppercase; letter-spacing: 0.06em; font-size: 12px; margin: 0; }
h1 { font-size: 28px; margin: 6px 0 14px; color: var(--accent); overflow-wrap: break-word; }
h2 { font-size: 22px; margin: 40px 0 12px; padding-bottom: 4px; border-bottom: 2px solid var(--accent); color: var(--accent); overflow-wrap: break-word; }
h3 { font-size: 17px; margin: 28px 0 8px; overflow-wrap: break-word; }
h4, h5, h6 { font-size: 15px; margin: 20px 0 6px; overflow-wrap: break-word; }
a { color: var(--accent); }
code { font-family: 'Liberation Mono', Consolas, 'Courier New', monospace; font-size: 0.9em; background: #f2f4f7;
  border-radius: 3px; padding: 0 3px; overflow-wrap: break-word; }
dl.meta, dl.kv { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 3px 18px; margin: 10px 0 14px; }
dl.meta dt, dl.kv dt { font-weight: bold; color: var(--muted); }
dl.meta dd, dl.kv dd { margin: 0; }
dl.kv + dl.kv { border-top: 1px solid var(--line); padding-top: 10px; }
td:empty { height: 2.4em; }
nav.toc { background: #f7f9fb; border: 1px solid var(--line); border-radius: 6px; padding: 10px 18px; margin: 18px 0 24px; }
nav.toc h2 { border: 0; margin: 6px 0; font-size: 18px; }
nav.toc ol { margin: 4px 0; padding-left: 22px; }
nav.toc ol ol { list-style: disc; font-size: 13px; }
.table-wrap { overflow-x: auto; margin: 10px 0 16px; }
table { border-collapse: collapse; width: 100%; font-size: 12.5px; }
caption { caption-side: top; text-align: left; font-weight: bold; padding: 4px 0 6px; }
th, td { border: 1px solid var(--line); padding: 4px 6px; vertical-align: top; text-align: left; }
thead th { background: var(--head); }
td.align-right, th.align-right { text-align: right; }
td.align-center, th.align-center { text-align: center; }
td.nowrap { white-space: nowrap; }
p.caption { font-weight: bold; margin: 12px 0 4px; }
p.empty { color: var(--muted); font-style: italic; margin: 4px 0 14px; }
.badge { display: inline-block; padding: 0 7px; border-radius: 9px; border: 1px solid; font-size: 0.82em; font-weight: bold;
  line-height: 1.5; white-space: nowrap; }
.badge-critical { background: #c62828; border-color: #8e0000; color: #ffffff; }
.badge-high { background: #ef6c00; border-color: #a84c00; color: #000000; }
.badge-medium { background: #f9a825; border-color: #b07700; color: #000000; }
.badge-low { background: #2e7d32; border-color: #1b5e20; color: #ffffff; }
.badge-ok { background: #e8f5e9; border-color: #2e7d32; color: #1b5e20; }
.badge-info { background: #e3f2fd; border-color: #1565c0; color: #0d47a1; }
.badge-neutral { background: #f5f5f5; border-color: #9e9e9e; color: #333333; }
.note { border: 1px solid var(--line); border-left: 5px solid var(--muted); background: #f7f9fb; padding: 6px 10px; margin: 10px 0; }
.note-critical, .note-high { border-left-color: #c62828; background: #fdecea; }
.note-medium { border-left-color: #f9a825; background: #fff8e1; }
.note-ok, .note-low { border-left-color: #2e7d32; background: #eef7ee; }
.note-info { border-left-color: #1565c0; background: #eef4fb; }
.note-label { font-weight: bold; margin-right: 4px; }
figure { margin: 14px 0 18px; }
figure .figure-body svg { max-width: 100%; height: auto; display: block; }
figure.figure-wide .figure-body { overflow-x: auto; }
figure.figure-wide .figure-body svg { max-width: none; }
figcaption { color: var(--muted); font-size: 12.5px; margin-top: 4px; }
.figure-row { display: flex; flex-wrap: wrap; gap: 18px; align-items: flex-start; }
.figure-row figure { flex: 0 1 auto; margin: 8px 0; }
footer { margin-top: 40px; padding-top: 8px; border-top: 1px solid var(--line); color: var(--muted); font-size: 12px; }
@page { size: A4; margin: 16mm 13mm 18mm; }
@page landscape { size: A4 landscape; margin: 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 9.5pt; }
  h2 { break-before: page; }
  h2, h3, h4, caption, p.caption { break-after: avoid; }
  nav.toc { break-after: page; }
  table { font-size: 8pt; }
  thead { display: table-header-group; }
  tr, figure, .note, dl.kv > *, li { break-inside: avoid; }
  .table-wrap, figure.figure-wide .figure-body { overflow: visible; }
  figure.figure-wide .figure-body svg { max-width: 100%; max-height: 170mm; }
  figure.figure-wide { page: landscape; }
  a { color: inherit; text-decoration: none; }
}
`;
