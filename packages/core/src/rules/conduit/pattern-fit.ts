import { findZoneRole, type IntegrationPattern, type ZoneRoleId } from '../../catalogs/integration-patterns';
import type { Severity } from '../../findings/finding';
import type { Asset, Conduit, SystemModel } from '../../model/system-model';
import { canonicalProtocol, portAllows, sameProtocol } from '../channels';

/** One way a conduit departs from the pattern it claims; `key` is stable so each deviation can be triaged. */
export interface PatternDeviation {
  readonly key: string;
  readonly because: string;
  readonly severity?: Severity;
}

/** How a conduit's zones were matched to the pattern's roles, and what deviates under that matching. */
export interface PatternFit {
  readonly from: string;
  readonly to: string;
  readonly deviations: readonly PatternDeviation[];
}

const levelOf = (asset: Asset): number => asset.purdueLevel ?? asset.kind.purdueLevel;

/** Share (0–1) of a zone's in-scope end devices that suggest the role; network devices do not count. */
export const roleAffinity = (model: SystemModel, zoneId: string, roleId: ZoneRoleId): number => {
  const role = findZoneRole(roleId);
  const assets = model.assetsIn(zoneId).filter((asset) => !asset.attributes.isNetworkDevice);
  if (!role || assets.length === 0) return 0;
  const matching = assets.filter((asset) => {
    if (role.excluded.some((name) => asset.attributes[name])) return false;
    if (role.attributes.some((name) => asset.attributes[name])) return true;
    const level = levelOf(asset);
    return (
      role.purdueLevels !== undefined && level >= role.purdueLevels.min && level <= role.purdueLevels.max
    );
  });
  return matching.length / assets.length;
};

/** The deviations of a conduit from a pattern when `from` plays the pattern's from-role and `to` its to-role. */
export const deviationsFor = (
  conduit: Conduit,
  pattern: IntegrationPattern,
  from: string,
  to: string,
): readonly PatternDeviation[] => {
  const deviations = new Map<string, PatternDeviation>();
  const add = (deviation: PatternDeviation) => {
    if (!deviations.has(deviation.key)) deviations.set(deviation.key, deviation);
  };
  if (conduit.zones.length !== 2) {
    add({
      key: 'zone-count',
      because: `Pattern "${pattern.id}" joins two zones but the conduit joins ${conduit.zones.length} (${conduit.zones.join(', ')}).`,
    });
  }
  for (const channel of conduit.channels) {
    const protocol = canonicalProtocol(channel.protocol);
    const where = `${protocol}:${channel.from}:${channel.to}`;
    const text = `${channel.protocol}${channel.port === undefined ? '' : `/${channel.port}`} from ${channel.from} to ${channel.to}`;
    const direction =
      channel.from === from && channel.to === to
        ? 'forward'
        : channel.from === to && channel.to === from
          ? 'reverse'
          : undefined;
    if (direction === undefined) {
      add({
        key: `zones:${where}`,
        because: `Channel ${text} runs between zones the pattern "${pattern.id}" does not join.`,
      });
      continue;
    }
    if (pattern.isOneWay && direction === 'reverse') {
      add({
        key: `one-way:${where}`,
        because: `Channel ${text} flows into the ${pattern.roles.from} side of the one-way pattern "${pattern.id}".`,
        severity: 'high',
      });
      continue;
    }
    const sameName = pattern.channels.filter((allowed) => sameProtocol(allowed.protocol, channel.protocol));
    if (sameName.length === 0) {
      add({
        key: `protocol:${where}`,
        because: `Channel ${text} uses ${channel.protocol}, which pattern "${pattern.id}" does not include.`,
      });
      continue;
    }
    const sameDirection = sameName.filter((allowed) => allowed.direction === direction);
    if (sameDirection.length === 0) {
      add({
        key: `direction:${where}`,
        because: `Channel ${text} runs in a direction pattern "${pattern.id}" does not allow for ${channel.protocol}.`,
      });
      continue;
    }
    if (!sameDirection.some((allowed) => portAllows(allowed.port, channel.port ?? '0-65535'))) {
      const ports = sameDirection.map((allowed) => allowed.port ?? 'any').join(', ');
      add({
        key: `port:${where}`,
        because: `Channel ${text} uses a port outside what pattern "${pattern.id}" allows for ${channel.protocol} (${ports}).`,
      });
    }
  }
  for (const kind of pattern.requiredEnforcement) {
    if (!conduit.enforcement.includes(kind)) {
      add({
        key: `enforcement:${kind}`,
        because: `Pattern "${pattern.id}" requires ${kind} enforcement, which the conduit does not list.`,
        severity: 'high',
      });
    }
  }
  for (const kind of pattern.recommendedEnforcement) {
    if (!conduit.enforcement.includes(kind)) {
      add({
        key: `enforcement:${kind}`,
        because: `Pattern "${pattern.id}" recommends ${kind} enforcement, which the conduit does not list.`,
        severity: 'low',
      });
    }
  }
  return [...deviations.values()];
};

/**
 * Matches the conduit's zones to the pattern's roles: the ordered pair whose assets fit the roles best, then the
 * one with fewer deviations, then zone-id order. Anchoring on the zones' contents first means a conduit whose
 * channels run the wrong way is reported as such rather than silently matched the other way round.
 */
export const fitPattern = (model: SystemModel, conduit: Conduit, pattern: IntegrationPattern): PatternFit => {
  let best: (PatternFit & { readonly affinity: number }) | undefined;
  for (const from of conduit.zones) {
    for (const to of conduit.zones) {
      if (from === to) continue;
      const affinity =
        roleAffinity(model, from, pattern.roles.from) + roleAffinity(model, to, pattern.roles.to);
      const deviations = deviationsFor(conduit, pattern, from, to);
      if (
        best === undefined ||
        affinity > best.affinity ||
        (affinity === best.affinity && deviations.length < best.deviations.length)
      ) {
        best = { from, to, deviations, affinity };
      }
    }
  }
  if (best === undefined)
    return {
      from: conduit.zones[0] ?? '',
      to: conduit.zones[0] ?? '',
      deviations: deviationsFor(conduit, pattern, '', ''),
    };
  return { from: best.from, to: best.to, deviations: best.deviations };
};
