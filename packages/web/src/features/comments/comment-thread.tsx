import { useState, type FormEvent } from 'react';
import { itemsOf } from '../../api/items-of';
import { useApi } from '../../app/session';
import { ErrorMessage } from '../../ui/error-message';
import { useResource } from '../../ui/use-resource';
import { projectPath } from '../project/project-context';

interface Comment {
  readonly id: string;
  readonly author: { readonly id: string; readonly name: string };
  readonly body: string;
  readonly createdAt: string;
}

/**
 * Review comments on one target (a finding, a zone, a baseline). Everyone who may read sees them; reviewers,
 * approvers and assessors may add one (viewers get no form).
 */
export const CommentThread = ({
  projectId,
  targetKind,
  targetId,
  canComment,
}: {
  projectId: string;
  targetKind: string;
  targetId: string;
  canComment: boolean;
}) => {
  const api = useApi();
  const [tick, setTick] = useState(0);
  const query = `targetKind=${encodeURIComponent(targetKind)}&targetId=${encodeURIComponent(targetId)}`;
  const comments = useResource(`${targetKind}/${targetId}#${tick}`, async () =>
    itemsOf<Comment>(await api.request<unknown>('GET', `${projectPath(projectId)}/comments?${query}`)),
  );
  const [text, setText] = useState('');
  const [error, setError] = useState<unknown>();
  const handleSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    try {
      await api.request('POST', `${projectPath(projectId)}/comments`, { targetKind, targetId, body: text });
      setText('');
      setTick((value) => value + 1);
    } catch (cause) {
      setError(cause);
    }
  };
  return (
    <div className="comments">
      <h4>Comments ({comments.data?.length ?? 0})</h4>
      <ErrorMessage error={comments.error} />
      <ul className="plain-list">
        {(comments.data ?? []).map((comment) => (
          <li key={comment.id}>
            <strong>{comment.author.name}</strong>{' '}
            <span className="muted small">{new Date(comment.createdAt).toLocaleString()}</span>
            <div className="pre-wrap">{comment.body}</div>
          </li>
        ))}
      </ul>
      {canComment ? (
        <form onSubmit={(event) => void handleSubmit(event)} className="comment-form">
          <label className="field">
            <span>Add a comment</span>
            <textarea value={text} onChange={(event) => setText(event.target.value)} rows={2} required />
          </label>
          <ErrorMessage error={error} title="The comment was not saved" />
          <button type="submit">Comment</button>
        </form>
      ) : null}
    </div>
  );
};
