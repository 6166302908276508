import { describe, expect, it } from 'vitest';
import { aZone } from '../../testing/builders';
import { parseSecurityLevelVector } from '../../security-levels/security-level-vector';
import { fire, modelWith, outline, stubContext, target, vector } from '../testing/rule-kit';
import { targetBelowDerived } from './target-below-derived';

describe('zone/target-below-derived', () => {
  const model = modelWith({
    zones: [aZone({ id: 'control', securityLevelTarget: target(2) }), aZone({ id: 'dmz' })],
  });

  it('fires when the derived SL-T is higher in some FR', () => {
    const context = stubContext(model, { control: parseSecurityLevelVector([2, 2, 3, 2, 3, 2, 2]) });
    const findings = fire(targetBelowDerived, model, context);
    expect(outline(findings)).toEqual([
      { ruleId: 'zone/target-below-derived', subject: 'control', evidence: ['control'] },
    ]);
    expect(findings[0]?.because).toContain('FR3');
    expect(findings[0]?.because).toContain('FR5');
    expect(findings[0]?.because).not.toContain('FR1');
  });

  it('does not fire when the target meets or exceeds the derived level, or either is unknown', () => {
    expect(fire(targetBelowDerived, model, stubContext(model, { control: vector(1) }))).toEqual([]);
    expect(fire(targetBelowDerived, model, stubContext(model, { dmz: vector(3) }))).toEqual([]);
  });
});
