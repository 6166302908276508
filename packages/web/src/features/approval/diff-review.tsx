import {
  FOUNDATIONAL_REQUIREMENTS,
  type BandChange,
  type EntityChange,
  type EntityRef,
  type ModelDiff as EngineDiff,
  type SecurityLevelVector,
} from '@zonewise/core';
import { useState, type ReactNode } from 'react';

/** One side of a diff as the server names it. */
export interface DiffSide {
  readonly kind: 'baseline' | 'working';
  readonly baselineId?: string;
  readonly label?: string;
  readonly projectRevision: number;
  readonly modelSha256: string;
}

/** `GET …/diff`: the two sides and the engine's model and results diff (as `zonewise diff --format json`). */
export interface DiffAnswer {
  readonly from: DiffSide;
  readonly to: DiffSide;
  readonly diff: EngineDiff;
}

/** How many rows a long list shows at first, and how many more each "Show more" adds. */
const FIRST_ROWS = 50;
const MORE_ROWS = 500;

const CHANGE_MARKS: Record<EntityChange['change'], string> = {
  added: '+ added',
  removed: '− removed',
  changed: '~ changed',
};

const refName = (ref: EntityRef): string =>
  ref.name === undefined || ref.name === ref.id ? ref.id : `${ref.name} (${ref.id})`;

/** A section with its count in the heading and a note when nothing changed. */
const DiffSection = ({ title, count, children }: { title: string; count: number; children: ReactNode }) => (
  <section className="diff-section" aria-label={title}>
    <h3>
      {title} <span className="muted">({count})</span>
    </h3>
    {count === 0 ? <p className="muted">No change.</p> : children}
  </section>
);

/** The first rows of a long list with a button for the rest. */
const useFirstRows = <T,>(items: readonly T[]): { shown: readonly T[]; more: ReactNode } => {
  const [limit, setLimit] = useState(FIRST_ROWS);
  if (items.length <= limit) return { shown: items, more: null };
  // A bulk import can change 100k entities: more rows come a page at a time, never all at once.
  const next = Math.min(items.length, limit + MORE_ROWS);
  return {
    shown: items.slice(0, limit),
    more: (
      <button type="button" className="link" onClick={() => setLimit(next)}>
        {next === items.length
          ? `Show all ${items.length.toLocaleString('en')}`
          : `Show ${(next - limit).toLocaleString('en')} more of ${(items.length - limit).toLocaleString('en')}`}
      </button>
    ),
  };
};

/** A band before and after, with an arrow that says worse or better in words as well as in colour. */
const Band = ({ change }: { change: BandChange | undefined }) =>
  change === undefined ? (
    <span className="muted">unchanged</span>
  ) : (
    <span className={change.isWorse ? 'change-worse' : 'change-better'}>
      {change.before} → {change.after} {change.isWorse ? '(worse)' : '(better)'}
    </span>
  );

