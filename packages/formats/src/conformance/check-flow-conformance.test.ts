import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { aConduit, aDataFlow, anAsset, aSystem, aZone, resolveOrThrow } from '@zonewise/core/testing';
import { describe, expect, it } from 'vitest';
import { analyseCapture } from '../import/capture/capture-analyser';
import { checkFlowConformance } from './check-flow-conformance';
import { DRIFT_RULES } from './drift-rules';
import { observedFromCapture, type ObservedFlow, type ObservedTraffic } from './observed-traffic';

const model = (overrides: Parameters<typeof aSystem>[0] = {}) =>
  resolveOrThrow(
    aSystem({
      zones: [
        aZone({ id: 'control', boundary: { logical: 'VLAN 10, 10.0.1.0/24' } }),
        aZone({ id: 'dmz', boundary: { logical: '10.0.2.0/24 on the DMZ leg' } }),
        aZone({ id: 'safety', boundary: { logical: '10.0.9.0/24' } }),
      ],
      conduits: [
        aConduit({
          id: 'dmz-control',
          zones: ['dmz', 'control'],
          channels: [
            { protocol: 'opc-ua', port: 4840, transport: 'tcp', from: 'dmz', to: 'control' },
            { protocol: 'https', port: 443, from: 'dmz', to: 'control' },
          ],
        }),
        aConduit({
          id: 'control-safety',
          zones: ['control', 'safety'],
          channels: [{ protocol: 'modbus', from: 'control', to: 'safety' }],
        }),
      ],
      assets: [
        anAsset({ id: 'plc-1', kind: 'plc', zone: 'control', interfaces: [{ ip: '10.0.1.10' }] }),
        anAsset({ id: 'hmi-1', kind: 'hmi', zone: 'control', interfaces: [{ ip: '10.0.1.20/24' }] }),
        anAsset({ id: 'historian', kind: 'historian', zone: 'dmz', interfaces: [{ ip: '10.0.2.10' }] }),
      ],
      dataFlows: [
        aDataFlow({ id: 'hist-plc', from: 'historian', to: 'plc-1', protocol: 'opc-ua', port: 4840 }),
      ],
      ...overrides,
    }),
  );

const flow = (
  srcIp: string,
  dstIp: string,
  dstPort: number | undefined,
  transport = 'tcp',
  protocol?: string,
): ObservedFlow => ({
  srcIp,
  dstIp,
  transport,
  srcPort: 50000,
  ...(dstPort === undefined ? {} : { dstPort }),
  ...(protocol === undefined ? {} : { protocol }),
  packets: 10,
  bytes: 1000,
});

const OBSERVED: ObservedTraffic = {
  flows: [
    flow('10.0.2.10', '10.0.1.10', 4840, 'tcp', 'opc-ua'),
    flow('10.0.2.10', '10.0.1.10', 4840, 'tcp', 'opc-ua'),
    flow('10.0.2.10', '10.0.1.10', 502, 'tcp', 'modbus-tcp'),
    flow('10.0.1.20', '198.51.100.7', 443, 'tcp', 'https'),
    flow('10.0.1.99', '10.0.1.10', 502, 'tcp', 'modbus-tcp'),
    flow('10.0.1.20', '10.0.1.10', 502, 'tcp', 'modbus-tcp'),
    flow('10.0.1.20', '224.0.0.251', 5353, 'udp', 'mdns'),
    flow('10.0.1.20', '10.0.2.10', undefined, 'icmp', 'icmp'),
  ],
  hosts: [
    { ip: '10.0.1.10', packetsSent: 5 },
    { ip: '10.0.1.20', packetsSent: 5 },
    { ip: '10.0.1.99', mac: '00:11:22:33:44:55', packetsSent: 5 },
    { ip: '10.0.2.10', packetsSent: 5 },
    { ip: '198.51.100.7', packetsSent: 0 },
    { ip: '224.0.0.251', kind: 'multicast' },
    { ip: 'fe80::1', packetsSent: 2 },
  ],
};

