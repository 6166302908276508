import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { aConduit, anAsset, aZone, resolveOrThrow } from '@zonewise/core/testing';
import { describe, expect, it } from 'vitest';
import { importFirewallConfig } from '../import/firewall/import-firewall-config';
import { checkFirewallConformance } from './check-firewall-conformance';

const FILE = join(
  import.meta.dirname,
  ...['..', '..', '..', '..', '..', 'shared', 'data', 'ot-firewall-configs', 'water_treatment_secure.xml'],
);
const firewall = importFirewallConfig(readFileSync(FILE, 'utf8'), 'water_treatment_secure.xml');

/** The water plant as designed: SCADA talks Modbus and S7 down to the field, HMIs talk Modbus up to SCADA. */
const model = resolveOrThrow({
  formatVersion: 1,
  system: { id: 'wtp', name: 'Water treatment plant' },
  zones: [
    aZone({ id: 'scada', boundary: { logical: '10.100.1.0/24' } }),
    aZone({ id: 'hmi', boundary: { logical: 'HMI VLAN 10.100.2.0/24' } }),
    aZone({ id: 'field' }),
    aZone({ id: 'corporate', boundary: { logical: '192.168.10.0/24' } }),
  ],
  assets: [anAsset({ id: 'plc-1', kind: 'plc', zone: 'field', interfaces: [{ ip: '10.100.3.20' }] })],
  conduits: [
    aConduit({
      id: 'scada-field',
      zones: ['scada', 'field'],
      channels: [
        { protocol: 'modbus-tcp', port: 502, transport: 'tcp', from: 'scada', to: 'field' },
        { protocol: 's7comm', from: 'scada', to: 'field' },
        { protocol: 'modbus-tcp', port: 502, transport: 'tcp', from: 'field', to: 'scada' },
      ],
    }),
    aConduit({
      id: 'hmi-scada',
      zones: ['hmi', 'scada'],
      channels: [
        { protocol: 'modbus', from: 'hmi', to: 'scada' },
        { protocol: 'any', transport: 'tcp', from: 'scada', to: 'hmi' },
      ],
    }),
  ],
});

describe('checkFirewallConformance', () => {
  const result = checkFirewallConformance(model, firewall);
  const ids = result.findings.map((finding) => finding.id);

  it('maps firewall interfaces to zones by boundary networks and asset addresses', () => {
    expect(result.zoneMapping.get('scada-network-level-2-control')).toEqual(['scada']);
    expect(result.zoneMapping.get('field-devices-level-0-i-o')).toEqual(['field']);
    expect(result.zoneMapping.get('corporate-network')).toEqual(['corporate']);
    expect(result.zoneMapping.get('historian-dmz')).toEqual([]);
  });

  it('reports channels the firewall allows that no conduit models', () => {
    expect(ids).toContain('drift/firewall-allows-unmodelled@hmi>scada:tcp/22');
    expect(ids).toContain('drift/firewall-allows-unmodelled@hmi>scada:tcp/44818');
    expect(ids).not.toContain('drift/firewall-allows-unmodelled@hmi>scada:tcp/502');
    expect(ids).not.toContain('drift/firewall-allows-unmodelled@scada>hmi:tcp/502');
    expect(ids).not.toContain('drift/firewall-allows-unmodelled@field>scada:tcp/502');
    const finding = result.findings.find(
      (item) => item.id === 'drift/firewall-allows-unmodelled@hmi>scada:tcp/22',
    );
    expect(finding).toMatchObject({ severity: 'medium', subject: { kind: 'conduit', id: 'hmi-scada' } });
    expect(finding?.because).toContain('HMI to SCADA servers');
  });

  it('reports conduit channels the firewall drops', () => {
    expect(ids).toContain('drift/channel-blocked-by-firewall@scada-field#1');
    expect(ids).not.toContain('drift/channel-blocked-by-firewall@scada-field#0');
    expect(ids).not.toContain('drift/channel-blocked-by-firewall@hmi-scada#1');
  });

  it('reports internal firewall networks that belong to no zone, not the WAN', () => {
    expect(ids).toContain('drift/firewall-zone-not-modelled@historian-dmz');
    expect(ids).toContain('drift/firewall-zone-not-modelled@remote-access-vpn');
    expect(ids).not.toContain('drift/firewall-zone-not-modelled@wan-internet-connection');
  });

  it('counts what it could judge', () => {
    expect(result.summary).toMatchObject({
      legs: 7,
      legsMapped: 4,
      modelChannels: 5,
      modelChannelsJudged: 5,
    });
    expect(result.summary.firewallChannelsJudged).toBeLessThan(result.summary.firewallChannels);
  });
});
