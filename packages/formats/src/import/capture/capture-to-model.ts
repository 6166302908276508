import type { SystemFileInput } from '@zonewise/core';
import type { CaptureAnalysis, CaptureDevice, CaptureHost } from './capture-analysis';

/** What merging a capture into an assessment file did, row by row. */
export interface CaptureMerge {
  readonly file: SystemFileInput;
  readonly added: readonly string[];
  readonly updated: readonly string[];
  readonly flowsAdded: readonly string[];
  readonly skipped: readonly { readonly address: string; readonly reason: string }[];
}

type AssetInput = NonNullable<SystemFileInput['assets']>[number];
type DataFlowInput = NonNullable<SystemFileInput['dataFlows']>[number];

const FIELD_PROTOCOLS = new Set([
  'modbus-tcp',
  's7comm',
  's7comm-plus',
  'ethernet-ip',
  'cip',
  'profinet',
  'melsec',
  'fins',
  'ads',
  'hart-ip',
]);
const TELECONTROL_PROTOCOLS = new Set(['dnp3', 'iec-104', 'iec-61850-mms', 'goose', 'c37.118']);
const SUPERVISORY_SERVER_PROTOCOLS = new Set(['opc-ua', 'opc-da', 'fox', 'bacnet']);

const slug = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60) || 'host';

/**
 * Guesses an asset kind from what a host did on the wire: the device identity it announced, the OT protocols it
 * served (controllers, RTUs, OPC servers) or used as a client (HMI/SCADA/engineering stations).
 */
export const guessAssetKind = (host: CaptureHost, device: CaptureDevice | undefined): string => {
  const type = device?.deviceType?.toLowerCase() ?? '';
  if (type.includes('programmable logic') || type.includes('plc')) return 'plc';
  if (type.includes('communications adapter') || type.includes('adapter') || type.includes('i/o'))
    return 'io-module';
  if (type.includes('drive')) return 'drive';
  if (type.includes('human-machine') || type.includes('hmi')) return 'hmi';
  if (host.serves.some((protocol) => TELECONTROL_PROTOCOLS.has(protocol))) return 'rtu';
  if (host.serves.some((protocol) => FIELD_PROTOCOLS.has(protocol))) return 'plc';
  if (host.serves.some((protocol) => SUPERVISORY_SERVER_PROTOCOLS.has(protocol))) return 'opc-server';
  if (host.uses.some((protocol) => FIELD_PROTOCOLS.has(protocol) || TELECONTROL_PROTOCOLS.has(protocol)))
    return 'hmi';
  if (host.serves.length > 0) return 'server';
  return 'other';
};

/**
 * Merges what a capture saw into an assessment file: each unicast IP host that no asset interface names becomes an
 * asset (kind guessed from its traffic, vendor/product/version from a device identity it announced, else the vendor
 * from its MAC prefix), existing
 * assets gain vendor/product/version where they had none, and each client→server conversation between two assets
 * becomes a data flow unless one with the same endpoints, protocol and port exists. New assets have no zone: the
 * assessor places them (rule asset/not-in-zone lists them).
 */
