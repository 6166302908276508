import { ACCESS_POINT_KINDS, type AccessPointInput } from '@zonewise/core';
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { ApiError } from '../../api/api-error';
import { saveEntity, type Entity } from '../../api/entities';
import { useApi } from '../../app/session';
import { ConflictDialog } from '../../ui/conflict-dialog';
import { Dialog } from '../../ui/dialog';
import { ErrorMessage } from '../../ui/error-message';
import { FieldErrors } from '../../ui/field-errors';

const COLLECTION = 'accessPoints';

/** The form's state: every input as text, turned into an access point on save. */
interface Draft {
  readonly id: string;
  readonly name: string;
  readonly kind: string;
  readonly zone: string;
  readonly description: string;
  /** '' not stated, 'logical' or 'physical' (`isLogical`). */
  readonly nature: string;
  /** '' for the default, else 1 … 5. */
  readonly exposure: string;
}

const draftOf = (point: AccessPointInput | undefined, zones: readonly string[]): Draft => ({
  id: point?.id ?? '',
  name: point?.name ?? '',
  kind: point?.kind ?? 'remote-access',
  zone: point?.zone ?? zones[0] ?? '',
  description: point?.description ?? '',
  nature: point?.isLogical === undefined ? '' : point.isLogical ? 'logical' : 'physical',
  exposure: point?.exposure === undefined ? '' : String(point.exposure),
});

/** The body sent to the server: empty optional fields are left out rather than sent as `""`. */
export const accessPointOf = (draft: Draft): AccessPointInput =>
  ({
    id: draft.id.trim(),
    name: draft.name,
    kind: draft.kind,
    zone: draft.zone.trim(),
    ...(draft.description.trim() === '' ? {} : { description: draft.description }),
    ...(draft.nature === '' ? {} : { isLogical: draft.nature === 'logical' }),
    ...(draft.exposure === '' ? {} : { exposure: Number(draft.exposure) }),
  }) as AccessPointInput;

/** The props an input needs to be named by its label and described by its note and errors. */
interface InputProps {
  readonly id: string;
  readonly 'aria-describedby': string;
}

/** A labelled input with a note and the server's diagnostics for its path under it (outside the label's name). */
const Field = ({
  label,
  error,
  path,
  note,
  children,
}: {
  label: string;
  error: unknown;
  path: string;
  note?: ReactNode;
  children: (props: InputProps) => ReactNode;
}) => {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-describedby': `${id}-about` })}
      <span id={`${id}-about`}>
        {note}
        <FieldErrors error={error} path={[path]} />
      </span>
    </div>
  );
};

/**
 * Creates an access point or edits one (ZCR 1.1: where the SuC can be entered, and which zone it enters). The
 * server checks the body against the file format; its 422 diagnostics appear beside the field they name, a taken
 * id beside the id, and a concurrent edit opens the conflict dialog instead of overwriting.
 */
export const AccessPointDialog = ({
  projectId,
  entity,
  zones,
  onClose,
  onSaved,
  onUseCurrent,
}: {
  projectId: string;
  /** The access point to edit; undefined to create one. */
  entity: Entity<AccessPointInput> | undefined;
  /** Zone ids to choose from. */
  zones: readonly string[];
  onClose: () => void;
  onSaved: () => void;
  /** After a conflict, the user dropped their change: close and show what is stored now. */
  onUseCurrent: () => void;
}) => {
  const api = useApi();
  const [draft, setDraft] = useState<Draft>(() => draftOf(entity?.body, zones));
  const [error, setError] = useState<unknown>();
  const [conflict, setConflict] = useState<ApiError>();
  const set = (field: keyof Draft) => (event: { target: { value: string } }) =>
    setDraft((current) => ({ ...current, [field]: event.target.value }));

  const save = async (revision: number) => {
    setError(undefined);
    try {
      await saveEntity(
        api,
        projectId,
        COLLECTION,
        entity === undefined ? undefined : { id: entity.id, revision },
        accessPointOf(draft),
      );
      onSaved();
    } catch (cause) {
      if (cause instanceof ApiError && cause.isConflict) setConflict(cause);
      else setError(cause);
    }
  };
  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    void save(entity?.revision ?? 0);
  };

  if (conflict !== undefined)
    return (
      <ConflictDialog
        error={conflict}
        mine={accessPointOf(draft)}
        onClose={onClose}
        onUseCurrent={onUseCurrent}
        onOverwrite={(revision) => {
          setConflict(undefined);
          void save(revision);
        }}
      />
    );

  const takenId =
    error instanceof ApiError && error.code === 'duplicate-id' ? (
      <span className="field-error" role="alert">
        {error.message}
      </span>
    ) : null;
  const zoneChoices = draft.zone === '' || zones.includes(draft.zone) ? zones : [draft.zone, ...zones];
  return (
    <Dialog
      title={entity === undefined ? 'New access point' : `Edit access point: ${entity.body.name}`}
      onClose={onClose}
    >
      <form onSubmit={handleSubmit} aria-label="Access point">
        <div className="two-columns">
          <Field
            label="Id"
            error={error}
            path="id"
            note={
              <>
                {entity === undefined ? null : (
                  <span className="muted small">Ids cannot change: delete and create to rename.</span>
                )}
                {takenId}
              </>
            }
          >
            {(props) => (
              <input
                {...props}
                value={draft.id}
                onChange={set('id')}
                readOnly={entity !== undefined}
                required
              />
            )}
          </Field>
          <Field label="Name" error={error} path="name">
            {(props) => <input {...props} value={draft.name} onChange={set('name')} required />}
          </Field>
          <Field label="Kind" error={error} path="kind">
            {(props) => (
              <select {...props} value={draft.kind} onChange={set('kind')}>
                {ACCESS_POINT_KINDS.map((kind) => (
                  <option key={kind} value={kind}>
                    {kind}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Enters zone" error={error} path="zone">
            {(props) =>
              zoneChoices.length === 0 ? (
                <input {...props} value={draft.zone} onChange={set('zone')} required />
              ) : (
                <select {...props} value={draft.zone} onChange={set('zone')}>
                  {zoneChoices.map((zone) => (
                    <option key={zone} value={zone}>
                      {zone}
                    </option>
                  ))}
                </select>
              )
            }
          </Field>
          <Field label="Network or physical (CRS f/g)" error={error} path="isLogical">
            {(props) => (
              <select {...props} value={draft.nature} onChange={set('nature')}>
                <option value="">not stated</option>
                <option value="logical">network (logical)</option>
                <option value="physical">physical</option>
              </select>
            )}
          </Field>
          <Field label="Exposure (base likelihood)" error={error} path="exposure">
            {(props) => (
              <select {...props} value={draft.exposure} onChange={set('exposure')}>
                <option value="">from the risk criteria</option>
                {[1, 2, 3, 4, 5].map((level) => (
                  <option key={level} value={level}>
                    {level}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <Field label="Description" error={error} path="description">
          {(props) => (
            <textarea {...props} rows={3} value={draft.description} onChange={set('description')} />
          )}
        </Field>
        <ErrorMessage
          error={error}
          title={entity === undefined ? 'The access point was not created' : 'The access point was not saved'}
        />
        <div className="button-row">
          <button type="submit" className="primary">
            {entity === undefined ? 'Create access point' : 'Save access point'}
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
};
