import { findAssetKind, type SystemFileInput } from '@zonewise/core';
import { createRandom, type Random } from './random';

/**
 * A deterministic generator of realistic assessment files for the benchmark (issue 2, "Benchmark" bar): a plant of
 * `assets` assets laid out in Purdue layers, zones of about 50 assets, about three conduits per zone with channels,
 * ten data flows per asset (mostly inside zones, some through conduits that allow them, a few violating), access
 * points, threat scenarios, vulnerabilities, countermeasures and requirement statuses in proportion. The same size
 * and seed always give the same file, so figures can be compared between runs and machines.
 */

type AssetIn = NonNullable<SystemFileInput['assets']>[number];
type ZoneIn = NonNullable<SystemFileInput['zones']>[number];
type ConduitIn = NonNullable<SystemFileInput['conduits']>[number];
type ChannelIn = NonNullable<ConduitIn['channels']>[number];
type AccessPointIn = NonNullable<SystemFileInput['accessPoints']>[number];
type DataFlowIn = NonNullable<SystemFileInput['dataFlows']>[number];
type ScenarioIn = NonNullable<SystemFileInput['threatScenarios']>[number];
type VulnerabilityIn = NonNullable<SystemFileInput['vulnerabilities']>[number];
type CountermeasureIn = NonNullable<SystemFileInput['countermeasures']>[number];
type RequirementStatusIn = NonNullable<SystemFileInput['requirementStatus']>[number];
type AccessPointKind = AccessPointIn['kind'];
type Enforcement = NonNullable<ConduitIn['enforcement']>[number];

/** The Purdue-model layers the generator lays zones out in. */
export const LAYERS = [
  'enterprise',
  'dmz',
  'site-operations',
  'area-supervisory',
  'control-cell',
  'safety',
  'wireless',
  'temporary',
  'remote-access',
] as const;

/** One Purdue layer of the synthetic plant. */
export type Layer = (typeof LAYERS)[number];

/** Options of {@link generateSyntheticModel}. */
export interface SyntheticModelOptions {
  /** Number of assets, at least 100. */
  readonly assets: number;
  /** Data flows per asset (10 by default, as in the benchmark bar). */
  readonly flowsPerAsset?: number;
  /** PRNG seed; the same seed and size give the same file. */
  readonly seed?: string;
}

/** What the generator built, counted while building, so tests can check the file against its intent. */
export interface SyntheticModelStats {
  readonly assets: number;
  readonly zones: number;
  readonly zonesByLayer: Readonly<Record<Layer, number>>;
  readonly sites: number;
  readonly areas: number;
  readonly conduits: number;
  readonly channels: number;
  readonly accessPoints: number;
  readonly dataFlows: number;
  /** Flows between two assets of one zone. */
  readonly intraZoneFlows: number;
  /** Flows between zones that a conduit joining both zones allows (protocol, port and direction). */
  readonly conduitFlows: number;
  /** Flows between zones that no conduit allows: no conduit, wrong protocol or wrong direction. */
  readonly violatingFlows: number;
  readonly threatScenarios: number;
  readonly vulnerabilities: number;
  readonly countermeasures: number;
  readonly requirementStatuses: number;
}

/** A generated assessment file with its statistics. */
export interface SyntheticModel {
  readonly file: SystemFileInput;
  readonly stats: SyntheticModelStats;
}

interface Protocol {
  readonly protocol: string;
  readonly port: number;
  readonly transport: 'tcp' | 'udp';
}

const proto = (protocol: string, port: number, transport: 'tcp' | 'udp' = 'tcp'): Protocol => ({
  protocol,
  port,
  transport,
});

const OPC_UA = proto('opc-ua', 4840);
const HTTPS = proto('https', 443);
const RDP = proto('rdp', 3389);
const SMB = proto('smb', 445);
const LDAP = proto('ldap', 389);
const KERBEROS = proto('kerberos', 88);
const SQL = proto('mssql', 1433);
const SMTP = proto('smtp', 25);
const MQTT = proto('mqtt', 8883);
const MODBUS = proto('modbus-tcp', 502);
const S7 = proto('s7comm', 102);
const ENIP = proto('ethernet-ip', 44818);
const PROFINET = proto('profinet', 34964, 'udp');
const ENIP_IO = proto('ethernet-ip-io', 2222, 'udp');
const PI = proto('pi-replication', 5450);
const WSUS = proto('wsus', 8530);
const HTTP = proto('http', 80);
const SYSLOG = proto('syslog', 514, 'udp');
const TELNET = proto('telnet', 23);

interface LayerProfile {
  readonly label: string;
  readonly purdueLevel: number;
  /** Relative number of assets per zone. */
  readonly weight: number;
  /** Kinds placed first in every zone of the layer, so that conduit channels always find their endpoints. */
  readonly anchors: readonly string[];
  readonly kinds: readonly (readonly [string, number])[];
  /** Protocols of flows inside one zone of the layer. */
  readonly protocols: readonly (readonly [Protocol, number])[];
  /** Worst-case impact range per impact category (ZCR 2). */
  readonly criticality: Readonly<Record<string, readonly [number, number]>>;
}

