import type { ZonewiseApp } from './app';
import { auditRoutes } from './routes/audit/routes';
import { assessmentRoutes } from './routes/assessment/routes';
import { baselineRoutes } from './routes/baselines/routes';
import { commentRoutes } from './routes/comments/routes';
import { docsRoutes } from './routes/docs/routes';
import { downloadRoutes } from './routes/downloads/routes';
import { entityRoutes } from './routes/entities/routes';
import { authRoutes } from './routes/auth/routes';
import { healthRoutes } from './routes/health/routes';
import { memberRoutes } from './routes/members/routes';
import { modelRoutes } from './routes/model/routes';
import { projectRoutes } from './routes/projects/routes';
import { reportRoutes } from './routes/reports/routes';
import { tokenRoutes } from './routes/tokens/routes';
import { userRoutes } from './routes/users/routes';

/**
 * Every route module, registered in one place so the OpenAPI document lists them all. Each module adds its routes
 * to the app it is given.
 */
export const registerRoutes = (app: ZonewiseApp): void => {
  healthRoutes(app);
  authRoutes(app);
  userRoutes(app);
  tokenRoutes(app);
  memberRoutes(app);
  projectRoutes(app);
  modelRoutes(app);
  entityRoutes(app);
  assessmentRoutes(app);
  reportRoutes(app);
  downloadRoutes(app);
  baselineRoutes(app);
  auditRoutes(app);
  commentRoutes(app);
  docsRoutes(app);
};
