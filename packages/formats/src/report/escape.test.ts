import { describe, expect, it } from 'vitest';
import { AnchorRegistry, escapeMarkdown, escapeXml, slug } from './escape';

describe('escapeXml', () => {
  it('escapes markup and quotes', () => {
    expect(escapeXml(`<a href="x" onclick='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });

  it('replaces characters XML cannot hold and keeps valid surrogate pairs', () => {
    expect(escapeXml('a\u0000b\u001Fc\uFFFE')).toBe('a\uFFFDb\uFFFDc\uFFFD');
    expect(escapeXml('\uD83D\uDE00 \uD83D')).toBe('\uD83D\uDE00 \uFFFD');
    expect(escapeXml('tab\tnew\nline')).toBe('tab\tnew\nline');
  });
});

describe('escapeMarkdown', () => {
  it.each([
    ['<script>', '\\<script\\>'],
    ['a|b', 'a\\|b'],
    ['`code`', '\\`code\\`'],
    ['*x* _y_ ~z~', '\\*x\\* \\_y\\_ \\~z\\~'],
    ['[t](http://e)', '\\[t\\](http://e)'],
    ['&amp;', '\\&amp;'],
    ['# title', '\\# title'],
    ['1.1', '1\\.1'],
    ['2) item', '2\\) item'],
    ['- item', '\\- item'],
    ['two\n\nlines  here', 'two lines here'],
  ])('renders %j as text', (input, expected) => {
    expect(escapeMarkdown(input)).toBe(expected);
  });
});

describe('AnchorRegistry', () => {
  it('builds safe anchors, one per key, unique across keys and reserved ids', () => {
    const anchors = new AnchorRegistry();
    anchors.reserve(['risk-zone-a-b-2']);
    expect(anchors.anchor('k1', 'risk-zone', 'A.B')).toBe('risk-zone-a-b');
    expect(anchors.anchor('k2', 'risk-zone', 'a/b')).toBe('risk-zone-a-b-3');
    expect(anchors.anchor('k1', 'risk-zone', 'ignored')).toBe('risk-zone-a-b');
    expect(slug('<script>"x"')).toBe('script-x');
    expect(slug('***')).toBe('x');
  });
});