const PROFILES: Readonly<Record<Layer, LayerProfile>> = {
  enterprise: {
    label: 'Enterprise network',
    purdueLevel: 4,
    weight: 80,
    anchors: ['erp', 'email-server', 'it-server'],
    kinds: [
      ['business-workstation', 70],
      ['it-server', 15],
      ['erp', 3],
      ['email-server', 2],
      ['switch', 5],
    ],
    protocols: [
      [HTTPS, 5],
      [SMB, 3],
      [LDAP, 1],
      [SMTP, 1],
    ],
    criticality: { financial: [2, 4], reputation: [1, 3], regulatory: [1, 3] },
  },
  dmz: {
    label: 'Industrial DMZ',
    purdueLevel: 3.5,
    weight: 15,
    anchors: ['jump-host', 'historian', 'patch-server', 'server'],
    kinds: [
      ['jump-host', 15],
      ['historian', 15],
      ['patch-server', 15],
      ['server', 35],
      ['switch', 10],
    ],
    protocols: [
      [HTTPS, 3],
      [RDP, 2],
      [SMB, 2],
      [SYSLOG, 1],
    ],
    criticality: { production: [1, 3], financial: [1, 3] },
  },
  'site-operations': {
    label: 'Site operations',
    purdueLevel: 3,
    weight: 50,
    anchors: ['mes', 'historian', 'domain-controller', 'backup-server', 'lims', 'batch-server'],
    kinds: [
      ['mes', 6],
      ['lims', 4],
      ['historian', 6],
      ['domain-controller', 4],
      ['backup-server', 4],
      ['batch-server', 6],
      ['server', 25],
      ['workstation', 30],
      ['engineering-workstation', 5],
      ['switch', 6],
    ],
    protocols: [
      [SQL, 3],
      [HTTPS, 3],
      [LDAP, 2],
      [SMB, 2],
      [OPC_UA, 2],
    ],
    criticality: { production: [2, 4], 'product-quality': [2, 4], regulatory: [2, 4], financial: [2, 3] },
  },
  'area-supervisory': {
    label: 'Area supervisory control',
    purdueLevel: 2,
    weight: 40,
    anchors: ['scada-server', 'engineering-workstation', 'opc-server', 'hmi'],
    kinds: [
      ['hmi', 40],
      ['scada-server', 10],
      ['engineering-workstation', 10],
      ['opc-server', 10],
      ['workstation', 15],
      ['switch', 10],
    ],
    protocols: [
      [OPC_UA, 4],
      [RDP, 1],
      [SMB, 1],
      [HTTPS, 1],
    ],
    criticality: { production: [3, 4], 'product-quality': [2, 4], 'health-safety': [1, 3] },
  },
  'control-cell': {
    label: 'Control cell',
    purdueLevel: 1,
    weight: 60,
    anchors: ['plc', 'io-module', 'drive'],
    kinds: [
      ['plc', 15],
      ['io-module', 25],
      ['drive', 25],
      ['field-device', 20],
      ['robot-controller', 5],
      ['hmi', 5],
      ['switch', 5],
    ],
    protocols: [],
    criticality: {
      production: [3, 5],
      'health-safety': [1, 4],
      environment: [1, 3],
      'product-quality': [2, 4],
    },
  },
  safety: {
    label: 'Safety instrumented system',
    purdueLevel: 1,
    weight: 30,
    anchors: ['safety-controller', 'safety-engineering-workstation'],
    kinds: [
      ['safety-controller', 30],
      ['io-module', 35],
      ['field-device', 30],
      ['safety-engineering-workstation', 5],
    ],
    protocols: [
      [PROFINET, 4],
      [MODBUS, 1],
    ],
    criticality: { 'health-safety': [4, 5], environment: [3, 5], production: [3, 4] },
  },
  wireless: {
    label: 'Plant wireless',
    purdueLevel: 1,
    weight: 40,
    anchors: ['wireless-ap', 'wireless-client'],
    kinds: [
      ['wireless-ap', 15],
      ['wireless-client', 85],
    ],
    protocols: [
      [MQTT, 3],
      [OPC_UA, 1],
    ],
    criticality: { production: [2, 3], 'health-safety': [1, 3] },
  },
  temporary: {
    label: 'Temporary devices',
    purdueLevel: 2,
    weight: 15,
    anchors: ['portable-laptop', 'removable-media', 'portable-tool'],
    kinds: [
      ['portable-laptop', 50],
      ['removable-media', 25],
      ['portable-tool', 25],
    ],
    protocols: [[SMB, 1]],
    criticality: { production: [1, 3] },
  },
  'remote-access': {
    label: 'Remote access and cloud',
    purdueLevel: 5,
    weight: 10,
    anchors: ['remote-access-gateway', 'vendor-system', 'cloud-service', 'vpn-gateway'],
    kinds: [
      ['remote-access-gateway', 10],
      ['vpn-gateway', 10],
      ['vendor-system', 50],
      ['cloud-service', 30],
    ],
    protocols: [[HTTPS, 1]],
    criticality: { production: [1, 3], reputation: [1, 3] },
  },
};

const VENDORS = [
  'Acme Automation',
  'Northwind Controls',
  'Contoso Industrial',
  'Fabrikam Systems',
  'Globex Process',
];
const CONTROLLERS = ['plc', 'dcs-controller', 'robot-controller'];
/** Kinds without a network interface: they never appear in data flows. */
const OFFLINE_KINDS = new Set(['removable-media', 'portable-tool']);

interface ZonePlan {
  readonly id: string;
  readonly index: number;
  readonly layer: Layer;
  readonly site: number;
  readonly area: number;
  readonly name: string;
  /** List the assets in `zone.assets` instead of `asset.zone`, to exercise both placements. */
  readonly listsAssets: boolean;
  readonly assetIds: string[];
  readonly networked: string[];
  readonly byKind: Map<string, string[]>;
}

interface ChannelPlan extends Protocol {
  readonly from: ZonePlan;
  readonly to: ZonePlan;
  readonly fromKinds: readonly string[];
  readonly toKinds: readonly string[];
  readonly purpose: string;
  readonly isEncrypted: boolean;
}

interface ConduitPlan {
  readonly id: string;
  readonly name: string;
  readonly zones: readonly [ZonePlan, ZonePlan];
  readonly channels: readonly ChannelPlan[];
  readonly enforcement: readonly Enforcement[];
  readonly isExternal: boolean;
  readonly devices: string[];
}

interface SitePlan {
  readonly number: number;
  readonly dmz: ZonePlan;
  readonly ops: ZonePlan;
  readonly temp: ZonePlan;
  readonly wireless: ZonePlan;
  readonly enterprise: ZonePlan;
  readonly control: Protocol;
  readonly field: Protocol;
  readonly areas: AreaPlan[];
}

interface AreaPlan {
  readonly supervisory: ZonePlan;
  readonly cells: ZonePlan[];
  readonly safety: ZonePlan | undefined;
}

const pad = (value: number, width: number): string => String(value).padStart(width, '0');
const clamp = (value: number, min: number, max: number): number => Math.min(max, Math.max(min, value));

/** Splits `total` over the weights, each part at least `minimum`, by largest remainder (deterministic). */
const allocate = (total: number, weights: readonly number[], minimum: number): number[] => {
  const rest = total - minimum * weights.length;
  if (rest < 0) throw new RangeError(`cannot give ${weights.length} parts at least ${minimum} of ${total}`);
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((weight) => (rest * weight) / sum);
  const counts = exact.map((value) => minimum + Math.floor(value));
  let left = total - counts.reduce((a, b) => a + b, 0);
  const order = exact.map((value, index) => ({ fraction: value - Math.floor(value), index }));
  order.sort((a, b) => b.fraction - a.fraction || a.index - b.index);
  for (const { index } of order) {
    if (left <= 0) break;
    counts[index] = (counts[index] ?? 0) + 1;
    left -= 1;
  }
  return counts;
};

/** The smallest model the Purdue layout fits in. */
export const MIN_SYNTHETIC_ASSETS = 100;

/**
 * Generates a synthetic assessment file of `options.assets` assets. Deterministic: no clock, no Math.random; the
 * output depends only on the options.
 */
export const generateSyntheticModel = (options: SyntheticModelOptions): SyntheticModel => {
  const assetCount = Math.floor(options.assets);
  if (!(assetCount >= MIN_SYNTHETIC_ASSETS)) {
    throw new RangeError(
      `a synthetic model needs at least ${MIN_SYNTHETIC_ASSETS} assets, not ${options.assets}`,
    );
  }
  const flowsPerAsset = options.flowsPerAsset ?? 10;
  const random = createRandom(`${options.seed ?? 'zonewise-bench'}/${assetCount}`);
  const builder = new ModelBuilder(random, assetCount, flowsPerAsset);
  return builder.build();
};

class ModelBuilder {
  private readonly zones: ZonePlan[] = [];
  private readonly sites: SitePlan[] = [];
  private readonly conduits: ConduitPlan[] = [];
  private readonly assets: AssetIn[] = [];
  private readonly accessPoints: (AccessPointIn & { readonly site: number })[] = [];
  private readonly products = new Map<
    string,
    readonly { vendor: string; product: string; versions: string[] }[]
  >();
  private readonly assetsByProduct = new Map<string, string[]>();
  private remote!: ZonePlan;
  private enterprises: ZonePlan[] = [];
  private areaCount = 0;

  constructor(
    private readonly random: Random,
    private readonly assetCount: number,
    private readonly flowsPerAsset: number,
  ) {}

