import type { RequirementsResult, TargetLevels } from '@zonewise/core';
import { useMemo, useState } from 'react';
import { listAll } from '../../api/list-all';
import { useApi } from '../../app/session';
import { ErrorMessage } from '../../ui/error-message';
import { useResource } from '../../ui/use-resource';
import { projectPath, useProject } from '../project/project-context';
import { RadarChart } from './radar-chart';

const FRS = ['FR1', 'FR2', 'FR3', 'FR4', 'FR5', 'FR6', 'FR7'] as const;
const NAMES: Record<string, string> = {
  FR1: 'IAC',
  FR2: 'UC',
  FR3: 'SI',
  FR4: 'DC',
  FR5: 'RDF',
  FR6: 'TRE',
  FR7: 'RA',
};

/**
 * ZCR 5.6 and 6: SL-T per zone and conduit with the reason for every FR, beside SL-C (weakest asset capability) and
 * SL-A (achieved), as a table and a radar chart. A level below the target is marked with a word and a symbol.
 */
export const SecurityLevelsView = () => {
  const api = useApi();
  const { projectId, changeCount } = useProject();
  const key = `${projectId}#${changeCount}`;
  const targets = useResource(key, () =>
    listAll<TargetLevels>(api, `${projectPath(projectId)}/assessment/security-levels`),
  );
  const requirements = useResource(key, () =>
    listAll<RequirementsResult>(api, `${projectPath(projectId)}/assessment/requirements`, 200),
  );
  const [selected, setSelected] = useState<string>();
  const bySubject = useMemo(
    () => new Map((requirements.data ?? []).map((result) => [result.subject.id, result])),
    [requirements.data],
  );
  const current = (targets.data ?? []).find((target) => target.subject.id === selected) ?? targets.data?.[0];
  const currentRequirements = current === undefined ? undefined : bySubject.get(current.subject.id);

  return (
    <div className="view">
      <header className="page-header">
        <h1>Security levels</h1>
        <p className="muted">
          SL-T (target), SL-C (capability of the weakest asset) and SL-A (achieved) per FR. ▼ marks a level
          below SL-T.
        </p>
      </header>
      <ErrorMessage error={targets.error ?? requirements.error} title="Security levels could not be loaded" />
      <div className="sl-layout">
        <section className="card table-scroll" aria-label="Security levels per zone and conduit">
          <table className="data-table sl-table">
            <thead>
              <tr>
                <th scope="col">Zone / conduit</th>
                {FRS.map((fr) => (
                  <th scope="col" key={fr} title={fr}>
                    {NAMES[fr]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {(targets.data ?? []).map((target) => {
                const result = bySubject.get(target.subject.id);
                return (
                  <tr
                    key={target.subject.id}
                    className={current?.subject.id === target.subject.id ? 'is-current' : ''}
                  >
                    <th scope="row">
                      <button type="button" className="link" onClick={() => setSelected(target.subject.id)}>
                        {target.subject.name ?? target.subject.id}
                      </button>
                      <div className="small muted">
                        {target.subject.kind} · {target.method}
                      </div>
                    </th>
                    {FRS.map((fr) => {
                      const t = target.target[fr];
                      const c = result?.capability?.[fr];
                      const a = result?.achieved[fr];
                      const isGap = (c !== undefined && c < t) || (a !== undefined && a < t);
                      return (
                        <td
                          key={fr}
                          className={isGap ? 'sl-cell is-gap' : 'sl-cell'}
                          title={`${fr} (${NAMES[fr]}): target ${t}, capability ${c ?? 'not known'}, achieved ${a ?? 'not known'}${isGap ? ', below the target' : ''}`}
                        >
                          <span className="sl-t">
                            T{t}
                            {isGap ? (
                              <span className="gap-mark">
                                <span aria-hidden="true"> ▼</span>
                                <span className="visually-hidden"> below the target</span>
                              </span>
                            ) : null}
                          </span>
                          <span className="sl-ca">
                            C{c ?? '–'} A{a ?? '–'}
                          </span>
                        </td>
                      );
                    })}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
        {current === undefined ? null : (
          <section className="card" aria-labelledby="sl-detail-title">
            <h2 id="sl-detail-title">{current.subject.name ?? current.subject.id}</h2>
            <RadarChart
              title={`Security levels of ${current.subject.id}`}
              series={[
                { label: 'SL-T', vector: current.target, className: 'series-target' },
                { label: 'SL-C', vector: currentRequirements?.capability, className: 'series-capability' },
                { label: 'SL-A', vector: currentRequirements?.achieved, className: 'series-achieved' },
              ]}
            />
            {current.justification === undefined ? null : <p>Set by hand: {current.justification}</p>}
            <h3>Why each FR has its target</h3>
            <dl className="facts reasons">
              {current.reasons.map((reason) => (
                <div key={reason.fr} className="reason">
                  <dt>
                    {reason.fr} ({NAMES[reason.fr]}) = {reason.level}
                  </dt>
                  <dd>
                    {reason.text} <span className="badge">{reason.basis}</span>
                  </dd>
                </div>
              ))}
            </dl>
            {currentRequirements !== undefined && currentRequirements.capabilityGaps.length > 0 ? (
              <>
                <h3>Capability gaps</h3>
                <ul>
                  {currentRequirements.capabilityGaps.map((gap) => (
                    <li key={gap.fr}>
                      {gap.fr}: SL-C {gap.capability} &lt; SL-T {gap.target}, limited by{' '}
                      {gap.assets.map((asset) => asset.id).join(', ')}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </section>
        )}
      </div>
    </div>
  );
};
