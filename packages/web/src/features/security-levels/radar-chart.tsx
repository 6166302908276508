const FRS = ['FR1', 'FR2', 'FR3', 'FR4', 'FR5', 'FR6', 'FR7'] as const;
const NAMES = ['IAC', 'UC', 'SI', 'DC', 'RDF', 'TRE', 'RA'];

/** One series on the radar: a vector of levels 0–4 per FR, drawn with its own line style. */
export interface RadarSeries {
  readonly label: string;
  readonly vector: Readonly<Record<string, number>> | undefined;
  readonly className: string;
}

/** Points of a vector on the radar (level 4 at radius `r`), FR1 at the top, clockwise. */
export const radarPoints = (
  vector: Readonly<Record<string, number>>,
  r: number,
  cx: number,
  cy: number,
): string =>
  FRS.map((fr, index) => {
    const angle = (Math.PI * 2 * index) / FRS.length - Math.PI / 2;
    const radius = (r * (vector[fr] ?? 0)) / 4;
    return `${(cx + Math.cos(angle) * radius).toFixed(1)},${(cy + Math.sin(angle) * radius).toFixed(1)}`;
  }).join(' ');

/**
 * SL-T, SL-C and SL-A per FR as a radar chart. The series differ by line style (solid, dashed, dotted) and are named
 * in the legend, and the chart has a text alternative, so it does not rely on colour.
 */
export const RadarChart = ({ series, title }: { series: readonly RadarSeries[]; title: string }) => {
  const size = 260;
  const c = size / 2;
  const r = 95;
  const description = series
    .filter((item) => item.vector !== undefined)
    .map((item) => `${item.label}: ${FRS.map((fr) => item.vector?.[fr] ?? 0).join(' ')}`)
    .join('; ');
  return (
    <figure className="radar">
      <svg
        viewBox={`0 0 ${size} ${size}`}
        width={size}
        height={size}
        role="img"
        aria-label={`${title}. ${description}`}
      >
        {[1, 2, 3, 4].map((level) => (
          <polygon
            key={level}
            points={radarPoints(Object.fromEntries(FRS.map((fr) => [fr, level])), r, c, c)}
            className="radar-grid"
          />
        ))}
        {FRS.map((fr, index) => {
          const angle = (Math.PI * 2 * index) / FRS.length - Math.PI / 2;
          return (
            <g key={fr}>
              <line
                x1={c}
                y1={c}
                x2={c + Math.cos(angle) * r}
                y2={c + Math.sin(angle) * r}
                className="radar-grid"
              />
              <text
                x={c + Math.cos(angle) * (r + 18)}
                y={c + Math.sin(angle) * (r + 18) + 4}
                textAnchor="middle"
                className="radar-label"
              >
                {NAMES[index]}
              </text>
            </g>
          );
        })}
        {series.map((item) =>
          item.vector === undefined ? null : (
            <polygon
              key={item.label}
              points={radarPoints(item.vector, r, c, c)}
              className={`radar-series ${item.className}`}
            />
          ),
        )}
      </svg>
      <figcaption className="radar-legend">
        {series.map((item) => (
          <span key={item.label} className={`legend-item ${item.className}`}>
            <svg width="28" height="10" aria-hidden="true">
              <line x1="0" y1="5" x2="28" y2="5" className={`radar-series ${item.className}`} />
            </svg>{' '}
            {item.label}
            {item.vector === undefined ? ' (not known)' : ''}
          </span>
        ))}
      </figcaption>
    </figure>
  );
};
