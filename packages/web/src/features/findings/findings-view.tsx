import type { Finding, TriageInput } from '@zonewise/core';
import { useMemo, useState, type FormEvent } from 'react';
import { ApiError } from '../../api/api-error';
import { listAllEntities, saveEntity, type Entity } from '../../api/entities';
import { listAll } from '../../api/list-all';
import { hrefOf, type ProjectView } from '../../app/router';
import { useApi, useSession } from '../../app/session';
import { ConflictDialog } from '../../ui/conflict-dialog';
import { diagnosticsAt, ErrorMessage } from '../../ui/error-message';
import { useResource } from '../../ui/use-resource';
import { CommentThread } from '../comments/comment-thread';
import { projectPath, useProject } from '../project/project-context';
import { SeverityBadge } from './severity-badge';

const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'];
const VIEW_OF_KIND: Record<string, ProjectView> = { asset: 'assets', zone: 'diagram', conduit: 'diagram' };

const TriageForm = ({
  projectId,
  finding,
  entity,
  onSaved,
}: {
  projectId: string;
  finding: Finding;
  entity: Entity<TriageInput> | undefined;
  onSaved: () => void;
}) => {
  const api = useApi();
  const { state } = useSession();
  const [status, setStatus] = useState<TriageInput['status']>(entity?.body.status ?? 'accepted');
  const [justification, setJustification] = useState(entity?.body.justification ?? '');
  const [error, setError] = useState<unknown>();
  const [conflict, setConflict] = useState<ApiError>();
  const body = (): TriageInput => ({
    finding: finding.id,
    status,
    justification,
    ...(state.status === 'authenticated' ? { by: state.session.user.displayName } : {}),
    date: new Date().toISOString().slice(0, 10),
  });
  const save = async (revision?: number) => {
    setError(undefined);
    try {
      await saveEntity(
        api,
        projectId,
        'triage',
        entity === undefined ? undefined : { id: entity.id, revision: revision ?? entity.revision },
        body(),
      );
      onSaved();
    } catch (cause) {
      if (cause instanceof ApiError && cause.isConflict && entity !== undefined) setConflict(cause);
      else setError(cause);
    }
  };
  return (
    <form
      className="triage-form"
      aria-label={`Triage ${finding.id}`}
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        void save();
      }}
    >
      <label className="inline-field">
        <span>Triage</span>
        <select value={status} onChange={(event) => setStatus(event.target.value as TriageInput['status'])}>
          <option value="accepted">accepted (risk accepted)</option>
          <option value="false-positive">false positive</option>
          <option value="mitigated">mitigated</option>
        </select>
      </label>
      <label className="field grow">
        <span>Justification</span>
        <textarea
          value={justification}
          onChange={(event) => setJustification(event.target.value)}
          rows={2}
          required
        />
        {diagnosticsAt(error, ['justification']).map((problem, index) => (
          <span key={index} className="field-error" role="alert">
            {problem.message}
          </span>
        ))}
      </label>
      <button type="submit" className="primary">
        {entity === undefined ? 'Triage' : 'Update triage'}
      </button>
      <ErrorMessage error={error} title="The triage was not saved" />
      {conflict === undefined ? null : (
        <ConflictDialog
          error={conflict}
          mine={body()}
          onClose={() => setConflict(undefined)}
          onUseCurrent={onSaved}
          onOverwrite={(revision) => {
            setConflict(undefined);
            void save(revision);
          }}
        />
      )}
    </form>
  );
};

/**
 * All rule findings with filters (severity, status, rule, text); each opens to its reason, evidence links,
 * rationale and remediation. Triage (accepted / false positive / mitigated, with a justification) is stored as a
 * `triage` entity keyed by the finding id, so it survives re-assessment.
 */
