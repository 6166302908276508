import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyseCapture } from '../capture-analyser';
import type { CaptureDevice, CaptureHost } from '../capture-analysis';
import { attachHostVendors } from './attach-host-vendors';
import { builtinOuiTable, createOuiTable } from './oui-table';

const host = (
  ip: string | undefined,
  macs: readonly string[],
  extra: Partial<CaptureHost> = {},
): CaptureHost => ({
  ...(ip === undefined ? {} : { ip, ipVersion: ip.includes(':') ? 6 : 4 }),
  macs,
  kind: 'unicast',
  packetsSent: 1,
  packetsReceived: 1,
  bytesSent: 60,
  bytesReceived: 60,
  firstSeenUs: 0,
  lastSeenUs: 0,
  serves: [],
  uses: [],
  ...extra,
});

const ROCKWELL = '00:1d:9c:c5:13:dd';
const CISCO = '00:19:07:24:3c:ca';
const file = createOuiTable([{ value: 0x3ca9f4000000, bits: 24, vendor: 'Intel Corporate' }]);
const tables = { file, builtin: builtinOuiTable() };
const vendors = (hosts: readonly CaptureHost[]) => hosts.map((item) => [item.vendor, item.vendorSource]);

describe('attachHostVendors', () => {
  it('names a host with one MAC of its own from the loaded table first, then the built-in one', () => {
    const hosts = [
      host('10.0.0.1', [ROCKWELL]),
      host('10.0.0.2', ['3c:a9:f4:21:22:f8']),
      host('10.0.0.3', ['00:90:27:4e:e3:fc']),
    ];
    expect(vendors(attachHostVendors(hosts, [], tables))).toEqual([
      ['Rockwell Automation', 'oui-builtin'],
      ['Intel Corporate', 'oui-file'],
      [undefined, undefined],
    ]);
    expect(vendors(attachHostVendors(hosts, [], {}))).toEqual([
      [undefined, undefined],
      [undefined, undefined],
      [undefined, undefined],
    ]);
  });

  it('does not lend a router MAC to the addresses behind it, nor name hosts seen with several MACs', () => {
    const hosts = [
      host('10.0.0.8', [CISCO]),
      host('10.0.0.9', [CISCO]),
      host('10.0.0.10', [ROCKWELL, CISCO]),
    ];
    expect(vendors(attachHostVendors(hosts, [], tables))).toEqual([
      [undefined, undefined],
      [undefined, undefined],
      [undefined, undefined],
    ]);
    // The IPv6 address of a dual-stack device does not count against its IPv4 address.
    const dual = attachHostVendors([host('10.0.0.1', [ROCKWELL]), host('fe80::1', [ROCKWELL])], [], tables);
    expect(dual.map((item) => item.vendor)).toEqual(['Rockwell Automation', 'Rockwell Automation']);
  });

  it('lets a device identity name the vendor, even behind a router', () => {
    const device: CaptureDevice = {
      protocol: 'ethernet-ip',
      ip: '10.1.1.164',
      vendor: 'Rockwell Automation/Allen-Bradley',
      firstSeenUs: 0,
    };
    const station: CaptureDevice = {
      protocol: 'profinet',
      mac: '08:00:06:93:cf:32',
      vendor: 'Siemens',
      firstSeenUs: 0,
    };
    const hosts = attachHostVendors(
      [host('10.1.1.164', [CISCO]), host('10.1.1.165', [CISCO]), host(undefined, ['08:00:06:93:cf:32'])],
      [device, station, { protocol: 'bacnet', ip: '10.1.1.165', vendorId: 999, firstSeenUs: 0 }],
      tables,
    );
    expect(vendors(hosts)).toEqual([
      ['Rockwell Automation/Allen-Bradley', 'device-identity'],
      [undefined, undefined],
      ['Siemens', 'device-identity'],
    ]);
  });

  it('names no multicast, broadcast, locally administered or all-zero address', () => {
    const hosts = [
      host('224.0.0.22', [ROCKWELL], { kind: 'multicast' }),
      host('10.0.0.255', [ROCKWELL], { kind: 'broadcast' }),
      host('10.0.0.1', ['02:1d:9c:c5:13:dd']),
      host('10.0.0.2', ['00:00:00:00:00:00']),
    ];
    const zero = createOuiTable([
      { value: 0, bits: 24, vendor: 'Xerox' },
      { value: 0x021d9c000000, bits: 24, vendor: 'Local' },
    ]);
    expect(
      attachHostVendors(hosts, [], { file: zero, builtin: builtinOuiTable() }).map((item) => item.vendor),
    ).toEqual([undefined, undefined, undefined, undefined]);
  });
});

/** Real captures from ../shared/data/ics-pcaps: the hosts whose maker the built-in table names. */
const root = new URL('../../../../../../../shared/data/ics-pcaps/', import.meta.url);
const analyse = (path: string) => analyseCapture(new Uint8Array(readFileSync(new URL(path, root))));
const vendorOf = (hosts: readonly CaptureHost[], address: string) => {
  const found = hosts.find(
    (item) => item.ip === address || (item.ip === undefined && item.macs[0] === address),
  );
  return found && [found.vendor, found.vendorSource];
};

