/** `GET …/diff`: the two sides and the engine's model and results diff (as `zonewise diff --format json`). */
export interface ModelDiff {
  readonly from?: { readonly label?: string; readonly projectRevision?: number };
  readonly to?: { readonly label?: string; readonly projectRevision?: number };
  readonly diff?: {
    readonly modelSha256?: { readonly isChanged?: boolean };
    readonly entities?: unknown;
    readonly results?: unknown;
  };
  readonly [key: string]: unknown;
}

const countOf = (value: unknown): number =>
  Array.isArray(value)
    ? value.length
    : typeof value === 'object' && value !== null
      ? Object.keys(value).length
      : 0;

/** One level of a diff object as a list: each key with its count and, for small lists, the items. */
const DiffTree = ({ value, depth = 0 }: { value: unknown; depth?: number }) => {
  if (typeof value !== 'object' || value === null)
    return <span className="mono">{JSON.stringify(value)}</span>;
  if (Array.isArray(value)) {
    if (value.length === 0) return <span className="muted">none</span>;
    return (
      <ul className="diff-list">
        {value.slice(0, 20).map((item, index) => (
          <li key={index} className="mono small">
            {typeof item === 'object' ? JSON.stringify(item).slice(0, 240) : String(item)}
          </li>
        ))}
        {value.length > 20 ? <li className="muted">… {value.length - 20} more</li> : null}
      </ul>
    );
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(
    ([, item]) => countOf(item) > 0 || typeof item !== 'object',
  );
  if (entries.length === 0) return <span className="muted">no changes</span>;
  return (
    <ul className="diff-list">
      {entries.map(([name, item]) => (
        <li key={name}>
          {depth < 2 && typeof item === 'object' && item !== null ? (
            <details>
              <summary>
                <strong>{name}</strong> <span className="muted">({countOf(item)})</span>
              </summary>
              <DiffTree value={item} depth={depth + 1} />
            </details>
          ) : (
            <>
              <strong>{name}</strong>: <DiffTree value={item} depth={depth + 1} />
            </>
          )}
        </li>
      ))}
    </ul>
  );
};

/** What changed between a baseline and the working model: in the model, and what that changed in the results. */
export const DiffSummary = ({ diff }: { diff: ModelDiff }) => {
  const body = diff.diff ?? diff;
  const isChanged = (body as ModelDiff['diff'])?.modelSha256?.isChanged;
  return (
    <div className="diff-summary">
      <p>
        {isChanged === false ? (
          <span className="pill pill-ok">✓ The model is unchanged</span>
        ) : (
          <span className="pill pill-warn">⚠ The model changed</span>
        )}
      </p>
      <div className="two-columns">
        <section>
          <h3>Model</h3>
          <DiffTree value={(body as ModelDiff['diff'])?.entities} />
        </section>
        <section>
          <h3>Results</h3>
          <DiffTree value={(body as ModelDiff['diff'])?.results} />
        </section>
      </div>
    </div>
  );
};
