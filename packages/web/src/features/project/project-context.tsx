import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { ApiDiagnostic } from '../../api/api-error';
import { unwrap } from '../../api/client';
import { useApi } from '../../app/session';
import { useResource, type Resource } from '../../ui/use-resource';
import { capabilitiesOf, type Capabilities } from '../projects/project-roles';

/** The project record (`GET /api/projects/{projectId}`). */
export interface ProjectRecord {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly revision: number;
  readonly role: string;
  readonly updatedAt: string;
}

/** `GET …/assessment`: the summary of the current revision, or why the model does not resolve. */
export interface AssessmentSummary {
  readonly status?: string;
  readonly revision?: number;
  readonly modelSha256?: string;
  readonly diagnostics?: readonly ApiDiagnostic[];
  readonly counts?: Readonly<Record<string, number>>;
  readonly summary?: {
    readonly scenariosAboveTolerable?: Readonly<Record<string, number>>;
    readonly findingsBySeverity?: Readonly<Record<string, number>>;
    readonly openFindings?: number;
    readonly requirementGaps?: number;
    readonly isComplete?: boolean;
    readonly hasValidApproval?: boolean;
  };
  readonly [key: string]: unknown;
}

interface ProjectContextValue {
  readonly projectId: string;
  readonly project: Resource<ProjectRecord>;
  readonly capabilities: Capabilities;
  /** Bumped after every change the user makes, so every view of the project reloads what it shows. */
  readonly changeCount: number;
  /** Call after a successful write: reloads the project and every view's data. */
  readonly notifyChanged: () => void;
}

const ProjectContext = createContext<ProjectContextValue | undefined>(undefined);

/**
 * Loads one project and tells every view when the model changed (the server re-assesses per revision, so a re-fetch
 * after each save shows the new risk, SL-T and findings). The assessment itself is loaded by the views that show
 * it, never here: on a 100k-asset plant it costs the server seconds, which a view that does not need it (the asset
 * table) should not wait or compete for.
 */
export const ProjectProvider = ({ projectId, children }: { projectId: string; children: ReactNode }) => {
  const api = useApi();
  const [changeCount, setChangeCount] = useState(0);
  const project = useResource(projectId, () =>
    unwrap(api.typed.GET('/api/projects/{projectId}', { params: { path: { projectId } } })),
  );
  const { reload: reloadProject } = project;
  const notifyChanged = useCallback(() => {
    setChangeCount((count) => count + 1);
    reloadProject();
  }, [reloadProject]);
  const value = useMemo(
    () => ({
      projectId,
      project,
      capabilities: capabilitiesOf(project.data?.role),
      changeCount,
      notifyChanged,
    }),
    [projectId, project, changeCount, notifyChanged],
  );
  return <ProjectContext.Provider value={value}>{children}</ProjectContext.Provider>;
};

/** The current project; throws outside `ProjectProvider` (a programming error). */
export const useProject = (): ProjectContextValue => {
  const value = useContext(ProjectContext);
  if (value === undefined) throw new Error('useProject needs a ProjectProvider above it');
  return value;
};

/** The URL prefix of the current project's API routes. */
export const projectPath = (projectId: string): string => `/api/projects/${encodeURIComponent(projectId)}`;
