import type { ApiError } from '../api/api-error';
import { Dialog } from './dialog';

/** The stored entity a 409 carries (`error.current` or the first problem's `current`). */
interface CurrentEntity {
  readonly revision?: number;
  readonly body?: unknown;
  readonly updatedBy?: string;
  readonly updatedAt?: string;
}

/** The revision of the stored version in a conflict, if the server sent it. */
export const currentRevisionOf = (error: ApiError): number | undefined =>
  (error.current as CurrentEntity | undefined)?.revision;

/**
 * Someone else saved the same entity first (409 `revision-conflict`). Shows their version beside the user's and
 * lets the user keep theirs (saved again on top of the current revision) or take the current one: never a silent
 * overwrite.
 */
export const ConflictDialog = ({
  error,
  mine,
  onUseCurrent,
  onOverwrite,
  onClose,
}: {
  error: ApiError;
  mine: unknown;
  onUseCurrent: () => void;
  onOverwrite: (currentRevision: number) => void;
  onClose: () => void;
}) => {
  const current = error.current as CurrentEntity | undefined;
  const revision = current?.revision;
  return (
    <Dialog title="Someone changed this in the meantime" onClose={onClose}>
      <p>
        {current?.updatedBy === undefined ? 'Another user' : current.updatedBy} saved a newer version
        {current?.updatedAt === undefined ? '' : ` at ${new Date(current.updatedAt).toLocaleString()}`}. Your
        change was not saved.
      </p>
      <div className="conflict-columns">
        <section>
          <h3>Current version{revision === undefined ? '' : ` (revision ${revision})`}</h3>
          <pre className="json">{JSON.stringify(current?.body ?? current, null, 2)}</pre>
        </section>
        <section>
          <h3>Your version</h3>
          <pre className="json">{JSON.stringify(mine, null, 2)}</pre>
        </section>
      </div>
      <div className="button-row">
        <button type="button" className="primary" onClick={onUseCurrent}>
          Use the current version
        </button>
        {revision === undefined ? null : (
          <button type="button" className="danger" onClick={() => onOverwrite(revision)}>
            Save mine over it
          </button>
        )}
      </div>
    </Dialog>
  );
};