describe('checkFlowConformance', () => {
  const result = checkFlowConformance(model(), OBSERVED);
  const byId = new Map(result.findings.map((finding) => [finding.id, finding]));

  it('gives each kind of drift a stable id', () => {
    expect([...byId.keys()].sort()).toEqual(
      [
        'drift/channel-not-observed@dmz-control#1',
        'drift/flow-not-allowed@10.0.1.20>10.0.2.10/icmp',
        'drift/flow-not-allowed@10.0.1.20>198.51.100.7:443/tcp',
        'drift/flow-not-allowed@10.0.2.10>10.0.1.10:502/tcp',
        'drift/flow-not-modelled@10.0.1.20>10.0.1.10:502/tcp',
        'drift/unknown-host@10.0.1.99',
        'drift/unknown-host@198.51.100.7',
      ].sort(),
    );
  });

  it('rates a flow between zones a conduit joins lower than one that leaves every zone', () => {
    expect(byId.get('drift/flow-not-allowed@10.0.2.10>10.0.1.10:502/tcp')).toMatchObject({
      severity: 'medium',
      subject: { kind: 'asset', id: 'historian' },
      status: 'open',
    });
    expect(
      byId.get('drift/flow-not-allowed@10.0.2.10>10.0.1.10:502/tcp')?.evidence.map((ref) => ref.id),
    ).toEqual(['historian', 'dmz', 'plc-1', 'control', 'dmz-control']);
    expect(byId.get('drift/flow-not-allowed@10.0.1.20>198.51.100.7:443/tcp')?.severity).toBe('high');
    expect(byId.get('drift/flow-not-allowed@10.0.1.20>10.0.2.10/icmp')?.severity).toBe('medium');
  });

  it('places an unknown host in the zone whose network holds it', () => {
    expect(byId.get('drift/unknown-host@10.0.1.99')).toMatchObject({
      severity: 'medium',
      subject: { kind: 'zone', id: 'control' },
      reference: { standard: 'IEC 62443-3-3', clause: 'SR 7.8' },
    });
    expect(byId.get('drift/unknown-host@198.51.100.7')?.severity).toBe('low');
  });

  it('skips multicast, IPv6 link-local and flows in no zone; does not judge channels of unseen zones', () => {
    expect(result.summary).toMatchObject({ nonUnicast: 1, flows: 8, conversations: 7, channels: 3 });
    expect(result.summary.channelsNotJudged).toBe(1);
    expect(result.summary.channelsObserved).toBe(1);
    expect(byId.has('drift/unknown-host@fe80::1')).toBe(false);
  });

  it('reports allowed flows without a data flow as info only', () => {
    expect(byId.get('drift/flow-not-modelled@10.0.1.20>10.0.1.10:502/tcp')?.severity).toBe('info');
    expect(result.findings.at(-1)?.severity).toBe('info');
  });

  it('gives the same findings whatever the order of the input', () => {
    const reversed = checkFlowConformance(model(), {
      flows: [...OBSERVED.flows].reverse(),
      hosts: [...OBSERVED.hosts].reverse(),
    });
    expect(reversed.findings).toEqual(result.findings);
  });

  it('takes the status of a finding from the triage entries of the file', () => {
    const triaged = checkFlowConformance(
      model({
        triage: [
          {
            finding: 'drift/unknown-host@10.0.1.99',
            status: 'accepted',
            justification: 'Commissioning laptop.',
          },
        ],
      }),
      OBSERVED,
    );
    expect(triaged.findings.find((finding) => finding.id === 'drift/unknown-host@10.0.1.99')).toMatchObject({
      status: 'accepted',
      triageJustification: 'Commissioning laptop.',
    });
  });

  it('matches a channel without a port by protocol name, even on a port that is not the registered one', () => {
    const named = checkFlowConformance(model(), {
      flows: [flow('10.0.1.20', '10.0.9.5', 1502, 'tcp', 'modbus-tcp'), flow('10.0.1.20', '10.0.9.5', 502)],
      hosts: [{ ip: '10.0.9.5', packetsSent: 3 }],
    });
    expect(named.findings.filter((finding) => finding.ruleId === 'drift/flow-not-allowed')).toEqual([]);
  });

  it('documents every drift rule it can report', () => {
    for (const rule of DRIFT_RULES) {
      expect(rule.id).toMatch(/^drift\/[a-z-]+$/);
      expect(rule.rationale.length).toBeGreaterThan(40);
      expect(rule.remediation.length).toBeGreaterThan(20);
    }
  });
});

describe('observedFromCapture', () => {
  it('turns a real Modbus capture into client-to-server flows with the server port', () => {
    const file = join(
      import.meta.dirname,
      '..',
      '..',
      '..',
      '..',
      '..',
      'shared',
      'data',
      'ics-pcaps',
      'iti',
      'modbus',
      'modbus_test_data_part1.pcap',
    );
    const observed = observedFromCapture(analyseCapture(readFileSync(file)));
    expect(observed.hosts.map((host) => host.ip)).toEqual(['10.0.0.3', '10.0.0.8', '10.0.0.9', '10.0.0.57']);
    expect(observed.flows).toContainEqual(
      expect.objectContaining({
        srcIp: '10.0.0.9',
        dstIp: '10.0.0.3',
        dstPort: 502,
        transport: 'tcp',
        protocol: 'modbus-tcp',
      }),
    );
  });
});
