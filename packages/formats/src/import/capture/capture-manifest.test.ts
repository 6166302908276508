import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyseCapture } from './capture-analyser';

/**
 * Every capture in ../shared/data/ics-pcaps/MANIFEST.tsv against what TShark 4.0 found in it (container, packets,
 * IPv4 addresses, ICS dissectors), plus the traps that SOURCE.md lists where TShark is silent or wrong.
 */
const root = new URL('../../../../../../shared/data/ics-pcaps/', import.meta.url);
const read = (path: string): Uint8Array => new Uint8Array(readFileSync(new URL(path, root)));

interface ManifestRow {
  readonly path: string;
  readonly container: string;
  readonly packets: number;
  readonly ipv4Hosts: number;
  readonly dissectors: readonly string[];
}

const rows: ManifestRow[] = new TextDecoder()
  .decode(read('MANIFEST.tsv'))
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => line.split('\t'))
  .map(([path = '', , , container = '', , packets = '', ipv4Hosts = '', dissectors = '']) => ({
    path,
    container,
    packets: Number(packets),
    ipv4Hosts: Number(ipv4Hosts),
    dissectors: dissectors === '' ? [] : dissectors.split(','),
  }));

/** TShark dissector name → the protocol id that must appear (any of several where TShark lumps them). */
const DISSECTORS: Readonly<Record<string, readonly string[]>> = {
  mbtcp: ['modbus-tcp'],
  modbus: ['modbus-tcp'],
  s7comm: ['s7comm', 's7comm-plus'],
  cip: ['ethernet-ip'],
  cipio: ['ethernet-ip'],
  cipcls: ['ethernet-ip'],
  cipcm: ['ethernet-ip'],
  enip: ['ethernet-ip'],
  dnp3: ['dnp3'],
  bacapp: ['bacnet'],
  bacnet: ['bacnet'],
  bvlc: ['bacnet'],
  iec60870_104: ['iec-104'],
  iec60870_asdu: ['iec-104'],
  opcua: ['opc-ua'],
  pn_dcp: ['profinet'],
  pn_io: ['profinet'],
  pn_ptcp: ['profinet'],
  pn_rt: ['profinet'],
  goose: ['goose'],
  acse: ['iec-61850-mms'],
  mms: ['iec-61850-mms'],
  pres: ['iec-61850-mms'],
  ses: ['iec-61850-mms'],
  synphasor: ['c37-118'],
  ams: ['ads'],
  hart_ip: ['hart-ip'],
  omron: ['fins'],
};

/** Protocols TShark 4.0 does not dissect (or dissects wrongly) in these files, from SOURCE.md. */
const EXTRA: Readonly<
  Record<string, { readonly present: readonly string[]; readonly absent?: readonly string[] }>
> = {
  'icsnpp/s7comm/s7comm_plus.pcap': { present: ['s7comm-plus'] },
  'iti/s7comm/s7-1200-hmi.pcap': { present: ['s7comm-plus'] },
  'iti/opcua/opc-ua-ap-method-wireshark-freeze.pcap': { present: ['opc-ua'] },
  'iti/profinet/profinet.pcap': { present: ['profinet'] },
  'icsnpp/profinet/profinet_io_cm_read.pcapng': { present: ['profinet'] },
  'iti/other/melsoft_UDP_clean_2.pcap': { present: ['slmp'] },
  'iti/other/niagara_fox_info.pcap': { present: ['niagara-fox'] },
  'iti/enip-cip/EIP-ViewDeviceStatus.pcap': { present: ['dnp3'], absent: ['ethernet-ip'] },
};

describe('every capture of the shared manifest', () => {
  it('lists all 49 captures', () => {
    expect(rows).toHaveLength(49);
  });

  it.each(rows)('$path', (row) => {
    const analysis = analyseCapture(read(row.path));
    expect(analysis.diagnostics.filter((diagnostic) => diagnostic.severity === 'error')).toEqual([]);
    expect(analysis.stats.format).toBe(row.container);
    expect(analysis.stats.packets).toBe(row.packets);
    expect(analysis.hosts.filter((host) => host.ipVersion === 4)).toHaveLength(row.ipv4Hosts);
    const found = new Set(analysis.protocols.map((protocol) => protocol.id));
    for (const dissector of row.dissectors) {
      const wanted = DISSECTORS[dissector];
      expect(wanted, `mapping for TShark dissector ${dissector}`).toBeDefined();
      expect(
        wanted?.some((id) => found.has(id)),
        `${dissector} → ${wanted?.join('|')}`,
      ).toBe(true);
    }
    const extra = EXTRA[row.path];
    for (const id of extra?.present ?? []) expect(found.has(id), id).toBe(true);
    for (const id of extra?.absent ?? []) expect(found.has(id), id).toBe(false);
  });
});

describe('identities in the shared ICSNPP traces match the Zeek baselines', () => {
  it('finds the Rockwell 1756-ENBT/A in icsnpp/enip', () => {
    const { devices } = analyseCapture(read('icsnpp/enip/enip_cip_example.pcap'));
    expect(devices.filter((device) => device.protocol === 'ethernet-ip')).toEqual([
      expect.objectContaining({
        ip: '10.1.1.164',
        vendor: 'Rockwell Automation/Allen-Bradley',
        productName: '1756-ENBT/A',
        revision: '4.3',
        serialNumber: '0x00524d8e',
        deviceType: 'Communications Adapter',
      }),
    ]);
  });

  it('finds every BACnet I-Am device of bacnet_discovery.log', () => {
    const baseline = new TextDecoder()
      .decode(read('icsnpp/bacnet/baseline/bacnet_discovery.log'))
      .split('\n')
      .filter((line) => !line.startsWith('#') && line.includes('\ti-am\t'))
      .map((line) => line.split('\t'))
      .map((fields) => `${fields[7]} ${fields[15]}`);
    const distinct = [...new Set(baseline)].map((text) => {
      const [ip, instance] = text.split(' ');
      return { ip, instance: Number(instance) };
    });
    const { devices } = analyseCapture(read('icsnpp/bacnet/bacnet_example.pcap'));
    expect(distinct).toHaveLength(30);
    expect(devices.map((device) => ({ ip: device.ip, instance: device.instance }))).toEqual(
      expect.arrayContaining(distinct),
    );
    expect(devices).toHaveLength(30);
  });

  it('finds the PLC of s7comm_known_devices.log', () => {
    const { devices } = analyseCapture(read('icsnpp/s7comm/s7ident.pcap'));
    expect(devices).toEqual([
      expect.objectContaining({
        name: 'SNAP7-SERVER',
        moduleName: 'CPU 315-2 PN/DP',
        serialNumber: 'S C-C2UR28922012',
      }),
    ]);
  });
});
