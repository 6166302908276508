import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './axe';
import { launchChromium, logIn } from './browser';
import { startE2eServer, type E2eServer, type E2eUser } from './harness';

const EXAMPLE = fileURLToPath(
  new URL('../../../examples/pharma-tablet-plant/assessment.yaml', import.meta.url),
);
const SCREENSHOTS = fileURLToPath(new URL('../../../docs/img/', import.meta.url));

let e2e: E2eServer;
let browser: Browser;
let users: Record<'assessor' | 'approver' | 'viewer', E2eUser>;
let projectId = '';

const session = async (user: E2eUser): Promise<{ context: BrowserContext; page: Page }> => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    throw error;
  });
  await logIn(page, e2e.url, user.username, user.password);
  return { context, page };
};

const open = async (page: Page, view: string, heading: string | RegExp) => {
  await page.goto(`${e2e.url}/#/projects/${projectId}/${view}`);
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
};

const expectAccessible = async (page: Page) => {
  const violations = await seriousViolations(page);
  expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
};

const dropFile = async (page: Page, name: string, text: string) => {
  const dataTransfer = await page.evaluateHandle(
    ([fileName, content]) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([content], fileName, { type: 'application/yaml' }));
      return transfer;
    },
    [name, text] as const,
  );
  await page.dispatchEvent('[data-testid=import-drop-zone]', 'drop', { dataTransfer });
};

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  e2e = await startE2eServer();
  browser = await launchChromium();
  users = {
    assessor: await e2e.addUser('assessor'),
    approver: await e2e.addUser('approver'),
    viewer: await e2e.addUser('viewer'),
  };
});

afterAll(async () => {
  await browser?.close();
  await e2e?.close();
});

