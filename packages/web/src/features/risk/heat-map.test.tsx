import { DEFAULT_RISK_CRITERIA } from '@zonewise/core';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { buildHeatMap, HeatMap, type MatrixCriteria } from './heat-map';

const criteria = DEFAULT_RISK_CRITERIA as unknown as MatrixCriteria;

describe('HeatMap', () => {
  it('counts items per likelihood × impact cell, highest likelihood first', () => {
    const cells = buildHeatMap(criteria, [
      { id: 's1', rating: { likelihood: 5, impact: 1, band: 'x' } },
      { id: 's2', rating: { likelihood: 5, impact: 1, band: 'x' } },
      { id: 's3', rating: { likelihood: 1, impact: 5, band: 'x' } },
    ]);
    expect(cells[0]?.[0]).toMatchObject({ likelihood: 5, impact: 1, ids: ['s1', 's2'] });
    expect(cells.at(-1)?.at(-1)).toMatchObject({ likelihood: 1, impact: 5, ids: ['s3'] });
    expect(cells.flat().every((cell) => cell.band.label !== '')).toBe(true);
  });

  it('labels every cell with its band and count and opens the scenarios of a cell', async () => {
    const onSelect = vi.fn();
    const cells = buildHeatMap(criteria, [{ id: 's1', rating: { likelihood: 4, impact: 4, band: 'x' } }]);
    render(
      <HeatMap
        title="Residual"
        cells={cells}
        likelihoodLabels={new Map()}
        selected={undefined}
        onSelect={onSelect}
      />,
    );
    const band = cells[1]?.[3]?.band.label ?? '';
    const button = screen.getByRole('button', { name: `Residual: likelihood 4, impact 4, ${band} 1` });
    await userEvent.click(button);
    expect(onSelect).toHaveBeenCalledWith(expect.objectContaining({ likelihood: 4, impact: 4, ids: ['s1'] }));
    // empty cells are labelled too, but are not buttons
    expect(screen.getAllByRole('button')).toHaveLength(1);
    expect(screen.getAllByText(/^Residual: likelihood \d, impact \d,/)).toHaveLength(cells.flat().length);
  });
});
