import type { CountermeasureInput, ThreatScenarioInput } from '@zonewise/core';
import { useState, type FormEvent } from 'react';
import { ApiError, formatPath } from '../../api/api-error';
import { updateEntity, type Entity } from '../../api/entities';
import { useApi } from '../../app/session';
import { ConflictDialog } from '../../ui/conflict-dialog';
import { Dialog } from '../../ui/dialog';
import { diagnosticsAt, ErrorMessage } from '../../ui/error-message';
import type { MatrixCriteria } from './heat-map';

const FieldErrors = ({ error, path }: { error: unknown; path: readonly (string | number)[] }) => (
  <>
    {diagnosticsAt(error, path).map((problem, index) => (
      <span key={index} className="field-error" role="alert">
        {problem.message} <span className="mono">({formatPath(problem.path)})</span>
      </span>
    ))}
  </>
);

/**
 * Edits the cyber-PHA inputs of one scenario: unmitigated and residual likelihood, consequence per impact category
 * and the countermeasures credited. Saved with the revision read; a concurrent change opens the conflict dialog.
 */
export const ScenarioEditor = ({
  projectId,
  scenario,
  criteria,
  countermeasures,
  onClose,
  onSaved,
}: {
  projectId: string;
  scenario: Entity<ThreatScenarioInput>;
  criteria: MatrixCriteria | undefined;
  countermeasures: readonly CountermeasureInput[];
  onClose: () => void;
  onSaved: () => void;
}) => {
  const api = useApi();
  const body = scenario.body;
  const [likelihood, setLikelihood] = useState(String(body.likelihood));
  const [residual, setResidual] = useState(
    body.residualLikelihood === undefined ? '' : String(body.residualLikelihood),
  );
  const [consequences, setConsequences] = useState<Record<string, number>>({ ...(body.consequences ?? {}) });
  const [credited, setCredited] = useState<ReadonlySet<string>>(new Set(body.countermeasures ?? []));
  const [error, setError] = useState<unknown>();
  const [conflict, setConflict] = useState<ApiError>();

  const levels = (criteria?.likelihood.levels ?? []).map((level) => level.level).sort((a, b) => a - b);
  const categories =
    (
      criteria as
        { impactCategories?: readonly { id: string; name: string; levels: readonly string[] }[] } | undefined
    )?.impactCategories ?? [];
  const next = (): ThreatScenarioInput => {
    const { residualLikelihood: _previous, ...rest } = body;
    return {
      ...rest,
      likelihood: Number(likelihood),
      ...(residual === '' ? {} : { residualLikelihood: Number(residual) }),
      consequences,
      countermeasures: [...credited],
    };
  };
  const save = async (revision: number) => {
    setError(undefined);
    try {
      await updateEntity(api, projectId, 'threatScenarios', { id: scenario.id, revision }, next());
      onSaved();
    } catch (cause) {
      if (cause instanceof ApiError && cause.isConflict) setConflict(cause);
      else setError(cause);
    }
  };
  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    void save(scenario.revision);
  };

  if (conflict !== undefined)
    return (
      <ConflictDialog
        error={conflict}
        mine={next()}
        onClose={onClose}
        onUseCurrent={onSaved}
        onOverwrite={(revision) => {
          setConflict(undefined);
          void save(revision);
        }}
      />
    );

  return (
    <Dialog title={`Edit scenario: ${body.title}`} onClose={onClose}>
      <form onSubmit={handleSubmit} className="scenario-form">
        <div className="two-columns">
          <label className="field">
            <span>Unmitigated likelihood (ZCR 5.4)</span>
            <select value={likelihood} onChange={(event) => setLikelihood(event.target.value)}>
              {levels.map((level) => (
                <option key={level} value={level}>
                  {level}
                </option>
              ))}
            </select>
            <FieldErrors error={error} path={['likelihood']} />
          </label>
          <label className="field">
            <span>Residual likelihood (ZCR 5.9)</span>
            <select value={residual} onChange={(event) => setResidual(event.target.value)}>
              <option value="">derived from countermeasures</option>
              {levels.map((level) => (
                <option key={level} value={level}>
                  {level}
                </option>
              ))}
            </select>
            <FieldErrors error={error} path={['residualLikelihood']} />
          </label>
        </div>
        <fieldset>
          <legend>Consequence per impact category (ZCR 5.3)</legend>
          <div className="two-columns">
            {categories.map((category) => (
              <label className="field" key={category.id}>
                <span>{category.name}</span>
                <select
                  value={consequences[category.id] ?? ''}
                  onChange={(event) => {
                    const value = event.target.value;
                    setConsequences((current) => {
                      const copy = { ...current };
                      if (value === '') delete copy[category.id];
                      else copy[category.id] = Number(value);
                      return copy;
                    });
                  }}
                >
                  <option value="">not rated</option>
                  {category.levels.map((label, index) => (
                    <option key={index} value={index + 1}>
                      {index + 1} — {label}
                    </option>
                  ))}
                </select>
                <FieldErrors error={error} path={['consequences', category.id]} />
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset>
          <legend>Countermeasures credited (ZCR 5.8)</legend>
          <ul className="checkbox-list">
            {countermeasures.map((countermeasure) => (
              <li key={countermeasure.id}>
                <label>
                  <input
                    type="checkbox"
                    checked={credited.has(countermeasure.id)}
                    onChange={() =>
                      setCredited((current) => {
                        const copy = new Set(current);
                        if (copy.has(countermeasure.id)) copy.delete(countermeasure.id);
                        else copy.add(countermeasure.id);
                        return copy;
                      })
                    }
                  />{' '}
                  {countermeasure.title}{' '}
                  <span className="muted small">
                    ({countermeasure.status}, −{countermeasure.likelihoodReduction ?? 0} likelihood)
                  </span>
                </label>
              </li>
            ))}
          </ul>
          <FieldErrors error={error} path={['countermeasures']} />
        </fieldset>
        <ErrorMessage error={error} title="The scenario was not saved" />
        <div className="button-row">
          <button type="submit" className="primary">
            Save and re-assess
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
};