export const mergeCaptureIntoFile = (
  file: SystemFileInput,
  analysis: CaptureAnalysis,
  source: string,
): CaptureMerge => {
  const assets: AssetInput[] = [...(file.assets ?? [])];
  const ids = new Set<string>([
    ...assets.map((asset) => asset.id),
    ...(file.zones ?? []).map((zone) => zone.id),
    ...(file.conduits ?? []).map((conduit) => conduit.id),
    ...(file.dataFlows ?? []).map((flow) => flow.id),
    ...(file.accessPoints ?? []).map((point) => point.id),
  ]);
  const uniqueId = (base: string): string => {
    let id = base;
    for (let counter = 2; ids.has(id); counter += 1) id = `${base}-${counter}`;
    ids.add(id);
    return id;
  };
  const assetByIp = new Map<string, number>();
  const assetByMac = new Map<string, number>();
  assets.forEach((asset, index) => {
    for (const networkInterface of asset.interfaces ?? []) {
      if (networkInterface.ip) assetByIp.set(networkInterface.ip, index);
      if (networkInterface.mac) assetByMac.set(networkInterface.mac.toLowerCase(), index);
    }
  });
  const deviceByIp = new Map(
    analysis.devices.flatMap((device) => (device.ip ? [[device.ip, device] as const] : [])),
  );
  const added: string[] = [];
  const updated: string[] = [];
  const skipped: { address: string; reason: string }[] = [];

  for (const host of analysis.hosts) {
    if (host.ip === undefined) continue;
    if (host.kind !== 'unicast') {
      skipped.push({ address: host.ip, reason: `${host.kind} address` });
      continue;
    }
    const device = deviceByIp.get(host.ip);
    const existing =
      assetByIp.get(host.ip) ??
      host.macs.map((mac) => assetByMac.get(mac.toLowerCase())).find((index) => index !== undefined);
    if (existing !== undefined) {
      const asset = assets[existing] as AssetInput;
      const facts = {
        ...(asset.vendor === undefined && device?.vendor ? { vendor: device.vendor } : {}),
        ...(asset.product === undefined && device?.productName ? { product: device.productName } : {}),
        ...(asset.version === undefined && (device?.revision ?? device?.firmware)
          ? { version: device?.revision ?? device?.firmware }
          : {}),
      };
      if (Object.keys(facts).length > 0) {
        assets[existing] = { ...asset, ...facts };
        updated.push(`${asset.id}: ${Object.keys(facts).join(', ')} from ${device?.protocol ?? 'capture'}`);
      }
      continue;
    }
    const name = device?.name ?? device?.productName ?? `Host ${host.ip}`;
    const id = uniqueId(
      slug((device?.name ?? device?.productName) ? `${name}-${host.ip}` : `host-${host.ip}`),
    );
    const asset: AssetInput = {
      id,
      name,
      kind: guessAssetKind(host, device),
      ...((device?.vendor ?? host.vendor) ? { vendor: device?.vendor ?? host.vendor } : {}),
      ...(device?.productName ? { product: device.productName } : {}),
      ...((device?.revision ?? device?.firmware) ? { version: device?.revision ?? device?.firmware } : {}),
      description: `Discovered in ${source}: serves ${host.serves.join(', ') || 'nothing'}; uses ${host.uses.join(', ') || 'nothing'}.`,
      interfaces: [{ ip: host.ip, ...(host.macs[0] ? { mac: host.macs[0] } : {}) }],
      tags: ['discovered:capture'],
    };
    assetByIp.set(host.ip, assets.length);
    assets.push(asset);
    added.push(`${id} (${asset.kind}, ${host.ip})`);
  }

  const flows: DataFlowInput[] = [...(file.dataFlows ?? [])];
  const flowKeys = new Set(
    flows.map((flow) => `${flow.from}|${flow.to}|${flow.protocol}|${String(flow.port ?? '')}`),
  );
  const flowsAdded: string[] = [];
  for (const flow of analysis.flows) {
    if (flow.transport !== 'tcp' && flow.transport !== 'udp') continue;
    const from = assetByIp.get(flow.client);
    const to = assetByIp.get(flow.server);
    if (from === undefined || to === undefined || from === to) continue;
    const fromId = (assets[from] as AssetInput).id;
    const toId = (assets[to] as AssetInput).id;
    const protocol = flow.protocol ?? flow.transport;
    const key = `${fromId}|${toId}|${protocol}|${String(flow.serverPort ?? '')}`;
    if (flowKeys.has(key)) continue;
    flowKeys.add(key);
    const id = uniqueId(slug(`flow-${fromId}-${toId}-${protocol}`));
    flows.push({
      id,
      from: fromId,
      to: toId,
      protocol,
      ...(flow.serverPort === undefined ? {} : { port: flow.serverPort }),
      purpose: `Observed in ${source}: ${flow.packets} packets`,
    });
    flowsAdded.push(`${id} (${protocol}${flow.serverPort === undefined ? '' : `/${flow.serverPort}`})`);
  }
  return { file: { ...file, assets, dataFlows: flows }, added, updated, flowsAdded, skipped };
};
