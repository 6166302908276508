import { changedValues } from '@zonewise/core';
import { useState } from 'react';
import { useApi } from '../../app/session';
import { ErrorMessage } from '../../ui/error-message';
import { useResource } from '../../ui/use-resource';
import { projectPath, useProject } from '../project/project-context';

interface AuditRecord {
  readonly seq: number;
  readonly at: string;
  readonly actor: { readonly id: string; readonly name: string };
  readonly action: string;
  readonly targetKind: string;
  readonly targetId: string;
  readonly reason: string | null;
  readonly hash: string;
  readonly before: unknown;
  readonly after: unknown;
}

interface Verification {
  readonly isValid: boolean;
  readonly records?: number;
  readonly brokenAtSeq?: number;
  readonly problem?: string;
}

/** A value as the change list shows it: JSON, cut to a readable length; absent as a dash. */
const shown = (value: unknown): string => {
  if (value === undefined) return '—';
  // JSON.stringify gives undefined only for functions and symbols, which JSON bodies never hold.
  const text = JSON.stringify(value) ?? '';
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
};

const isObject = (value: unknown): boolean => typeof value === 'object' && value !== null;

/**
 * What one record changed: an entity created or deleted, else the fields with their old and new values (a side the
 * record does not hold counts as empty, e.g. the details of an import).
 */
const RecordChange = ({ action, before, after }: { action: string; before: unknown; after: unknown }) => {
  if (action.endsWith('.create') && isObject(after)) return <span className="muted">created</span>;
  if (action.endsWith('.delete') && isObject(before)) return <span className="muted">deleted</span>;
  if (!isObject(before) && !isObject(after)) return null;
  const changes = changedValues(isObject(before) ? before : {}, isObject(after) ? after : {});
  if (changes.length === 0) return <span className="muted">no field changed</span>;
  const list = (
    <ul className="plain-list change-list" aria-label="Changed fields">
      {changes.map((change) => (
        <li key={change.path}>
          <span className="mono">{change.path === '' ? '(value)' : change.path}</span>: {shown(change.before)}{' '}
          → {shown(change.after)}
        </li>
      ))}
    </ul>
  );
  return changes.length <= 3 ? (
    list
  ) : (
    <details>
      <summary>
        {changes.length} fields:{' '}
        {changes
          .slice(0, 3)
          .map((change) => change.path)
          .join(', ')}
        , …
      </summary>
      {list}
    </details>
  );
};

/**
 * The project's hash-chained audit trail, newest first, with filters (action, target, time), what each record
 * changed (field by field, old → new), and the result of recomputing the chain, so an auditor sees at once whether
 * anything was tampered with.
 */
export const AuditView = () => {
  const api = useApi();
  const { projectId, changeCount } = useProject();
  const [action, setAction] = useState('');
  const [target, setTarget] = useState('');
  const [from, setFrom] = useState('');
  const [offset, setOffset] = useState(0);
  const query = new URLSearchParams({ offset: String(offset), limit: '100' });
  if (action !== '') query.set('action', action);
  if (target !== '') query.set('target', target);
  if (from !== '') query.set('from', new Date(from).toISOString());
  const records = useResource(`${projectId}#${changeCount}?${query.toString()}`, () =>
    api.request<{ items: AuditRecord[]; total: number }>(
      'GET',
      `${projectPath(projectId)}/audit?${query.toString()}`,
    ),
  );
  const verification = useResource(`${projectId}#${changeCount}`, () =>
    api.request<Verification>('GET', `${projectPath(projectId)}/audit/verify`),
  );
  const total = records.data?.total ?? 0;
  return (
    <div className="view">
      <header className="page-header">
        <h1>Audit trail</h1>
      </header>
      <ErrorMessage error={verification.error} title="The chain could not be verified" />
      {verification.data === undefined ? null : verification.data.isValid ? (
        <p className="notice notice-ok" role="status">
          ✓ The audit chain verifies: {verification.data.records ?? total} records, none altered or missing.
        </p>
      ) : (
        <p className="notice notice-error" role="alert">
          ✗ The audit chain is broken at record {verification.data.brokenAtSeq} ({verification.data.problem}).
        </p>
      )}
      <div className="toolbar" role="search">
        <label className="inline-field">
          <span>Action</span>
          <input
            value={action}
            onChange={(event) => {
              setAction(event.target.value);
              setOffset(0);
            }}
            placeholder="entity.update"
          />
        </label>
        <label className="inline-field">
          <span>Target id</span>
          <input
            value={target}
            onChange={(event) => {
              setTarget(event.target.value);
              setOffset(0);
            }}
          />
        </label>
        <label className="inline-field">
          <span>From</span>
          <input
            type="datetime-local"
            value={from}
            onChange={(event) => {
              setFrom(event.target.value);
              setOffset(0);
            }}
          />
        </label>
        <p className="count">{total.toLocaleString()} records</p>
      </div>
      <ErrorMessage error={records.error} title="The audit trail could not be loaded" />
      <section className="card table-scroll">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">Action</th>
              <th scope="col">Target</th>
              <th scope="col">Change</th>
              <th scope="col">Why</th>
              <th scope="col">Hash</th>
            </tr>
          </thead>
          <tbody>
            {(records.data?.items ?? []).map((record) => (
              <tr key={record.seq}>
                <td>{record.seq}</td>
                <td className="small">{new Date(record.at).toLocaleString()}</td>
                <td>{record.actor.name}</td>
                <td className="mono small">{record.action}</td>
                <td className="small">
                  {record.targetKind} <span className="mono">{record.targetId}</span>
                </td>
                <td className="small">
                  <RecordChange action={record.action} before={record.before} after={record.after} />
                </td>
                <td className="small">{record.reason ?? ''}</td>
                <td className="mono small">{record.hash.slice(0, 12)}…</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <div className="button-row">
        <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - 100))}>
          Newer
        </button>
        <button type="button" disabled={offset + 100 >= total} onClick={() => setOffset(offset + 100)}>
          Older
        </button>
      </div>
    </div>
  );
};