export const FindingsView = ({ itemId }: { itemId: string | undefined }) => {
  const api = useApi();
  const { projectId, changeCount, capabilities, notifyChanged } = useProject();
  const key = `${projectId}#${changeCount}`;
  const findings = useResource(key, () =>
    listAll<Finding>(api, `${projectPath(projectId)}/assessment/findings`),
  );
  const triage = useResource(key, () => listAllEntities<TriageInput>(api, projectId, 'triage'));
  const [severity, setSeverity] = useState('');
  const [status, setStatus] = useState('');
  const [rule, setRule] = useState('');
  const [text, setText] = useState('');
  // The rules that found something, with how many findings each, for triaging one rule's findings together.
  const rules = useMemo(() => {
    const counts = new Map<string, number>();
    for (const finding of findings.data ?? [])
      counts.set(finding.ruleId, (counts.get(finding.ruleId) ?? 0) + 1);
    return [...counts].sort(([a], [b]) => a.localeCompare(b));
  }, [findings.data]);
  const triageByFinding = useMemo(
    () => new Map((triage.data ?? []).map((entity) => [entity.body.finding, entity])),
    [triage.data],
  );
  const rows = (findings.data ?? []).filter(
    (finding) =>
      (severity === '' || finding.severity === severity) &&
      (status === '' || finding.status === status) &&
      (rule === '' || finding.ruleId === rule) &&
      (text === '' ||
        `${finding.id} ${finding.title} ${finding.because}`
          .toLowerCase()
          .includes(text.trim().toLowerCase())),
  );
  return (
    <div className="view">
      <header className="page-header">
        <h1>Findings</h1>
        <p className="muted">
          Partitioning and consistency rules (ZCR 3) and other checks, with triage that survives
          re-assessment.
        </p>
      </header>
      <ErrorMessage error={findings.error} title="Findings could not be loaded" />
      <div className="toolbar" role="search">
        <label className="inline-field">
          <span>Search</span>
          <input type="search" value={text} onChange={(event) => setText(event.target.value)} />
        </label>
        <label className="inline-field">
          <span>Severity</span>
          <select value={severity} onChange={(event) => setSeverity(event.target.value)}>
            <option value="">any</option>
            {SEVERITIES.map((value) => (
              <option key={value}>{value}</option>
            ))}
          </select>
        </label>
        <label className="inline-field">
          <span>Status</span>
          <select value={status} onChange={(event) => setStatus(event.target.value)}>
            <option value="">any</option>
            {['open', 'accepted', 'false-positive', 'mitigated'].map((value) => (
              <option key={value}>{value}</option>
            ))}
          </select>
        </label>
        <label className="inline-field">
          <span>Rule</span>
          <select value={rule} onChange={(event) => setRule(event.target.value)}>
            <option value="">any</option>
            {rules.map(([id, count]) => (
              <option key={id} value={id}>
                {id} ({count})
              </option>
            ))}
          </select>
        </label>
        <p className="count" role="status">
          {rows.length} of {findings.data?.length ?? 0} findings
        </p>
      </div>
      <ul className="finding-list">
        {rows.map((finding) => (
          <li key={finding.id} className="card finding">
            <details open={finding.id === itemId}>
              <summary>
                <SeverityBadge severity={finding.severity} /> <strong>{finding.title}</strong>{' '}
                <span className="badge">{finding.status}</span>{' '}
                <span className="muted small mono">{finding.id}</span>
              </summary>
              <p>{finding.because}</p>
              <dl className="facts">
                <dt>Reference</dt>
                <dd>
                  {finding.reference.standard} {finding.reference.clause}
                </dd>
                <dt>Evidence</dt>
                <dd>
                  {finding.evidence.map((ref, index) => {
                    const view = VIEW_OF_KIND[ref.kind];
                    return (
                      <span key={`${ref.kind}:${ref.id}`}>
                        {index > 0 ? ', ' : ''}
                        {view === undefined ? (
                          <span className="mono">{ref.id}</span>
                        ) : (
                          <a
                            href={hrefOf({
                              name: 'project',
                              projectId,
                              view,
                              itemId: ref.id,
                            })}
                          >
                            {ref.name ?? ref.id}
                          </a>
                        )}{' '}
                        <span className="muted small">({ref.kind})</span>
                      </span>
                    );
                  })}
                </dd>
                <dt>Why it matters</dt>
                <dd>{finding.rationale}</dd>
                <dt>Remediation</dt>
                <dd>{finding.remediation}</dd>
                {finding.triageJustification === undefined ? null : (
                  <>
                    <dt>Triage</dt>
                    <dd>{finding.triageJustification}</dd>
                  </>
                )}
              </dl>
              {capabilities.canEdit ? (
                <TriageForm
                  projectId={projectId}
                  finding={finding}
                  entity={triageByFinding.get(finding.id)}
                  onSaved={notifyChanged}
                />
              ) : null}
              <CommentThread
                projectId={projectId}
                targetKind="finding"
                targetId={finding.id}
                canComment={capabilities.canComment}
              />
            </details>
          </li>
        ))}
      </ul>
    </div>
  );
};
