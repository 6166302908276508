import type { HeatMap, RiskCriteria } from '@zonewise/core';
import { describe, expect, it } from 'vitest';
import { buildReportFixture } from '../testing/report-fixture';
import { xmlProblems } from '../testing/svg-geometry';
import { renderRiskHeatMapSvg } from './risk-heat-map';

const { model } = buildReportFixture();
const criteria = model.riskCriteria;

/** A heat map with `count` made-up scenario ids in cell (likelihood, impact). */
const heatMapWith = (cells: readonly (readonly [number, number, number])[]): HeatMap =>
  criteria.matrix.map((row, likelihoodIndex) =>
    row.map((_band, impactIndex) => {
      const entry = cells.find(
        ([likelihood, impact]) => likelihood === likelihoodIndex + 1 && impact === impactIndex + 1,
      );
      return Array.from(
        { length: entry?.[2] ?? 0 },
        (_, index) => `s-${likelihoodIndex}-${impactIndex}-${index}`,
      );
    }),
  );

const cellTexts = (svg: string): readonly string[] =>
  [...svg.matchAll(/<g><title>Likelihood (\d+), impact (\d+)[^<]*<\/title>([\s\S]*?)<\/g>/g)].map(
    (match) => match[0],
  );

describe('renderRiskHeatMapSvg', () => {
  it('labels every cell with its count and its band initial', () => {
    const svg = renderRiskHeatMapSvg(
      criteria,
      heatMapWith([
        [4, 3, 3],
        [2, 5, 7],
        [5, 5, 11],
      ]),
      { title: 'Residual' },
    ).svg;
    const cells = cellTexts(svg);
    expect(cells).toHaveLength(criteria.matrix.length * (criteria.matrix[0]?.length ?? 0));
    const cellAt = (likelihood: number, impact: number): string =>
      cells.find((text) => text.startsWith(`<g><title>Likelihood ${likelihood}, impact ${impact}:`)) ?? '';
    expect(cellAt(4, 3)).toMatch(/>3<\/text>/);
    expect(cellAt(2, 5)).toMatch(/>7<\/text>/);
    expect(cellAt(5, 5)).toMatch(/>11<\/text>/);
    expect(cellAt(1, 1)).toMatch(/>0<\/text>/);
    for (const [likelihoodIndex, row] of criteria.matrix.entries()) {
      for (const [impactIndex, bandId] of row.entries()) {
        const band = criteria.bands.find((entry) => entry.id === bandId);
        expect(cellAt(likelihoodIndex + 1, impactIndex + 1)).toContain(
          `>${band?.label.charAt(0).toUpperCase()}</text>`,
        );
      }
    }
  });

  it('outlines the cells above the tolerable band and says so in the legend', () => {
    const svg = renderRiskHeatMapSvg(criteria, heatMapWith([]), { title: 'Initial' }).svg;
    const tolerableRank = criteria.bands.find((band) => band.id === criteria.tolerable)?.rank ?? 0;
    const aboveCount = criteria.matrix
      .flat()
      .filter(
        (bandId) => (criteria.bands.find((band) => band.id === bandId)?.rank ?? 0) > tolerableRank,
      ).length;
    expect(svg.match(/stroke-dasharray="4 2"/g) ?? []).toHaveLength(aboveCount);
    expect(svg).toContain('(above tolerable)');
  });

  it('puts the most likely row on top for either scale direction', () => {
    const rowLabels = (svg: string): readonly string[] =>
      [...svg.matchAll(/text-anchor="end">(\d) /g)].map((match) => match[1] ?? '');
    const ascending = renderRiskHeatMapSvg(criteria, heatMapWith([]), { title: 'A' }).svg;
    expect(rowLabels(ascending)[0]).toBe(String(criteria.matrix.length));
    const descending: RiskCriteria = {
      ...criteria,
      likelihood: { ...criteria.likelihood, direction: 'descending' },
    };
    expect(rowLabels(renderRiskHeatMapSvg(descending, heatMapWith([]), { title: 'D' }).svg)[0]).toBe('1');
  });

  it('ignores band colours that are not plain colour values', () => {
    const hostile: RiskCriteria = {
      ...criteria,
      bands: criteria.bands.map((band, index) =>
        index === 0 ? { ...band, color: 'red" onload="alert(1)', label: '<b>Low</b>' } : band,
      ),
    };
    const svg = renderRiskHeatMapSvg(hostile, heatMapWith([]), { title: '<script>x</script>' }).svg;
    expect(svg).not.toContain('onload');
    expect(svg).not.toContain('<script');
    expect(svg).not.toContain('<b>');
    expect(xmlProblems(svg)).toEqual([]);
  });

  it('returns the same SVG for the same input', () => {
    const heatMap = heatMapWith([[3, 3, 2]]);
    expect(renderRiskHeatMapSvg(criteria, heatMap, { title: 'T' })).toEqual(
      renderRiskHeatMapSvg(criteria, heatMap, { title: 'T' }),
    );
  });
});
