import { useRef, useState, type DragEvent } from 'react';
import { useApi } from '../../app/session';
import { ErrorMessage } from '../../ui/error-message';

/** The content type an assessment file is sent with, from its name. */
export const contentTypeOf = (fileName: string): string =>
  /\.json$/i.test(fileName) ? 'application/json' : 'application/yaml';

/**
 * Imports an assessment file (YAML or JSON) into a project by drag and drop or a file picker. The server stores
 * nothing when the file has any problem; every problem is then listed with its line:column.
 */
export const ImportDropZone = ({
  projectId,
  onImported,
}: {
  projectId: string;
  onImported: (fileName: string) => void;
}) => {
  const api = useApi();
  const input = useRef<HTMLInputElement>(null);
  const [isOver, setIsOver] = useState(false);
  const [state, setState] = useState<{ busy?: string; error?: unknown; done?: string }>({});

  const importFile = async (file: File) => {
    setState({ busy: file.name });
    try {
      await api.send(
        'POST',
        `/api/projects/${encodeURIComponent(projectId)}/import`,
        await file.text(),
        contentTypeOf(file.name),
      );
      setState({ done: file.name });
      onImported(file.name);
    } catch (error) {
      setState({ error });
    }
  };

  const handleDrop = (event: DragEvent) => {
    event.preventDefault();
    setIsOver(false);
    const file = event.dataTransfer.files[0];
    if (file !== undefined) void importFile(file);
  };

  return (
    <div className="import">
      <div
        className={`drop-zone${isOver ? ' is-over' : ''}`}
        onDragOver={(event) => {
          event.preventDefault();
          setIsOver(true);
        }}
        onDragLeave={() => setIsOver(false)}
        onDrop={handleDrop}
        data-testid="import-drop-zone"
      >
        <p>
          <strong>Drop an assessment file here</strong> (YAML or JSON) to replace this project&apos;s model,
          or{' '}
          <button type="button" className="link" onClick={() => input.current?.click()}>
            choose a file
          </button>
          .
        </p>
        <input
          ref={input}
          type="file"
          accept=".yaml,.yml,.json,application/json,application/yaml,text/yaml"
          className="visually-hidden"
          aria-label="Assessment file to import"
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (file !== undefined) void importFile(file);
            event.target.value = '';
          }}
        />
        {state.busy === undefined ? null : <p role="status">Importing {state.busy}…</p>}
        {state.done === undefined ? null : (
          <p role="status" className="notice notice-ok">
            Imported {state.done}.
          </p>
        )}
      </div>
      <ErrorMessage error={state.error} title="The file was not imported" />
    </div>
  );
};
