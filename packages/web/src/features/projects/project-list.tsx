import { useState, type FormEvent } from 'react';
import { itemsOf } from '../../api/items-of';
import { unwrap } from '../../api/client';
import { hrefOf } from '../../app/router';
import { useApi } from '../../app/session';
import { ErrorMessage } from '../../ui/error-message';
import { useResource } from '../../ui/use-resource';
import { StepStatus, type StepCompleteness } from './step-status';

/** A project as listed by `GET /api/projects`. */
export interface ProjectSummary {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly updatedAt: string;
  readonly revision: number;
  readonly isArchived: boolean;
  readonly role: string;
}

const ProjectStatus = ({ projectId, revision }: { projectId: string; revision: number }) => {
  const api = useApi();
  const steps = useResource(`${projectId}@${revision}`, async () =>
    itemsOf<StepCompleteness>(
      await api.request<unknown>(
        'GET',
        `/api/projects/${encodeURIComponent(projectId)}/assessment/completeness`,
      ),
    ),
  );
  if (steps.error !== undefined) return <span className="muted">status not available</span>;
  if (steps.data === undefined) return <span className="muted">assessing…</span>;
  if (steps.data.length === 0) return <span className="muted">no model yet: import a file</span>;
  return <StepStatus projectId={projectId} steps={steps.data} />;
};

const CreateProjectForm = ({ onCreated }: { onCreated: (id: string) => void }) => {
  const api = useApi();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [error, setError] = useState<unknown>();
  const handleSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    try {
      const project = await unwrap(api.typed.POST('/api/projects', { body: { name, description } }));
      setName('');
      setDescription('');
      onCreated(project.id);
    } catch (cause) {
      setError(cause);
    }
  };
  return (
    <form className="card create-project" onSubmit={(event) => void handleSubmit(event)}>
      <h2>New project</h2>
      <label className="field">
        <span>Name</span>
        <input value={name} onChange={(event) => setName(event.target.value)} required maxLength={200} />
      </label>
      <label className="field">
        <span>Description</span>
        <textarea value={description} onChange={(event) => setDescription(event.target.value)} rows={2} />
      </label>
      <ErrorMessage error={error} title="The project was not created" />
      <button type="submit" className="primary">
        Create project
      </button>
    </form>
  );
};

/**
 * The first page after login: every project the user belongs to, with its status per ZCR step at a glance, and a
 * form to create a new one (imports happen inside the project).
 */
export const ProjectList = () => {
  const api = useApi();
  const projects = useResource('projects', async () =>
    (await unwrap(api.typed.GET('/api/projects'))).items.filter((project) => !project.isArchived),
  );
  return (
    <main className="page" id="main">
      <header className="page-header">
        <h1>Projects</h1>
      </header>
      <ErrorMessage error={projects.error} title="Projects could not be loaded" />
      <div className="project-layout">
        <section aria-label="Projects" className="project-cards">
          {projects.data?.length === 0 ? (
            <p className="muted">No projects yet. Create one, then import an assessment file into it.</p>
          ) : null}
          {projects.data?.map((project) => (
            <article key={project.id} className="card project-card">
              <h2>
                <a href={hrefOf({ name: 'project', projectId: project.id, view: 'overview' })}>
                  {project.name}
                </a>
              </h2>
              {project.description === '' ? null : <p className="muted clamp">{project.description}</p>}
              <p className="meta">
                <span className="badge">{project.role}</span> revision {project.revision} · updated{' '}
                {new Date(project.updatedAt).toLocaleString()}
              </p>
              <ProjectStatus projectId={project.id} revision={project.revision} />
            </article>
          ))}
        </section>
        <CreateProjectForm
          onCreated={(id) => {
            window.location.hash = hrefOf({ name: 'project', projectId: id, view: 'overview' }).slice(1);
          }}
        />
      </div>
    </main>
  );
};
