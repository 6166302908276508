import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { resolveSystem, type ChannelInput } from '@zonewise/core';
import { describe, expect, it } from 'vitest';
import type { FirewallNoteCode } from './firewall-notes';
import { importFirewallConfig } from './import-firewall-config';

const DATA = join(
  import.meta.dirname,
  '..',
  '..',
  '..',
  '..',
  '..',
  '..',
  'shared',
  'data',
  'ot-firewall-configs',
);
const load = (name: string) => importFirewallConfig(readFileSync(join(DATA, name), 'utf8'), name);

type Expected = Pick<ChannelInput, 'from' | 'to' | 'protocol'> &
  Partial<Pick<ChannelInput, 'port' | 'transport'>>;

const hasChannel = (result: ReturnType<typeof load>, expected: Expected): boolean =>
  result.channels.some(({ channel }) =>
    Object.entries(expected).every(([key, value]) => channel[key as keyof ChannelInput] === value),
  );

/** Read off each XML by hand: interface descriptions, networks, and what the first-matching rules let through. */
const CASES: readonly {
  file: string;
  zones: string[];
  channels: Expected[];
  absent: Expected[];
  notes: string[];
}[] = [
  {
    file: 'water_treatment_secure.xml',
    zones: [
      'wan-internet-connection',
      'corporate-network',
      'scada-network-level-2-control',
      'hmi-network-level-1-operations',
      'field-devices-level-0-i-o',
      'historian-dmz',
      'remote-access-vpn',
    ],
    channels: [
      { from: 'corporate-network', to: 'historian-dmz', protocol: 'https', port: 443, transport: 'tcp' },
      { from: 'corporate-network', to: 'historian-dmz', protocol: 'http', port: 8080, transport: 'tcp' },
      {
        from: 'scada-network-level-2-control',
        to: 'field-devices-level-0-i-o',
        protocol: 'modbus-tcp',
        port: 502,
      },
      {
        from: 'hmi-network-level-1-operations',
        to: 'scada-network-level-2-control',
        protocol: 's7comm',
        port: 102,
      },
      { from: 'scada-network-level-2-control', to: 'historian-dmz', protocol: 'mssql', port: 1433 },
      { from: 'remote-access-vpn', to: 'historian-dmz', protocol: 'https', port: 443 },
    ],
    absent: [
      { from: 'field-devices-level-0-i-o', to: 'corporate-network', protocol: 'any' },
      { from: 'wan-internet-connection', to: 'scada-network-level-2-control', protocol: 'any' },
    ],
    notes: [],
  },
  {
    file: 'manufacturing_insecure.xml',
    zones: [
      'internet',
      'main-network',
      'production-line-a',
      'production-line-b',
      'quality-control',
      'maintenance',
    ],
    channels: [
      { from: 'main-network', to: 'production-line-a', protocol: 'any' },
      { from: 'production-line-a', to: 'internet', protocol: 'https', port: 443, transport: 'tcp' },
      { from: 'internet', to: 'production-line-a', protocol: 'modbus-tcp', port: 502 },
      { from: 'internet', to: 'production-line-b', protocol: 'telnet', port: 23 },
      { from: 'maintenance', to: 'production-line-b', protocol: 'rdp', port: 3389 },
      { from: 'quality-control', to: 'production-line-b', protocol: 'any' },
    ],
    absent: [
      { from: 'quality-control', to: 'main-network', protocol: 'any' },
      { from: 'internet', to: 'main-network', protocol: 'any' },
    ],
    notes: [
      'any-to-any@filter-1',
      'internet-outbound@filter-2',
      'any-to-any@filter-3',
      'unrestricted-service@filter-4',
      'cleartext-remote-access@filter-5#telnet',
      'cleartext-remote-access@filter-5#rdp',
      'internet-inbound@filter-7',
      'cleartext-remote-access@filter-7#telnet',
    ],
  },
  {
    file: 'opnsense_paintshop_sample.xml',
    zones: [
      'wan',
      'lan-corporate',
      'ot-smz',
      'manufacturing-assembly',
      'paint-shop',
      'maintenance',
      'dmz-zzbotz',
    ],
    channels: [
      { from: 'ot-smz', to: 'paint-shop', protocol: 'modbus-tcp', port: 502, transport: 'tcp' },
      { from: 'ot-smz', to: 'dmz-zzbotz', protocol: 'https', port: 443 },
      { from: 'manufacturing-assembly', to: 'ot-smz', protocol: 'dns', port: 53, transport: 'udp' },
      { from: 'maintenance', to: 'ot-smz', protocol: 'rdp', port: 3389 },
      { from: 'paint-shop', to: 'lan-corporate', protocol: 'https', port: 443 },
      // Rule 17 passes assembly to any, but rule 13 blocked assembly to the paint shop first.
      { from: 'manufacturing-assembly', to: 'lan-corporate', protocol: 'any' },
    ],
    absent: [
      { from: 'manufacturing-assembly', to: 'paint-shop', protocol: 'any' },
      { from: 'maintenance', to: 'paint-shop', protocol: 'any' },
      { from: 'wan', to: 'ot-smz', protocol: 'any' },
    ],
    notes: [
      'any-to-any@filter-1',
      'cleartext-remote-access@filter-2#rdp',
      'rule-without-effect@filter-11',
      'any-to-any@filter-16',
      'any-to-any@filter-17',
      'any-to-any@filter-20',
    ],
  },
  {
    file: 'test_industrial_config.xml',
    zones: ['wan', 'site', 'corp', 'dmz', 'cell'],
    channels: [
      { from: 'site', to: 'cell', protocol: 'any' },
      { from: 'site', to: 'wan', protocol: 'any' },
    ],
    absent: [{ from: 'corp', to: 'site', protocol: 'any' }],
    notes: ['any-to-any@filter-1'],
  },
  {
    file: 'weak_test_config.xml',
    zones: ['wan', 'lan', 'corp', 'dmz', 'cell'],
    channels: [
      { from: 'lan', to: 'corp', protocol: 'any' },
      { from: 'lan', to: 'dmz', protocol: 'any' },
    ],
    absent: [{ from: 'dmz', to: 'lan', protocol: 'any' }],
    notes: ['any-to-any@filter-1', 'any-to-any@filter-2'],
  },
];

