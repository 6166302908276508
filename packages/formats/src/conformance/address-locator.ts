import type { Asset, SystemModel, Zone } from '@zonewise/core';
import { findIpRanges, parseIp, rangeHolds, rangeSize, type IpRange } from '../import/firewall/ip-range';

/** Where an observed address belongs in the model, and how that was decided. */
export interface LocatedAddress {
  readonly asset?: Asset;
  readonly zone?: Zone;
  /** `asset-ip` and `asset-mac`: an asset interface names it; `zone-network`: a zone's logical boundary holds it. */
  readonly via: 'asset-ip' | 'asset-mac' | 'zone-network' | 'none';
}

/** Looks up observed addresses in a model. */
export interface AddressLocator {
  readonly locate: (ip: string, mac?: string) => LocatedAddress;
  /** The networks each zone's logical boundary names. */
  readonly zoneNetworks: ReadonlyMap<string, readonly IpRange[]>;
}

const addressKey = (text: string): string | undefined => {
  const address = parseIp(text.trim().split('/')[0] ?? '');
  return address === undefined ? undefined : `${address.family}:${address.value.toString(16)}`;
};

const macKey = (text: string): string => text.toLowerCase().replace(/[^0-9a-f]/g, '');

/** Code-point order: the same on every machine, unlike `localeCompare`. */
const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Indexes a model for the conformance check: asset interfaces by IP (and by MAC where an interface gives no IP),
 * and zone networks from the CIDRs,
 * hosts and ranges written in each zone's `boundary.logical`. An address is an asset's when an interface names it
 * (the asset's zone, or the zone whose network holds it when the asset has none); otherwise it belongs to the zone
 * with the most specific network that holds it.
 */
export const createAddressLocator = (model: SystemModel): AddressLocator => {
  const byIp = new Map<string, Asset>();
  const byMac = new Map<string, Asset>();
  for (const asset of model.assets) {
    for (const networkInterface of asset.interfaces ?? []) {
      const key = networkInterface.ip === undefined ? undefined : addressKey(networkInterface.ip);
      if (key !== undefined && !byIp.has(key)) byIp.set(key, asset);
      // A MAC stands for the asset only where the model knows no IP for it: behind a router every remote address
      // arrives with the router's MAC, so MACs of network devices and of addressed interfaces would mislead.
      const mac = networkInterface.mac === undefined ? undefined : macKey(networkInterface.mac);
      if (mac && key === undefined && !asset.attributes.isNetworkDevice && !byMac.has(mac))
        byMac.set(mac, asset);
    }
  }
  const zoneNetworks = new Map<string, IpRange[]>();
  const networks: { zone: Zone; range: IpRange }[] = [];
  for (const zone of model.zones) {
    const ranges = findIpRanges(zone.boundary?.logical ?? '');
    zoneNetworks.set(zone.id, ranges);
    for (const range of ranges) networks.push({ zone, range });
  }
  networks.sort((a, b) => {
    const sizeA = rangeSize(a.range);
    const sizeB = rangeSize(b.range);
    return sizeA < sizeB ? -1 : sizeA > sizeB ? 1 : compareText(a.zone.id, b.zone.id);
  });
  const zoneByNetwork = (ip: string): Zone | undefined => {
    const address = parseIp(ip);
    return address === undefined ? undefined : networks.find(({ range }) => rangeHolds(range, address))?.zone;
  };
  const locate = (ip: string, mac?: string): LocatedAddress => {
    const key = addressKey(ip);
    const byAddress = key === undefined ? undefined : byIp.get(key);
    const asset = byAddress ?? (mac === undefined ? undefined : byMac.get(macKey(mac)));
    if (asset) {
      const zone = model.zoneOf(asset.id) ?? zoneByNetwork(ip);
      return { asset, ...(zone ? { zone } : {}), via: byAddress ? 'asset-ip' : 'asset-mac' };
    }
    const zone = zoneByNetwork(ip);
    return zone ? { zone, via: 'zone-network' } : { via: 'none' };
  };
  return { locate, zoneNetworks };
};
