import type { Crs, CrsCharacteristics, RequirementsResult, TargetLevels } from '../assessment/assessment';
import type {
  AccessPoint,
  Conduit,
  DataFlow,
  EntityRef,
  SecurityLevelVector,
  SystemModel,
  Zone,
} from '../model/system-model';
import { refTo } from '../risk/ref-to';
import { deriveSubjectAssets, type SubjectAssets } from '../risk/subject-assets';
import type { AccessPointKind } from '../schema/system-file';
import { uniformVector } from '../security-levels/security-level-vector';

/** Access point kinds that are physical whatever `isLogical` says (CRS g). */
const PHYSICAL_KINDS: ReadonlySet<AccessPointKind> = new Set([
  'removable-media',
  'serial',
  'physical',
  'maintenance-laptop',
]);

/** True for a physical access point (CRS g): declared non-logical, or of a physical kind. */
export const isPhysicalAccessPoint = (accessPoint: AccessPoint): boolean =>
  accessPoint.isLogical === false || PHYSICAL_KINDS.has(accessPoint.kind);

type Reference = { readonly id: string; readonly title: string; readonly description?: string };

const toReference = (item: { id: string; title: string; description?: string | undefined }): Reference =>
  item.description === undefined
    ? { id: item.id, title: item.title }
    : { id: item.id, title: item.title, description: item.description };

const compareRefs = (a: EntityRef, b: EntityRef): number =>
  a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

interface Context {
  readonly model: SystemModel;
  /** Data flows that cross each zone's boundary or use one of its access points, in flow id order. */
  readonly flowsOfZone: ReadonlyMap<string, readonly DataFlow[]>;
  /** Data flows between two different zones, keyed by the sorted zone pair. */
  readonly flowsBetween: ReadonlyMap<string, readonly DataFlow[]>;
  /** The CRS h row of a flow, built once and shared by the zones and conduits that list it. */
  readonly flowRow: (flow: DataFlow) => CrsCharacteristics['h_dataFlows'][number];
  /** Access points per zone, in id order. */
  readonly accessPointsOf: ReadonlyMap<string, readonly AccessPoint[]>;
  readonly subjectAssets: SubjectAssets;
  readonly targetOf: ReadonlyMap<string, SecurityLevelVector>;
  readonly requirementsOf: ReadonlyMap<string, RequirementsResult>;
  readonly policies: ReadonlyMap<string, Reference>;
}

const flowRow = (model: SystemModel, flow: DataFlow): CrsCharacteristics['h_dataFlows'][number] => ({
  flow: refTo(model, 'data-flow', flow.id),
  from: flow.from,
  to: flow.to,
  protocol: flow.protocol,
  ...(flow.port === undefined ? {} : { port: String(flow.port) }),
  ...(flow.accessPoint === undefined ? {} : { accessPoint: flow.accessPoint }),
});

const assetRows = (context: Context, subjectId: string): CrsCharacteristics['j_assets'] =>
  context.subjectAssets(subjectId).map((asset) => ({
    asset: refTo(context.model, 'asset', asset.id),
    kind: asset.kind.id,
    worstImpact: asset.worstImpact,
    isSafetyRelated: asset.attributes.isSafetyRelated,
  }));

const requirementRows = (context: Context, subjectId: string): CrsCharacteristics['l_requirements'] =>
  (context.requirementsOf.get(subjectId)?.requirements ?? []).map((result) => ({
    id: result.requirement.id,
    status: result.status,
    compensatedBy: result.countermeasures
      .filter(
        (countermeasure) =>
          result.status === 'compensated' ||
          context.model.countermeasure(countermeasure.id)?.isCompensating === true,
      )
      .map((countermeasure) => countermeasure.id),
  }));

const policyRows = (
  context: Context,
  ids: readonly string[] | undefined,
): readonly { id: string; title: string }[] =>
  [...new Set(ids ?? [])].sort().map((id) => {
    const policy = context.policies.get(id);
    return { id, title: policy?.title ?? id };
  });

