import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/api-error';
import { itemsOf } from '../../api/items-of';
import { useApi } from '../../app/session';
import { Dialog } from '../../ui/dialog';
import { ErrorMessage } from '../../ui/error-message';
import { useResource } from '../../ui/use-resource';
import { CommentThread } from '../comments/comment-thread';
import { projectPath, useProject } from '../project/project-context';
import { DiffReview, type DiffAnswer } from './diff-review';

/** A signature on a baseline, flagged stale once the project changed after it. */
export interface Signature {
  readonly id: string;
  readonly signerName: string;
  readonly meaning: 'reviewed' | 'approved';
  readonly statement: string;
  readonly signedAt: string;
  readonly modelSha256: string;
  readonly isStale: boolean;
}

/** A frozen baseline of the model and its results. */
export interface Baseline {
  readonly id: string;
  readonly label: string;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly projectRevision: number;
  readonly modelSha256: string;
  readonly isStale: boolean;
  readonly signatures: readonly Signature[];
}

/** The baseline a diff should compare with: the newest with an approval, else the newest. */
export const lastApprovedBaseline = (baselines: readonly Baseline[]): Baseline | undefined => {
  const sorted = [...baselines].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return (
    sorted.find((baseline) => baseline.signatures.some((signature) => signature.meaning === 'approved')) ??
    sorted[0]
  );
};

/** The baselines as options of a compare selector: label, when frozen, and whether it carries an approval. */
const BaselineOptions = ({ baselines }: { baselines: readonly Baseline[] }) =>
  baselines.map((baseline) => (
    <option key={baseline.id} value={baseline.id}>
      {`${baseline.label} (${new Date(baseline.createdAt).toLocaleDateString()}${
        baseline.signatures.some((signature) => signature.meaning === 'approved') ? ', approved' : ''
      })`}
    </option>
  ));

const SignDialog = ({
  projectId,
  baseline,
  onClose,
  onSigned,
}: {
  projectId: string;
  baseline: Baseline;
  onClose: () => void;
  onSigned: () => void;
}) => {
  const api = useApi();
  const [password, setPassword] = useState('');
  const [meaning, setMeaning] = useState<'reviewed' | 'approved'>('approved');
  const [statement, setStatement] = useState('');
  const [error, setError] = useState<unknown>();
  const handleSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    try {
      await api.request(
        'POST',
        `${projectPath(projectId)}/baselines/${encodeURIComponent(baseline.id)}/signatures`,
        {
          password,
          meaning,
          statement,
        },
      );
      onSigned();
    } catch (cause) {
      setError(
        cause instanceof ApiError && cause.code === 'invalid-credentials'
          ? new Error('The password is wrong. Re-enter your own password to sign.')
          : cause,
      );
      setPassword('');
    }
  };
  return (
    <Dialog title={`Sign "${baseline.label}"`} onClose={onClose}>
      <form onSubmit={(event) => void handleSubmit(event)}>
        <p>
          You sign exactly this baseline: SHA-256 <span className="mono hash">{baseline.modelSha256}</span>.
          Any later change to the project marks the signature stale.
        </p>
        <fieldset>
          <legend>Meaning of the signature</legend>
          <label className="radio">
            <input
              type="radio"
              name="meaning"
              checked={meaning === 'reviewed'}
              onChange={() => setMeaning('reviewed')}
            />{' '}
            Reviewed
          </label>
          <label className="radio">
            <input
              type="radio"
              name="meaning"
              checked={meaning === 'approved'}
              onChange={() => setMeaning('approved')}
            />{' '}
            Approved
          </label>
        </fieldset>
        <label className="field">
          <span>Statement</span>
          <textarea
            value={statement}
            onChange={(event) => setStatement(event.target.value)}
            rows={3}
            required
          />
        </label>
        <label className="field">
          <span>Your password (re-entered to sign)</span>
          <input
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            required
          />
        </label>
        <ErrorMessage error={error} title="Not signed" />
        <button type="submit" className="primary">
          Sign
        </button>
      </form>
    </Dialog>
  );
};

/**
 * ZCR 7: freeze a baseline, review the diff against the last approved one, sign with password re-entry, meaning and
 * statement, and see stale signatures flagged. Only approvers get the sign button; reviewers comment.
 */
