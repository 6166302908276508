import type { CaptureDevice, CaptureHost, HostVendorSource } from '../capture-analysis';
import { parseMacAddress, type OuiTable } from './oui-table';

/** The tables a host's MAC address is looked up in, in order: a loaded full table first, then the built-in one. */
export interface HostVendorTables {
  readonly file?: OuiTable;
  readonly builtin?: OuiTable;
}

/**
 * Names the maker of each host. A device identity that names a vendor wins (the device said so); otherwise the MAC
 * prefix names it, but only for a unicast host seen with exactly one MAC that no other host of its IP version was
 * seen with, so that a router's MAC does not lend its vendor to the remote addresses behind it. Locally
 * administered and all-zero addresses have no registered maker and get none.
 */
export const attachHostVendors = (
  hosts: readonly CaptureHost[],
  devices: readonly CaptureDevice[],
  tables: HostVendorTables,
): CaptureHost[] => {
  const identityVendor = new Map<string, string>();
  for (const device of devices) {
    if (device.vendor === undefined || device.vendor === '') continue;
    const address = device.ip ?? device.mac;
    if (address !== undefined && !identityVendor.has(address)) identityVendor.set(address, device.vendor);
  }
  const hostsPerMac = new Map<string, number>();
  for (const host of hosts) {
    if (host.ip === undefined || host.kind !== 'unicast') continue;
    for (const mac of host.macs) {
      const key = `${host.ipVersion ?? 0}|${mac}`;
      hostsPerMac.set(key, (hostsPerMac.get(key) ?? 0) + 1);
    }
  }
  return hosts.map((host) => {
    const identity = identityVendor.get(host.ip ?? host.macs[0] ?? '');
    if (identity !== undefined) return withVendor(host, identity, 'device-identity');
    const [mac] = host.macs;
    if (host.kind !== 'unicast' || mac === undefined || host.macs.length !== 1 || !isRegistered(mac))
      return host;
    if (host.ip !== undefined && (hostsPerMac.get(`${host.ipVersion ?? 0}|${mac}`) ?? 0) > 1) return host;
    const fromFile = tables.file?.lookup(mac);
    if (fromFile !== undefined) return withVendor(host, fromFile.vendor, 'oui-file');
    const fromBuiltin = tables.builtin?.lookup(mac);
    if (fromBuiltin !== undefined) return withVendor(host, fromBuiltin.vendor, 'oui-builtin');
    return host;
  });
};

const withVendor = (host: CaptureHost, vendor: string, vendorSource: HostVendorSource): CaptureHost => ({
  ...host,
  vendor,
  vendorSource,
});

/** Whether a MAC could carry a registered prefix: universally administered (bit 1 of the first octet clear), not 0. */
const isRegistered = (mac: string): boolean => {
  const value = parseMacAddress(mac);
  return value !== undefined && value !== 0 && (Math.floor(value / 2 ** 40) & 0x02) === 0;
};
