import { parseSecurityLevelVector } from '@zonewise/core';
import { describe, expect, it } from 'vitest';
import { xmlProblems } from '../testing/svg-geometry';
import { renderSecurityLevelBarsSvg } from './security-level-bars';
import { renderSecurityLevelRadarSvg } from './security-level-radar';

const series = [
  { label: 'SL-T', vector: parseSecurityLevelVector('{3 3 2 1 3 1 2}') },
  { label: 'SL-C', vector: undefined },
  { label: 'SL-A', vector: parseSecurityLevelVector('{2 1 2 1 3 0 2}') },
];

describe.each([
  ['renderSecurityLevelRadarSvg', renderSecurityLevelRadarSvg],
  ['renderSecurityLevelBarsSvg', renderSecurityLevelBarsSvg],
] as const)('%s', (_name, render) => {
  const svg = render(series, { title: 'Zone <control>', idPrefix: 'c1' }).svg;

  it('prints each vector in the legend and names a missing one', () => {
    expect(svg).toContain('SL-T: {3 3 2 1 3 1 2}');
    expect(svg).toContain('SL-C: not known');
    expect(svg).toContain('SL-A: {2 1 2 1 3 0 2}');
  });

  it('labels all seven FR axes', () => {
    for (const label of ['FR1', 'FR2', 'FR3', 'FR4', 'FR5', 'FR6', 'FR7', 'IAC', 'RDF', 'RA'])
      expect(svg).toContain(label);
  });

  it('escapes the title', () => {
    expect(svg).toContain('Zone &lt;control&gt;');
    expect(svg).not.toContain('<control>');
    expect(xmlProblems(svg)).toEqual([]);
  });

  it('returns the same SVG for the same input', () => {
    expect(render(series, { title: 'Zone <control>', idPrefix: 'c1' }).svg).toBe(svg);
  });
});

describe('renderSecurityLevelRadarSvg', () => {
  it('draws one polygon per known vector plus the four level rings', () => {
    const svg = renderSecurityLevelRadarSvg(series, { title: 'T' }).svg;
    expect(svg.match(/<polygon points="[^"]*" fill="none"/g) ?? []).toHaveLength(4);
    expect(svg.match(/<polygon points="[^"]*" fill="[^"]*" fill-opacity=/g) ?? []).toHaveLength(2);
  });
});

describe('renderSecurityLevelBarsSvg', () => {
  it('prints the level of every bar as a number', () => {
    const svg = renderSecurityLevelBarsSvg(series, { title: 'T' }).svg;
    const levels = [
      ...svg.matchAll(/font-size="8" text-anchor="middle" fill="#222222">([0-4–])<\/text>/g),
    ].map((match) => match[1]);
    expect(levels).toEqual([
      '3',
      '–',
      '2',
      '3',
      '–',
      '1',
      '2',
      '–',
      '2',
      '1',
      '–',
      '1',
      '3',
      '–',
      '3',
      '1',
      '–',
      '0',
      '2',
      '–',
      '2',
    ]);
  });
});