const EntityChanges = ({ changes }: { changes: readonly EntityChange[] }) => {
  const kinds = [...new Set(changes.map((change) => change.kind))];
  const [kind, setKind] = useState('');
  const filtered = kind === '' ? changes : changes.filter((change) => change.kind === kind);
  const { shown, more } = useFirstRows(filtered);
  return (
    <>
      {kinds.length > 1 ? (
        <div className="compare-form">
          <label className="inline-field">
            <span>Kind</span>
            <select value={kind} onChange={(event) => setKind(event.target.value)}>
              <option value="">All kinds</option>
              {kinds.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          </label>
        </div>
      ) : null}
      <div className="table-scroll">
        <table className="data-table compact">
          <thead>
            <tr>
              <th scope="col">Kind</th>
              <th scope="col">Entity</th>
              <th scope="col">Change</th>
              <th scope="col">Fields</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((change) => (
              <tr key={`${change.kind}/${change.id}`} className={`entity-${change.change}`}>
                <td>{change.kind}</td>
                <td>
                  {change.name ?? change.id}
                  {change.name === undefined ? null : <div className="small muted mono">{change.id}</div>}
                </td>
                <td>{CHANGE_MARKS[change.change]}</td>
                <td className="mono small">{change.fields.length === 0 ? '—' : change.fields.join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {more}
    </>
  );
};

const LevelCell = ({ before, after }: { before: number | undefined; after: number | undefined }) => {
  if (before === after) return <td className="num">{after ?? '—'}</td>;
  const isUp = (after ?? 0) > (before ?? 0);
  return (
    <td className={`num ${isUp ? 'change-worse' : 'change-better'}`}>
      <strong>
        {before ?? '—'} → {after ?? '—'}
      </strong>{' '}
      <span aria-hidden="true">{isUp ? '▲' : '▼'}</span>
      <span className="visually-hidden">{isUp ? 'raised' : 'lowered'}</span>
    </td>
  );
};

const TargetChanges = ({ diff }: { diff: EngineDiff }) => {
  const levelOf = (vector: SecurityLevelVector | undefined, fr: (typeof FOUNDATIONAL_REQUIREMENTS)[number]) =>
    vector?.[fr];
  return (
    <div className="table-scroll">
      <table className="data-table compact">
        <thead>
          <tr>
            <th scope="col">Zone / conduit</th>
            {FOUNDATIONAL_REQUIREMENTS.map((fr) => (
              <th scope="col" key={fr} className="num">
                {fr}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {diff.results.targets.map((target) => (
            <tr key={target.subject.id}>
              <th scope="row">
                {refName(target.subject)}
                <div className="small muted">
                  {target.subject.kind}
                  {target.before === undefined ? ' · new' : target.after === undefined ? ' · removed' : ''}
                </div>
              </th>
              {FOUNDATIONAL_REQUIREMENTS.map((fr) => (
                <LevelCell key={fr} before={levelOf(target.before, fr)} after={levelOf(target.after, fr)} />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
};

const RiskChanges = ({ diff }: { diff: EngineDiff }) => {
  const { initialRisk, scenarios } = diff.results;
  return (
    <>
      {initialRisk.length === 0 ? null : (
        <table className="data-table compact" aria-label="Initial risk">
          <thead>
            <tr>
              <th scope="col">Initial risk of</th>
              <th scope="col">Band</th>
            </tr>
          </thead>
          <tbody>
            {initialRisk.map((entry) => (
              <tr key={entry.subject.id}>
                <td>{refName(entry.subject)}</td>
                <td>
                  <Band change={entry.change} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {scenarios.changed.length + scenarios.added.length + scenarios.removed.length === 0 ? null : (
        <table className="data-table compact" aria-label="Threat scenarios">
          <thead>
            <tr>
              <th scope="col">Scenario</th>
              <th scope="col">Against</th>
              <th scope="col">Unmitigated</th>
              <th scope="col">Residual</th>
            </tr>
          </thead>
          <tbody>
            {scenarios.changed.map((scenario) => (
              <tr key={`changed/${scenario.id}`}>
                <td>{scenario.title}</td>
                <td>{refName(scenario.subject)}</td>
                <td>
                  <Band change={scenario.unmitigated} />
                </td>
                <td>
                  <Band change={scenario.residual} />
                </td>
              </tr>
            ))}
            {scenarios.added.map((scenario) => (
              <tr key={`added/${scenario.id}`}>
                <td>+ {scenario.title} (new)</td>
                <td>{refName(scenario.subject)}</td>
                <td>{scenario.unmitigated}</td>
                <td>{scenario.residual}</td>
              </tr>
            ))}
            {scenarios.removed.map((scenario) => (
              <tr key={`removed/${scenario.id}`}>
                <td>
                  − <s>{scenario.title}</s> (removed)
                </td>
                <td>{refName(scenario.subject)}</td>
                <td>{scenario.unmitigated}</td>
                <td>{scenario.residual}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
};

const FindingChanges = ({ diff }: { diff: EngineDiff }) => {
  const { added, resolved, statusChanges } = diff.results.findings;
  const rows = [
    ...added.map((finding) => ({ finding, change: '+ new' })),
    ...resolved.map((finding) => ({ finding, change: '✓ resolved' })),
  ];
  const { shown, more } = useFirstRows(rows);
  return (
    <>
      {rows.length === 0 ? null : (
        <div className="table-scroll">
          <table className="data-table compact" aria-label="New and resolved findings">
            <thead>
              <tr>
                <th scope="col">Change</th>
                <th scope="col">Severity</th>
                <th scope="col">Finding</th>
                <th scope="col">On</th>
              </tr>
            </thead>
            <tbody>
              {shown.map(({ finding, change }) => (
                <tr key={`${change}/${finding.id}`}>
                  <td>{change}</td>
                  <td>
                    <span className={`severity severity-${finding.severity}`}>{finding.severity}</span>
                  </td>
                  <td>
                    {finding.title}
                    <div className="small muted mono">{finding.ruleId}</div>
                  </td>
                  <td>{refName(finding.subject)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {more}
      {statusChanges.length === 0 ? null : (
        <ul className="plain-list" aria-label="Triage changes">
          {statusChanges.map((change) => (
            <li key={change.id}>
              <span className="mono small">{change.id}</span>: {change.before} → {change.after}
            </li>
          ))}
        </ul>
      )}
    </>
  );
};

const RequirementChanges = ({ diff }: { diff: EngineDiff }) => (
  <table className="data-table compact">
    <thead>
      <tr>
        <th scope="col">Zone / conduit</th>
        <th scope="col">Now required</th>
        <th scope="col">No longer required</th>
        <th scope="col">Status changes</th>
      </tr>
    </thead>
    <tbody>
      {diff.results.requirements.map((change) => (
        <tr key={change.subject.id}>
          <td>{refName(change.subject)}</td>
          <td className="mono small">{change.added.join(', ')}</td>
          <td className="mono small">{change.removed.join(', ')}</td>
          <td className="small">
            {change.statusChanges
              .map((status) => `${status.id}: ${status.before} → ${status.after}`)
              .join('; ')}
          </td>
        </tr>
      ))}
    </tbody>
  </table>
);

const sideName = (side: DiffSide): string =>
  side.kind === 'working'
    ? `the working model (revision ${side.projectRevision})`
    : `"${side.label ?? side.baselineId ?? ''}" (revision ${side.projectRevision})`;

/**
 * What changed between two versions, for the reviewer about to sign: the entities added, removed and changed (with
 * the fields), and what that did to SL-T per FR, risk, findings, requirements and approvals. Changes are marked
 * with words and symbols, never colour alone.
 */
export const DiffReview = ({ answer }: { answer: DiffAnswer }) => {
  const { diff } = answer;
  const { counts } = diff.entities;
  const results = diff.results;
  const findingCount =
    results.findings.added.length + results.findings.resolved.length + results.findings.statusChanges.length;
  const riskCount =
    results.initialRisk.length +
    results.scenarios.added.length +
    results.scenarios.removed.length +
    results.scenarios.changed.length;
  return (
    <div className="diff-review">
      <p>
        From {sideName(answer.from)} to {sideName(answer.to)}:{' '}
        {diff.modelSha256.isChanged ? (
          <span className="pill pill-warn">⚠ The model changed</span>
        ) : (
          <span className="pill pill-ok">✓ The model is unchanged</span>
        )}{' '}
        <span className="small muted" data-testid="diff-counts">
          {counts.added} added, {counts.removed} removed, {counts.changed} changed
        </span>
      </p>
      <DiffSection title="Model" count={diff.entities.changes.length}>
        <EntityChanges changes={diff.entities.changes} />
      </DiffSection>
      <DiffSection title="Target security levels (SL-T)" count={results.targets.length}>
        <TargetChanges diff={diff} />
      </DiffSection>
      <DiffSection title="Risk" count={riskCount}>
        <RiskChanges diff={diff} />
      </DiffSection>
      <DiffSection title="Findings" count={findingCount}>
        <FindingChanges diff={diff} />
      </DiffSection>
      <DiffSection title="Requirements" count={results.requirements.length}>
        <RequirementChanges diff={diff} />
      </DiffSection>
      <DiffSection title="Approvals" count={results.approvals.length}>
        <ul className="plain-list">
          {results.approvals.map((approval) => (
            <li key={approval.id}>
              {approval.approver}: {approval.before} → {approval.after}
            </li>
          ))}
        </ul>
      </DiffSection>
    </div>
  );
};
