import type { AssetInput, ConduitInput, Finding, TargetLevels, ZoneInput } from '@zonewise/core';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { NodeDetails, type NodeDetailsModel } from './node-details';

afterEach(cleanup);

const zones: ZoneInput[] = [
  { id: 'cell', name: 'Packaging cell' },
  { id: 'sup', name: 'Supervisory', isSafetyRelated: false },
];
const conduits: ConduitInput[] = [
  {
    id: 'c-sup-cell',
    name: 'Supervisory to cell',
    zones: ['sup', 'cell'],
    channels: [{ protocol: 'opc-ua', port: 4840, from: 'sup', to: 'cell', isEncrypted: true }],
    enforcement: ['firewall'],
  },
];
const assets: AssetInput[] = [{ id: 'plc-1', name: 'Press PLC', kind: 'plc', zone: 'cell' } as AssetInput];
const target = (id: string, kind: 'zone' | 'conduit'): TargetLevels =>
  ({
    subject: { kind, id },
    target: { FR1: 2, FR2: 2, FR3: 2, FR4: 1, FR5: 2, FR6: 1, FR7: 1 },
    method: 'risk-band',
  }) as unknown as TargetLevels;
const model: NodeDetailsModel = {
  zones: new Map(zones.map((zone) => [zone.id, zone])),
  conduits: new Map(conduits.map((conduit) => [conduit.id, conduit])),
  assets: new Map(assets.map((asset) => [asset.id, asset])),
  targets: new Map([
    ['cell', target('cell', 'zone')],
    ['c-sup-cell', target('c-sup-cell', 'conduit')],
  ]),
  assetCounts: new Map([['cell', 1]]),
};
const finding = {
  id: 'conduit/x@c-sup-cell',
  ruleId: 'conduit/x',
  title: 'A conduit finding',
  severity: 'high',
  status: 'open',
  subject: { kind: 'conduit', id: 'c-sup-cell' },
  because: 'because',
} as unknown as Finding;

describe('NodeDetails', () => {
  it('shows a conduit with its zones, enforcement, channels, SL-T and open findings', async () => {
    const onSelect = vi.fn();
    render(
      <NodeDetails id="c-sup-cell" model={model} findings={[finding]} projectId="p1" onSelect={onSelect} />,
    );
    const panel = screen.getByRole('region', { name: 'Conduit Supervisory to cell' });
    expect(within(panel).getByText('SL-T {2 2 2 1 2 1 1}')).toBeTruthy();
    const channel = within(panel).getAllByRole('row')[1]!;
    expect(
      within(channel)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual(['opc-ua (encrypted)', '4840', 'Supervisory → Packaging cell']);
    expect(within(panel).getByRole('list', { name: 'Findings on this node' }).textContent).toContain(
      'A conduit finding',
    );
    await userEvent.click(within(panel).getByRole('button', { name: 'Packaging cell' }));
    expect(onSelect).toHaveBeenCalledWith('cell');
  });

  it('shows a zone with its asset count and the conduits that reach it, which select the conduit', async () => {
    const onSelect = vi.fn();
    render(<NodeDetails id="cell" model={model} findings={[finding]} projectId="p1" onSelect={onSelect} />);
    const panel = screen.getByRole('region', { name: 'Zone Packaging cell' });
    expect(within(panel).queryByRole('list', { name: 'Findings on this node' })).toBeNull();
    await userEvent.click(within(panel).getByRole('button', { name: 'Supervisory to cell' }));
    expect(onSelect).toHaveBeenCalledWith('c-sup-cell');
  });

  it('shows an asset with its zone and a link to its detail', () => {
    render(<NodeDetails id="plc-1" model={model} findings={[]} projectId="p1" onSelect={() => {}} />);
    const panel = screen.getByRole('region', { name: 'Asset Press PLC' });
    expect(within(panel).getByRole('link', { name: 'Open the asset' }).getAttribute('href')).toBe(
      '#/projects/p1/assets/plc-1',
    );
    expect(within(panel).getByRole('button', { name: 'Packaging cell' })).toBeTruthy();
  });
});
