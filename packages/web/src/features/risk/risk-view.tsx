import {
  DEFAULT_RISK_CRITERIA,
  type CountermeasureInput,
  type InitialRisk,
  type ScenarioAssessment,
  type TargetLevels,
  type ThreatScenarioInput,
} from '@zonewise/core';
import { useMemo, useState } from 'react';
import { listAllEntities, type Entity } from '../../api/entities';
import { listAll } from '../../api/list-all';
import { useApi } from '../../app/session';
import { targetText } from '../../diagram/diagram-model';
import { ErrorMessage } from '../../ui/error-message';
import { useResource } from '../../ui/use-resource';
import { projectPath, useProject } from '../project/project-context';
import { buildHeatMap, HeatMap, type HeatMapCell, type MatrixCriteria } from './heat-map';
import { ScenarioEditor } from './scenario-editor';

type MapName = 'initial' | 'unmitigated' | 'residual';

const RatingCell = ({ rating }: { rating: ScenarioAssessment['residual'] }) => (
  <span className={`rating band-rank-${Math.min(rating.rank, 4)}`}>
    {rating.band}{' '}
    <span className="muted">
      (L{rating.likelihood}×I{rating.impact})
    </span>
    {rating.isTolerable ? '' : ' ▲'}
  </span>
);

/**
 * ZCR 2, 4, 5: heat maps of initial, unmitigated and residual risk (cells open their scenarios) and the threat
 * scenario worksheet with the cyber-PHA columns. Saving a scenario re-assesses the project, so residual risk and the
 * zone's SL-T update in place.
 */
