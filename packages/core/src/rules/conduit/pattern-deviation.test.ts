import { describe, expect, it } from 'vitest';
import { conduitFromPattern } from '../../catalogs/integration-patterns';
import type { ConduitInput } from '../../schema/system-file';
import { anAsset, aZone } from '../../testing/builders';
import { fire, modelWith, outline } from '../testing/rule-kit';
import { patternDeviation } from './pattern-deviation';

const template = (patternId: string, from: string, to: string): ConduitInput => {
  const conduit = conduitFromPattern(patternId, from, to);
  if (!conduit) throw new Error(`no pattern ${patternId}`);
  return { ...conduit, id: 'c1' };
};

/** Site operations (historian, MES), a cloud zone, a control zone and an engineering zone. */
const plant = (conduit: ConduitInput) =>
  modelWith({
    zones: [aZone({ id: 'site' }), aZone({ id: 'cloud' }), aZone({ id: 'control' }), aZone({ id: 'eng' })],
    assets: [
      anAsset({ id: 'historian', kind: 'historian', zone: 'site' }),
      anAsset({ id: 'mes', kind: 'mes', zone: 'site' }),
      anAsset({ id: 'analytics', kind: 'cloud-service', zone: 'cloud' }),
      anAsset({ id: 'plc-1', kind: 'plc', zone: 'control' }),
      anAsset({ id: 'hmi-1', kind: 'hmi', zone: 'control' }),
      anAsset({ id: 'ews', kind: 'engineering-workstation', zone: 'eng' }),
    ],
    conduits: [conduit],
    accessPoints: [],
    dataFlows: [],
  });

const keys = (conduit: ConduitInput) =>
  fire(patternDeviation, plant(conduit)).map((finding) => [finding.id, finding.severity]);

describe('conduit/pattern-deviation', () => {
  it.each([
    ['cloud-one-way', 'site', 'cloud'],
    ['mes-control-opcua', 'site', 'control'],
    ['engineering-to-controllers', 'eng', 'control'],
  ])('does not fire for a conduit built from %s', (patternId, from, to) => {
    expect(fire(patternDeviation, plant(template(patternId, from, to)))).toEqual([]);
  });

  it('does not fire for a conduit that claims no pattern', () => {
    const { pattern: _pattern, ...plain } = template('cloud-one-way', 'site', 'cloud');
    expect(fire(patternDeviation, plant({ ...plain, enforcement: [] }))).toEqual([]);
  });

  it('fires for an unknown pattern id', () => {
    const findings = fire(
      patternDeviation,
      plant({ ...template('cloud-one-way', 'site', 'cloud'), pattern: 'cloud-oneway' }),
    );
    expect(outline(findings)).toEqual([
      { ruleId: 'conduit/pattern-deviation', subject: 'c1', evidence: ['c1'] },
    ]);
    expect(findings[0]?.id).toBe('conduit/pattern-deviation@c1#unknown-pattern');
  });

  it('fires (high) for a channel into the protected side of a one-way pattern; evidence names the roles', () => {
    const conduit = template('cloud-one-way', 'site', 'cloud');
    const findings = fire(
      patternDeviation,
      plant({
        ...conduit,
        channels: [...(conduit.channels ?? []), { protocol: 'https', port: 443, from: 'cloud', to: 'site' }],
      }),
    );
    expect(outline(findings)).toEqual([
      { ruleId: 'conduit/pattern-deviation', subject: 'c1', evidence: ['c1', 'site', 'cloud'] },
    ]);
    expect(findings.map((finding) => [finding.id, finding.severity])).toEqual([
      ['conduit/pattern-deviation@c1#one-way:https:cloud:site', 'high'],
    ]);
  });

  it('infers roles from the zones, so a reversed one-way conduit is reported rather than matched backwards', () => {
    const conduit = template('cloud-one-way', 'cloud', 'site');
    expect(keys(conduit)).toEqual([
      ['conduit/pattern-deviation@c1#one-way:https:cloud:site', 'high'],
      ['conduit/pattern-deviation@c1#one-way:mqtt:cloud:site', 'high'],
    ]);
  });

  it('reports missing required (high) and recommended (low) enforcement', () => {
    expect(
      keys({
        ...template('vendor-remote-access', 'cloud', 'site'),
        enforcement: ['firewall', 'vpn', 'ids', 'jump-host'],
      }),
    ).toEqual([['conduit/pattern-deviation@c1#enforcement:mfa', 'high']]);
    expect(keys({ ...template('mes-control-opcua', 'site', 'control'), enforcement: ['firewall'] })).toEqual([
      ['conduit/pattern-deviation@c1#enforcement:ids', 'low'],
    ]);
  });

  it('reports a protocol, a direction and a port the pattern does not allow, one finding each', () => {
    const conduit = template('engineering-to-controllers', 'eng', 'control');
    expect(
      keys({
        ...conduit,
        channels: [
          { protocol: 's7comm', port: 102, from: 'eng', to: 'control' },
          { protocol: 'rdp', port: 3389, from: 'eng', to: 'control' },
          { protocol: 'modbus-tcp', port: 502, from: 'control', to: 'eng' },
          { protocol: 'opc-ua', port: 4843, from: 'eng', to: 'control' },
          { protocol: 'ethernet-ip', from: 'eng', to: 'control' },
        ],
      }),
    ).toEqual([
      ['conduit/pattern-deviation@c1#direction:modbus-tcp:control:eng', 'medium'],
      ['conduit/pattern-deviation@c1#port:ethernet-ip:eng:control', 'medium'],
      ['conduit/pattern-deviation@c1#port:opc-ua:eng:control', 'medium'],
      ['conduit/pattern-deviation@c1#protocol:rdp:eng:control', 'medium'],
    ]);
  });

  it('reports a conduit that joins more than two zones, and channels to the extra zone', () => {
    const conduit = template('mes-control-opcua', 'site', 'control');
    expect(keys({ ...conduit, zones: ['site', 'control', 'eng'] })).toEqual([
      ['conduit/pattern-deviation@c1#zone-count', 'medium'],
    ]);
    expect(
      keys({
        ...conduit,
        zones: ['site', 'control', 'eng'],
        channels: [
          ...(conduit.channels ?? []),
          { protocol: 's7comm', port: 102, from: 'eng', to: 'control' },
        ],
      }),
    ).toEqual([
      ['conduit/pattern-deviation@c1#zone-count', 'medium'],
      ['conduit/pattern-deviation@c1#zones:s7comm:eng:control', 'medium'],
    ]);
  });
});