// When no SL-T was derived for a subject, SL 0 is shown and the completeness of ZCR 5.6 / 6.4 reports it.
const targetFor = (context: Context, subject: Zone | Conduit): SecurityLevelVector =>
  context.targetOf.get(subject.id) ?? subject.explicitTarget?.levels ?? uniformVector(0);

const zoneCharacteristics = (context: Context, zone: Zone): CrsCharacteristics => {
  const { model } = context;
  const accessPoints = context.accessPointsOf.get(zone.id) ?? [];
  const flows = context.flowsOfZone.get(zone.id) ?? [];
  const conduits = model.conduitsOf(zone.id);
  const neighbours = [...new Set(conduits.flatMap((conduit) => conduit.zones))].filter(
    (id) => id !== zone.id,
  );
  return {
    subject: refTo(model, 'zone', zone.id),
    a_identifier: zone.id,
    ...(zone.organisation === undefined ? {} : { b_accountableOrganisation: zone.organisation }),
    ...(zone.boundary?.logical === undefined ? {} : { c_logicalBoundary: zone.boundary.logical }),
    ...(zone.boundary?.physical === undefined ? {} : { d_physicalBoundary: zone.boundary.physical }),
    e_isSafetyRelated: zone.isSafetyRelated,
    f_logicalAccessPoints: accessPoints
      .filter((accessPoint) => !isPhysicalAccessPoint(accessPoint))
      .map((accessPoint) => refTo(model, 'access-point', accessPoint.id)),
    g_physicalAccessPoints: accessPoints
      .filter(isPhysicalAccessPoint)
      .map((accessPoint) => refTo(model, 'access-point', accessPoint.id)),
    h_dataFlows: flows.map(context.flowRow),
    i_connected: [
      ...conduits.map((conduit) => refTo(model, 'conduit', conduit.id)),
      ...neighbours.map((id) => refTo(model, 'zone', id)),
    ].sort(compareRefs),
    j_assets: assetRows(context, zone.id),
    k_targetLevels: targetFor(context, zone),
    l_requirements: requirementRows(context, zone.id),
    m_policies: policyRows(context, zone.policies),
    n_assumptions: zone.assumptions ?? [],
  };
};

const pairKey = (a: string, b: string): string => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);

const push = <T>(index: Map<string, T[]>, key: string, item: T): void => {
  const list = index.get(key);
  if (list) list.push(item);
  else index.set(key, [item]);
};

/** Buckets every data flow once by the zones whose boundary it crosses, the zone pair, and its access point. */
const indexFlows = (model: SystemModel) => {
  const flowsOfZone = new Map<string, DataFlow[]>();
  const flowsBetween = new Map<string, DataFlow[]>();
  for (const flow of model.dataFlows) {
    const from = model.zoneOf(flow.from)?.id;
    const to = model.zoneOf(flow.to)?.id;
    const zones = new Set<string>();
    if (from !== to) {
      if (from !== undefined) zones.add(from);
      if (to !== undefined) zones.add(to);
      if (from !== undefined && to !== undefined) push(flowsBetween, pairKey(from, to), flow);
    }
    const entry = flow.accessPoint === undefined ? undefined : model.accessPoint(flow.accessPoint)?.zone;
    if (entry !== undefined) zones.add(entry);
    for (const zoneId of zones) push(flowsOfZone, zoneId, flow);
  }
  return { flowsOfZone, flowsBetween };
};

const describeChannels = (conduit: Conduit): string | undefined =>
  conduit.channels.length === 0
    ? undefined
    : conduit.channels
        .map(
          (channel) =>
            `${channel.from} → ${channel.to}: ${channel.protocol}${channel.port === undefined ? '' : `/${channel.port}`}`,
        )
        .join('; ');

