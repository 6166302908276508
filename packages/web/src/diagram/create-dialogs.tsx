import type { ZoneInput } from '@zonewise/core';
import { useState, type FormEvent, type ReactNode } from 'react';
import { formatPath } from '../api/api-error';
import { createEntity } from '../api/entities';
import { useApi } from '../app/session';
import { Dialog } from '../ui/dialog';
import { diagnosticsAt, ErrorMessage } from '../ui/error-message';

/** A form field with the server's diagnostics for its path shown right under it. */
const Field = ({
  label,
  error,
  path,
  children,
}: {
  label: string;
  error: unknown;
  path: readonly (string | number)[];
  children: ReactNode;
}) => {
  const problems = diagnosticsAt(error, path);
  return (
    <label className="field">
      <span>{label}</span>
      {children}
      {problems.map((problem, index) => (
        <span key={index} className="field-error" role="alert">
          {problem.message} <span className="mono">({formatPath(problem.path)})</span>
        </span>
      ))}
    </label>
  );
};

/** Creates a zone (ZCR 3.2): id and name; the rest is edited later. */
export const CreateZoneDialog = ({
  projectId,
  onClose,
  onCreated,
}: {
  projectId: string;
  onClose: () => void;
  onCreated: () => void;
}) => {
  const api = useApi();
  const [id, setId] = useState('');
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [error, setError] = useState<unknown>();
  const handleSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    try {
      await createEntity(api, projectId, 'zones', {
        id,
        name,
        ...(description === '' ? {} : { description }),
      });
      onCreated();
    } catch (cause) {
      setError(cause);
    }
  };
  return (
    <Dialog title="New zone" onClose={onClose}>
      <form onSubmit={(event) => void handleSubmit(event)}>
        <Field label="Id" error={error} path={['id']}>
          <input value={id} onChange={(event) => setId(event.target.value)} required />
        </Field>
        <Field label="Name" error={error} path={['name']}>
          <input value={name} onChange={(event) => setName(event.target.value)} required />
        </Field>
        <Field label="Description" error={error} path={['description']}>
          <textarea value={description} onChange={(event) => setDescription(event.target.value)} rows={2} />
        </Field>
        <ErrorMessage error={error} title="The zone was not created" />
        <button type="submit" className="primary">
          Create zone
        </button>
      </form>
    </Dialog>
  );
};

/** Creates a conduit between two zones with its first channel (protocol, port, direction). */
export const CreateConduitDialog = ({
  projectId,
  zones,
  onClose,
  onCreated,
}: {
  projectId: string;
  zones: readonly ZoneInput[];
  onClose: () => void;
  onCreated: () => void;
}) => {
  const api = useApi();
  const [id, setId] = useState('');
  const [name, setName] = useState('');
  const [from, setFrom] = useState(zones[0]?.id ?? '');
  const [to, setTo] = useState(zones[1]?.id ?? '');
  const [protocol, setProtocol] = useState('');
  const [port, setPort] = useState('');
  const [error, setError] = useState<unknown>();
  const handleSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    try {
      await createEntity(api, projectId, 'conduits', {
        id,
        name,
        zones: [from, to],
        ...(protocol === ''
          ? {}
          : {
              channels: [
                {
                  protocol,
                  from,
                  to,
                  ...(port === '' ? {} : { port: Number.isNaN(Number(port)) ? port : Number(port) }),
                },
              ],
            }),
      });
      onCreated();
    } catch (cause) {
      setError(cause);
    }
  };
  const zoneOptions = zones.map((zone) => (
    <option key={zone.id} value={zone.id}>
      {zone.name} ({zone.id})
    </option>
  ));
  return (
    <Dialog title="New conduit" onClose={onClose}>
      <form onSubmit={(event) => void handleSubmit(event)}>
        <Field label="Id" error={error} path={['id']}>
          <input value={id} onChange={(event) => setId(event.target.value)} required />
        </Field>
        <Field label="Name" error={error} path={['name']}>
          <input value={name} onChange={(event) => setName(event.target.value)} required />
        </Field>
        <div className="two-columns">
          <Field label="From zone (initiator)" error={error} path={['zones', 0]}>
            <select value={from} onChange={(event) => setFrom(event.target.value)}>
              {zoneOptions}
            </select>
          </Field>
          <Field label="To zone" error={error} path={['zones', 1]}>
            <select value={to} onChange={(event) => setTo(event.target.value)}>
              {zoneOptions}
            </select>
          </Field>
          <Field label="Protocol" error={error} path={['channels', 0, 'protocol']}>
            <input
              value={protocol}
              onChange={(event) => setProtocol(event.target.value)}
              placeholder="opc-ua"
            />
          </Field>
          <Field label="Port" error={error} path={['channels', 0, 'port']}>
            <input value={port} onChange={(event) => setPort(event.target.value)} placeholder="4840" />
          </Field>
        </div>
        <ErrorMessage error={error} title="The conduit was not created" />
        <button type="submit" className="primary">
          Create conduit
        </button>
      </form>
    </Dialog>
  );
};
