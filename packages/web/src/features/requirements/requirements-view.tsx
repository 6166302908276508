import type { CountermeasureInput, RequirementsResult, RequirementStatusInput } from '@zonewise/core';
import { useMemo, useState, type FormEvent } from 'react';
import { ApiError } from '../../api/api-error';
import { listAllEntities, saveEntity, type Entity } from '../../api/entities';
import { listAll } from '../../api/list-all';
import { useApi } from '../../app/session';
import { ConflictDialog } from '../../ui/conflict-dialog';
import { Dialog } from '../../ui/dialog';
import { diagnosticsAt, ErrorMessage } from '../../ui/error-message';
import { useResource } from '../../ui/use-resource';
import { projectPath, useProject } from '../project/project-context';

const STATUSES = ['met', 'partial', 'not-met', 'compensated', 'not-applicable'] as const;
const STATUS_MARK: Record<string, string> = {
  met: '✓',
  compensated: '✓',
  'not-applicable': '–',
  partial: '◐',
  'not-met': '✗',
  open: '?',
};

/**
 * ZCR 6: the IEC 62443-3-3 requirements each zone's and conduit's SL-T selects, with their status, compensating
 * countermeasure and evidence; gaps are highlighted (a word and a symbol, not only colour). Assessors record status.
 */
