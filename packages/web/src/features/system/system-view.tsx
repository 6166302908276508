import type { AccessPointInput, SystemFileInput } from '@zonewise/core';
import { useEffect, useState, type FormEvent } from 'react';
import { ApiError, formatPath } from '../../api/api-error';
import { listAllEntities, type Entity } from '../../api/entities';
import { useApi } from '../../app/session';
import { ConflictDialog } from '../../ui/conflict-dialog';
import { diagnosticsAt, ErrorMessage } from '../../ui/error-message';
import { useResource } from '../../ui/use-resource';
import { projectPath, useProject } from '../project/project-context';

type SystemSection = SystemFileInput['system'];

const lines = (values: readonly string[] | undefined): string => (values ?? []).join('\n');
const toLines = (text: string): string[] =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');

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
 * ZCR 1.1 and 6.2–6.7: the system under consideration (description, intended use, equipment under control,
 * boundary, operating-environment assumptions) and its access points. Assessors edit; everyone else reads.
 */
export const SystemView = () => {
  const api = useApi();
  const { projectId, changeCount, capabilities, notifyChanged } = useProject();
  const key = `${projectId}#${changeCount}`;
  const section = useResource(key, () =>
    api.request<Entity<SystemSection>>('GET', `${projectPath(projectId)}/sections/system`),
  );
  const accessPoints = useResource(key, () =>
    listAllEntities<AccessPointInput>(api, projectId, 'accessPoints'),
  );
  const [draft, setDraft] = useState<SystemSection>();
  const [assumptions, setAssumptions] = useState('');
  const [error, setError] = useState<unknown>();
  const [conflict, setConflict] = useState<ApiError>();
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (section.data === undefined) return;
    setDraft(section.data.body);
    setAssumptions(lines(section.data.body.assumptions));
  }, [section.data]);

  const body = (): SystemSection | undefined =>
    draft === undefined ? undefined : { ...draft, assumptions: toLines(assumptions) };
  const save = async (revision: number) => {
    setError(undefined);
    setSaved(false);
    try {
      await api.request('PUT', `${projectPath(projectId)}/sections/system`, body(), {
        'If-Match': `"${revision}"`,
      });
      setSaved(true);
      notifyChanged();
    } catch (cause) {
      if (cause instanceof ApiError && cause.isConflict) setConflict(cause);
      else setError(cause);
    }
  };
  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (section.data !== undefined) void save(section.data.revision);
  };
  const text = (
    name: 'name' | 'description' | 'intendedUse' | 'equipmentUnderControl' | 'site' | 'owner',
    label: string,
    rows = 3,
  ) => (
    <label className="field">
      <span>{label}</span>
      {rows === 1 ? (
        <input
          value={draft?.[name] ?? ''}
          readOnly={!capabilities.canEdit}
          onChange={(event) => setDraft((current) => current && { ...current, [name]: event.target.value })}
        />
      ) : (
        <textarea
          rows={rows}
          value={draft?.[name] ?? ''}
          readOnly={!capabilities.canEdit}
          onChange={(event) => setDraft((current) => current && { ...current, [name]: event.target.value })}
        />
      )}
      <FieldErrors error={error} path={[name]} />
    </label>
  );
  const boundary = (name: 'logical' | 'physical', label: string) => (
    <label className="field">
      <span>{label}</span>
      <textarea
        rows={3}
        value={draft?.boundary?.[name] ?? ''}
        readOnly={!capabilities.canEdit}
        onChange={(event) =>
          setDraft(
            (current) =>
              current && { ...current, boundary: { ...current.boundary, [name]: event.target.value } },
          )
        }
      />
      <FieldErrors error={error} path={['boundary', name]} />
    </label>
  );
  return (
    <div className="view">
      <header className="page-header">
        <h1>System under consideration</h1>
        <p className="muted">ZCR 1.1 scope and access points; ZCR 6.2–6.5 for the CRS.</p>
      </header>
      <ErrorMessage error={section.error} title="The system could not be loaded" />
      {draft === undefined ? null : (
        <form className="card" onSubmit={handleSubmit} aria-label="System">
          {text('name', 'Name', 1)}
          {text('description', 'Description')}
          {text('intendedUse', 'Intended use (ZCR 6.2)')}
          {text('equipmentUnderControl', 'Equipment under control')}
          <div className="two-columns">
            {text('site', 'Site', 1)}
            {text('owner', 'Asset owner', 1)}
            {boundary('logical', 'Logical boundary (ZCR 1.1)')}
            {boundary('physical', 'Physical boundary')}
          </div>
          <label className="field">
            <span>Operating-environment assumptions (ZCR 6.5), one per line</span>
            <textarea
              rows={5}
              value={assumptions}
              readOnly={!capabilities.canEdit}
              onChange={(event) => setAssumptions(event.target.value)}
            />
            <FieldErrors error={error} path={['assumptions']} />
          </label>
          <p className="muted small">
            Policies: {(draft.policies ?? []).map((policy) => policy.id).join(', ') || 'none'} · Regulations:{' '}
            {(draft.regulations ?? []).map((regulation) => regulation.id).join(', ') || 'none'}
          </p>
          <ErrorMessage error={error} title="The system was not saved" />
          {saved ? (
            <p className="notice notice-ok" role="status">
              Saved.
            </p>
          ) : null}
          {capabilities.canEdit ? (
            <button type="submit" className="primary">
              Save
            </button>
          ) : null}
        </form>
      )}
      <section className="card" aria-labelledby="access-points-title">
        <h2 id="access-points-title">Access points (ZCR 1.1)</h2>
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Access point</th>
              <th scope="col">Kind</th>
              <th scope="col">Enters zone</th>
              <th scope="col">Logical / physical</th>
            </tr>
          </thead>
          <tbody>
            {(accessPoints.data ?? []).map(({ body: point }) => (
              <tr key={point.id}>
                <th scope="row">
                  {point.name}
                  <div className="mono small muted">{point.id}</div>
                </th>
                <td>{point.kind}</td>
                <td>{point.zone}</td>
                <td>{point.isLogical === false ? 'physical' : 'logical'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {conflict === undefined || section.data === undefined ? null : (
        <ConflictDialog
          error={conflict}
          mine={body()}
          onClose={() => setConflict(undefined)}
          onUseCurrent={() => {
            setConflict(undefined);
            notifyChanged();
          }}
          onOverwrite={(revision) => {
            setConflict(undefined);
            void save(revision);
          }}
        />
      )}
    </div>
  );
};