  build(): SyntheticModel {
    this.planZones();
    this.planConduits();
    this.placeAssets();
    const accessPoints = this.buildAccessPoints();
    const flows = this.buildFlows();
    const vulnerabilities = this.buildVulnerabilities();
    const countermeasures = this.buildCountermeasures(vulnerabilities);
    const scenarios = this.buildScenarios(vulnerabilities, countermeasures);
    const requirementStatus = this.buildRequirementStatus(countermeasures);
    const channels = this.conduits.reduce((sum, conduit) => sum + conduit.channels.length, 0);

    const zonesByLayer = Object.fromEntries(LAYERS.map((layer) => [layer, 0])) as Record<Layer, number>;
    for (const zone of this.zones) zonesByLayer[zone.layer] += 1;

    const file: SystemFileInput = {
      formatVersion: 1,
      assessment: {
        title: `Synthetic plant of ${this.assetCount} assets: IEC 62443-3-2 risk assessment`,
        documentId: `BENCH-${this.assetCount}`,
        version: '1.0',
        date: '2026-01-15',
        confidentiality: 'Internal',
        team: [
          { name: 'A. Engineer', role: 'OT security lead', organisation: 'Synthetic Manufacturing' },
          { name: 'B. Process', role: 'Process safety engineer', organisation: 'Synthetic Manufacturing' },
        ],
      },
      system: {
        id: 'suc',
        name: `Synthetic plant (${this.assetCount} assets)`,
        description: `A generated multi-site plant in ${this.sites.length} site(s) and ${this.areaCount} process areas, for benchmarks.`,
        intendedUse:
          'Batch and continuous production with supervisory control, safety instrumented systems and MES.',
        equipmentUnderControl: 'Process units, packaging lines, utilities.',
        site: 'Synthetic Manufacturing',
        owner: 'Synthetic Manufacturing plc',
        boundary: {
          logical:
            'All OT networks of the sites below the enterprise firewall, the DMZ and the remote-access path.',
          physical: 'Production buildings, control rooms and server rooms of every site.',
        },
        assumptions: ['Field wiring inside locked cabinets is physically protected.'],
        policies: [
          { id: 'pol-remote-access', title: 'Remote access policy' },
          { id: 'pol-patching', title: 'OT patch management policy' },
        ],
        regulations: [{ id: 'reg-nis2', title: 'NIS 2 Directive' }],
      },
      accessPoints: accessPoints.map(({ site: _site, ...point }) => point),
      zones: this.zones.map((zone) => this.zoneInput(zone)),
      conduits: this.conduits.map((conduit) => this.conduitInput(conduit)),
      assets: this.assets,
      dataFlows: flows.list,
      threatScenarios: scenarios,
      vulnerabilities,
      countermeasures,
      requirementStatus,
      approvals: [
        {
          id: 'approval-1',
          approver: 'C. Owner',
          role: 'Plant manager',
          meaning: 'approved',
          statement: 'Approved as the baseline for the CRS.',
          signedAt: '2026-01-20T10:00:00Z',
          modelSha256: this.random.hex(64),
        },
      ],
    };

    return {
      file,
      stats: {
        assets: this.assets.length,
        zones: this.zones.length,
        zonesByLayer,
        sites: this.sites.length,
        areas: this.areaCount,
        conduits: this.conduits.length,
        channels,
        accessPoints: accessPoints.length,
        dataFlows: flows.list.length,
        intraZoneFlows: flows.intra,
        conduitFlows: flows.conduit,
        violatingFlows: flows.violating,
        threatScenarios: scenarios.length,
        vulnerabilities: vulnerabilities.length,
        countermeasures: countermeasures.length,
        requirementStatuses: requirementStatus.length,
      },
    };
  }

  // Zones ---------------------------------------------------------------------------------------------------------

  private addZone(id: string, layer: Layer, site: number, area: number, name: string): ZonePlan {
    const zone: ZonePlan = {
      id,
      index: this.zones.length,
      layer,
      site,
      area,
      name,
      listsAssets: layer === 'enterprise' || layer === 'remote-access',
      assetIds: [],
      networked: [],
      byKind: new Map(),
    };
    this.zones.push(zone);
    return zone;
  }

  /** About one zone per 50 assets: global enterprise and remote-access zones, four per site, the rest in areas. */
  private planZones(): void {
    const n = this.assetCount;
    const siteCount = Math.max(1, Math.round(n / 10_000));
    const enterpriseCount = Math.max(1, Math.ceil(siteCount / 4));
    const zoneTarget = Math.max(10, Math.round(n / 50));
    const areaZones = Math.max(4 * siteCount, zoneTarget - enterpriseCount - 1 - 4 * siteCount);
    const areasPerSite = Math.max(1, Math.round(areaZones / (6 * siteCount)));

    for (let e = 1; e <= enterpriseCount; e += 1) {
      this.enterprises.push(this.addZone(`ent-${e}`, 'enterprise', 0, 0, `Enterprise network ${e}`));
    }
    this.remote = this.addZone('remote-access', 'remote-access', 0, 0, 'Vendor remote access and cloud');

    const zonesPerArea = allocate(
      areaZones,
      Array.from({ length: siteCount * areasPerSite }, () => 1),
      4,
    );
    const controlChoices = [S7, ENIP, MODBUS] as const;
    for (let s = 1; s <= siteCount; s += 1) {
      const prefix = `s${pad(s, 2)}`;
      const control = this.random.pick(controlChoices);
      const site: SitePlan = {
        number: s,
        dmz: this.addZone(`${prefix}-dmz`, 'dmz', s, 0, `Site ${s} industrial DMZ`),
        ops: this.addZone(
          `${prefix}-ops`,
          'site-operations',
          s,
          0,
          `Site ${s} operations (MES, historian, domain)`,
        ),
        temp: this.addZone(`${prefix}-temp`, 'temporary', s, 0, `Site ${s} maintenance laptops and media`),
        wireless: this.addZone(
          `${prefix}-wlan`,
          'wireless',
          s,
          0,
          `Site ${s} plant wireless (AGVs, tablets)`,
        ),
        enterprise: this.enterprises[(s - 1) % this.enterprises.length] as ZonePlan,
        control,
        field: control === ENIP ? ENIP_IO : PROFINET,
        areas: [],
      };
      for (let a = 1; a <= areasPerSite; a += 1) {
        const count = zonesPerArea[(s - 1) * areasPerSite + (a - 1)] ?? 4;
        const areaPrefix = `${prefix}-a${pad(a, 2)}`;
        const supervisory = this.addZone(
          `${areaPrefix}-sup`,
          'area-supervisory',
          s,
          a,
          `Site ${s} area ${a} supervisory`,
        );
        const hasSafety = a % 2 === 1;
        const safety = hasSafety
          ? this.addZone(
              `${areaPrefix}-sis`,
              'safety',
              s,
              a,
              `Site ${s} area ${a} safety instrumented system`,
            )
          : undefined;
        const cells: ZonePlan[] = [];
        for (let c = 1; c <= count - 1 - (hasSafety ? 1 : 0); c += 1) {
          cells.push(
            this.addZone(
              `${areaPrefix}-cell-${pad(c, 2)}`,
              'control-cell',
              s,
              a,
              `Site ${s} area ${a} cell ${c}`,
            ),
          );
        }
        site.areas.push({ supervisory, cells, safety });
        this.areaCount += 1;
      }
      this.sites.push(site);
    }
  }