export const RiskView = () => {
  const api = useApi();
  const { projectId, changeCount, capabilities, notifyChanged } = useProject();
  const key = `${projectId}#${changeCount}`;
  const base = projectPath(projectId);
  const criteria = useResource(key, async () => {
    try {
      const section = await api.request<{ body: MatrixCriteria }>('GET', `${base}/sections/riskCriteria`);
      return section.body;
    } catch {
      return DEFAULT_RISK_CRITERIA;
    }
  });
  const scenarios = useResource(key, () => listAll<ScenarioAssessment>(api, `${base}/assessment/risks`));
  const initial = useResource(key, () => listAll<InitialRisk>(api, `${base}/assessment/initial-risk`));
  const targets = useResource(key, () => listAll<TargetLevels>(api, `${base}/assessment/security-levels`));
  const fileScenarios = useResource(key, () =>
    listAllEntities<ThreatScenarioInput>(api, projectId, 'threatScenarios'),
  );
  const countermeasures = useResource(key, () =>
    listAllEntities<CountermeasureInput>(api, projectId, 'countermeasures'),
  );
  const [cell, setCell] = useState<{ map: MapName; cell: HeatMapCell }>();
  const [editing, setEditing] = useState<Entity<ThreatScenarioInput>>();
  const [originFilter, setOriginFilter] = useState<'all' | 'file' | 'rule'>('file');

  const maps = useMemo(() => {
    if (criteria.data === undefined) return undefined;
    const list = scenarios.data ?? [];
    return {
      initial: buildHeatMap(
        criteria.data,
        (initial.data ?? []).map((risk) => ({ id: risk.subject.id, rating: risk.rating })),
      ),
      unmitigated: buildHeatMap(
        criteria.data,
        list.map((scenario) => ({ id: scenario.id, rating: scenario.unmitigated })),
      ),
      residual: buildHeatMap(
        criteria.data,
        list.map((scenario) => ({ id: scenario.id, rating: scenario.residual })),
      ),
    };
  }, [criteria.data, scenarios.data, initial.data]);
  const likelihoodLabels = useMemo(
    () => new Map((criteria.data?.likelihood.levels ?? []).map((level) => [level.level, level.label])),
    [criteria.data],
  );
  const targetBySubject = useMemo(
    () => new Map((targets.data ?? []).map((target) => [target.subject.id, targetText(target.target)])),
    [targets.data],
  );
  const entityById = useMemo(
    () => new Map((fileScenarios.data ?? []).map((entity) => [entity.body.id, entity])),
    [fileScenarios.data],
  );

  const cellIds = cell === undefined ? undefined : new Set(cell.cell.ids);
  const rows = (scenarios.data ?? []).filter(
    (scenario) =>
      (cellIds === undefined || cell?.map === 'initial' ? true : cellIds.has(scenario.id)) &&
      (cellIds !== undefined || originFilter === 'all' || scenario.origin.kind === originFilter),
  );
  const zonesInCell =
    cell?.map === 'initial' ? (initial.data ?? []).filter((risk) => cellIds?.has(risk.subject.id)) : [];

  return (
    <div className="view risk-view">
      <header className="page-header">
        <h1>Risk</h1>
        <p className="muted">
          ZCR 2 and 4 (initial risk per zone and conduit), ZCR 5 (scenarios before and after countermeasures).
        </p>
      </header>
      <ErrorMessage error={scenarios.error ?? criteria.error} title="Risk results could not be loaded" />
      {maps === undefined ? (
        <p role="status" className="muted">
          Loading…
        </p>
      ) : (
        <div className="heat-maps">
          {(['initial', 'unmitigated', 'residual'] as const).map((name) => (
            <HeatMap
              key={name}
              title={
                name === 'initial'
                  ? 'Initial (zones and conduits)'
                  : name === 'unmitigated'
                    ? 'Unmitigated'
                    : 'Residual'
              }
              cells={maps[name]}
              likelihoodLabels={likelihoodLabels}
              selected={cell?.map === name ? cell.cell : undefined}
              onSelect={(selected) => setCell({ map: name, cell: selected })}
            />
          ))}
        </div>
      )}
      {cell === undefined ? null : (
        <p className="notice notice-info" role="status">
          Showing the {cell.cell.ids.length} {cell.map === 'initial' ? 'zones and conduits' : 'scenarios'} in{' '}
          {cell.map} cell likelihood {cell.cell.likelihood}, impact {cell.cell.impact} ({cell.cell.band.label}
          ).{' '}
          <button type="button" className="link" onClick={() => setCell(undefined)}>
            Show all
          </button>
        </p>
      )}
      {cell?.map === 'initial' ? (
        <ul className="plain-list card">
          {zonesInCell.map((risk) => (
            <li key={risk.subject.id}>
              <strong>{risk.subject.name ?? risk.subject.id}</strong> ({risk.subject.kind}) —{' '}
              {risk.rating.band}
              {risk.requiresDetailedAssessment ? ', needs a detailed assessment (ZCR 4)' : ''}; driven by{' '}
              {risk.drivers.map((driver) => driver.id).join(', ')}
            </li>
          ))}
        </ul>
      ) : (
        <section className="card" aria-labelledby="worksheet-title">
          <div className="section-header">
            <h2 id="worksheet-title">Threat scenario worksheet</h2>
            {cell === undefined ? (
              <label className="inline-field">
                <span>Scenarios</span>
                <select
                  value={originFilter}
                  onChange={(event) => setOriginFilter(event.target.value as typeof originFilter)}
                >
                  <option value="file">from the assessment file</option>
                  <option value="rule">generated by threat rules</option>
                  <option value="all">all</option>
                </select>
              </label>
            ) : null}
          </div>
          <div className="table-scroll">
            <table className="data-table worksheet">
              <thead>
                <tr>
                  <th scope="col">Scenario</th>
                  <th scope="col">Threat source (SL)</th>
                  <th scope="col">Entry point</th>
                  <th scope="col">Zone / conduit</th>
                  <th scope="col">Consequence</th>
                  <th scope="col">Unmitigated</th>
                  <th scope="col">Countermeasures</th>
                  <th scope="col">Residual</th>
                  <th scope="col">Scenario SL</th>
                  <th scope="col">Zone SL-T</th>
                  {capabilities.canEdit ? <th scope="col">Edit</th> : null}
                </tr>
              </thead>
              <tbody>
                {rows.map((scenario) => {
                  const entity = entityById.get(scenario.id);
                  return (
                    <tr key={scenario.id} data-scenario-id={scenario.id}>
                      <th scope="row">
                        {scenario.title}
                        <div className="mono small muted">{scenario.id}</div>
                      </th>
                      <td>
                        {scenario.source.name ?? scenario.source.id} ({scenario.source.capability})
                      </td>
                      <td>{scenario.entryPoint?.name ?? scenario.entryPoint?.id ?? '—'}</td>
                      <td>{scenario.subject.name ?? scenario.subject.id}</td>
                      <td className="small">
                        {Object.entries(scenario.consequences)
                          .map(([category, level]) => `${category} ${level}`)
                          .join(', ')}
                      </td>
                      <td>
                        <RatingCell rating={scenario.unmitigated} />
                      </td>
                      <td className="small">
                        {scenario.existingCountermeasures.map((ref) => ref.id).join(', ') || '—'}
                        {scenario.plannedCountermeasures.length > 0 ? (
                          <div className="muted">
                            planned: {scenario.plannedCountermeasures.map((ref) => ref.id).join(', ')}
                          </div>
                        ) : null}
                      </td>
                      <td data-testid="residual">
                        <RatingCell rating={scenario.residual} />
                      </td>
                      <td title={scenario.securityLevelReason}>SL {scenario.securityLevel}</td>
                      <td data-testid="zone-target">{targetBySubject.get(scenario.subject.id) ?? '—'}</td>
                      {capabilities.canEdit ? (
                        <td>
                          {entity === undefined ? (
                            <span className="muted small">generated</span>
                          ) : (
                            <button
                              type="button"
                              onClick={() => setEditing(entity)}
                              aria-label={`Edit ${scenario.title}`}
                            >
                              Edit
                            </button>
                          )}
                        </td>
                      ) : null}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </section>
      )}
      {editing === undefined ? null : (
        <ScenarioEditor
          projectId={projectId}
          scenario={editing}
          criteria={criteria.data}
          countermeasures={(countermeasures.data ?? []).map(({ body }) => body)}
          onClose={() => setEditing(undefined)}
          onSaved={() => {
            setEditing(undefined);
            notifyChanged();
          }}
        />
      )}
    </div>
  );
};
