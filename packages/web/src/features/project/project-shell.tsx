import type { ReactNode } from 'react';
import { hrefOf, type ProjectView } from '../../app/router';
import { ErrorBoundary } from '../../ui/error-boundary';
import { ErrorMessage } from '../../ui/error-message';
import { ProjectProvider, useProject } from './project-context';

/** One entry of the project navigation: its label, the ZCR steps it covers, and how to render it. */
export interface ViewEntry {
  readonly view: ProjectView;
  readonly label: string;
  readonly zcr?: string;
  readonly render: (itemId: string | undefined) => ReactNode;
}

const ProjectFrame = ({
  views,
  current,
  itemId,
}: {
  views: readonly ViewEntry[];
  current: ProjectView;
  itemId: string | undefined;
}) => {
  const { projectId, project } = useProject();
  const entry = views.find((candidate) => candidate.view === current) ?? views[0];
  return (
    <div className="project-frame">
      <nav className="side-nav" aria-label="Project">
        <p className="side-nav-title" title={project.data?.name}>
          {project.data?.name ?? '…'}
        </p>
        {project.data === undefined ? null : <p className="badge role-badge">{project.data.role}</p>}
        <ul>
          {views.map((candidate) => (
            <li key={candidate.view}>
              <a
                href={hrefOf({ name: 'project', projectId, view: candidate.view })}
                aria-current={candidate.view === entry?.view ? 'page' : undefined}
              >
                {candidate.label}
                {candidate.zcr === undefined ? null : <span className="nav-zcr">{candidate.zcr}</span>}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main className="project-main" id="main">
        <ErrorMessage error={project.error} title="The project could not be loaded" />
        {entry === undefined ? null : (
          <ErrorBoundary key={entry.view} feature={entry.label}>
            {entry.render(itemId)}
          </ErrorBoundary>
        )}
      </main>
    </div>
  );
};

/**
 * A project: its navigation (views in the order of the IEC 62443-3-2 work flow) and the current view, each inside
 * its own error boundary so a failing view never blanks the page.
 */
export const ProjectShell = ({
  projectId,
  views,
  current,
  itemId,
}: {
  projectId: string;
  views: readonly ViewEntry[];
  current: ProjectView;
  itemId: string | undefined;
}) => (
  <ProjectProvider projectId={projectId} key={projectId}>
    <ProjectFrame views={views} current={current} itemId={itemId} />
  </ProjectProvider>
);
