import { findIntegrationPattern, INTEGRATION_PATTERNS } from '../../catalogs/integration-patterns';
import { closestMatch } from '../../resolve/closest-match';
import { defineRule } from '../rule';
import { named, refsOf } from '../support';
import { fitPattern } from './pattern-fit';

/** A conduit that claims an integration pattern and departs from it. */
export const patternDeviation = defineRule({
  id: 'conduit/pattern-deviation',
  appliesTo: 'conduit',
  title: 'Conduit deviates from the integration pattern it claims',
  reference: { standard: 'Zonewise', clause: 'integration patterns' },
  severity: 'medium',
  rationale:
    'Claiming a pattern tells reviewers that the conduit was designed like the reference: the same channels, the ' +
    'same direction and the same enforcement. Each departure weakens that promise and should either be fixed or ' +
    'accepted deliberately.',
  detection:
    'A conduit names a pattern and: the pattern is unknown; it joins other than two zones; a channel uses a ' +
    'protocol, port or direction the pattern does not allow, or flows into the protected side of a one-way ' +
    'pattern (high); or the conduit lacks enforcement the pattern requires (high) or recommends (low). Which zone ' +
    "plays which role is inferred from the zones' assets, then from the channels. One finding per deviation.",
  remediation:
    'Bring the conduit in line with the pattern (see docs/rules.md for each pattern), accept a deliberate ' +
    'deviation through triage with a justification, or remove the pattern claim if the conduit is something else.',
  check(conduit, model) {
    if (conduit.pattern === undefined) return [];
    const pattern = findIntegrationPattern(conduit.pattern);
    if (!pattern) {
      const hint = closestMatch(
        conduit.pattern,
        INTEGRATION_PATTERNS.map((known) => known.id),
      );
      return [
        {
          because: `Conduit ${named(conduit)} claims pattern "${conduit.pattern}", which is not a known integration pattern${hint ? ` (did you mean "${hint}"?)` : ''}.`,
          evidence: refsOf(model, [conduit.id]),
          key: 'unknown-pattern',
        },
      ];
    }
    const fit = fitPattern(model, conduit, pattern);
    return fit.deviations.map((deviation) => ({
      because: `Conduit ${named(conduit)} (${fit.from} as ${pattern.roles.from}, ${fit.to} as ${pattern.roles.to}): ${deviation.because}`,
      evidence: refsOf(model, [conduit.id, fit.from, fit.to]),
      key: deviation.key,
      ...(deviation.severity ? { severity: deviation.severity } : {}),
    }));
  },
});