  private zoneInput(zone: ZonePlan): ZoneIn {
    const input: ZoneIn = {
      id: zone.id,
      name: zone.name,
      description: `${PROFILES[zone.layer].label} zone.`,
      organisation:
        zone.layer === 'enterprise'
          ? 'IT department'
          : zone.layer === 'remote-access'
            ? 'IT and OT security'
            : `Site ${zone.site} operations`,
    };
    if (zone.listsAssets) input.assets = zone.assetIds;
    if (zone.layer === 'safety') {
      input.isSafetyRelated = true;
      input.securityLevelTarget = {
        levels: '{3 3 3 2 2 2 3}',
        justification: 'SIL 3 functions: SL-T set by the process safety team from the LOPA (ZCR 5.13).',
      };
      input.assumptions = ['The SIS shares no network with the BPCS except the monitoring conduit.'];
    }
    if (zone.layer === 'remote-access') input.policies = ['pol-remote-access'];
    if (zone.layer === 'site-operations') input.policies = ['pol-patching'];
    if (zone.layer === 'area-supervisory' && zone.area % 3 === 0)
      input.securityLevelAchieved = '{2 2 1 1 2 1 1}';
    return input;
  }

  // Conduits ------------------------------------------------------------------------------------------------------

  private channel(
    from: ZonePlan,
    to: ZonePlan,
    protocol: Protocol,
    fromKinds: readonly string[],
    toKinds: readonly string[],
    purpose: string,
  ): ChannelPlan {
    return {
      ...protocol,
      from,
      to,
      fromKinds,
      toKinds,
      purpose,
      isEncrypted: protocol === HTTPS || protocol === MQTT || protocol === OPC_UA,
    };
  }

  private addConduit(
    id: string,
    name: string,
    zones: readonly [ZonePlan, ZonePlan],
    channels: readonly ChannelPlan[],
    enforcement: readonly Enforcement[],
    isExternal = false,
  ): ConduitPlan {
    const conduit: ConduitPlan = { id, name, zones, channels, enforcement, isExternal, devices: [] };
    this.conduits.push(conduit);
    return conduit;
  }

  /** About three conduits per zone, each joining two layers with the channels a plant of this shape needs. */
  private planConduits(): void {
    const c = this.channel.bind(this);
    for (const site of this.sites) {
      const p = `s${pad(site.number, 2)}`;
      const { dmz, ops, temp, wireless, enterprise } = site;
      this.addConduit(
        `${p}-ent-dmz`,
        `Site ${site.number} enterprise to DMZ`,
        [enterprise, dmz],
        [
          c(
            enterprise,
            dmz,
            HTTPS,
            ['business-workstation', 'erp'],
            ['historian', 'server'],
            'Historian web view and MES reports',
          ),
          c(
            enterprise,
            dmz,
            RDP,
            ['business-workstation'],
            ['jump-host'],
            'Remote engineering through the jump host',
          ),
          c(
            dmz,
            enterprise,
            WSUS,
            ['patch-server'],
            ['it-server'],
            'Patch and antivirus updates from the enterprise',
          ),
        ],
        ['firewall', 'ids'],
      );
      this.addConduit(
        `${p}-dmz-ops-hist`,
        `Site ${site.number} historian replication`,
        [ops, dmz],
        [
          c(ops, dmz, PI, ['historian'], ['historian'], 'Historian replication to the DMZ'),
          c(ops, dmz, HTTPS, ['mes'], ['server'], 'MES to ERP through the DMZ application gateway'),
        ],
        ['firewall'],
      );
      this.addConduit(
        `${p}-dmz-ops-eng`,
        `Site ${site.number} remote engineering`,
        [dmz, ops],
        [
          c(
            dmz,
            ops,
            RDP,
            ['jump-host'],
            ['engineering-workstation', 'server'],
            'Remote engineering from the jump host',
          ),
        ],
        ['firewall', 'jump-host', 'mfa'],
      );
      this.addConduit(
        `${p}-dmz-ops-patch`,
        `Site ${site.number} patch distribution`,
        [ops, dmz],
        [
          c(
            ops,
            dmz,
            WSUS,
            ['server', 'workstation', 'domain-controller'],
            ['patch-server'],
            'Patch and antivirus distribution',
          ),
          c(ops, dmz, SYSLOG, ['domain-controller', 'server'], ['server'], 'Security event forwarding'),
        ],
        ['firewall'],
      );
      this.addConduit(
        `${p}-vendor`,
        `Site ${site.number} vendor remote access`,
        [this.remote, dmz],
        [
          c(
            this.remote,
            dmz,
            RDP,
            ['vendor-system', 'remote-access-gateway'],
            ['jump-host'],
            'Vendor support sessions',
          ),
        ],
        ['vpn', 'mfa', 'jump-host', 'firewall'],
        true,
      );
      this.addConduit(
        `${p}-cloud`,
        `Site ${site.number} cloud analytics`,
        [ops, this.remote],
        [
          c(
            ops,
            this.remote,
            MQTT,
            ['historian'],
            ['cloud-service'],
            'One-way export of process data to cloud analytics',
          ),
        ],
        ['data-diode'],
        true,
      );
      for (const [a, area] of site.areas.entries()) {
        const ap = `${p}-a${pad(a + 1, 2)}`;
        const sup = area.supervisory;
        this.addConduit(
          `${ap}-ops-sup`,
          `${sup.name}: MES and historian`,
          [ops, sup],
          [
            c(
              ops,
              sup,
              OPC_UA,
              ['mes', 'historian', 'batch-server'],
              ['opc-server', 'scada-server'],
              'MES orders and historian collection',
            ),
          ],
          ['firewall'],
        );
        this.addConduit(
          `${ap}-ops-sup-svc`,
          `${sup.name}: domain and backup`,
          [sup, ops],
          [
            c(
              sup,
              ops,
              KERBEROS,
              ['hmi', 'engineering-workstation', 'scada-server'],
              ['domain-controller'],
              'Domain authentication',
            ),
            c(
              sup,
              ops,
              LDAP,
              ['hmi', 'engineering-workstation', 'scada-server'],
              ['domain-controller'],
              'Directory lookups',
            ),
            c(
              ops,
              sup,
              SMB,
              ['backup-server'],
              ['scada-server', 'engineering-workstation'],
              'Nightly backups',
            ),
          ],
          ['firewall', 'acl'],
        );
        this.addConduit(
          `${ap}-wlan`,
          `${sup.name}: AGV fleet`,
          [wireless, sup],
          [
            c(wireless, sup, OPC_UA, ['wireless-client'], ['scada-server', 'opc-server'], 'AGV status'),
            c(sup, wireless, MQTT, ['scada-server'], ['wireless-client'], 'AGV transport orders'),
          ],
          ['firewall', 'encryption'],
        );
        if (area.safety) {
          this.addConduit(
            `${ap}-sup-sis`,
            `${sup.name}: SIS monitoring`,
            [sup, area.safety],
            [
              c(
                sup,
                area.safety,
                MODBUS,
                ['scada-server', 'hmi'],
                ['safety-controller'],
                'Read-only SIS status',
              ),
            ],
            ['firewall', 'acl'],
          );
          const first = area.cells[0];
          if (first) {
            this.addConduit(
              `${ap}-cell-sis`,
              `${first.name}: safety interlocks`,
              [first, area.safety],
              [
                c(
                  first,
                  area.safety,
                  site.field,
                  ['plc'],
                  ['safety-controller'],
                  'Interlock status to the SIS',
                ),
              ],
              ['physical-isolation'],
            );
          }
        }
        for (const [index, cell] of area.cells.entries()) {
          this.addConduit(
            `${cell.id}-ctl`,
            `${cell.name}: supervisory control`,
            [sup, cell],
            [
              c(
                sup,
                cell,
                site.control,
                ['scada-server', 'hmi', 'opc-server'],
                ['plc', 'robot-controller'],
                'Supervisory control and data acquisition',
              ),
            ],
            ['firewall'],
          );
          this.addConduit(
            `${cell.id}-eng`,
            `${cell.name}: engineering`,
            [sup, cell],
            [
              c(
                sup,
                cell,
                site.control,
                ['engineering-workstation'],
                ['plc', 'robot-controller'],
                'Program download and diagnostics',
              ),
              c(
                sup,
                cell,
                HTTP,
                ['engineering-workstation'],
                ['drive', 'io-module'],
                'Drive and I/O configuration',
              ),
            ],
            ['firewall', 'acl'],
          );
          const next = area.cells[index + 1];
          if (next) {
            this.addConduit(
              `${cell.id}-next`,
              `${cell.name}: line interlock`,
              [cell, next],
              [c(cell, next, site.field, ['plc'], ['plc'], 'Line interlock between neighbouring cells')],
              ['acl'],
            );
          }
          if (index % 2 === 0) {
            this.addConduit(
              `${cell.id}-maint`,
              `${cell.name}: maintenance laptops`,
              [temp, cell],
              [
                c(
                  temp,
                  cell,
                  site.control,
                  ['portable-laptop'],
                  ['plc', 'robot-controller'],
                  'Diagnostics from a maintenance laptop',
                ),
              ],
              ['acl', 'physical-isolation'],
            );
          }
        }
      }
    }
  }

