import { builtInRules, INTEGRATION_PATTERNS } from '@zonewise/core';
import { describe, expect, it } from 'vitest';
import { renderRulesMarkdown } from './render-rules-markdown';

const text = renderRulesMarkdown(builtInRules, INTEGRATION_PATTERNS);

/** The lines from a heading up to the next heading of the same or a higher level. */
const section = (heading: string): string => {
  const lines = text.split('\n');
  const start = lines.indexOf(heading);
  const level = heading.indexOf(' ');
  const end = lines.findIndex(
    (line, index) => index > start && /^#+ /.test(line) && line.indexOf(' ') <= level,
  );
  return lines.slice(start, end === -1 ? undefined : end).join('\n');
};

describe('renderRulesMarkdown', () => {
  it('documents every rule and every pattern, in the given order', () => {
    const ruleHeadings = text.split('\n').filter((line) => line.startsWith('### `') && line.includes('/'));
    expect(ruleHeadings).toEqual(builtInRules.map((rule) => `### \`${rule.id}\``));
    for (const pattern of INTEGRATION_PATTERNS) expect(text).toContain(`### \`${pattern.id}\``);
    expect(text.endsWith('\n')).toBe(true);
    expect(text.endsWith('\n\n')).toBe(false);
  });

  it('renders a rule section stably', () => {
    expect(section('### `zone/empty`')).toMatchInlineSnapshot(`
      "### \`zone/empty\`

      **Zone holds no in-scope assets**

      - Applies to: zone
      - Default severity: low
      - Reference: IEC 62443-3-2 ZCR 3.1

      **Why it matters.** A zone exists to group assets with common security requirements. An empty zone is usually a leftover of an earlier design or a sign that assets were never assigned, and it makes the drawings and the CRS misleading.

      **What is checked.** A zone has no in-scope assets and is not the parent of any nested zone.

      **How to fix.** Assign the assets that belong to the zone, or remove the zone and the conduits that join it.
      "
    `);
  });

  it('renders a pattern section with its channel table', () => {
    const cloud = section('### `cloud-one-way`');
    expect(cloud).toContain('- One-way: yes');
    expect(cloud).toContain('- Required enforcement: data-diode');
    expect(cloud).toContain('- SL-T guidance: FR3 (SI) ≥ 2, FR4 (DC) ≥ 2, FR5 (RDF) ≥ 3.');
    expect(cloud).toContain('| mqtt | 8883 | Site operations | External | yes |');
  });

  it('is a pure function of its inputs', () => {
    expect(renderRulesMarkdown(builtInRules, INTEGRATION_PATTERNS)).toBe(text);
    expect(renderRulesMarkdown([], [])).toContain('## Rule index (0)');
  });

  it('escapes table pipes', () => {
    const [first] = builtInRules;
    if (!first) throw new Error('no rules');
    const piped = renderRulesMarkdown([{ ...first, title: 'a | b' }], []);
    expect(piped).toContain('a \\| b');
  });
});
