import type { DataFlow, SystemModel } from '../../model/system-model';
import { zoneIdOf } from '../support';

/** The zone ids of a flow's two endpoints (undefined for an endpoint out of scope, unassigned or in a conduit). */
export const flowZoneIds = (
  model: SystemModel,
  flow: DataFlow,
): { readonly from: string | undefined; readonly to: string | undefined } => ({
  from: zoneIdOf(model, flow.from),
  to: zoneIdOf(model, flow.to),
});

/** "modbus-tcp/502" or "https". */
export const protocolText = (flow: {
  readonly protocol: string;
  readonly port?: number | string | undefined;
}): string => (flow.port === undefined ? flow.protocol : `${flow.protocol}/${flow.port}`);