  private conduitInput(conduit: ConduitPlan): ConduitIn {
    const channels: ChannelIn[] = conduit.channels.map((channel) => ({
      protocol: channel.protocol,
      port: channel.port,
      transport: channel.transport,
      from: channel.from.id,
      to: channel.to.id,
      isEncrypted: channel.isEncrypted,
      purpose: channel.purpose,
    }));
    const input: ConduitIn = {
      id: conduit.id,
      name: conduit.name,
      zones: conduit.zones.map((zone) => zone.id),
      channels,
      enforcement: [...conduit.enforcement],
    };
    if (conduit.isExternal) input.isExternal = true;
    if (conduit.devices.length > 0) input.devices = conduit.devices;
    return input;
  }

  // Assets --------------------------------------------------------------------------------------------------------

  private productsOf(kind: string): readonly { vendor: string; product: string; versions: string[] }[] {
    const known = this.products.get(kind);
    if (known) return known;
    const title = findAssetKind(kind)?.title ?? kind;
    const list = this.random.sample(VENDORS, this.random.int(1, 3)).map((vendor, index) => ({
      vendor,
      product: `${title.split(' (')[0]?.split(' /')[0] ?? title} ${['100', '300', '1500', 'X', 'Pro'][(vendor.length + index) % 5]}`,
      versions: Array.from(
        { length: 3 },
        () => `${this.random.int(1, 9)}.${this.random.int(0, 9)}.${this.random.int(0, 20)}`,
      ),
    }));
    this.products.set(kind, list);
    return list;
  }

  private addAsset(
    zone: ZonePlan | undefined,
    conduit: ConduitPlan | undefined,
    kind: string,
    number: number,
  ): string {
    const home = zone?.id ?? conduit?.id ?? '';
    const id = `${home}-${kind}-${pad(number, 3)}`;
    const definition = findAssetKind(kind);
    const layer = zone?.layer;
    const profile = layer ? PROFILES[layer] : undefined;
    const product = this.random.pick(this.productsOf(kind));
    const version = this.random.pick(product.versions);
    const asset: AssetIn = {
      id,
      name: `${definition?.title ?? kind} ${home} ${number}`,
      kind,
      vendor: product.vendor,
      product: product.product,
      version,
      purdueLevel:
        kind === 'field-device' || kind === 'drive'
          ? 0
          : (profile?.purdueLevel ?? definition?.purdueLevel ?? 3),
    };
    if (zone && !zone.listsAssets) asset.zone = zone.id;
    if (conduit) asset.zone = conduit.id;
    if (profile && !this.random.chance(0.05)) {
      asset.criticality = Object.fromEntries(
        Object.entries(profile.criticality).map(([category, [min, max]]) => [
          category,
          this.random.int(min, max),
        ]),
      );
    }
    if (!OFFLINE_KINDS.has(kind)) {
      const zoneIndex = zone?.index ?? this.zones.length + this.conduits.indexOf(conduit as ConduitPlan);
      const address = (10 << 24) + zoneIndex * 512 + number + 1;
      asset.interfaces = [
        {
          ip: [address >>> 24, (address >>> 16) & 255, (address >>> 8) & 255, address & 255].join('.'),
          network: home,
        },
      ];
    }
    if (layer === 'safety' && (kind === 'io-module' || kind === 'field-device'))
      asset.attributes = { isSafetyRelated: true };
    if (kind === 'plc' || kind === 'safety-controller' || kind === 'dcs-controller') {
      if (this.random.chance(0.4))
        asset.securityLevelCapability = kind === 'safety-controller' ? '{3 3 3 2 2 2 3}' : 2;
    }
    if (layer === 'wireless' && kind === 'wireless-client') asset.tags = ['agv'];
    this.assets.push(asset);
    const productKey = `${product.vendor}|${product.product}`;
    const sameProduct = this.assetsByProduct.get(productKey);
    if (sameProduct) sameProduct.push(id);
    else this.assetsByProduct.set(productKey, [id]);
    if (zone) {
      zone.assetIds.push(id);
      if (!OFFLINE_KINDS.has(kind)) zone.networked.push(id);
      const ofKind = zone.byKind.get(kind);
      if (ofKind) ofKind.push(id);
      else zone.byKind.set(kind, [id]);
    }
    return id;
  }

  /** Network devices implement the DMZ and cloud conduits; every other asset goes to a zone by layer weight. */
  private placeAssets(): void {
    const deviceConduits = this.conduits.filter(
      (conduit) =>
        conduit.id.endsWith('-ent-dmz') || conduit.id.endsWith('-cloud') || conduit.id.endsWith('-vendor'),
    );
    const weights = this.zones.map((zone) => PROFILES[zone.layer].weight * (0.75 + this.random.next() * 0.5));
    const counts = allocate(this.assetCount - deviceConduits.length, weights, 4);
    for (const conduit of deviceConduits) {
      const kind = conduit.isExternal
        ? conduit.enforcement.includes('data-diode')
          ? 'data-diode'
          : 'remote-access-gateway'
        : 'firewall';
      conduit.devices.push(this.addAsset(undefined, conduit, kind, 1));
    }
    for (const zone of this.zones) {
      const profile = PROFILES[zone.layer];
      const count = counts[zone.index] ?? 4;
      const site = this.sites[zone.site - 1];
      const controller = site && site.number % 3 === 0 ? 'dcs-controller' : 'plc';
      const kinds = profile.kinds.map(
        ([kind, weight]) => [kind === 'plc' ? controller : kind, weight] as const,
      );
      const numbers = new Map<string, number>();
      for (let k = 0; k < count; k += 1) {
        const anchor = profile.anchors[k];
        const kind =
          anchor === undefined ? this.random.weighted(kinds) : anchor === 'plc' ? controller : anchor;
        const number = (numbers.get(kind) ?? 0) + 1;
        numbers.set(kind, number);
        this.addAsset(zone, undefined, kind, number);
      }
    }
  }

