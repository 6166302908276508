/** One cell of the matrix: its band and the scenario (or zone) ids that fall in it. */
export interface HeatMapCell {
  readonly likelihood: number;
  readonly impact: number;
  readonly band: { readonly id: string; readonly label: string; readonly rank: number };
  readonly ids: readonly string[];
}

/** A risk rating as the engine reports it. */
export interface Rating {
  readonly likelihood: number;
  readonly impact: number;
  readonly band: string;
}

/** The parts of the risk criteria the heat map needs. */
export interface MatrixCriteria {
  readonly likelihood: { readonly levels: readonly { readonly level: number; readonly label: string }[] };
  readonly impactCategories: readonly { readonly levels: readonly string[] }[];
  readonly bands: readonly { readonly id: string; readonly label: string }[];
  readonly matrix: readonly (readonly string[])[];
}

/**
 * Places rated items in the likelihood × impact matrix of the criteria. Returns rows from the highest likelihood
 * down, as risk matrices are read.
 */
export const buildHeatMap = (
  criteria: MatrixCriteria,
  items: readonly { readonly id: string; readonly rating: Rating }[],
): HeatMapCell[][] => {
  const likelihoods = criteria.likelihood.levels.map((level) => level.level).sort((a, b) => b - a);
  const impactCount = Math.max(...criteria.impactCategories.map((category) => category.levels.length), 1);
  const bandIndex = new Map(criteria.bands.map((band, index) => [band.id, { ...band, rank: index }]));
  return likelihoods.map((likelihood) =>
    Array.from({ length: impactCount }, (_, index) => {
      const impact = index + 1;
      const bandId = criteria.matrix[likelihood - 1]?.[impact - 1] ?? '';
      return {
        likelihood,
        impact,
        band: bandIndex.get(bandId) ?? { id: bandId, label: bandId, rank: 0 },
        ids: items
          .filter((item) => item.rating.likelihood === likelihood && item.rating.impact === impact)
          .map((item) => item.id),
      };
    }),
  );
};

/**
 * A risk heat map: every cell shows its band in words and the count, with a band pattern as well as a colour (never
 * colour alone). A cell with items is a button that opens them.
 */
export const HeatMap = ({
  title,
  cells,
  likelihoodLabels,
  selected,
  onSelect,
}: {
  title: string;
  cells: readonly (readonly HeatMapCell[])[];
  likelihoodLabels: ReadonlyMap<number, string>;
  selected: { likelihood: number; impact: number } | undefined;
  onSelect: (cell: HeatMapCell) => void;
}) => {
  const total = cells.flat().reduce((sum, cell) => sum + cell.ids.length, 0);
  return (
    <figure className="heat-map">
      <figcaption>
        <strong>{title}</strong> <span className="muted">({total})</span>
      </figcaption>
      <table>
        <thead>
          <tr>
            <th scope="col" className="axis-label">
              Likelihood ↓ / impact →
            </th>
            {cells[0]?.map((cell) => (
              <th scope="col" key={cell.impact}>
                {cell.impact}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {cells.map((row) => (
            <tr key={row[0]?.likelihood}>
              <th scope="row" title={likelihoodLabels.get(row[0]?.likelihood ?? 0)}>
                {row[0]?.likelihood}
              </th>
              {row.map((cell) => {
                const isSelected =
                  selected?.likelihood === cell.likelihood && selected.impact === cell.impact;
                const where = `${title}: likelihood ${cell.likelihood}, impact ${cell.impact},`;
                const content = (
                  <>
                    <span className="visually-hidden">{where}</span>{' '}
                    <span className="band-name">{cell.band.label}</span>{' '}
                    <span className={cell.ids.length === 0 ? 'cell-count muted' : 'cell-count'}>
                      {cell.ids.length}
                    </span>
                  </>
                );
                return (
                  <td
                    key={cell.impact}
                    className={`cell band-${Math.min(cell.band.rank, 4)}${isSelected ? ' is-selected' : ''}`}
                  >
                    {cell.ids.length === 0 ? (
                      <span className="cell-content">{content}</span>
                    ) : (
                      <button
                        type="button"
                        className="cell-content"
                        aria-pressed={isSelected}
                        onClick={() => onSelect(cell)}
                      >
                        {content}
                      </button>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
};
