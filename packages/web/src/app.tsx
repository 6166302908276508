import { useMemo } from 'react';
import { createApiClient, type ApiClient } from './api/client';
import { usePreferences } from './app/preferences';
import { hrefOf, useRoute } from './app/router';
import { SessionProvider, useSession } from './app/session';
import { DiagramView } from './diagram/diagram-view';
import { AssetsView } from './features/assets/assets-view';
import { LoginPage } from './features/login/login-page';
import { OverviewView } from './features/project/overview-view';
import { ProjectShell, type ViewEntry } from './features/project/project-shell';
import { ProjectList } from './features/projects/project-list';
import { RiskView } from './features/risk/risk-view';
import { SecurityLevelsView } from './features/security-levels/security-levels-view';
import { RequirementsView } from './features/requirements/requirements-view';
import { FindingsView } from './features/findings/findings-view';
import { ApprovalView } from './features/approval/approval-view';
import { AuditView } from './features/audit/audit-view';
import { ReportsView } from './features/reports/reports-view';
import { SystemView } from './features/system/system-view';
import { ErrorBoundary } from './ui/error-boundary';

/** The views of a project, in navigation order. */
const PROJECT_VIEWS: readonly ViewEntry[] = [
  { view: 'overview', label: 'Overview', render: () => <OverviewView /> },
  { view: 'system', label: 'System', zcr: 'ZCR 1', render: () => <SystemView /> },
  { view: 'assets', label: 'Assets', zcr: 'ZCR 1', render: (itemId) => <AssetsView itemId={itemId} /> },
  {
    view: 'diagram',
    label: 'Zones and conduits',
    zcr: 'ZCR 3',
    render: (itemId) => <DiagramView itemId={itemId} />,
  },
  { view: 'risk', label: 'Risk', zcr: 'ZCR 2, 4, 5', render: () => <RiskView /> },
  { view: 'security-levels', label: 'Security levels', zcr: 'ZCR 5.6', render: () => <SecurityLevelsView /> },
  { view: 'requirements', label: 'Requirements', zcr: 'ZCR 6', render: () => <RequirementsView /> },
  { view: 'findings', label: 'Findings', zcr: 'ZCR 3', render: (itemId) => <FindingsView itemId={itemId} /> },
  { view: 'approval', label: 'Approval', zcr: 'ZCR 7', render: () => <ApprovalView /> },
  { view: 'audit', label: 'Audit trail', render: () => <AuditView /> },
  { view: 'reports', label: 'Reports', render: () => <ReportsView /> },
];

const TopBar = () => {
  const { state, logout } = useSession();
  const [preferences, setPreferences] = usePreferences();
  return (
    <header className="top-bar">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <a className="brand" href={hrefOf({ name: 'projects' })}>
        <span className="brand-mark" aria-hidden="true">
          Z
        </span>{' '}
        Zonewise
      </a>
      <div className="top-bar-actions">
        <button
          type="button"
          className="ghost"
          aria-pressed={preferences.isLargeText}
          onClick={() => setPreferences({ isLargeText: !preferences.isLargeText })}
        >
          Large text
        </button>
        <button
          type="button"
          className="ghost"
          aria-pressed={preferences.isHighContrast}
          onClick={() => setPreferences({ isHighContrast: !preferences.isHighContrast })}
        >
          High contrast
        </button>
        {state.status === 'authenticated' ? (
          <>
            <span className="user-name" title={state.session.user.username}>
              {state.session.user.displayName}
              {state.session.user.isAdmin ? ' (admin)' : ''}
            </span>
            <button type="button" className="ghost" onClick={() => void logout()}>
              Log out
            </button>
          </>
        ) : null}
      </div>
    </header>
  );
};

const Routes = () => {
  const { state } = useSession();
  const route = useRoute();
  if (state.status === 'loading')
    return (
      <p className="page muted" role="status">
        Loading…
      </p>
    );
  if (state.status === 'anonymous') return <LoginPage hasExpired={state.reason === 'expired'} />;
  if (route.name === 'projects')
    return (
      <ErrorBoundary feature="the project list">
        <ProjectList />
      </ErrorBoundary>
    );
  return (
    <ProjectShell
      projectId={route.projectId}
      views={PROJECT_VIEWS}
      current={route.view}
      itemId={route.itemId}
    />
  );
};

/**
 * The workbench: session (login on any 401), top bar with the projector-friendly display options, and the routed
 * page. `api` is injectable for tests.
 */
export const App = ({ api }: { api?: ApiClient }) => {
  const client = useMemo(() => api ?? createApiClient(), [api]);
  return (
    <SessionProvider api={client}>
      <TopBar />
      <ErrorBoundary feature="the workbench">
        <Routes />
      </ErrorBoundary>
    </SessionProvider>
  );
};