  // Access points ----------------------------------------------------------------------------------------------------

  private buildAccessPoints(): (AccessPointIn & { readonly site: number })[] {
    const add = (
      id: string,
      name: string,
      kind: AccessPointKind,
      zone: ZonePlan,
      site: number,
      exposure?: number,
    ) => {
      const point: AccessPointIn & { site: number } = {
        id,
        name,
        kind,
        zone: zone.id,
        isLogical: kind !== 'physical' && kind !== 'removable-media',
        site,
      };
      if (exposure !== undefined) point.exposure = exposure;
      this.accessPoints.push(point);
    };
    for (const enterprise of this.enterprises)
      add(`ap-${enterprise.id}`, `${enterprise.name} uplink`, 'enterprise-network', enterprise, 0, 4);
    add('ap-vendor', 'Vendor remote-access portal', 'vendor-link', this.remote, 0, 3);
    add('ap-cloud', 'Cloud analytics tenant', 'cloud', this.remote, 0, 2);
    add('ap-internet', 'Internet breakout of the remote-access zone', 'internet', this.remote, 0, 5);
    for (const site of this.sites) {
      const p = `s${pad(site.number, 2)}`;
      add(`ap-${p}-wifi`, `Site ${site.number} plant Wi-Fi`, 'wireless', site.wireless, site.number, 3);
      add(`ap-${p}-usb`, `Site ${site.number} removable media`, 'removable-media', site.temp, site.number);
      add(
        `ap-${p}-laptop`,
        `Site ${site.number} maintenance laptops`,
        'maintenance-laptop',
        site.temp,
        site.number,
      );
      for (const area of site.areas) {
        const cell = area.cells[0];
        if (cell)
          add(`ap-${cell.id}-cabinet`, `${cell.name} control cabinet`, 'physical', cell, site.number, 1);
        if (area.safety)
          add(
            `ap-${area.safety.id}-serial`,
            `${area.safety.name} serial maintenance port`,
            'serial',
            area.safety,
            site.number,
            1,
          );
      }
    }
    return this.accessPoints;
  }

  // Data flows -------------------------------------------------------------------------------------------------------

  private pickOfKinds(zone: ZonePlan, kinds: readonly string[]): string {
    const candidates = kinds.flatMap((kind) => zone.byKind.get(kind) ?? []);
    return candidates.length > 0
      ? this.random.pick(candidates)
      : this.random.pick(zone.networked.length > 0 ? zone.networked : zone.assetIds);
  }

  private accessPointFor(zone: ZonePlan): string | undefined {
    if (zone.layer === 'remote-access') return 'ap-vendor';
    if (zone.layer === 'temporary') return `ap-s${pad(zone.site, 2)}-laptop`;
    if (zone.layer === 'wireless') return `ap-s${pad(zone.site, 2)}-wifi`;
    return undefined;
  }

  private buildFlows(): { list: DataFlowIn[]; intra: number; conduit: number; violating: number } {
    const total = this.assetCount * this.flowsPerAsset;
    const violatingTarget = Math.max(3, Math.round(total * 0.01));
    const conduitTarget = Math.round(total * 0.14);
    const intraTarget = total - violatingTarget - conduitTarget;
    const width = String(total).length;
    const list: DataFlowIn[] = [];
    const seen = new Set<string>();
    const add = (
      from: string,
      to: string,
      protocol: Protocol,
      purpose?: string,
      accessPoint?: string,
    ): boolean => {
      const key = `${from}>${to}|${protocol.protocol}|${protocol.port}`;
      if (from === to || seen.has(key)) return false;
      seen.add(key);
      const flow: DataFlowIn = {
        id: `f-${pad(list.length + 1, width)}`,
        from,
        to,
        protocol: protocol.protocol,
        port: protocol.port,
      };
      if (purpose !== undefined) flow.purpose = purpose;
      if (accessPoint !== undefined) flow.accessPoint = accessPoint;
      list.push(flow);
      return true;
    };

    // Inside zones: in proportion to the zone's networked assets; cells are controller-centred star patterns.
    const zones = this.zones.filter((zone) => zone.networked.length >= 2);
    const quotas = allocate(
      intraTarget,
      zones.map((zone) => zone.networked.length),
      0,
    );
    let intra = 0;
    for (const [index, zone] of zones.entries()) {
      const quota = quotas[index] ?? 0;
      const site = this.sites[zone.site - 1];
      const controllers = CONTROLLERS.flatMap((kind) => zone.byKind.get(kind) ?? []);
      let made = 0;
      for (let attempt = 0; made < quota && attempt < quota * 20; attempt += 1) {
        let from: string;
        let to: string;
        let protocol: Protocol;
        if (zone.layer === 'control-cell' && site) {
          const star = controllers.length > 0 && this.random.chance(0.75);
          from = star ? this.random.pick(controllers) : this.random.pick(zone.networked);
          to = this.random.pick(zone.networked);
          protocol = star ? site.field : site.control;
        } else {
          from = this.random.pick(zone.networked);
          to = this.random.pick(zone.networked);
          protocol = this.random.weighted(PROFILES[zone.layer].protocols);
        }
        if (add(from, to, protocol)) made += 1;
      }
      intra += made;
    }

    // Through conduits, on a channel that allows the protocol, port and direction.
    let conduitFlows = 0;
    const conduitGoal = conduitTarget + (intraTarget - intra);
    for (let attempt = 0; conduitFlows < conduitGoal && attempt < conduitGoal * 20; attempt += 1) {
      const conduit = this.random.pick(this.conduits);
      const channel = this.random.pick(conduit.channels);
      const from = this.pickOfKinds(channel.from, channel.fromKinds);
      const to = this.pickOfKinds(channel.to, channel.toKinds);
      if (add(from, to, channel, channel.purpose, this.accessPointFor(channel.from))) conduitFlows += 1;
    }

    // Violations: no conduit between the zones, a protocol no channel allows, or the reverse direction.
    const allowed = new Set<string>();
    const joined = new Set<string>();
    for (const conduit of this.conduits) {
      const [a, b] = conduit.zones;
      joined.add(`${a.id}|${b.id}`);
      joined.add(`${b.id}|${a.id}`);
      for (const channel of conduit.channels)
        allowed.add(`${channel.from.id}|${channel.to.id}|${channel.protocol}|${channel.port}`);
    }
    const cells = this.zones.filter((zone) => zone.layer === 'control-cell');
    const unjoinedSources = [
      ...this.enterprises,
      ...this.sites.map((site) => site.dmz),
      ...this.sites.map((site) => site.wireless),
    ];
    let violating = 0;
    const violatingGoal = violatingTarget + (conduitGoal - conduitFlows);
    for (let attempt = 0; violating < violatingGoal && attempt < violatingGoal * 50; attempt += 1) {
      const kind = this.random.weighted([
        ['no-conduit', 4],
        ['protocol', 3],
        ['direction', 3],
      ] as const);
      if (kind === 'no-conduit') {
        const source = this.random.pick(unjoinedSources);
        const target = this.random.pick(cells.length > 0 ? cells : this.zones);
        if (source === target || joined.has(`${source.id}|${target.id}`)) continue;
        const protocol = this.sites[Math.max(0, target.site - 1)]?.control ?? MODBUS;
        if (
          add(
            this.random.pick(source.networked),
            this.pickOfKinds(target, ['plc', 'dcs-controller']),
            protocol,
            'Undocumented direct access',
          )
        )
          violating += 1;
      } else {
        const conduit = this.random.pick(this.conduits);
        const channel = this.random.pick(conduit.channels);
        const reverse = kind === 'direction';
        const [fromZone, toZone] = reverse ? [channel.to, channel.from] : [channel.from, channel.to];
        const protocol = reverse ? channel : TELNET;
        if (allowed.has(`${fromZone.id}|${toZone.id}|${protocol.protocol}|${protocol.port}`)) continue;
        const from = this.pickOfKinds(fromZone, reverse ? channel.toKinds : channel.fromKinds);
        const to = this.pickOfKinds(toZone, reverse ? channel.fromKinds : channel.toKinds);
        if (
          add(
            from,
            to,
            protocol,
            reverse ? 'Reply path opened as its own connection' : 'Legacy remote console',
          )
        )
          violating += 1;
      }
    }
    return { list, intra, conduit: conduitFlows, violating };
  }

