import { describe, expect, it } from 'vitest';
import { runRules } from '../findings/run-rules';
import { patternDeviation } from '../rules/conduit/pattern-deviation';
import { explicitTargetContext } from '../rules/explicit-target-context';
import { anAsset, aZone, resolveOrThrow } from '../testing/builders';
import { findRequirement } from './system-requirements';
import {
  conduitFromPattern,
  findIntegrationPattern,
  INTEGRATION_PATTERNS,
  ZONE_ROLES,
  type ZoneRoleId,
} from './integration-patterns';

/** One zone per role, holding an asset that plays it. */
const ROLE_ASSET_KIND: Readonly<Record<ZoneRoleId, string>> = {
  'process-control': 'plc',
  engineering: 'engineering-workstation',
  'site-operations': 'historian',
  dmz: 'jump-host',
  enterprise: 'erp',
  external: 'cloud-service',
  temporary: 'portable-laptop',
};

describe('integration patterns', () => {
  it('has the eight built-in patterns with unique kebab-case ids', () => {
    const ids = INTEGRATION_PATTERNS.map((pattern) => pattern.id);
    expect(ids).toEqual([
      'historian-dmz-replication',
      'mes-control-opcua',
      'erp-mes',
      'cloud-one-way',
      'vendor-remote-access',
      'engineering-to-controllers',
      'patch-distribution',
      'maintenance-laptop',
    ]);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    for (const id of ids) expect(findIntegrationPattern(id)?.id).toBe(id);
    expect(findIntegrationPattern('nope')).toBeUndefined();
  });

  it.each(INTEGRATION_PATTERNS.map((pattern) => [pattern.id, pattern] as const))(
    '%s is complete and consistent',
    (_id, pattern) => {
      const roles = ZONE_ROLES.map((role) => role.id);
      expect(roles).toContain(pattern.roles.from);
      expect(roles).toContain(pattern.roles.to);
      expect(pattern.roles.from).not.toBe(pattern.roles.to);
      expect(pattern.title.trim()).not.toBe('');
      expect(pattern.description.trim()).not.toBe('');
      expect(pattern.channels.length).toBeGreaterThan(0);
      expect(pattern.requiredEnforcement.length).toBeGreaterThan(0);
      expect(
        pattern.requiredEnforcement.filter((kind) => pattern.recommendedEnforcement.includes(kind)),
      ).toEqual([]);
      expect(pattern.securityLevelGuidance.note.trim()).not.toBe('');
      const levels = Object.values(pattern.securityLevelGuidance.minimum);
      expect(levels.length).toBeGreaterThan(0);
      for (const level of levels) expect(level).toBeGreaterThanOrEqual(1);
      for (const id of pattern.requirements) expect(findRequirement(id)?.id).toBe(id);
      if (pattern.isOneWay)
        expect(pattern.channels.every((channel) => channel.direction === 'forward')).toBe(true);
    },
  );

  it.each(INTEGRATION_PATTERNS.map((pattern) => [pattern.id, pattern] as const))(
    'conduitFromPattern(%s) builds a valid conduit that follows the pattern',
    (id, pattern) => {
      const from = `zone-${pattern.roles.from}`;
      const to = `zone-${pattern.roles.to}`;
      const conduit = conduitFromPattern(id, from, to);
      expect(conduit).toMatchObject({ zones: [from, to], pattern: id, isExternal: pattern.isExternal });
      expect(conduit?.channels?.map((channel) => [channel.from, channel.to])).toEqual(
        pattern.channels.map((channel) => (channel.direction === 'forward' ? [from, to] : [to, from])),
      );
      const model = resolveOrThrow({
        formatVersion: 1,
        system: { name: 'Pattern check' },
        zones: [aZone({ id: from }), aZone({ id: to })],
        assets: [
          anAsset({ id: 'a-from', kind: ROLE_ASSET_KIND[pattern.roles.from], zone: from }),
          anAsset({ id: 'a-to', kind: ROLE_ASSET_KIND[pattern.roles.to], zone: to }),
        ],
        conduits: [conduit],
      });
      expect(runRules(model, explicitTargetContext(model), [patternDeviation])).toEqual([]);
    },
  );

  it('returns undefined for an unknown pattern', () => {
    expect(conduitFromPattern('no-such-pattern', 'a', 'b')).toBeUndefined();
  });
});