describe('importFirewallConfig on the shared OT firewall configurations', () => {
  it('covers every XML file in the data folder', () => {
    const files = readdirSync(DATA).filter((name) => name.endsWith('.xml'));
    expect(files.sort()).toEqual(CASES.map((item) => item.file).sort());
  });

  it.each(CASES)('$file gives its zones, channels and notes', ({ file, zones, channels, absent, notes }) => {
    const result = load(file);
    expect(result.diagnostics.filter((item) => item.severity === 'error')).toEqual([]);
    expect(result.vendor).toBe('opnsense');
    expect(result.zones.map((zone) => zone.id)).toEqual(zones);
    for (const channel of channels) expect(hasChannel(result, channel), JSON.stringify(channel)).toBe(true);
    for (const channel of absent) expect(hasChannel(result, channel), JSON.stringify(channel)).toBe(false);
    const ids = result.notes.map((note) => note.id);
    for (const id of notes) expect(ids).toContain(id);
  });

  it('puts each interface network in the zone boundary', () => {
    const zones = load('water_treatment_secure.xml').zones;
    expect(zones.find((zone) => zone.id === 'scada-network-level-2-control')?.boundary?.logical).toBe(
      '10.100.1.0/24',
    );
  });

  it('gives conduit candidates, one per zone pair, that enforce by firewall and resolve as a model', () => {
    const result = load('water_treatment_secure.xml');
    const pairs = result.conduits.map((conduit) => [...conduit.zones].sort().join('|'));
    expect(new Set(pairs).size).toBe(pairs.length);
    expect(result.conduits.every((conduit) => conduit.enforcement?.includes('firewall'))).toBe(true);
    const conduit = result.conduits.find(
      (item) => item.id === 'hmi-network-level-1-operations--scada-network-level-2-control',
    );
    expect(
      conduit?.channels?.map((channel) => `${channel.from}>${channel.to}:${String(channel.port)}`),
    ).toContain('scada-network-level-2-control>hmi-network-level-1-operations:502');
    const model = resolveSystem({
      formatVersion: 1,
      system: { name: 'imported' },
      zones: result.zones,
      conduits: result.conduits,
    });
    expect(model.ok).toBe(true);
  });

  it('marks conduits to the WAN zone as external', () => {
    const result = load('manufacturing_insecure.xml');
    expect(result.conduits.find((conduit) => conduit.zones.includes('internet'))?.isExternal).toBe(true);
    expect(result.legs.find((leg) => leg.interface === 'wan')?.isExternal).toBe(true);
  });

  it('gives the risky scenarios notes the secure one does not', () => {
    const risky: FirewallNoteCode[] = [
      'any-to-any',
      'internet-inbound',
      'cleartext-remote-access',
      'unrestricted-service',
    ];
    const secure = load('water_treatment_secure.xml').notes.map((note) => note.code);
    expect(secure.filter((code) => risky.includes(code))).toEqual([]);
    const insecure = new Set(load('manufacturing_insecure.xml').notes.map((note) => note.code));
    for (const code of risky) expect(insecure.has(code)).toBe(true);
    for (const file of [
      'weak_test_config.xml',
      'opnsense_paintshop_sample.xml',
      'test_industrial_config.xml',
    ]) {
      expect(load(file).notes.some((note) => note.code === 'any-to-any')).toBe(true);
    }
  });

  it('names each note by rule position and description and points at its line', () => {
    const note = load('manufacturing_insecure.xml').notes.find(
      (item) => item.id === 'internet-inbound@filter-7',
    );
    expect(note?.rule).toMatchObject({
      position: 7,
      description: 'Vendor remote access from internet (CRITICAL RISK!)',
      interfaces: ['wan'],
      line: 161,
    });
    expect(note?.to).toEqual(['production-line-a', 'production-line-b']);
  });

  it('does not flag RDP that ends at a jump host alias', () => {
    const notes = load('opnsense_paintshop_sample.xml').notes;
    expect(notes.some((note) => note.id.startsWith('cleartext-remote-access@filter-9'))).toBe(false);
  });

  it('warns with a line when a rule can never match because its source is behind another interface', () => {
    const diagnostics = load('opnsense_paintshop_sample.xml').diagnostics;
    expect(diagnostics).toContainEqual(
      expect.objectContaining({ code: 'firewall-rule-source-off-interface', severity: 'warning', line: 340 }),
    );
  });
});