  // Vulnerabilities, countermeasures, scenarios, requirement status ------------------------------------------------------

  private buildVulnerabilities(): VulnerabilityIn[] {
    const count = Math.max(2, Math.round(this.assetCount / 50));
    const products = [...this.assetsByProduct.entries()].filter(([, ids]) => ids.length > 0);
    const width = String(count).length;
    return Array.from({ length: count }, (_, index): VulnerabilityIn => {
      const [key, ids] = this.random.pick(products);
      const [vendor, product] = key.split('|');
      const score = Math.round((4 + this.random.next() * 5.8) * 10) / 10;
      const year = 2019 + (index % 7);
      const vulnerability: VulnerabilityIn = {
        id: `vuln-${pad(index + 1, width)}`,
        cve: `CVE-${year}-${pad(10_000 + this.random.int(0, 89_999), 5)}`,
        advisory: `ICSA-${String(year).slice(2)}-${pad(this.random.int(1, 365), 3)}-${pad(this.random.int(1, 9), 2)}`,
        title: `${vendor ?? ''} ${product ?? ''}: ${this.random.pick(['improper authentication', 'stack-based buffer overflow', 'missing authentication for critical function', 'cleartext transmission of credentials', 'path traversal'])}`,
        cvss: { version: '3.1', score },
        assets: this.random.sample(ids, this.random.int(1, 25)),
        remediation: `Update ${product ?? 'the product'} to the vendor's fixed release or apply the advisory's mitigations.`,
      };
      if (this.random.chance(0.05)) vulnerability.isKnownExploited = true;
      return vulnerability;
    });
  }

  private buildCountermeasures(vulnerabilities: readonly VulnerabilityIn[]): CountermeasureIn[] {
    const templates: Readonly<
      Record<
        Layer,
        {
          title: string;
          type: CountermeasureIn['type'];
          requirements: string[];
          likelihood: number;
          impact?: number;
        }
      >
    > = {
      enterprise: {
        title: 'Endpoint detection and response on business workstations',
        type: 'technical',
        requirements: ['SR 3.2', 'SR 6.2'],
        likelihood: 1,
      },
      dmz: {
        title: 'Hardened jump host with session recording',
        type: 'technical',
        requirements: ['SR 1.1 RE 1', 'SR 2.8', 'SR 6.1'],
        likelihood: 1,
      },
      'site-operations': {
        title: 'Central log collection and security monitoring',
        type: 'technical',
        requirements: ['SR 2.8', 'SR 6.1', 'SR 6.2'],
        likelihood: 1,
      },
      'area-supervisory': {
        title: 'Application allowlisting on HMIs and engineering workstations',
        type: 'technical',
        requirements: ['SR 3.2', 'SR 7.7'],
        likelihood: 1,
      },
      'control-cell': {
        title: 'Controller key switch in RUN and management of change',
        type: 'procedural',
        requirements: ['SR 2.1', 'SR 3.4'],
        likelihood: 1,
      },
      safety: {
        title: 'SIS write protection and bypass alarming',
        type: 'technical',
        requirements: ['SR 3.1', 'SR 3.4', 'SR 2.8'],
        likelihood: 2,
        impact: 1,
      },
      wireless: {
        title: 'WPA3-Enterprise with certificate-based client authentication',
        type: 'technical',
        requirements: ['SR 1.1', 'SR 1.6', 'SR 4.1'],
        likelihood: 1,
      },
      temporary: {
        title: 'USB port control and media scanning kiosk',
        type: 'physical',
        requirements: ['SR 2.3', 'SR 3.2'],
        likelihood: 1,
      },
      'remote-access': {
        title: 'Multifactor authentication for vendor remote access',
        type: 'technical',
        requirements: ['SR 1.1 RE 2', 'SR 1.13'],
        likelihood: 2,
      },
    };
    const list: CountermeasureIn[] = [];
    const add = (countermeasure: Omit<CountermeasureIn, 'id'>): void => {
      list.push({ id: `cm-${pad(list.length + 1, 5)}`, ...countermeasure });
    };
    const status = (): CountermeasureIn['status'] => (this.random.chance(0.7) ? 'existing' : 'planned');
    for (const zone of this.zones) {
      const template = templates[zone.layer];
      const state = status();
      add({
        title: `${template.title} (${zone.id})`,
        type: template.type,
        status: state,
        requirements: template.requirements,
        appliesTo: [zone.id],
        likelihoodReduction: template.likelihood,
        impactReduction: template.impact ?? 0,
        ...(zone.layer === 'safety' ? { isCompensating: true } : {}),
        ...(state === 'planned' ? { owner: `Site ${zone.site || 1} OT lead`, dueDate: '2026-12-31' } : {}),
      });
    }
    for (const conduit of this.conduits) {
      if (!conduit.isExternal && !conduit.id.includes('-dmz')) continue;
      add({
        title: conduit.enforcement.includes('data-diode')
          ? `Unidirectional gateway on ${conduit.id}`
          : `Firewall rule set reviewed quarterly on ${conduit.id}`,
        type: 'technical',
        status: 'existing',
        requirements: conduit.enforcement.includes('data-diode')
          ? ['SR 5.1', 'SR 5.2 RE 1']
          : ['SR 5.1', 'SR 5.2'],
        appliesTo: [conduit.id],
        likelihoodReduction: 1,
      });
    }
    for (const vulnerability of vulnerabilities) {
      if (!this.random.chance(0.1)) continue;
      add({
        title: `Virtual patching for ${vulnerability.cve ?? vulnerability.id}`,
        type: 'technical',
        status: status(),
        requirements: ['SR 3.2'],
        appliesTo: vulnerability.assets.slice(0, 20),
        likelihoodReduction: 1,
        isCompensating: true,
      });
    }
    add({
      title: 'Remote-access accounts reviewed monthly',
      type: 'procedural',
      status: 'existing',
      requirements: ['SR 1.3'],
      appliesTo: ['ap-vendor'],
      likelihoodReduction: 1,
    });
    return list;
  }