export const ApprovalView = () => {
  const api = useApi();
  const { projectId, changeCount, capabilities, notifyChanged } = useProject();
  const key = `${projectId}#${changeCount}`;
  const baselines = useResource(key, async () =>
    itemsOf<Baseline>(await api.request<unknown>('GET', `${projectPath(projectId)}/baselines`)),
  );
  const compareWith = lastApprovedBaseline(baselines.data ?? []);
  // The reviewer picks both sides; by default the last approved baseline against the working model.
  const [fromChoice, setFromChoice] = useState('');
  const [toChoice, setToChoice] = useState('working');
  const fromId = (baselines.data ?? []).some((baseline) => baseline.id === fromChoice)
    ? fromChoice
    : compareWith?.id;
  const toId =
    toChoice === 'working' || (baselines.data ?? []).some((b) => b.id === toChoice) ? toChoice : 'working';
  const diff = useResource(`${key}|${fromId ?? ''}|${toId}`, async () =>
    fromId === undefined
      ? undefined
      : api.request<DiffAnswer>(
          'GET',
          `${projectPath(projectId)}/diff?from=${encodeURIComponent(fromId)}&to=${encodeURIComponent(toId)}`,
        ),
  );
  const [label, setLabel] = useState('');
  const [freezeError, setFreezeError] = useState<unknown>();
  const [signing, setSigning] = useState<Baseline>();
  const handleFreeze = async (event: FormEvent) => {
    event.preventDefault();
    setFreezeError(undefined);
    try {
      await api.request('POST', `${projectPath(projectId)}/baselines`, { label });
      setLabel('');
      notifyChanged();
    } catch (error) {
      setFreezeError(error);
    }
  };
  const sorted = [...(baselines.data ?? [])].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return (
    <div className="view">
      <header className="page-header">
        <h1>Approval</h1>
        <p className="muted">
          ZCR 7: baselines bound to the SHA-256 of the model, e-signatures with meaning and statement.
        </p>
      </header>
      <ErrorMessage error={baselines.error} title="Baselines could not be loaded" />
      {capabilities.canFreeze ? (
        <form className="card inline-form" onSubmit={(event) => void handleFreeze(event)}>
          <label className="inline-field grow">
            <span>Freeze the current model as a baseline</span>
            <input
              value={label}
              onChange={(event) => setLabel(event.target.value)}
              placeholder="CRS for design review"
              required
            />
          </label>
          <button type="submit" className="primary">
            Freeze baseline
          </button>
        </form>
      ) : null}
      <ErrorMessage error={freezeError} title="The baseline was not frozen" />
      <section className="card" aria-labelledby="diff-title">
        <h2 id="diff-title">Changes to review</h2>
        {compareWith === undefined ? (
          <p className="muted">No baseline yet: freeze one to compare with.</p>
        ) : (
          <div className="compare-form">
            <label className="inline-field">
              <span>From</span>
              <select value={fromId} onChange={(event) => setFromChoice(event.target.value)}>
                <BaselineOptions baselines={sorted} />
              </select>
            </label>
            <label className="inline-field">
              <span>To</span>
              <select value={toId} onChange={(event) => setToChoice(event.target.value)}>
                <option value="working">The working model</option>
                <BaselineOptions baselines={sorted} />
              </select>
            </label>
          </div>
        )}
        <ErrorMessage error={diff.error} title="The diff could not be computed" />
        {diff.data === undefined ? null : <DiffReview answer={diff.data} />}
      </section>
      <section aria-labelledby="baselines-title">
        <h2 id="baselines-title">Baselines</h2>
        {sorted.map((baseline) => (
          <article key={baseline.id} className="card baseline" aria-label={`Baseline ${baseline.label}`}>
            <header className="section-header">
              <div>
                <h3>
                  {baseline.label}{' '}
                  {baseline.isStale ? (
                    <span className="pill pill-warn">⚠ stale: the project changed since</span>
                  ) : (
                    <span className="pill pill-ok">✓ current</span>
                  )}
                </h3>
                <p className="small muted">
                  frozen {new Date(baseline.createdAt).toLocaleString()} at revision{' '}
                  {baseline.projectRevision} · SHA-256{' '}
                  <span className="mono">{baseline.modelSha256.slice(0, 16)}…</span>
                </p>
              </div>
              {capabilities.canSign && !baseline.isStale ? (
                <button type="button" className="primary" onClick={() => setSigning(baseline)}>
                  Sign…
                </button>
              ) : null}
            </header>
            {baseline.signatures.length === 0 ? <p className="muted">Not signed.</p> : null}
            <ul className="plain-list">
              {baseline.signatures.map((signature) => (
                <li key={signature.id} className="signature">
                  <strong>{signature.meaning === 'approved' ? 'Approved' : 'Reviewed'}</strong> by{' '}
                  {signature.signerName}, {new Date(signature.signedAt).toLocaleString()}{' '}
                  {signature.isStale ? (
                    <span className="pill pill-warn">⚠ stale</span>
                  ) : (
                    <span className="pill pill-ok">✓ valid</span>
                  )}
                  <div className="small">“{signature.statement}”</div>
                </li>
              ))}
            </ul>
            <CommentThread
              projectId={projectId}
              targetKind="baseline"
              targetId={baseline.id}
              canComment={capabilities.canComment}
            />
          </article>
        ))}
      </section>
      {signing === undefined ? null : (
        <SignDialog
          projectId={projectId}
          baseline={signing}
          onClose={() => setSigning(undefined)}
          onSigned={() => {
            setSigning(undefined);
            notifyChanged();
          }}
        />
      )}
    </div>
  );
};