const PFSENSE = `<?xml version="1.0"?>
<pfsense>
  <system><hostname>edge</hostname></system>
  <interfaces>
    <wan><if>igb0</if><descr>Internet</descr><ipaddr>203.0.113.2</ipaddr><subnet>30</subnet><gateway>WANGW</gateway></wan>
    <lan><if>igb1</if><descr>Control</descr><ipaddr>10.0.1.1</ipaddr><subnet>24</subnet><ipaddrv6>fd00:1::1</ipaddrv6><subnetv6>64</subnetv6></lan>
    <opt1><if>igb1_vlan20</if><descr>Safety</descr><ipaddr>10.0.2.1</ipaddr><subnet>24</subnet></opt1>
    <opt2><if>igb2</if><descr>Control</descr><ipaddr>10.0.3.1</ipaddr><subnet>24</subnet></opt2>
  </interfaces>
  <vlans><vlan><if>igb1</if><tag>20</tag><vlanif>igb1_vlan20</vlanif></vlan></vlans>
  <ifgroups><ifgroupentry><ifname>OT</ifname><members>opt1 opt2</members></ifgroupentry></ifgroups>
  <aliases>
    <alias><name>ENG</name><type>host</type><address>10.0.1.10 10.0.1.11</address></alias>
    <alias><name>WEB</name><type>port</type><address>80 443</address></alias>
    <alias><name>MGMT</name><type>port</type><address>WEB 22</address></alias>
    <alias><name>FEED</name><type>urltable</type><address>https://example.org/list</address></alias>
  </aliases>
  <filter>
    <rule><type>block</type><interface>lan,opt2</interface><floating>yes</floating><quick>yes</quick><direction>in</direction>
      <protocol>tcp</protocol><source><any/></source><destination><network>opt1</network><port>23</port></destination><descr>no telnet to safety</descr></rule>
    <rule><type>pass</type><interface>lan</interface><protocol>tcp</protocol><source><address>ENG</address></source>
      <destination><network>opt1</network><port>MGMT</port></destination><descr>engineering to safety</descr></rule>
    <rule><type>pass</type><interface>lan</interface><protocol>tcp</protocol><source><network>lan</network></source>
      <destination><network>opt1</network><port>23</port></destination><descr>telnet to safety</descr></rule>
    <rule><type>pass</type><interface>lan</interface><protocol>udp</protocol><source><network>lan</network></source>
      <destination><not/><network>opt1</network><port>1024:2048</port></destination><descr>udp high ports anywhere but safety</descr></rule>
    <rule><disabled/><type>pass</type><interface>opt2</interface><source><any/></source><destination><any/></destination><descr>old any rule</descr></rule>
    <rule><type>pass</type><interface>OT</interface><protocol>icmp</protocol><source><any/></source><destination><network>(self)</network></destination><descr>ping the firewall</descr></rule>
    <rule><type>pass</type><interface>opt2</interface><protocol>tcp</protocol><source><network>opt2</network></source>
      <destination><address>FEED</address><port>443</port></destination><descr>feed</descr></rule>
    <rule><type>pass</type><interface>opt9</interface><source><any/></source><destination><any/></destination><descr>ghost</descr></rule>
    <rule><type>pass</type><interface>wan</interface><ipprotocol>inet</ipprotocol><protocol>tcp</protocol><source><any/></source>
      <destination><address>10.0.3.5</address><port>5900</port></destination><descr>vendor vnc</descr></rule>
  </filter>
</pfsense>`;