export const RequirementsView = () => {
  const api = useApi();
  const { projectId, changeCount, capabilities, notifyChanged } = useProject();
  const key = `${projectId}#${changeCount}`;
  const results = useResource(key, () =>
    listAll<RequirementsResult>(api, `${projectPath(projectId)}/assessment/requirements`, 200),
  );
  const entries = useResource(key, () =>
    listAllEntities<RequirementStatusInput>(api, projectId, 'requirementStatus'),
  );
  const countermeasures = useResource(key, () =>
    listAllEntities<CountermeasureInput>(api, projectId, 'countermeasures'),
  );
  const [subject, setSubject] = useState<string>();
  const [gapsOnly, setGapsOnly] = useState(true);
  const [editing, setEditing] = useState<{ requirement: string; entity?: Entity<RequirementStatusInput> }>();
  const entryByKey = useMemo(
    () =>
      new Map(
        (entries.data ?? []).map((entity) => [`${entity.body.subject}/${entity.body.requirement}`, entity]),
      ),
    [entries.data],
  );
  const current = (results.data ?? []).find((result) => result.subject.id === subject) ?? results.data?.[0];
  const rows = (current?.requirements ?? []).filter((requirement) => !gapsOnly || requirement.isGap);

  return (
    <div className="view">
      <header className="page-header">
        <h1>Requirements</h1>
        <p className="muted">
          IEC 62443-3-3 system requirements selected by SL-T (ZCR 6), with status and evidence.
        </p>
      </header>
      <ErrorMessage error={results.error} title="Requirements could not be loaded" />
      <div className="toolbar">
        <label className="inline-field">
          <span>Zone or conduit</span>
          <select value={current?.subject.id ?? ''} onChange={(event) => setSubject(event.target.value)}>
            {(results.data ?? []).map((result) => (
              <option key={result.subject.id} value={result.subject.id}>
                {result.subject.name ?? result.subject.id} — {result.counts.gaps} gaps of{' '}
                {result.counts.selected}
              </option>
            ))}
          </select>
        </label>
        <label className="checkbox-field">
          <input type="checkbox" checked={gapsOnly} onChange={(event) => setGapsOnly(event.target.checked)} />{' '}
          Gaps only
        </label>
        {current === undefined ? null : (
          <p className="count">
            {current.counts.satisfied} satisfied, <strong>{current.counts.gaps} gaps</strong> of{' '}
            {current.counts.selected} selected
          </p>
        )}
      </div>
      <section className="card table-scroll">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Requirement</th>
              <th scope="col">FR</th>
              <th scope="col">Status</th>
              <th scope="col">Countermeasures</th>
              <th scope="col">Evidence / justification</th>
              {capabilities.canEdit ? <th scope="col">Record</th> : null}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.requirement.id} className={row.isGap ? 'is-gap-row' : ''}>
                <th scope="row">
                  {row.requirement.id}
                  <div className="small muted">{row.requirement.title}</div>
                </th>
                <td>{row.requirement.fr}</td>
                <td>
                  <span className={`pill ${row.isGap ? 'pill-danger' : 'pill-ok'}`}>
                    <span aria-hidden="true">{STATUS_MARK[row.status] ?? ''} </span>
                    {row.status}
                    {row.isGap ? ' (gap)' : ''}
                  </span>
                  <div className="small muted">{row.basis}</div>
                </td>
                <td className="small">{row.countermeasures.map((ref) => ref.id).join(', ') || '—'}</td>
                <td className="small">{row.evidence ?? row.justification ?? '—'}</td>
                {capabilities.canEdit && current !== undefined ? (
                  <td>
                    <button
                      type="button"
                      aria-label={`Record status of ${row.requirement.id}`}
                      onClick={() => {
                        const entity = entryByKey.get(`${current.subject.id}/${row.requirement.id}`);
                        setEditing({
                          requirement: row.requirement.id,
                          ...(entity === undefined ? {} : { entity }),
                        });
                      }}
                    >
                      Record
                    </button>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {editing === undefined || current === undefined ? null : (
        <StatusDialog
          projectId={projectId}
          subject={current.subject.id}
          requirement={editing.requirement}
          entity={editing.entity}
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

const StatusDialog = ({
  projectId,
  subject,
  requirement,
  entity,
  countermeasures,
  onClose,
  onSaved,
}: {
  projectId: string;
  subject: string;
  requirement: string;
  entity: Entity<RequirementStatusInput> | undefined;
  countermeasures: readonly CountermeasureInput[];
  onClose: () => void;
  onSaved: () => void;
}) => {
  const api = useApi();
  const [status, setStatus] = useState<RequirementStatusInput['status']>(entity?.body.status ?? 'met');
  const [countermeasure, setCountermeasure] = useState(entity?.body.countermeasure ?? '');
  const [evidence, setEvidence] = useState(entity?.body.evidence ?? '');
  const [justification, setJustification] = useState(entity?.body.justification ?? '');
  const [error, setError] = useState<unknown>();
  const [conflict, setConflict] = useState<ApiError>();
  const body = (): RequirementStatusInput => ({
    subject,
    requirement,
    status,
    ...(countermeasure === '' ? {} : { countermeasure }),
    ...(evidence === '' ? {} : { evidence }),
    ...(justification === '' ? {} : { justification }),
  });
  const save = async (revision?: number) => {
    setError(undefined);
    try {
      await saveEntity(
        api,
        projectId,
        'requirementStatus',
        entity === undefined ? undefined : { id: entity.id, revision: revision ?? entity.revision },
        body(),
      );
      onSaved();
    } catch (cause) {
      if (cause instanceof ApiError && cause.isConflict && entity !== undefined) setConflict(cause);
      else setError(cause);
    }
  };
  if (conflict !== undefined)
    return (
      <ConflictDialog
        error={conflict}
        mine={body()}
        onClose={onClose}
        onUseCurrent={onSaved}
        onOverwrite={(revision) => void save(revision)}
      />
    );
  const fieldError = (path: string) =>
    diagnosticsAt(error, [path]).map((problem, index) => (
      <span key={index} className="field-error" role="alert">
        {problem.message}
      </span>
    ));
  return (
    <Dialog title={`${requirement} in ${subject}`} onClose={onClose}>
      <form
        onSubmit={(event: FormEvent) => {
          event.preventDefault();
          void save();
        }}
      >
        <label className="field">
          <span>Status</span>
          <select
            value={status}
            onChange={(event) => setStatus(event.target.value as RequirementStatusInput['status'])}
          >
            {STATUSES.map((value) => (
              <option key={value} value={value}>
                {value}
              </option>
            ))}
          </select>
          {fieldError('status')}
        </label>
        <label className="field">
          <span>Compensating countermeasure (required for compensated)</span>
          <select value={countermeasure} onChange={(event) => setCountermeasure(event.target.value)}>
            <option value="">none</option>
            {countermeasures.map((item) => (
              <option key={item.id} value={item.id}>
                {item.title}
              </option>
            ))}
          </select>
          {fieldError('countermeasure')}
        </label>
        <label className="field">
          <span>Evidence</span>
          <textarea value={evidence} onChange={(event) => setEvidence(event.target.value)} rows={2} />
          {fieldError('evidence')}
        </label>
        <label className="field">
          <span>Justification (required for not applicable)</span>
          <textarea
            value={justification}
            onChange={(event) => setJustification(event.target.value)}
            rows={2}
          />
          {fieldError('justification')}
        </label>
        <ErrorMessage error={error} title="The status was not saved" />
        <button type="submit" className="primary">
          Save
        </button>
      </form>
    </Dialog>
  );
};
