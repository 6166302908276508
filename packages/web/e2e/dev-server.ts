/**
 * A workbench for looking at the UI by hand: the demo project, an assessor, an approver and a viewer with known
 * passwords, printed on start. `npx tsx packages/web/e2e/dev-server.ts` (build the UI first).
 */
import { startE2eServer } from './harness';

const e2e = await startE2eServer({ loadDemo: true });
const projects = await e2e.server.deps.store.db.selectFrom('projects').select('id').execute();
for (const [username, role] of [
  ['assessor', 'assessor'],
  ['approver', 'approver'],
  ['viewer', 'viewer'],
] as const) {
  const user = await e2e.addUser(username);
  for (const project of projects) await e2e.grant(project.id, user, role);
  process.stdout.write(`${username} / ${user.password} (${role})\n`);
}
process.stdout.write(`${e2e.url}\n`);
const stop = () => void e2e.close().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
