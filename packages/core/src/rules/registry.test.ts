import { describe, expect, it } from 'vitest';
import { runRules } from '../findings/run-rules';
import type { SystemModel } from '../model/system-model';
import { aScenario, aSystem, resolveOrThrow } from '../testing/builders';
import { builtInRules, findRule } from './index';
import type { RuleContext } from './rule';
import { messyPlantContext, messyPlantFile } from './testing/messy-plant';

interface Fixture {
  readonly model: SystemModel;
  readonly context: RuleContext;
}

const messyPlant = (): Fixture => {
  const model = resolveOrThrow(messyPlantFile());
  return { model, context: messyPlantContext(model) };
};

/** The builder plant with a PHA scenario whose every safeguard is hackable (as `zonewise import pha` marks it). */
const hackablePlant = (): Fixture => {
  const model = resolveOrThrow(
    aSystem({
      threatScenarios: [
        aScenario({ id: 'ts-overpressure', targets: ['plc-1'], hasOnlyHackableSafeguards: true }),
      ],
    }),
  );
  return { model, context: messyPlantContext(model) };
};

/**
 * Every built-in rule with a builder model that fires it and the subject it fires on. A new rule without a row here
 * fails the meta-test below.
 */
const FIRES: Readonly<Record<string, { readonly fixture: () => Fixture; readonly subject: string }>> = {
  'zone/business-and-control-mixed': { fixture: messyPlant, subject: 'control' },
  'zone/safety-assets-mixed': { fixture: messyPlant, subject: 'control' },
  'zone/temporary-devices-mixed': { fixture: messyPlant, subject: 'control' },
  'zone/wireless-devices-mixed': { fixture: messyPlant, subject: 'control' },
  'zone/external-devices-mixed': { fixture: messyPlant, subject: 'control' },
  'zone/empty': { fixture: messyPlant, subject: 'spare' },
  'zone/safety-designation-mismatch': { fixture: messyPlant, subject: 'control' },
  'zone/target-below-derived': { fixture: messyPlant, subject: 'control' },
  'zone/safety-target-below-connected': { fixture: messyPlant, subject: 'sis' },
  'zone/all-safeguards-hackable': { fixture: hackablePlant, subject: 'control' },
  'asset/not-in-zone': { fixture: messyPlant, subject: 'stray' },
  'asset/end-device-in-conduit': { fixture: messyPlant, subject: 'ews' },
  'asset/capability-below-target': { fixture: messyPlant, subject: 'plc-1' },
  'data-flow/cross-zone-without-conduit': { fixture: messyPlant, subject: 'sis-hist' },
  'data-flow/not-allowed-by-conduit': { fixture: messyPlant, subject: 'hmi-hist' },
  'data-flow/unknown-endpoint-zone': { fixture: messyPlant, subject: 'stray-plc' },
  'conduit/external-without-enforcement': { fixture: messyPlant, subject: 'wan' },
  'conduit/cleartext-industrial-protocol-external': { fixture: messyPlant, subject: 'wan' },
  'conduit/unused': { fixture: messyPlant, subject: 'control-sis' },
  'conduit/pattern-deviation': { fixture: messyPlant, subject: 'wan' },
  'conduit/any-protocol': { fixture: messyPlant, subject: 'wan' },
  'access-point/external-into-control': { fixture: messyPlant, subject: 'remote' },
  'access-point/removable-media-without-control': { fixture: messyPlant, subject: 'usb' },
};

const ids = builtInRules.map((rule) => rule.id);

describe('rule registry', () => {
  it('has unique ids of the form <subject-kind>/<kebab-case>', () => {
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of builtInRules) {
      expect(rule.id).toMatch(/^[a-z]+(-[a-z]+)*\/[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(rule.id.split('/')[0]).toBe(rule.appliesTo);
    }
  });

  it.each(builtInRules.map((rule) => [rule.id, rule] as const))('%s documents itself', (_id, rule) => {
    for (const text of [
      rule.title,
      rule.reference.clause,
      rule.rationale,
      rule.detection,
      rule.remediation,
    ]) {
      expect(text.trim()).not.toBe('');
    }
  });

  it('has a firing fixture for every rule and no fixture for an unknown rule', () => {
    expect(Object.keys(FIRES).sort()).toEqual([...ids].sort());
  });

  it.each(builtInRules.map((rule) => [rule.id, rule] as const))('%s fires on its fixture', (id, rule) => {
    const row = FIRES[id];
    if (!row) throw new Error(`no firing fixture for ${id}`);
    const { model, context } = row.fixture();
    const findings = runRules(model, context, [rule]);
    expect(findings.map((finding) => finding.subject.id)).toContain(row.subject);
    expect(findings.every((finding) => finding.ruleId === id)).toBe(true);
  });

  it('finds every rule by id and nothing else', () => {
    for (const rule of builtInRules) expect(findRule(rule.id)).toBe(rule);
    expect(findRule('zone/no-such-rule')).toBeUndefined();
  });

  it('reports evidence and subjects that exist in the model', () => {
    const { model, context } = messyPlant();
    for (const finding of runRules(model, context)) {
      expect(model.refOf(finding.subject.id)).toEqual(finding.subject);
      for (const ref of finding.evidence) expect(model.refOf(ref.id)).toEqual(ref);
    }
  });
});
