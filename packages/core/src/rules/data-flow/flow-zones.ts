import type { DataFlow, SystemModel, Zone } from '../../model/system-model';

/** The zones of a flow's two endpoints (undefined for an endpoint out of scope, unassigned or in a conduit). */
export const flowZones = (
  model: SystemModel,
  flow: DataFlow,
): { readonly from: Zone | undefined; readonly to: Zone | undefined } => ({
  from: model.zoneOf(flow.from),
  to: model.zoneOf(flow.to),
});

/** "modbus-tcp/502" or "https". */
export const protocolText = (flow: {
  readonly protocol: string;
  readonly port?: number | string | undefined;
}): string => (flow.port === undefined ? flow.protocol : `${flow.protocol}/${flow.port}`);