describe('the workbench in Chromium', () => {
  it('logs in, creates a project and imports the pharma example by drag and drop', async () => {
    const { context, page } = await session(users.assessor);
    await page.getByLabel('Name').fill('Lindenau OSD plant');
    await page.getByRole('button', { name: 'Create project' }).click();
    await page.getByRole('heading', { level: 1, name: 'Lindenau OSD plant' }).waitFor();
    projectId = decodeURIComponent(/#\/projects\/([^/]+)/.exec(page.url())?.[1] ?? '');
    expect(projectId).not.toBe('');

    await dropFile(page, 'broken.yaml', 'formatVersion: 1\nsystem:\n  name: [unclosed\n');
    const problem = page.getByRole('alert').filter({ hasText: 'The file was not imported' });
    await problem.waitFor();
    expect(await problem.textContent()).toMatch(/\d+:\d+/);

    await dropFile(page, 'assessment.yaml', readFileSync(EXAMPLE, 'utf8'));
    await page.getByText('Imported assessment.yaml.').waitFor();
    await page
      .getByRole('rowheader', { name: /ZCR 1\.1/ })
      .first()
      .waitFor();
    await expectAccessible(page);
    await page.screenshot({ path: `${SCREENSHOTS}ui-overview.png` });

    await e2e.grant(projectId, users.approver, 'approver');
    await e2e.grant(projectId, users.viewer, 'viewer');

    await page.goto(`${e2e.url}/#/projects`);
    await page.getByRole('link', { name: 'Lindenau OSD plant' }).waitFor();
    await page.getByLabel(/ZCR 7\.1 .*incomplete/).waitFor();
    await expectAccessible(page);
    await page.screenshot({ path: `${SCREENSHOTS}ui-projects.png` });
    await context.close();
  });

  it('shows the asset table and the asset detail', async () => {
    const { context, page } = await session(users.assessor);
    await open(page, 'assets', 'Assets');
    await page.getByText('79 of 79 assets').waitFor();
    await page.getByRole('searchbox').fill('coat');
    await page.getByRole('row', { name: /plc-coat/ }).click();
    await page.getByRole('heading', { name: 'Film coater controller' }).waitFor();
    await expectAccessible(page);
    await page.screenshot({ path: `${SCREENSHOTS}ui-assets.png` });
    await context.close();
  });

  it('adds an access point in the system view and lists it, with ZCR 1.1 still complete', async () => {
    const { context, page } = await session(users.assessor);
    await open(page, 'system', 'System under consideration');
    await page.getByRole('rowheader', { name: /Corporate network/ }).waitFor();
    await page.getByRole('button', { name: 'New access point' }).click();
    const dialog = page.getByRole('dialog', { name: 'New access point' });
    await dialog.getByLabel('Id', { exact: true }).fill('ap-commissioning-laptop');
    await dialog.getByLabel('Name', { exact: true }).fill('Commissioning laptop port');
    await dialog.getByLabel('Kind').selectOption('other');
    await dialog.getByLabel('Enters zone').selectOption('supervisory');
    await dialog.getByLabel('Network or physical (CRS f/g)').selectOption('physical');
    await dialog.getByRole('button', { name: 'Create access point' }).click();
    await dialog.waitFor({ state: 'detached' });
    const row = page.locator('tr[data-access-point-id="ap-commissioning-laptop"]');
    await row.getByRole('rowheader', { name: /Commissioning laptop port/ }).waitFor();
    expect(await row.textContent()).toMatch(/supervisory.*physical/);
    await expectAccessible(page);

    await open(page, 'overview', 'Lindenau OSD plant');
    const perimeter = page
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: /^ZCR 1\.1 / }) });
    await perimeter.waitFor();
    expect(await perimeter.textContent()).not.toMatch(/incomplete/);
    await context.close();
  });

  it('moves an asset into another zone on the diagram and shows the new finding on that zone', async () => {
    const { context, page } = await session(users.assessor);
    await open(page, 'diagram', 'Zones and conduits');
    await page.getByTestId('diagram-canvas').waitFor();
    await page.getByRole('button', { name: 'Fit' }).click();
    const nodes = page.getByLabel('Nodes with findings');
    await nodes.waitFor();
    expect(await nodes.textContent()).not.toContain('supervisory');
    await expectAccessible(page);

    // A conduit is selectable: its details (zones, channels, SL-T) show in the side panel.
    // Clicked where its label is drawn (the keyboard stand-in sits there, but takes no pointer events).
    const label = await page.locator('.diagram-node[data-node-id="c-enterprise-dmz"]').boundingBox();
    if (label === null) throw new Error('the conduit is not on the diagram');
    await page.mouse.click(label.x + label.width / 2, label.y + label.height / 2);
    const conduit = page.getByRole('region', { name: 'Conduit Enterprise to DMZ' });
    await conduit.waitFor();
    expect(await conduit.getByRole('row').filter({ hasText: 'https' }).count()).toBeGreaterThan(0);
    await expectAccessible(page);
    await page.screenshot({ path: `${SCREENSHOTS}ui-diagram.png` });

    // A link straight to an asset (from its detail, a finding's evidence) opens the diagram on it, selected.
    await open(page, 'diagram/plc-coat', 'Zones and conduits');
    await page.getByRole('region', { name: /^Asset Film coater/ }).waitFor();
    await page.locator('.diagram-node[data-node-id="plc-coat"]').waitFor({ state: 'attached' });
    const focused = await page.locator('.diagram-node[data-node-id="plc-coat"]').boundingBox();
    const frame = await page.getByTestId('diagram-canvas').boundingBox();
    if (focused === null || frame === null) throw new Error('the asset is not on the diagram');
    // Centred: the chip's centre is within the middle third of the canvas.
    expect(Math.abs(focused.x + focused.width / 2 - (frame.x + frame.width / 2))).toBeLessThan(
      frame.width / 6,
    );
    expect(Math.abs(focused.y + focused.height / 2 - (frame.y + frame.height / 2))).toBeLessThan(
      frame.height / 6,
    );
    // Back to the whole plant for the drag below.
    await page.getByRole('button', { name: 'Fit' }).click();

    const asset = await page.locator('[data-node-id="sis-logic-solver"]').boundingBox();
    const zone = await page.locator('.diagram-node[data-node-id="supervisory"]').first().boundingBox();
    if (asset === null || zone === null) throw new Error('the asset or the zone is not on the diagram');
    await page.mouse.move(asset.x + asset.width / 2, asset.y + asset.height / 2);
    await page.mouse.down();
    for (let step = 1; step <= 10; step++)
      await page.mouse.move(
        asset.x + asset.width / 2 + ((zone.x + zone.width / 2 - asset.x - asset.width / 2) * step) / 10,
        asset.y + asset.height / 2 + ((zone.y + zone.height / 2 - asset.y - asset.height / 2) * step) / 10,
      );
    await page.mouse.up();
    await page.getByText(/Moved .* to supervisory/).waitFor();
    await nodes.getByRole('button', { name: 'supervisory' }).waitFor();
    expect(
      await page.locator('.diagram-node[data-node-id="supervisory"]').first().getAttribute('aria-label'),
    ).toMatch(/findings/);

    await open(page, 'findings', 'Findings');
    await page.getByText('zone/safety-assets-mixed@supervisory').waitFor();
    await expectAccessible(page);
    await page.screenshot({ path: `${SCREENSHOTS}ui-findings.png` });
    await context.close();
  });

  it('edits a scenario and shows the new residual risk and SL-T', async () => {
    const { context, page } = await session(users.assessor);
    await open(page, 'risk', 'Risk');
    const row = page.locator('tr[data-scenario-id="ts-agv-wireless"]');
    await row.waitFor();
    const residualBefore = await row.getByTestId('residual').textContent();
    const targetBefore = await row.getByTestId('zone-target').textContent();
    await expectAccessible(page);
    await page.screenshot({ path: `${SCREENSHOTS}ui-risk.png` });

    await row.getByRole('button', { name: /^Edit / }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Unmitigated likelihood (ZCR 5.4)').selectOption('5');
    await dialog.getByLabel('Residual likelihood (ZCR 5.9)').selectOption('5');
    await dialog.getByLabel(/Health and safety/).selectOption('5');
    await dialog.getByRole('button', { name: 'Save and re-assess' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect
      .poll(() => row.getByTestId('residual').textContent(), { timeout: 20_000 })
      .not.toBe(residualBefore);
    await expect
      .poll(() => row.getByTestId('zone-target').textContent(), { timeout: 20_000 })
      .not.toBe(targetBefore);
    expect(await row.getByTestId('residual').textContent()).toMatch(/critical/);

    for (const [view, heading, file] of [
      ['security-levels', 'Security levels', 'ui-security-levels'],
      ['requirements', 'Requirements', 'ui-requirements'],
      ['audit', 'Audit trail', 'ui-audit'],
      ['reports', 'Reports', undefined],
    ] as const) {
      await open(page, view, heading);
      await page.waitForLoadState('networkidle');
      await expectAccessible(page);
      if (file !== undefined) await page.screenshot({ path: `${SCREENSHOTS}${file}.png` });
    }
    await context.close();
  });

  it('signs a baseline as approver and shows the signature stale after an edit', async () => {
    const approver = await session(users.approver);
    const page = approver.page;
    await open(page, 'approval', 'Approval');
    await page.getByLabel('Freeze the current model as a baseline').fill('CRS for asset-owner approval');
    await page.getByRole('button', { name: 'Freeze baseline' }).click();
    const baseline = page.getByRole('article', { name: 'Baseline CRS for asset-owner approval' });
    await baseline.getByRole('button', { name: 'Sign…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Statement').fill('I approve the CRS as reviewed in the workshop.');
    await dialog.getByLabel(/Your password/).fill('wrong password');
    await dialog.getByRole('button', { name: 'Sign' }).click();
    await dialog.getByText('The password is wrong.').waitFor();
    await dialog.getByLabel(/Your password/).fill(users.approver.password);
    await dialog.getByRole('button', { name: 'Sign' }).click();
    await baseline.getByText('✓ valid').waitFor();
    await expectAccessible(page);

    const assessor = await session(users.assessor);
    await open(
      assessor.page,
      `findings/${encodeURIComponent('zone/safety-assets-mixed@supervisory')}`,
      'Findings',
    );
    const finding = assessor.page
      .locator('li.finding')
      .filter({ hasText: 'zone/safety-assets-mixed@supervisory' });
    await finding.getByRole('combobox', { name: /^Triage/ }).selectOption('accepted');
    await finding.getByLabel('Justification').fill('Temporary during the SIS migration, MOC-2025-118.');
    await finding.getByRole('button', { name: 'Triage', exact: true }).click();
    await finding.getByText('accepted', { exact: true }).waitFor();
    await assessor.context.close();

    await page.reload();
    await baseline.getByText('⚠ stale', { exact: true }).waitFor();
    await baseline.getByText(/stale: the project changed since/).waitFor();
    expect(await baseline.getByRole('button', { name: 'Sign…' }).count()).toBe(0);
    // The review lists the edit against the approved baseline: the triage entry and the finding's new status.
    const review = page.getByRole('region', { name: 'Model' });
    await review.getByRole('row').filter({ hasText: 'zone/safety-assets-mixed@supervisory' }).waitFor();
    await page
      .getByRole('region', { name: 'Findings' })
      .getByText(/zone\/safety-assets-mixed@supervisory: open → accepted/)
      .waitFor();
    await expectAccessible(page);
    await page.screenshot({ path: `${SCREENSHOTS}ui-approval.png`, fullPage: true });
    await approver.context.close();
  });

  it('gives a viewer no edit controls anywhere', async () => {
    const { context, page } = await session(users.viewer);
    await open(page, 'overview', 'Lindenau OSD plant');
    await page.getByRole('heading', { name: 'Status per ZCR step' }).waitFor();
    expect(await page.getByTestId('import-drop-zone').count()).toBe(0);

    await open(page, 'assets', 'Assets');
    await page.getByText('79 of 79 assets').waitFor();
    await page.getByLabel('Select all shown assets').check();
    await page.getByText(/79 selected/).waitFor();
    expect(await page.getByRole('form', { name: 'Bulk edit' }).count()).toBe(0);

    await open(page, 'system', 'System under consideration');
    await page.getByRole('rowheader', { name: /Commissioning laptop port/ }).waitFor();
    expect(await page.getByRole('button', { name: 'New access point' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^(Edit|Delete) / }).count()).toBe(0);

    await open(page, 'diagram', 'Zones and conduits');
    await page.getByTestId('diagram-canvas').waitFor();
    expect(await page.getByRole('button', { name: 'New zone' }).count()).toBe(0);

    await open(page, 'risk', 'Risk');
    await page.locator('tr[data-scenario-id]').first().waitFor();
    expect(await page.getByRole('button', { name: /^Edit / }).count()).toBe(0);

    await open(page, 'findings', 'Findings');
    await page.locator('.finding').first().waitFor();
    await page.locator('.finding summary').first().click();
    expect(await page.getByRole('form', { name: /^Triage / }).count()).toBe(0);
    expect(await page.getByLabel('Add a comment').count()).toBe(0);

    await open(page, 'approval', 'Approval');
    expect(await page.getByRole('button', { name: 'Freeze baseline' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Sign…' }).count()).toBe(0);
    await context.close();
  });
});
