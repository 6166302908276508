import { useState } from 'react';
import { useApi } from '../../app/session';
import { ErrorMessage } from '../../ui/error-message';
import { saveFile } from '../../ui/save-file';
import { projectPath, useProject } from '../project/project-context';

const FORMATS = [
  { id: 'html', label: 'HTML' },
  { id: 'pdf', label: 'PDF' },
  { id: 'docx', label: 'Word (.docx)' },
  { id: 'md', label: 'Markdown' },
  { id: 'json', label: 'JSON' },
] as const;

const DOCUMENTS = [
  {
    id: 'full',
    label: 'Assessment report',
    description: 'Everything from scope to approval (ZCR 5.13, 6, 7).',
  },
  {
    id: 'crs',
    label: 'Cybersecurity Requirements Specification',
    description: 'The CRS per zone and conduit (ZCR 6).',
  },
] as const;

/** Downloads every report the server renders, in each format it offers, for the current revision. */
export const ReportsView = () => {
  const api = useApi();
  const { projectId } = useProject();
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<unknown>();
  const download = async (document: string, format: string) => {
    setBusy(`${document}.${format}`);
    setError(undefined);
    try {
      const { blob, fileName } = await api.download(
        `${projectPath(projectId)}/report?document=${document}&format=${format}`,
      );
      saveFile(blob, fileName ?? `${projectId}-${document}.${format}`);
    } catch (cause) {
      setError(cause);
    } finally {
      setBusy(undefined);
    }
  };
  return (
    <div className="view">
      <header className="page-header">
        <h1>Reports</h1>
      </header>
      <ErrorMessage error={error} title="The report was not produced" />
      {DOCUMENTS.map((document) => (
        <section className="card" key={document.id} aria-labelledby={`report-${document.id}`}>
          <h2 id={`report-${document.id}`}>{document.label}</h2>
          <p className="muted">{document.description}</p>
          <div className="button-row">
            {FORMATS.map((format) => (
              <button
                key={format.id}
                type="button"
                disabled={busy !== undefined}
                onClick={() => void download(document.id, format.id)}
              >
                {busy === `${document.id}.${format.id}` ? `Preparing ${format.label}…` : format.label}
              </button>
            ))}
          </div>
        </section>
      ))}
    </div>
  );
};