  private buildScenarios(
    vulnerabilities: readonly VulnerabilityIn[],
    countermeasures: readonly CountermeasureIn[],
  ): ScenarioIn[] {
    const templates: readonly {
      readonly title: string;
      readonly source: string;
      readonly entry: AccessPointKind;
      readonly layer: Layer | 'conduit';
      readonly techniques: readonly string[];
      readonly frs: readonly string[];
      readonly consequences: Readonly<Record<string, number>>;
    }[] = [
      {
        title: 'Vendor remote-access credentials abused to reach supervisory systems',
        source: 'cybercriminal',
        entry: 'vendor-link',
        layer: 'area-supervisory',
        techniques: ['T0822', 'T0886', 'T0859'],
        frs: ['FR1', 'FR5'],
        consequences: { production: 4, 'health-safety': 2 },
      },
      {
        title: 'Ransomware spreads from the enterprise network into site operations',
        source: 'cybercriminal',
        entry: 'enterprise-network',
        layer: 'site-operations',
        techniques: ['T0866', 'T0828'],
        frs: ['FR3', 'FR5', 'FR7'],
        consequences: { production: 5, financial: 4 },
      },
      {
        title: 'Infected USB stick brought into a control cell',
        source: 'careless-insider',
        entry: 'removable-media',
        layer: 'control-cell',
        techniques: ['T0847', 'T0863'],
        frs: ['FR2', 'FR3'],
        consequences: { production: 4, 'product-quality': 3 },
      },
      {
        title: 'Unauthorised logic download from a maintenance laptop',
        source: 'malicious-insider',
        entry: 'maintenance-laptop',
        layer: 'control-cell',
        techniques: ['T0843', 'T0821'],
        frs: ['FR1', 'FR2', 'FR3'],
        consequences: { 'health-safety': 3, production: 4, 'product-quality': 4 },
      },
      {
        title: 'Rogue client joins the plant wireless network',
        source: 'hacktivist',
        entry: 'wireless',
        layer: 'wireless',
        techniques: ['T0860', 'T0830'],
        frs: ['FR1', 'FR4'],
        consequences: { production: 3, 'health-safety': 2 },
      },
      {
        title: 'Targeted manipulation of the safety instrumented system',
        source: 'nation-state',
        entry: 'vendor-link',
        layer: 'safety',
        techniques: ['T0880', 'T0837', 'T0857'],
        frs: ['FR1', 'FR2', 'FR3', 'FR5'],
        consequences: { 'health-safety': 5, environment: 4, production: 4 },
      },
      {
        title: 'Historian replication conduit used as a pivot into operations',
        source: 'cybercriminal',
        entry: 'enterprise-network',
        layer: 'conduit',
        techniques: ['T0885', 'T0886'],
        frs: ['FR5'],
        consequences: { production: 3, financial: 3 },
      },
      {
        title: 'Cloud analytics link abused to exfiltrate process data',
        source: 'cybercriminal',
        entry: 'cloud',
        layer: 'site-operations',
        techniques: ['T0882'],
        frs: ['FR4'],
        consequences: { financial: 3, reputation: 3 },
      },
    ];
    const vulnerabilitiesByAsset = new Map<string, string[]>();
    for (const vulnerability of vulnerabilities) {
      for (const assetId of vulnerability.assets) {
        const list = vulnerabilitiesByAsset.get(assetId);
        if (list) list.push(vulnerability.id);
        else vulnerabilitiesByAsset.set(assetId, [vulnerability.id]);
      }
    }
    const existingFor = new Map<string, string[]>();
    for (const countermeasure of countermeasures) {
      if (countermeasure.status !== 'existing') continue;
      for (const target of countermeasure.appliesTo) {
        const list = existingFor.get(target);
        if (list) list.push(countermeasure.id);
        else existingFor.set(target, [countermeasure.id]);
      }
    }
    const byLayer = new Map<Layer, ZonePlan[]>(
      LAYERS.map((layer) => [layer, this.zones.filter((zone) => zone.layer === layer)]),
    );
    const replication = this.conduits.filter((conduit) => conduit.id.endsWith('-dmz-ops-hist'));
    const count = Math.max(3, Math.round(this.assetCount / 100));
    const width = String(count).length;
    const scenarios: ScenarioIn[] = [];
    for (let index = 0; index < count; index += 1) {
      const template = templates[index % templates.length] as (typeof templates)[number];
      const conduit = template.layer === 'conduit' ? this.random.pick(replication) : undefined;
      const candidates = template.layer === 'conduit' ? [] : (byLayer.get(template.layer) ?? []);
      const zone = candidates.length > 0 ? this.random.pick(candidates) : undefined;
      const subject = conduit?.id ?? zone?.id ?? this.random.pick(this.zones).id;
      const site = zone?.site ?? conduit?.zones[1].site ?? 0;
      const entries = this.accessPoints.filter(
        (point) => point.kind === template.entry && (point.site === 0 || point.site === site),
      );
      const targets = zone
        ? this.random.sample(zone.assetIds.slice(0, 12), this.random.int(1, 3))
        : conduit
          ? conduit.zones.map((z) => this.pickOfKinds(z, ['historian']))
          : [];
      const scenarioVulnerabilities = [
        ...new Set(targets.flatMap((target) => vulnerabilitiesByAsset.get(target) ?? [])),
      ].slice(0, 2);
      const credited = (existingFor.get(subject) ?? []).slice(0, 2);
      const likelihood = this.random.int(2, 5);
      const scenario: ScenarioIn = {
        id: `ts-${pad(index + 1, width)}`,
        title: `${template.title} (${subject})`,
        source: template.source,
        zone: subject,
        techniques: [...template.techniques],
        frs: [...template.frs],
        consequences: Object.fromEntries(
          Object.entries(template.consequences).map(([category, level]) => [
            category,
            this.random.chance(0.3) ? clamp(level + this.random.int(-1, 1), 1, 5) : level,
          ]),
        ),
        likelihood,
      };
      const entry = entries.length > 0 ? this.random.pick(entries) : undefined;
      if (entry) scenario.entryPoint = entry.id;
      if (targets.length > 0) scenario.targets = targets;
      if (scenarioVulnerabilities.length > 0) scenario.vulnerabilities = scenarioVulnerabilities;
      if (credited.length > 0) scenario.countermeasures = credited;
      if (this.random.chance(0.3))
        scenario.residualLikelihood = Math.max(1, likelihood - this.random.int(1, 2));
      if (template.layer === 'safety' || template.layer === 'control-cell')
        scenario.consequenceReference = `HAZOP-${subject}-${pad(this.random.int(1, 40), 2)}`;
      scenarios.push(scenario);
    }
    return scenarios;
  }

  private buildRequirementStatus(countermeasures: readonly CountermeasureIn[]): RequirementStatusIn[] {
    const requirements = ['SR 1.1', 'SR 1.3', 'SR 2.1', 'SR 3.2', 'SR 5.1', 'SR 5.2', 'SR 6.1', 'SR 7.6'];
    const compensating = new Map<string, string>();
    for (const countermeasure of countermeasures) {
      for (const target of countermeasure.appliesTo)
        if (!compensating.has(target)) compensating.set(target, countermeasure.id);
    }
    const list: RequirementStatusIn[] = [];
    for (const zone of this.zones) {
      if (!this.random.chance(0.3)) continue;
      for (const requirement of this.random.sample(requirements, 3)) {
        const status = this.random.weighted([
          ['met', 40],
          ['partial', 20],
          ['not-met', 25],
          ['compensated', 10],
          ['not-applicable', 5],
        ] as const);
        const entry: RequirementStatusIn = { subject: zone.id, requirement, status };
        const countermeasure = compensating.get(zone.id);
        if (status === 'compensated' && countermeasure) entry.countermeasure = countermeasure;
        else if (status === 'compensated') entry.status = 'partial';
        if (status === 'not-applicable') entry.justification = 'No such function in this zone.';
        if (status === 'met') entry.evidence = `Verification record VR-${zone.id}`;
        list.push(entry);
      }
    }
    return list;
  }
}