describe('host vendors in the public ICS captures', () => {
  it.each([
    ['icsnpp/enip/enip_cip_example.pcap', '192.168.1.22', 'Rockwell Automation', 'oui-builtin'],
    ['icsnpp/enip/enip_cip_example.pcap', '192.168.10.120', 'Rockwell Automation', 'oui-builtin'],
    [
      'icsnpp/enip/enip_cip_example.pcap',
      '10.1.1.164',
      'Rockwell Automation/Allen-Bradley',
      'device-identity',
    ],
    ['iti/s7comm/s7comm_downloading_block_db1.pcap', '192.168.1.40', 'Siemens', 'oui-builtin'],
    ['iti/s7comm/s7comm_reading_plc_status.pcap', '192.168.1.40', 'Siemens', 'device-identity'],
    ['iti/modbus/ModbusTCP.pcap', '141.81.0.26', 'Schneider Electric', 'oui-builtin'],
    ['iti/modbus/modicon_test.pcap', '192.168.63.253', 'Schneider Electric', 'oui-builtin'],
    ['iti/iec61850/Sample_File_MMS_and_GOOSE.pcap', '172.16.201.2', 'ABB', 'oui-builtin'],
    ['iti/iec61850/Sample_File_MMS_and_GOOSE.pcap', '172.16.201.7', 'Hitachi Energy', 'oui-builtin'],
    ['iti/iec61850/Sample_File_MMS_and_GOOSE.pcap', '172.16.201.0', 'Siemens', 'oui-builtin'],
    ['iti/other/beckhoff_ads_addroute.pcapng', '192.168.1.8', 'Beckhoff', 'oui-builtin'],
    ['iti/other/hart_ip.pcap', '192.168.0.10', 'Emerson', 'oui-builtin'],
    ['iti/other/melsoft_UDP_clean_2.pcap', '192.168.3.250', 'Mitsubishi Electric', 'oui-builtin'],
    ['iti/other/C37.118_1PMU_UDP.pcap', '192.168.0.60', 'General Electric', 'oui-builtin'],
    ['icsnpp/profinet/profinet_io_cm_mixed_1.pcap', '192.168.1.3', 'Phoenix Contact', 'oui-builtin'],
    ['icsnpp/profinet/profinet_io_cm_mixed_1.pcap', '192.168.1.20', 'Festo', 'oui-builtin'],
    ['icsnpp/profinet/profinet_io_cm_mixed_1.pcap', '00:07:46:00:b0:c8', 'Turck', 'oui-builtin'],
    ['iti/profinet/ChangeIPUsingDCP.pcap', '08:00:06:93:cf:32', 'Siemens', 'device-identity'],
    ['iti/dnp3/full_exchange.pcap', '192.168.60.130', 'VMware', 'oui-builtin'],
  ])('%s: %s is %s (%s)', (path, address, vendor, source) => {
    expect(vendorOf(analyse(path).hosts, address)).toEqual([vendor, source]);
  });

  it('leaves hosts sharing a MAC, hosts with several MACs and unknown prefixes unnamed', () => {
    const dnp3 = analyse('iti/dnp3/dnp3_test_data_part1.pcap').hosts;
    expect(vendorOf(dnp3, '10.0.0.8')).toEqual([undefined, undefined]);
    expect(vendorOf(dnp3, '10.0.0.9')).toEqual([undefined, undefined]);
    const read = analyse('icsnpp/profinet/profinet_io_cm_read.pcapng').hosts;
    expect(vendorOf(read, '192.168.0.2')).toEqual([undefined, undefined]);
    expect(vendorOf(read, '192.168.0.50')).toEqual(['Siemens', 'oui-builtin']);
    const s7 = analyse('iti/s7comm/s7comm_downloading_block_db1.pcap');
    expect(vendorOf(s7.hosts, '192.168.1.10')).toEqual([undefined, undefined]);
  });

  it('uses a loaded table before the built-in one, and none when the built-in is switched off', () => {
    const bytes = new Uint8Array(readFileSync(new URL('iti/s7comm/s7comm_downloading_block_db1.pcap', root)));
    const asus = createOuiTable([{ value: 0x90e6ba000000, bits: 24, vendor: 'ASUSTek Computer' }]);
    const hosts = analyseCapture(bytes, { oui: asus }).hosts;
    expect(vendorOf(hosts, '192.168.1.10')).toEqual(['ASUSTek Computer', 'oui-file']);
    expect(vendorOf(hosts, '192.168.1.40')).toEqual(['Siemens', 'oui-builtin']);
    expect(
      analyseCapture(bytes, { builtinOui: false }).hosts.every((item) => item.vendor === undefined),
    ).toBe(true);
  });
});
