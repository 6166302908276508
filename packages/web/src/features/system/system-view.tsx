import type { AccessPointInput, SystemFileInput, ZoneInput } from '@zonewise/core';
import { useEffect, useState, type FormEvent } from 'react';
import { ApiError } from '../../api/api-error';
import { listAllEntities, type Entity } from '../../api/entities';
import { useApi } from '../../app/session';
import { ConflictDialog } from '../../ui/conflict-dialog';
import { ErrorMessage } from '../../ui/error-message';
import { FieldErrors } from '../../ui/field-errors';
import { useResource } from '../../ui/use-resource';
import { projectPath, useProject } from '../project/project-context';
import { AccessPointsTable } from './access-points-table';
import { cleanReferences, ReferenceListEditor } from './reference-list-editor';

type SystemSection = SystemFileInput['system'];

const lines = (values: readonly string[] | undefined): string => (values ?? []).join('\n');
const toLines = (text: string): string[] =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');

type ListName = 'policies' | 'regulations' | 'references';

/** The section as saved: assumptions from their text, reference lists without empty optional fields. */
const sectionOf = (draft: SystemSection, assumptions: string): SystemSection => {
  const next: SystemSection = { ...draft, assumptions: toLines(assumptions) };
  for (const name of ['policies', 'regulations', 'references'] as const) {
    const items = draft[name];
    if (items === undefined) continue;
    if (items.length === 0) delete next[name];
    else next[name] = cleanReferences(items);
  }
  return next;
};

/**
 * ZCR 1.1 and 6.2–6.9: the system under consideration (description, intended use, equipment under control,
 * boundary, operating-environment assumptions, policies, regulations, reference documents) and its access points.
 * Assessors edit; everyone else reads, without edit controls.
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
  const zones = useResource(key, () => listAllEntities<ZoneInput>(api, projectId, 'zones'));
  const [draft, setDraft] = useState<SystemSection>();
  const [assumptions, setAssumptions] = useState('');
  const [error, setError] = useState<unknown>();
  const [conflict, setConflict] = useState<ApiError>();
  const [saved, setSaved] = useState(false);
  // The draft follows the stored section only when its revision changes: reloads after another write (an access
  // point) keep what the user is typing.
  const loaded = section.data;
  useEffect(() => {
    if (loaded === undefined) return;
    setDraft(loaded.body);
    setAssumptions(lines(loaded.body.assumptions));
  }, [loaded?.revision]);

  const body = (): SystemSection | undefined =>
    draft === undefined ? undefined : sectionOf(draft, assumptions);
  const list = (name: ListName, legend: string, noun: string) => (
    <ReferenceListEditor
      name={name}
      legend={legend}
      noun={noun}
      items={draft?.[name] ?? []}
      canEdit={capabilities.canEdit}
      error={error}
      onChange={(items) => setDraft((current) => current && { ...current, [name]: items })}
    />
  );
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
          {list('policies', 'Organisational security policies (ZCR 6.7)', 'policy')}
          {list('regulations', 'Regulatory requirements (ZCR 6.9)', 'regulation')}
          {list('references', 'Reference documents: PHA/HAZOP studies, drawings (ZCR 5.13)', 'reference')}
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
      <ErrorMessage error={accessPoints.error} title="The access points could not be loaded" />
      {accessPoints.data === undefined ? null : (
        <AccessPointsTable
          projectId={projectId}
          accessPoints={accessPoints.data}
          zones={(zones.data ?? []).map((zone) => zone.body.id)}
          canEdit={capabilities.canEdit}
          onChanged={notifyChanged}
        />
      )}
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
