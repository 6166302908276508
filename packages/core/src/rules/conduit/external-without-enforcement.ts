import type { EnforcementKind } from '../../schema/system-file';
import { defineRule } from '../rule';
import { named, refsOf } from '../support';

/** Enforcement that actually stops traffic at an external boundary. */
const BOUNDARY_ENFORCEMENT: readonly EnforcementKind[] = ['firewall', 'vpn', 'data-diode', 'jump-host'];

/** ZCR 3.6: an external conduit with no boundary enforcement. */
export const externalWithoutEnforcement = defineRule({
  id: 'conduit/external-without-enforcement',
  appliesTo: 'conduit',
  title: 'External conduit has no boundary enforcement',
  reference: { standard: 'IEC 62443-3-2', clause: 'ZCR 3.6' },
  severity: 'high',
  rationale:
    'A conduit over the internet, a WAN or a cellular link is open to anyone on that network. Without a firewall, ' +
    'VPN, data diode or jump host, nothing decides what may cross it, and the zones behind it are exposed directly.',
  detection:
    'A conduit is marked isExternal and lists none of firewall, vpn, data-diode or jump-host as enforcement.',
  remediation:
    'Terminate the external link on a firewall or VPN gateway (a data diode for one-way data), route interactive ' +
    'access through a jump host, and list that enforcement on the conduit.',
  check(conduit, model) {
    if (!conduit.isExternal) return [];
    if (conduit.enforcement.some((kind) => BOUNDARY_ENFORCEMENT.includes(kind))) return [];
    const listed =
      conduit.enforcement.length === 0 ? 'no enforcement' : `only ${conduit.enforcement.join(', ')}`;
    return [
      {
        because: `External conduit ${named(conduit)} between ${conduit.zones.join(' and ')} lists ${listed}, no firewall, VPN, data diode or jump host.`,
        evidence: refsOf(model, [conduit.id, ...conduit.zones]),
      },
    ];
  },
});
