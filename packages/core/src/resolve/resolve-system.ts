import { findAssetKind, ASSET_ATTRIBUTE_NAMES, type AssetAttributeName } from '../catalogs/asset-kinds';
import { DEFAULT_RISK_CRITERIA } from '../catalogs/default-risk-criteria';
import { parseFr, type Fr } from '../catalogs/foundational-requirements';
import { toSecurityLevel } from '../catalogs/security-levels';
import { THREAT_SOURCES, type ThreatSourceDefinition } from '../catalogs/threat-sources';
import type {
  Asset,
  Conduit,
  Countermeasure,
  EntityKind,
  EntityRef,
  RiskCriteria,
  SystemModel,
  ThreatScenario,
  Vulnerability,
  Zone,
} from '../model/system-model';
import { parseSystemFile } from '../schema/parse-system-file';
import type { RiskCriteriaInput, SystemFile } from '../schema/system-file';
import { parseSecurityLevelVector } from '../security-levels/security-level-vector';
import { checkReferences } from './check-references';
import type { Diagnostic, Resolved } from './diagnostic';

const byId = <T extends { readonly id: string }>(list: readonly T[]): readonly T[] =>
  [...list].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

const indexBy = <T extends { readonly id: string }>(list: readonly T[]): ReadonlyMap<string, T> =>
  new Map(list.map((item) => [item.id, item]));

const groupBy = <T, K>(
  list: readonly T[],
  keysOf: (item: T) => readonly K[],
): ReadonlyMap<K, readonly T[]> => {
  const groups = new Map<K, T[]>();
  for (const item of list) {
    for (const key of keysOf(item)) {
      const group = groups.get(key);
      if (group) group.push(item);
      else groups.set(key, [item]);
    }
  }
  return groups;
};

const resolveRiskCriteria = (input: RiskCriteriaInput | undefined): RiskCriteria => {
  const source = input ?? DEFAULT_RISK_CRITERIA;
  return {
    likelihood: { direction: source.likelihood.direction, levels: source.likelihood.levels },
    impactCategories: source.impactCategories,
    bands: source.bands.map((band, rank) => ({
      ...band,
      securityLevel: toSecurityLevel(band.securityLevel),
      rank,
    })),
    matrix: source.matrix,
    tolerable: source.tolerable,
    securityLevelTarget: {
      method: source.securityLevelTarget?.method ?? 'risk-band',
      floor: toSecurityLevel(source.securityLevelTarget?.floor ?? 1),
    },
    isDefault: input === undefined,
  };
};

