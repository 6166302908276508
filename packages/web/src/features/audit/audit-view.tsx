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

/**
 * The project's hash-chained audit trail, newest first, with filters (action, target, time) and the result of
 * recomputing the chain, so an auditor sees at once whether anything was tampered with.
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
