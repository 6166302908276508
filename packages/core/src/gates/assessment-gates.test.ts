import { describe, expect, it } from 'vitest';
import { assessSystem } from '../assessment/assess-system';
import { aSystem, resolveOrThrow } from '../testing/builders';
import { evaluateGates, GATE_NAMES } from './assessment-gates';

const assessment = assessSystem(resolveOrThrow(aSystem()));

describe('evaluateGates', () => {
  it('evaluates every known gate and names the failures of each', () => {
    const evaluated = evaluateGates(assessment, GATE_NAMES.join(','));
    expect(evaluated.ok).toBe(true);
    if (!evaluated.ok) return;
    expect(evaluated.value.map((result) => result.gate)).toEqual(GATE_NAMES);
    const unapproved = evaluated.value.find((result) => result.gate === 'unapproved');
    expect(unapproved?.failures).toHaveLength(1);
    const openFindings = assessment.findings.filter((finding) => finding.status === 'open');
    expect(evaluated.value.find((result) => result.gate === 'findings:info')?.failures).toHaveLength(
      openFindings.length,
    );
  });

  it('passes the findings gate when no open finding reaches the severity', () => {
    const evaluated = evaluateGates(assessment, ' findings:critical , ');
    expect(evaluated.ok && evaluated.value).toEqual([
      {
        gate: 'findings:critical',
        failures: assessment.findings
          .filter((finding) => finding.status === 'open' && finding.severity === 'critical')
          .map((finding) => `critical ${finding.id}`),
      },
    ]);
  });

  it('reports every unknown gate at once with its index and evaluates nothing', () => {
    const evaluated = evaluateGates(assessment, 'incomplete,everything,findings:severe,toString');
    expect(evaluated.ok).toBe(false);
    if (evaluated.ok) return;
    expect(evaluated.diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.path])).toEqual([
      ['unknown-gate', [1]],
      ['unknown-gate', [2]],
      ['unknown-gate', [3]],
    ]);
  });
});