describe('importFirewallConfig on a pfSense configuration', () => {
  const result = importFirewallConfig(PFSENSE, 'edge.xml');
  const find = (expected: Expected) => hasChannel(result, expected);

  it('reads the vendor, the hostname and unique zone ids for repeated descriptions', () => {
    expect(result.vendor).toBe('pfsense');
    expect(result.hostname).toBe('edge');
    expect(result.zones.map((zone) => zone.id)).toEqual(['internet', 'control', 'safety', 'control-opt2']);
  });

  it('keeps VLAN tags and IPv6 networks in the boundary', () => {
    expect(result.legs.find((leg) => leg.interface === 'opt1')).toMatchObject({
      vlan: 20,
      networks: ['10.0.2.0/24'],
    });
    expect(result.zones.find((zone) => zone.id === 'control')?.boundary?.logical).toBe(
      '10.0.1.0/24, fd00:1::/64',
    );
    expect(result.legs.find((leg) => leg.interface === 'wan')).toMatchObject({ isExternal: true });
  });

  it('resolves nested port aliases and host aliases', () => {
    expect(find({ from: 'control', to: 'safety', protocol: 'https', port: 443, transport: 'tcp' })).toBe(
      true,
    );
    expect(find({ from: 'control', to: 'safety', protocol: 'ssh', port: 22 })).toBe(true);
  });

  it('drops a channel that an earlier quick floating block covers', () => {
    expect(find({ from: 'control', to: 'safety', protocol: 'telnet', port: 23 })).toBe(false);
    expect(result.notes.map((note) => note.id)).toContain('rule-shadowed@filter-3');
  });

  it('reads port ranges written with a colon and honours a negated destination', () => {
    expect(
      find({ from: 'control', to: 'control-opt2', protocol: 'any', port: '1024-2048', transport: 'udp' }),
    ).toBe(true);
    expect(find({ from: 'control', to: 'internet', protocol: 'any', port: '1024-2048' })).toBe(true);
    expect(find({ from: 'control', to: 'safety', protocol: 'any', port: '1024-2048' })).toBe(false);
  });

  it('skips disabled rules and rules to the firewall itself', () => {
    expect(find({ from: 'control-opt2', to: 'control', protocol: 'any' })).toBe(false);
    expect(result.channels.some(({ channel }) => channel.protocol === 'icmp')).toBe(false);
  });

  it('warns about unknown interfaces and aliases it cannot resolve offline, with their lines', () => {
    expect(result.diagnostics).toContainEqual(
      expect.objectContaining({
        code: 'firewall-unknown-interface',
        severity: 'warning',
        line: 31,
        file: 'edge.xml',
      }),
    );
    expect(result.diagnostics).toContainEqual(
      expect.objectContaining({ code: 'firewall-unsupported-alias', severity: 'warning', line: 29 }),
    );
  });

  it('notes traffic from the internet into an internal zone and cleartext VNC', () => {
    const ids = result.notes.map((note) => note.id);
    expect(ids).toContain('internet-inbound@filter-9');
    expect(ids).toContain('cleartext-remote-access@filter-9#vnc');
    expect(find({ from: 'internet', to: 'control-opt2', protocol: 'vnc', port: 5900 })).toBe(true);
  });
});

describe('importFirewallConfig on input it cannot use', () => {
  it('reports malformed XML with its line and column and imports nothing', () => {
    const result = importFirewallConfig(
      '<opnsense>\n  <interfaces>\n    <lan>\n  </interfaces>\n</opnsense>',
      'bad.xml',
    );
    expect(result.zones).toEqual([]);
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ code: 'firewall-invalid-xml', severity: 'error', file: 'bad.xml', line: 4 }),
    ]);
  });

  it('rejects XML that is not an OPNsense or pfSense configuration', () => {
    const result = importFirewallConfig('<config><interfaces/></config>', 'other.xml');
    expect(result.diagnostics.map((item) => item.code)).toEqual(['firewall-unknown-format']);
  });

  it('rejects an empty file', () => {
    expect(importFirewallConfig('', 'empty.xml').diagnostics.map((item) => item.code)).toEqual([
      'firewall-invalid-xml',
    ]);
  });

  it('warns when the configuration assigns no interfaces', () => {
    const result = importFirewallConfig('<opnsense><filter/></opnsense>', 'bare.xml');
    expect(result.diagnostics.map((item) => item.code)).toEqual(['firewall-no-interfaces']);
  });
});
