import { itemsOf } from '../../api/items-of';
import { hrefOf, stepView, type ProjectView } from '../../app/router';
import { useApi } from '../../app/session';
import { ErrorMessage } from '../../ui/error-message';
import { saveFile } from '../../ui/save-file';
import { useResource } from '../../ui/use-resource';
import { ImportDropZone } from '../projects/import-drop-zone';
import type { StepCompleteness } from '../projects/step-status';
import { projectPath, useProject, type AssessmentSummary } from './project-context';
import { useState } from 'react';
import { ApiDiagnosticsList } from '../../ui/diagnostics-list';

/** One headline count; it opens the view where those things are worked on. */
const Stat = ({ value, label, href }: { value: number; label: string; href: string }) => (
  <a className="stat" href={href}>
    <span className="stat-value">{value.toLocaleString()}</span> <span className="stat-label">{label}</span>
  </a>
);

/** Where each headline count is worked on. */
const COUNT_VIEWS: Readonly<Record<string, ProjectView>> = {
  assets: 'assets',
  zones: 'diagram',
  conduits: 'diagram',
  accessPoints: 'system',
  dataFlows: 'assets',
  scenarios: 'risk',
  vulnerabilities: 'assets',
  countermeasures: 'requirements',
};

/**
 * The project's front page: status per ZCR step with what is missing, headline counts, import (assessors only)
 * and export of the assessment file.
 */
export const OverviewView = () => {
  const api = useApi();
  const { projectId, project, capabilities, changeCount, notifyChanged } = useProject();
  const assessment = useResource(`${projectId}#${changeCount}`, () =>
    api.request<AssessmentSummary>('GET', `${projectPath(projectId)}/assessment`),
  );
  const steps = useResource(`${projectId}#${changeCount}`, async () =>
    itemsOf<StepCompleteness>(
      await api.request<unknown>('GET', `${projectPath(projectId)}/assessment/completeness`),
    ),
  );
  const [exportError, setExportError] = useState<unknown>();
  const handleExport = async (format: 'yaml' | 'json') => {
    setExportError(undefined);
    try {
      const { blob, fileName } = await api.download(`${projectPath(projectId)}/export?format=${format}`);
      saveFile(blob, fileName ?? `${projectId}.${format}`);
    } catch (error) {
      setExportError(error);
    }
  };
  const summary = assessment.data;
  return (
    <div className="view overview">
      <header className="page-header">
        <h1>{project.data?.name ?? projectId}</h1>
        {project.data?.description ? <p className="muted">{project.data.description}</p> : null}
      </header>
      {summary?.status === 'invalid' ? (
        <section className="card" aria-labelledby="invalid-title">
          <h2 id="invalid-title">The model does not resolve</h2>
          <p>Fix these problems (or import a corrected file) to see results.</p>
          <ApiDiagnosticsList diagnostics={summary.diagnostics ?? []} />
        </section>
      ) : null}
      {summary?.counts === undefined ? null : (
        <section aria-label="Counts" className="stat-grid">
          {Object.entries(summary.counts).map(([name, count]) => (
            <Stat
              key={name}
              value={count}
              label={name.replace(/([A-Z])/g, ' $1').toLowerCase()}
              href={hrefOf({ name: 'project', projectId, view: COUNT_VIEWS[name] ?? 'overview' })}
            />
          ))}
          {summary.summary?.openFindings === undefined ? null : (
            <Stat
              value={summary.summary.openFindings}
              label="open findings"
              href={hrefOf({ name: 'project', projectId, view: 'findings' })}
            />
          )}
          {summary.summary?.requirementGaps === undefined ? null : (
            <Stat
              value={summary.summary.requirementGaps}
              label="requirement gaps"
              href={hrefOf({ name: 'project', projectId, view: 'requirements' })}
            />
          )}
        </section>
      )}
      <section className="card" aria-labelledby="steps-title">
        <h2 id="steps-title">Status per ZCR step</h2>
        <ErrorMessage error={steps.error} />
        <table className="data-table steps-table">
          <thead>
            <tr>
              <th scope="col">Step</th>
              <th scope="col">Status</th>
              <th scope="col">What is missing</th>
            </tr>
          </thead>
          <tbody>
            {steps.data?.map((step) => (
              <tr key={step.step}>
                <th scope="row">
                  <a href={hrefOf({ name: 'project', projectId, view: stepView(step.step) })}>
                    {step.step} {step.title}
                  </a>
                </th>
                <td>
                  <span className={step.isComplete ? 'pill pill-ok' : 'pill pill-warn'}>
                    <span aria-hidden="true">{step.isComplete ? '✓ ' : '✗ '}</span>
                    {step.isComplete ? 'complete' : 'incomplete'}
                  </span>
                </td>
                <td>
                  {step.missing.length === 0 ? '—' : step.missing.slice(0, 3).join('; ')}
                  {step.missing.length > 3 ? (
                    <details>
                      <summary>{step.missing.length - 3} more</summary>
                      {step.missing.slice(3).join('; ')}
                    </details>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="card" aria-labelledby="file-title">
        <h2 id="file-title">Assessment file</h2>
        <div className="button-row">
          <button type="button" onClick={() => void handleExport('yaml')}>
            Export YAML
          </button>
          <button type="button" onClick={() => void handleExport('json')}>
            Export JSON
          </button>
        </div>
        <ErrorMessage error={exportError} title="Export failed" />
        {capabilities.canEdit ? <ImportDropZone projectId={projectId} onImported={notifyChanged} /> : null}
      </section>
    </div>
  );
};
