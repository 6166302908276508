import type { AccessPointInput } from '@zonewise/core';
import { useState } from 'react';
import { ApiError } from '../../api/api-error';
import { deleteEntity, type Entity } from '../../api/entities';
import { useApi } from '../../app/session';
import { ConflictDialog } from '../../ui/conflict-dialog';
import { Dialog } from '../../ui/dialog';
import { ErrorMessage } from '../../ui/error-message';
import { AccessPointDialog } from './access-point-dialog';

type Editing =
  { readonly mode: 'create' } | { readonly mode: 'edit'; readonly entity: Entity<AccessPointInput> };

/** Asks before deleting, then deletes with the revision read; a concurrent edit opens the conflict dialog. */
const DeleteAccessPoint = ({
  projectId,
  entity,
  onClose,
  onDeleted,
  onUseCurrent,
}: {
  projectId: string;
  entity: Entity<AccessPointInput>;
  onClose: () => void;
  onDeleted: () => void;
  onUseCurrent: () => void;
}) => {
  const api = useApi();
  const [error, setError] = useState<unknown>();
  const [conflict, setConflict] = useState<ApiError>();
  const remove = async (revision: number) => {
    setError(undefined);
    try {
      await deleteEntity(api, projectId, 'accessPoints', { id: entity.id, revision });
      onDeleted();
    } catch (cause) {
      if (cause instanceof ApiError && cause.isConflict) setConflict(cause);
      else setError(cause);
    }
  };
  if (conflict !== undefined)
    return (
      <ConflictDialog
        error={conflict}
        mine="(deleted)"
        onClose={onClose}
        onUseCurrent={onUseCurrent}
        onOverwrite={(revision) => {
          setConflict(undefined);
          void remove(revision);
        }}
      />
    );
  return (
    <Dialog title={`Delete access point: ${entity.body.name}`} onClose={onClose}>
      <p>
        Delete <span className="mono">{entity.id}</span>? Data flows and countermeasures that name it will be
        reported by the assessment until they are changed.
      </p>
      <ErrorMessage error={error} title="The access point was not deleted" />
      <div className="button-row">
        <button type="button" className="danger" onClick={() => void remove(entity.revision)}>
          Delete
        </button>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </Dialog>
  );
};

/**
 * ZCR 1.1 access points as a table. Assessors create, edit and delete them one entity at a time (each write names
 * the revision it read), so two people editing different access points never conflict; viewers see the table only.
 */
export const AccessPointsTable = ({
  projectId,
  accessPoints,
  zones,
  canEdit,
  onChanged,
}: {
  projectId: string;
  accessPoints: readonly Entity<AccessPointInput>[];
  zones: readonly string[];
  canEdit: boolean;
  onChanged: () => void;
}) => {
  const [editing, setEditing] = useState<Editing>();
  const [deleting, setDeleting] = useState<Entity<AccessPointInput>>();
  const [status, setStatus] = useState<string>();
  const done = (message: string | undefined) => {
    setEditing(undefined);
    setDeleting(undefined);
    setStatus(message);
    onChanged();
  };
  return (
    <section className="card" aria-labelledby="access-points-title">
      <h2 id="access-points-title">Access points (ZCR 1.1)</h2>
      {accessPoints.length === 0 ? (
        <p className="muted">
          No access point listed: ZCR 1.1 is incomplete until every way into the SuC is.
        </p>
      ) : (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Access point</th>
              <th scope="col">Kind</th>
              <th scope="col">Enters zone</th>
              <th scope="col">Network / physical</th>
              <th scope="col">Exposure</th>
              {canEdit ? (
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {accessPoints.map((entity) => {
              const point = entity.body;
              return (
                <tr key={entity.id} data-access-point-id={entity.id}>
                  <th scope="row">
                    {point.name}
                    <div className="mono small muted">{point.id}</div>
                    {point.description === undefined ? null : (
                      <div className="small muted">{point.description}</div>
                    )}
                  </th>
                  <td>{point.kind}</td>
                  <td>{point.zone}</td>
                  <td>
                    {point.isLogical === undefined ? 'not stated' : point.isLogical ? 'network' : 'physical'}
                  </td>
                  <td>{point.exposure ?? <span className="muted">default</span>}</td>
                  {canEdit ? (
                    <td className="button-row">
                      <button
                        type="button"
                        aria-label={`Edit ${point.name}`}
                        onClick={() => setEditing({ mode: 'edit', entity })}
                      >
                        Edit
                      </button>
                      <button
                        type="button"
                        className="danger"
                        aria-label={`Delete ${point.name}`}
                        onClick={() => setDeleting(entity)}
                      >
                        Delete
                      </button>
                    </td>
                  ) : null}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {status === undefined ? null : (
        <p className="notice notice-ok" role="status">
          {status}
        </p>
      )}
      {canEdit ? (
        <button
          type="button"
          className="primary"
          onClick={() => {
            setStatus(undefined);
            setEditing({ mode: 'create' });
          }}
        >
          New access point
        </button>
      ) : null}
      {editing === undefined ? null : (
        <AccessPointDialog
          projectId={projectId}
          entity={editing.mode === 'edit' ? editing.entity : undefined}
          zones={zones}
          onClose={() => setEditing(undefined)}
          onSaved={() => done(editing.mode === 'edit' ? 'Access point saved.' : 'Access point created.')}
          onUseCurrent={() => done(undefined)}
        />
      )}
      {deleting === undefined ? null : (
        <DeleteAccessPoint
          projectId={projectId}
          entity={deleting}
          onClose={() => setDeleting(undefined)}
          onDeleted={() => done('Access point deleted.')}
          onUseCurrent={() => done(undefined)}
        />
      )}
    </section>
  );
};