const conduitCharacteristics = (context: Context, conduit: Conduit): CrsCharacteristics => {
  const { model } = context;
  // Pairs are disjoint buckets, so no flow appears twice; sort to keep id order across pairs.
  const flows = conduit.zones
    .flatMap((a, index) =>
      conduit.zones.slice(index + 1).flatMap((b) => context.flowsBetween.get(pairKey(a, b)) ?? []),
    )
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const assets = assetRows(context, conduit.id);
  const logical = describeChannels(conduit);
  const devices = assets.map((row) => row.asset.name ?? row.asset.id);
  return {
    subject: refTo(model, 'conduit', conduit.id),
    a_identifier: conduit.id,
    ...(conduit.organisation === undefined ? {} : { b_accountableOrganisation: conduit.organisation }),
    ...(logical === undefined ? {} : { c_logicalBoundary: logical }),
    ...(devices.length === 0 ? {} : { d_physicalBoundary: devices.join(', ') }),
    e_isSafetyRelated:
      conduit.zones.some((zoneId) => model.zone(zoneId)?.isSafetyRelated === true) ||
      assets.some((row) => row.isSafetyRelated),
    f_logicalAccessPoints: [],
    g_physicalAccessPoints: [],
    h_dataFlows: flows.map(context.flowRow),
    i_connected: conduit.zones.map((id) => refTo(model, 'zone', id)).sort(compareRefs),
    j_assets: assets,
    k_targetLevels: targetFor(context, conduit),
    l_requirements: requirementRows(context, conduit.id),
    m_policies: policyRows(context, conduit.policies),
    n_assumptions: conduit.assumptions ?? [],
  };
};

/**
 * Assembles the cyber security requirements specification (ZCR 6.1–6.9): the SuC description, the attributes a–n
 * of every zone and then every conduit (ZCR 6.4), assumptions, threat environment, policies, tolerable risk and
 * regulations. Takes the derived SL-T and requirements as inputs; a conduit's access points (f, g) are those of the
 * zones it joins and so are listed there, and its physical boundary (d) is the devices that implement it.
 */
export const assembleCrs = (
  model: SystemModel,
  targets: readonly TargetLevels[],
  requirements: readonly RequirementsResult[],
): Crs => {
  const policies = (model.system.policies ?? []).map(toReference);
  const accessPointsOf = new Map<string, AccessPoint[]>();
  for (const accessPoint of model.accessPoints) push(accessPointsOf, accessPoint.zone, accessPoint);
  const rows = new Map<DataFlow, CrsCharacteristics['h_dataFlows'][number]>();
  const context: Context = {
    model,
    flowRow: (flow) => {
      let row = rows.get(flow);
      if (row === undefined) {
        row = flowRow(model, flow);
        rows.set(flow, row);
      }
      return row;
    },
    ...indexFlows(model),
    accessPointsOf,
    subjectAssets: deriveSubjectAssets(model),
    targetOf: new Map(targets.map((levels) => [levels.subject.id, levels.target])),
    requirementsOf: new Map(requirements.map((result) => [result.subject.id, result])),
    policies: new Map(policies.map((policy) => [policy.id, policy])),
  };
  const tolerable = model.riskCriteria.bands.find((band) => band.id === model.riskCriteria.tolerable);
  return {
    system: model.system,
    characteristics: [
      ...model.zones.map((zone) => zoneCharacteristics(context, zone)),
      ...model.conduits.map((conduit) => conduitCharacteristics(context, conduit)),
    ],
    operatingEnvironmentAssumptions: model.system.assumptions ?? [],
    threatEnvironment: model.system.threatEnvironment ?? {},
    policies,
    tolerableRisk: {
      band: model.riskCriteria.tolerable,
      label: tolerable?.label ?? model.riskCriteria.tolerable,
      criteria: model.riskCriteria,
    },
    regulations: (model.system.regulations ?? []).map(toReference),
  };
};