/** Turns a parsed file into the readonly model with indices. Every reference is known to exist. */
const buildModel = (file: SystemFile): SystemModel => {
  const riskCriteria = resolveRiskCriteria(file.riskCriteria);
  const zoneListing = new Map<string, string>();
  for (const zone of file.zones) for (const assetId of zone.assets ?? []) zoneListing.set(assetId, zone.id);

  const assets: Asset[] = byId(file.assets).map((input) => {
    const kind = findAssetKind(input.kind);
    if (!kind) throw new Error(`unresolved asset kind ${input.kind}`);
    const attributes = Object.fromEntries(
      ASSET_ATTRIBUTE_NAMES.map((name: AssetAttributeName) => [name, input.attributes?.[name] ?? kind[name]]),
    ) as Record<AssetAttributeName, boolean>;
    const { securityLevelCapability, attributes: _overrides, kind: _kind, ...rest } = input;
    const zone = input.zone ?? zoneListing.get(input.id);
    return {
      ...rest,
      ...(zone === undefined ? {} : { zone }),
      kind,
      attributes,
      ...(securityLevelCapability === undefined
        ? {}
        : { securityLevelCapability: parseSecurityLevelVector(securityLevelCapability) }),
      worstImpact: Math.max(0, ...Object.values(input.criticality ?? {})),
    };
  });
  const assetIndex = indexBy(assets);
  const zoneIds = new Set(file.zones.map((zone) => zone.id));
  const assetsByZone = groupBy(
    assets.filter((asset) => asset.isInScope && asset.zone !== undefined && zoneIds.has(asset.zone)),
    (asset) => [asset.zone as string],
  );

  const zones: Zone[] = byId(file.zones).map((input) => {
    const { securityLevelTarget, securityLevelAchieved, assets: _listed, ...rest } = input;
    const members = assetsByZone.get(input.id) ?? [];
    return {
      ...rest,
      assetIds: members.map((asset) => asset.id),
      isSafetyRelated: input.isSafetyRelated ?? members.some((asset) => asset.attributes.isSafetyRelated),
      ...(securityLevelTarget === undefined
        ? {}
        : {
            explicitTarget: {
              levels: parseSecurityLevelVector(securityLevelTarget.levels),
              justification: securityLevelTarget.justification,
            },
          }),
      ...(securityLevelAchieved === undefined
        ? {}
        : { securityLevelAchieved: parseSecurityLevelVector(securityLevelAchieved) }),
    };
  });
  const conduits: Conduit[] = byId(file.conduits).map((input) => {
    const { securityLevelTarget, securityLevelAchieved, channels, enforcement, isExternal, ...rest } = input;
    return {
      ...rest,
      zones: [...new Set(input.zones)].sort(),
      channels: channels ?? [],
      enforcement: enforcement ?? [],
      isExternal: isExternal ?? false,
      ...(securityLevelTarget === undefined
        ? {}
        : {
            explicitTarget: {
              levels: parseSecurityLevelVector(securityLevelTarget.levels),
              justification: securityLevelTarget.justification,
            },
          }),
      ...(securityLevelAchieved === undefined
        ? {}
        : { securityLevelAchieved: parseSecurityLevelVector(securityLevelAchieved) }),
    };
  });
  const threatScenarios: ThreatScenario[] = byId(file.threatScenarios).map((input) => ({
    ...input,
    frs: [...new Set((input.frs ?? []).map(parseFr).filter((fr): fr is Fr => fr !== undefined))].sort(),
  }));
  const threatSources: readonly ThreatSourceDefinition[] = byId([
    ...THREAT_SOURCES.filter(
      (source) => !(file.threatSources ?? []).some((custom) => custom.id === source.id),
    ),
    ...(file.threatSources ?? []).map((source) => ({
      id: source.id,
      name: source.name,
      capability: toSecurityLevel(source.capability) as ThreatSourceDefinition['capability'],
      description: source.description ?? '',
    })),
  ]);

  const accessPoints = byId(file.accessPoints);
  const dataFlows = byId(file.dataFlows);
  const vulnerabilities: Vulnerability[] = [...byId(file.vulnerabilities)];
  const countermeasures: Countermeasure[] = [...byId(file.countermeasures)];
  const approvals = byId(file.approvals);

  const zoneIndex = indexBy(zones);
  const conduitIndex = indexBy(conduits);
  const accessPointIndex = indexBy(accessPoints);
  const countermeasureIndex = indexBy(countermeasures);
  const vulnerabilityIndex = indexBy(vulnerabilities);
  const sourceIndex = indexBy(threatSources);
  const conduitsByZone = groupBy(conduits, (conduit) => conduit.zones);
  const vulnerabilitiesByAsset = groupBy(vulnerabilities, (vulnerability) => vulnerability.assets);
  const countermeasuresByEntity = groupBy(countermeasures, (countermeasure) => countermeasure.appliesTo);

  const kinds = new Map<string, { kind: EntityKind; name?: string }>();
  const register = (
    kind: EntityKind,
    list: readonly { id: string; name?: string | undefined; title?: string | undefined }[],
  ) => {
    for (const item of list) {
      const name = item.name ?? item.title;
      kinds.set(item.id, name === undefined ? { kind } : { kind, name });
    }
  };
  register('access-point', accessPoints);
  register('zone', zones);
  register('conduit', conduits);
  register('asset', assets);
  register('data-flow', dataFlows);
  register('threat-scenario', threatScenarios);
  register('vulnerability', vulnerabilities);
  register('countermeasure', countermeasures);
  register('approval', approvals);

  const refOf = (id: string): EntityRef | undefined => {
    const entry = kinds.get(id);
    if (!entry) return undefined;
    return entry.name === undefined ? { kind: entry.kind, id } : { kind: entry.kind, id, name: entry.name };
  };

  return {
    file,
    system: file.system,
    assessment: file.assessment ?? {},
    riskCriteria,
    threatSources,
    assets,
    zones,
    conduits,
    accessPoints,
    dataFlows,
    threatScenarios,
    vulnerabilities,
    countermeasures,
    requirementStatus: file.requirementStatus,
    triage: file.triage,
    approvals,
    asset: (id) => assetIndex.get(id),
    zone: (id) => zoneIndex.get(id),
    conduit: (id) => conduitIndex.get(id),
    accessPoint: (id) => accessPointIndex.get(id),
    countermeasure: (id) => countermeasureIndex.get(id),
    vulnerability: (id) => vulnerabilityIndex.get(id),
    threatSource: (id) => sourceIndex.get(id),
    kindOf: (id) => kinds.get(id)?.kind,
    refOf,
    zoneOf: (assetId) => {
      const asset = assetIndex.get(assetId);
      return asset?.zone === undefined || !asset.isInScope ? undefined : zoneIndex.get(asset.zone);
    },
    conduitOf: (assetId) => {
      const zone = assetIndex.get(assetId)?.zone;
      return zone === undefined ? undefined : conduitIndex.get(zone);
    },
    assetsIn: (zoneId) => assetsByZone.get(zoneId) ?? [],
    conduitsBetween: (zoneA, zoneB) =>
      (conduitsByZone.get(zoneA) ?? []).filter((conduit) => conduit.zones.includes(zoneB)),
    conduitsOf: (zoneId) => conduitsByZone.get(zoneId) ?? [],
    vulnerabilitiesOf: (assetId) => vulnerabilitiesByAsset.get(assetId) ?? [],
    countermeasuresFor: (entityId) => countermeasuresByEntity.get(entityId) ?? [],
  };
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Resolves unknown input (a parsed YAML/JSON document or an API body) into the domain model. Collects every
 * diagnostic at once: schema problems, duplicate ids, dangling references, assets in two zones, conduits that join
 * one zone, inconsistent risk criteria. Never throws on any JSON value.
 */
export const resolveSystem = (input: unknown): Resolved<SystemModel> => {
  const parsed = parseSystemFile(input);
  const references = isRecord(input) ? checkReferences(input) : [];
  const referenceErrors = references.filter((diagnostic) => diagnostic.severity === 'error');
  if (!parsed.ok) return { ok: false, diagnostics: [...parsed.diagnostics, ...references] };
  if (referenceErrors.length > 0) return { ok: false, diagnostics: [...references, ...parsed.warnings] };
  const warnings: Diagnostic[] = [...parsed.warnings, ...references];
  return { ok: true, value: buildModel(parsed.value), warnings };
};
