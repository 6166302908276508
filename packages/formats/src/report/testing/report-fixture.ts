import {
  FOUNDATIONAL_REQUIREMENTS,
  SYSTEM_REQUIREMENTS,
  formatPath,
  maxVector,
  resolveSystem,
  severityRank,
  toSecurityLevel,
  uniformVector,
  vectorFrom,
  type Assessment,
  type AttackPath,
  type CrsCharacteristics,
  type EntityRef,
  type Finding,
  type HeatMap,
  type InitialRisk,
  type RequirementResult,
  type RequirementsResult,
  type RiskRating,
  type ScenarioAssessment,
  type SecurityLevel,
  type SecurityLevelVector,
  type SystemFileInput,
  type SystemModel,
  type TargetLevels,
} from '@zonewise/core';

/**
 * A hand-built assessment of a small pharmaceutical tablet line, for the report tests while the engine's
 * `assessSystem` is written elsewhere. The model is resolved by the real `resolveSystem`; the Assessment is filled
 * by small rules written here so that its numbers agree with the model (ratings from the matrix, heat maps from the
 * scenarios, requirements from SL-T). `hostile` is appended to names and texts to test escaping.
 */
export const buildReportFixture = (
  options: { readonly hostile?: string } = {},
): {
  readonly model: SystemModel;
  readonly assessment: Assessment;
} => {
  const model = resolveFixtureModel(fixtureFile(options.hostile ?? ''));
  return { model, assessment: fixtureAssessment(model, options.hostile ?? '') };
};

const resolveFixtureModel = (file: SystemFileInput): SystemModel => {
  const resolved = resolveSystem(file);
  if (!resolved.ok) {
    throw new Error(
      resolved.diagnostics.map((d) => `${d.code} ${formatPath(d.path)}: ${d.message}`).join('\n'),
    );
  }
  return resolved.value;
};

const fixtureFile = (hostile: string): SystemFileInput => ({
  formatVersion: 1,
  assessment: {
    title: `Cybersecurity risk assessment, tablet line 3${hostile}`,
    documentId: 'ZW-RA-0042',
    version: '1.1',
    date: '2026-11-20',
    confidentiality: 'Confidential: internal use',
    team: [
      { name: 'A. Ortega', role: 'OT security lead', organisation: 'Plant engineering' },
      { name: 'M. Jensen', role: 'Process safety engineer', organisation: 'HSE' },
      { name: `R. Patel${hostile}`, role: 'Automation integrator', organisation: 'Integrator Ltd' },
    ],
    sessions: [
      { date: '2026-10-14', topic: 'SuC and zones', participants: ['A. Ortega', 'R. Patel'] },
      {
        date: '2026-10-28',
        topic: 'Cyber-PHA workshop',
        participants: ['A. Ortega', 'M. Jensen', 'R. Patel'],
      },
    ],
    revisions: [
      { version: '1.0', date: '2026-11-02', author: 'A. Ortega', change: 'First issue for review' },
      { version: '1.1', date: '2026-11-20', author: 'A. Ortega', change: `Added wireless AGVs${hostile}` },
    ],
  },
  system: {
    id: 'tablet-line-3',
    name: `Tablet line 3${hostile}`,
    description: `Granulation, compression and coating of solid-dose tablets${hostile}`,
    intendedUse: 'Batch production of film-coated tablets under GMP.',
    equipmentUnderControl: 'Granulator, tablet press, coater, AGV transport',
    site: 'Basel site, building 12',
    owner: 'Example Pharma AG',
    boundary: {
      logical: 'VLANs 300–399 and the OT DMZ 10.30.0.0/24',
      physical: 'Building 12, rooms 1.01–1.14',
    },
    assumptions: ['Control rooms have badge access.', `Power and HVAC are outside the SuC${hostile}`],
    threatEnvironment: {
      description: 'Ransomware against pharma manufacturing; targeted espionage on recipes.',
      sources: ['CISA ICS advisories', 'Sector ISAC bulletins'],
    },
    policies: [
      {
        id: 'pol-access',
        title: 'OT access control policy',
        description: 'Named accounts, MFA for remote access.',
      },
      { id: 'pol-patch', title: 'OT patch management policy' },
    ],
    regulations: [
      { id: 'reg-part11', title: '21 CFR Part 11', description: 'Electronic records and signatures.' },
      { id: 'reg-annex11', title: 'EU GMP Annex 11' },
    ],
    references: [
      { id: 'ref-hazop', title: 'HAZOP study line 3, rev C', url: 'https://example.invalid/hazop' },
      { id: 'ref-net', title: 'Network drawing NW-L3-001' },
    ],
  },
  zones: [
    { id: 'enterprise', name: 'Enterprise network', organisation: 'Corporate IT' },
    { id: 'dmz', name: 'OT DMZ', organisation: 'OT operations', boundary: { logical: '10.30.0.0/24' } },
    { id: 'site-ops', name: 'Site operations', organisation: 'OT operations' },
    {
      id: 'supervisory',
      name: `Supervisory control${hostile}`,
      organisation: 'OT operations',
      policies: ['pol-access'],
      assumptions: [`Operators are trained annually${hostile}`],
    },
    {
      id: 'control',
      name: 'Basic process control',
      organisation: 'OT operations',
      boundary: { physical: 'Cabinets C1–C4' },
    },
    {
      id: 'sis',
      name: 'Safety instrumented system',
      organisation: 'Process safety',
      securityLevelTarget: { levels: 3, justification: 'SIS held at SL 3 by site policy.' },
    },
    { id: 'wireless', name: 'AGV wireless', organisation: 'Logistics' },
    { id: 'maintenance', name: 'Maintenance laptops', organisation: 'Integrator Ltd' },
    { id: 'vendor', name: 'Vendor remote service', organisation: 'Press vendor' },
    { id: 'cloud', name: 'Cloud analytics', organisation: 'Corporate IT' },
  ],
  conduits: [
    {
      id: 'c-ent-dmz',
      name: 'Enterprise to DMZ',
      zones: ['enterprise', 'dmz'],
      channels: [{ protocol: 'https', port: 443, from: 'enterprise', to: 'dmz', isEncrypted: true }],
      enforcement: ['firewall'],
    },
    {
      id: 'c-dmz-ops',
      name: `DMZ to site operations${hostile}`,
      zones: ['dmz', 'site-ops'],
      channels: [
        { protocol: 'opc-ua', port: 4840, from: 'dmz', to: 'site-ops', isEncrypted: true },
        { protocol: 'rdp', port: 3389, from: 'dmz', to: 'site-ops' },
      ],
      enforcement: ['firewall', 'jump-host'],
    },
    {
      id: 'c-ops-sup',
      name: 'Site operations to supervisory',
      zones: ['site-ops', 'supervisory'],
      channels: [{ protocol: 'opc-ua', port: 4840, from: 'site-ops', to: 'supervisory' }],
      enforcement: ['firewall'],
    },
    {
      id: 'c-sup-ctl',
      name: 'Supervisory to control',
      zones: ['supervisory', 'control'],
      channels: [
        { protocol: 's7comm', port: 102, from: 'supervisory', to: 'control' },
        { protocol: 'ethernet-ip', port: 44818, from: 'supervisory', to: 'control' },
      ],
      enforcement: ['acl'],
    },
    {
      id: 'c-ctl-sis',
      name: 'Control to SIS',
      zones: ['control', 'sis'],
      channels: [{ protocol: 'modbus-tcp', port: 502, from: 'control', to: 'sis' }],
      enforcement: ['firewall'],
    },
    {
      id: 'c-sup-wifi',
      name: 'Supervisory to AGV wireless',
      zones: ['supervisory', 'wireless'],
      channels: [{ protocol: 'opc-ua', port: 4840, from: 'supervisory', to: 'wireless' }],
      enforcement: ['firewall'],
    },
    {
      id: 'c-maint-ctl',
      name: 'Maintenance laptop port',
      zones: ['maintenance', 'control'],
      channels: [{ protocol: 's7comm', port: 102, from: 'maintenance', to: 'control' }],
    },
    {
      id: 'c-vendor-dmz',
      name: 'Vendor remote access',
      zones: ['vendor', 'dmz'],
      channels: [{ protocol: 'https', port: 443, from: 'vendor', to: 'dmz', isEncrypted: true }],
      enforcement: ['vpn', 'mfa', 'jump-host'],
      isExternal: true,
    },
    {
      id: 'c-dmz-cloud',
      name: 'Historian export to cloud',
      zones: ['dmz', 'cloud'],
      channels: [{ protocol: 'https', port: 443, from: 'dmz', to: 'cloud', isEncrypted: true }],
      enforcement: ['data-diode'],
      isExternal: true,
    },
  ],
  assets: [
    {
      id: 'erp',
      name: 'SAP ERP',
      kind: 'erp',
      zone: 'enterprise',
      criticality: { financial: 3, production: 2 },
    },
    {
      id: 'office-pc',
      name: 'Planner workstation',
      kind: 'business-workstation',
      zone: 'enterprise',
      criticality: { production: 1 },
    },
    {
      id: 'hist-replica',
      name: 'Historian replica',
      kind: 'historian',
      zone: 'dmz',
      purdueLevel: 3.5,
      criticality: { production: 2 },
    },
    {
      id: 'jump-1',
      name: 'Jump host',
      kind: 'jump-host',
      zone: 'dmz',
      vendor: 'Microsoft',
      product: 'Windows Server',
      version: '2019',
      criticality: { production: 3 },
    },
    {
      id: 'patch-1',
      name: 'WSUS patch server',
      kind: 'patch-server',
      zone: 'dmz',
      purdueLevel: 3.5,
      criticality: { production: 2 },
    },
    {
      id: 'mes',
      name: `MES server${hostile}`,
      kind: 'mes',
      zone: 'site-ops',
      criticality: { 'product-quality': 4, regulatory: 4, production: 3 },
    },
    {
      id: 'historian',
      name: 'Process historian',
      kind: 'historian',
      zone: 'site-ops',
      criticality: { regulatory: 3, production: 2 },
    },
    {
      id: 'dc-ot',
      name: 'OT domain controller',
      kind: 'domain-controller',
      zone: 'site-ops',
      criticality: { production: 4 },
    },
    {
      id: 'scada-1',
      name: 'SCADA server',
      kind: 'scada-server',
      zone: 'supervisory',
      vendor: 'Siemens',
      product: 'WinCC',
      version: '7.5',
      criticality: { production: 4, 'product-quality': 3 },
      securityLevelCapability: '{2 2 2 1 2 1 2}',
    },
    { id: 'hmi-1', name: 'Press HMI', kind: 'hmi', zone: 'supervisory', criticality: { production: 3 } },
    { id: 'hmi-2', name: 'Coater HMI', kind: 'hmi', zone: 'supervisory', criticality: { production: 3 } },
    {
      id: 'ews-1',
      name: 'Engineering workstation',
      kind: 'engineering-workstation',
      zone: 'supervisory',
      criticality: { production: 4, 'health-safety': 2 },
    },
    {
      id: 'plc-press',
      name: 'Tablet press PLC',
      kind: 'plc',
      zone: 'control',
      vendor: 'Siemens',
      product: 'S7-1500',
      version: '2.9',
      criticality: { 'health-safety': 3, production: 4, 'product-quality': 4 },
      securityLevelCapability: '{2 2 1 1 2 1 1}',
    },
    {
      id: 'plc-coat',
      name: 'Coater PLC',
      kind: 'plc',
      zone: 'control',
      criticality: { production: 4, 'product-quality': 4 },
    },
    {
      id: 'plc-gran',
      name: 'Granulator PLC',
      kind: 'plc',
      zone: 'control',
      criticality: { 'health-safety': 3, production: 3 },
    },
    {
      id: 'io-1',
      name: 'Remote I/O rack 1',
      kind: 'io-module',
      zone: 'control',
      criticality: { production: 3 },
    },
    {
      id: 'sis-1',
      name: 'Safety controller',
      kind: 'safety-controller',
      zone: 'sis',
      criticality: { 'health-safety': 5, environment: 3 },
    },
    {
      id: 'sis-ews',
      name: 'SIS engineering station',
      kind: 'safety-engineering-workstation',
      zone: 'sis',
      criticality: { 'health-safety': 4 },
    },
    {
      id: 'agv-1',
      name: 'AGV 1',
      kind: 'wireless-client',
      zone: 'wireless',
      criticality: { 'health-safety': 2, production: 2 },
    },
    {
      id: 'agv-2',
      name: 'AGV 2',
      kind: 'wireless-client',
      zone: 'wireless',
      criticality: { 'health-safety': 2, production: 2 },
    },
    {
      id: 'laptop-1',
      name: 'Integrator laptop',
      kind: 'portable-laptop',
      zone: 'maintenance',
      criticality: { production: 3 },
    },
    {
      id: 'vendor-portal',
      name: 'Press vendor service portal',
      kind: 'vendor-system',
      zone: 'vendor',
      criticality: { production: 3 },
    },
    {
      id: 'cloud-analytics',
      name: 'OEE analytics',
      kind: 'cloud-service',
      zone: 'cloud',
      criticality: { financial: 2 },
    },
    { id: 'old-scanner', name: 'Retired barcode scanner', kind: 'other', isInScope: false },
  ],
  accessPoints: [
    { id: 'ap-vendor', name: 'Vendor VPN', kind: 'vendor-link', zone: 'vendor', isLogical: true },
    {
      id: 'ap-enterprise',
      name: 'Corporate network',
      kind: 'enterprise-network',
      zone: 'enterprise',
      isLogical: true,
    },
    { id: 'ap-wifi', name: 'AGV Wi-Fi', kind: 'wireless', zone: 'wireless', isLogical: true },
    {
      id: 'ap-usb',
      name: 'USB ports on HMIs',
      kind: 'removable-media',
      zone: 'supervisory',
      isLogical: false,
    },
    {
      id: 'ap-laptop',
      name: 'Maintenance laptop port',
      kind: 'maintenance-laptop',
      zone: 'maintenance',
      isLogical: false,
    },
  ],
  dataFlows: [
    {
      id: 'f-erp-mes',
      from: 'erp',
      to: 'hist-replica',
      protocol: 'https',
      port: 443,
      purpose: 'Orders and batch reports',
    },
    {
      id: 'f-rep',
      from: 'hist-replica',
      to: 'historian',
      protocol: 'opc-ua',
      port: 4840,
      purpose: `Replication${hostile}`,
    },
    {
      id: 'f-mes-scada',
      from: 'mes',
      to: 'scada-1',
      protocol: 'opc-ua',
      port: 4840,
      purpose: 'Recipes down, batch data up',
    },
    { id: 'f-scada-plc', from: 'scada-1', to: 'plc-press', protocol: 's7comm', port: 102 },
    { id: 'f-ews-plc', from: 'ews-1', to: 'plc-coat', protocol: 's7comm', port: 102, purpose: 'Programming' },
    {
      id: 'f-plc-sis',
      from: 'plc-press',
      to: 'sis-1',
      protocol: 'modbus-tcp',
      port: 502,
      purpose: 'Status read',
    },
    {
      id: 'f-vendor',
      from: 'vendor-portal',
      to: 'jump-1',
      protocol: 'https',
      port: 443,
      accessPoint: 'ap-vendor',
    },
    { id: 'f-cloud', from: 'hist-replica', to: 'cloud-analytics', protocol: 'https', port: 443 },
  ],
  threatScenarios: [
    {
      id: 'ts-ransomware',
      title: `Ransomware spreads from the enterprise network to SCADA${hostile}`,
      description: 'Commodity ransomware crosses the DMZ through RDP and encrypts SCADA and HMIs.',
      source: 'cybercriminal',
      entryPoint: 'ap-enterprise',
      zone: 'supervisory',
      targets: ['scada-1', 'hmi-1', 'hmi-2'],
      techniques: ['T0866', 'T0867'],
      vulnerabilities: ['v-wincc'],
      consequences: { production: 4, 'product-quality': 3 },
      consequenceReference: 'HAZOP-3-12',
      likelihood: 4,
      countermeasures: ['cm-fw', 'cm-av'],
      frs: ['FR1', 'FR2', 'FR5', 'FR7'],
    },
    {
      id: 'ts-vendor',
      title: 'Vendor account misused to change press parameters',
      source: 'cybercriminal',
      entryPoint: 'ap-vendor',
      zone: 'control',
      targets: ['plc-press'],
      techniques: ['T0822', 'T0836'],
      consequences: { 'product-quality': 5, regulatory: 4 },
      likelihood: 3,
      countermeasures: ['cm-mfa'],
      frs: ['FR1', 'FR2', 'FR3'],
    },
    {
      id: 'ts-usb',
      title: 'Infected USB stick on an HMI',
      source: 'careless-insider',
      entryPoint: 'ap-usb',
      zone: 'supervisory',
      targets: ['hmi-1'],
      consequences: { production: 3 },
      likelihood: 4,
      countermeasures: ['cm-av'],
      frs: ['FR2', 'FR3'],
    },
    {
      id: 'ts-sis',
      title: 'Safety logic modified from the control zone',
      source: 'nation-state',
      entryPoint: 'ap-laptop',
      zone: 'sis',
      targets: ['sis-1'],
      consequences: { 'health-safety': 5, environment: 3 },
      likelihood: 2,
      countermeasures: ['cm-sis-key'],
      frs: ['FR1', 'FR3', 'FR5'],
    },
    {
      id: 'ts-wifi',
      title: 'Rogue access point takes over AGV traffic',
      source: 'hacktivist',
      entryPoint: 'ap-wifi',
      zone: 'wireless',
      targets: ['agv-1', 'agv-2'],
      consequences: { 'health-safety': 2, production: 2 },
      likelihood: 3,
      frs: ['FR1', 'FR4', 'FR7'],
    },
  ],
  vulnerabilities: [
    {
      id: 'v-wincc',
      cve: 'CVE-2023-28489',
      advisory: 'ICSA-23-103-09',
      title: 'Improper input validation in WinCC',
      cvss: { version: '3.1', score: 9.8, vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' },
      isKnownExploited: false,
      assets: ['scada-1'],
      remediation: 'Update to WinCC 7.5 SP2 Update 12.',
    },
    {
      id: 'v-s7',
      cve: 'CVE-2022-38465',
      title: `S7-1500 global private key extraction${hostile}`,
      cvss: { version: '3.1', score: 9.3 },
      isKnownExploited: true,
      assets: ['plc-press'],
    },
  ],
  countermeasures: [
    {
      id: 'cm-fw',
      title: 'DMZ firewall rule base',
      type: 'technical',
      status: 'existing',
      appliesTo: ['c-dmz-ops', 'c-ent-dmz'],
      requirements: ['SR 5.1', 'SR 5.2'],
      likelihoodReduction: 1,
    },
    {
      id: 'cm-av',
      title: 'Application allow-listing on HMIs',
      type: 'technical',
      status: 'existing',
      appliesTo: ['supervisory'],
      requirements: ['SR 3.2'],
      likelihoodReduction: 1,
    },
    {
      id: 'cm-mfa',
      title: 'MFA on vendor VPN',
      type: 'technical',
      status: 'existing',
      appliesTo: ['c-vendor-dmz'],
      requirements: ['SR 1.13', 'SR 1.1 RE 2'],
      likelihoodReduction: 1,
    },
    {
      id: 'cm-sis-key',
      title: 'SIS key switch in run mode',
      type: 'physical',
      status: 'existing',
      appliesTo: ['sis'],
      likelihoodReduction: 1,
    },
    {
      id: 'cm-rdp',
      title: `Remove RDP from the DMZ conduit${hostile}`,
      type: 'technical',
      status: 'planned',
      appliesTo: ['c-dmz-ops'],
      requirements: ['SR 5.1 RE 1'],
      likelihoodReduction: 1,
      owner: 'OT operations',
      dueDate: '2027-03-31',
    },
    {
      id: 'cm-wpa3',
      title: 'WPA3-Enterprise with certificates for AGVs',
      type: 'technical',
      status: 'planned',
      appliesTo: ['wireless'],
      requirements: ['SR 1.6 RE 1'],
      likelihoodReduction: 1,
      owner: 'Logistics',
      dueDate: '2027-06-30',
    },
  ],
  requirementStatus: [
    { subject: 'supervisory', requirement: 'SR 1.1', status: 'met', evidence: 'AD accounts, audit 2026-09' },
    { subject: 'supervisory', requirement: 'SR 3.2', status: 'met', evidence: 'Allow-listing report' },
    {
      subject: 'control',
      requirement: 'SR 1.1',
      status: 'compensated',
      countermeasure: 'cm-fw',
      evidence: `PLC has no user accounts${hostile}`,
    },
    { subject: 'wireless', requirement: 'SR 1.6', status: 'partial' },
    {
      subject: 'sis',
      requirement: 'SR 6.2',
      status: 'not-applicable',
      justification: 'SIS has no continuous monitoring interface.',
    },
  ],
  triage: [
    {
      finding: 'conduit/no-enforcement@c-maint-ctl',
      status: 'accepted',
      justification: 'Laptop port is locked in cabinet C2.',
    },
  ],
  approvals: [
    {
      id: 'appr-1',
      approver: 'Dr. K. Weber',
      role: 'Site head of production',
      meaning: 'approved',
      statement: 'Approved for the design baseline.',
      signedAt: '2026-11-03T09:00:00Z',
      modelSha256: '1111111111111111111111111111111111111111111111111111111111111111',
    },
  ],
});

const withoutUrl = (entry: {
  readonly id: string;
  readonly title: string;
  readonly description?: string | undefined;
}) => ({
  id: entry.id,
  title: entry.title,
  ...(entry.description === undefined ? {} : { description: entry.description }),
});

const rate = (model: SystemModel, likelihood: number, impact: number): RiskRating => {
  const criteria = model.riskCriteria;
  const l = Math.max(1, Math.min(criteria.matrix.length, likelihood));
  const i = Math.max(1, Math.min(criteria.matrix[0]?.length ?? 1, impact));
  const bandId = criteria.matrix[l - 1]?.[i - 1] ?? criteria.tolerable;
  const band = criteria.bands.find((entry) => entry.id === bandId);
  const tolerableRank = criteria.bands.find((entry) => entry.id === criteria.tolerable)?.rank ?? 0;
  const rank = band?.rank ?? 0;
  return { likelihood: l, impact: i, band: bandId, rank, isTolerable: rank <= tolerableRank };
};

const ref = (model: SystemModel, id: string): EntityRef => {
  const found = model.refOf(id);
  if (!found) throw new Error(`fixture refers to unknown id ${id}`);
  return found;
};

const heatMapOf = (model: SystemModel, ratings: readonly (readonly [string, RiskRating])[]): HeatMap => {
  const rows = model.riskCriteria.matrix.length;
  const columns = model.riskCriteria.matrix[0]?.length ?? 0;
  const cells: string[][][] = Array.from({ length: rows }, () => Array.from({ length: columns }, () => []));
  for (const [id, rating] of ratings) cells[rating.likelihood - 1]?.[rating.impact - 1]?.push(id);
  return cells;
};

const fixtureAssessment = (model: SystemModel, hostile: string): Assessment => {
  const criteria = model.riskCriteria;
  const maxLikelihood = criteria.matrix.length;

  const initialRisk: InitialRisk[] = [
    ...model.zones.map((zone) => {
      const assets = model.assetsIn(zone.id);
      const impacts: Record<string, number> = {};
      for (const asset of assets) {
        for (const [category, level] of Object.entries(asset.criticality ?? {})) {
          impacts[category] = Math.max(impacts[category] ?? 0, level);
        }
      }
      const worst = Math.max(1, ...Object.values(impacts));
      const rating = rate(model, maxLikelihood, worst);
      return {
        subject: ref(model, zone.id),
        rating,
        impacts,
        drivers: assets.filter((asset) => asset.worstImpact === worst).map((asset) => ref(model, asset.id)),
        requiresDetailedAssessment: !rating.isTolerable,
      };
    }),
  ];

  const scenarios: ScenarioAssessment[] = model.threatScenarios.map((scenario) => {
    const consequences = scenario.consequences ?? {};
    const impact = Math.max(1, ...Object.values(consequences));
    const unmitigated = rate(model, scenario.likelihood, impact);
    const existing = (scenario.countermeasures ?? [])
      .map((id) => model.countermeasure(id))
      .filter((cm) => cm !== undefined);
    const reduction = existing.reduce((sum, cm) => sum + (cm.likelihoodReduction ?? 0), 0);
    const residual = rate(model, scenario.likelihood - reduction, impact);
    const subjectId = scenario.zone ?? '';
    const planned = model.countermeasures.filter(
      (cm) =>
        cm.status === 'planned' &&
        (cm.appliesTo.includes(subjectId) ||
          (subjectId === 'supervisory' && cm.appliesTo.includes('c-dmz-ops'))),
    );
    const projected = rate(
      model,
      residual.likelihood - planned.reduce((sum, cm) => sum + (cm.likelihoodReduction ?? 0), 0),
      impact,
    );
    const source = model.threatSource(scenario.source);
    const band = criteria.bands.find((entry) => entry.id === unmitigated.band);
    const securityLevel = toSecurityLevel(band?.securityLevel ?? 1);
    return {
      id: scenario.id,
      title: scenario.title,
      origin: { kind: 'file' },
      source: {
        kind: 'system',
        id: scenario.source,
        name: source?.name ?? scenario.source,
        capability: source?.capability ?? 1,
      },
      ...(scenario.entryPoint === undefined ? {} : { entryPoint: ref(model, scenario.entryPoint) }),
      subject: ref(model, subjectId),
      targets: (scenario.targets ?? []).map((id) => ref(model, id)),
      techniques: scenario.techniques ?? [],
      vulnerabilities: (scenario.vulnerabilities ?? []).map((id) => ref(model, id)),
      frs: scenario.frs,
      consequences,
      ...(scenario.consequenceReference === undefined
        ? {}
        : { consequenceReference: scenario.consequenceReference }),
      likelihoodFactors: [
        { label: 'Stated unmitigated likelihood', delta: scenario.likelihood },
        ...existing.map((cm) => ({
          label: `Credited ${cm.title}`,
          delta: -(cm.likelihoodReduction ?? 0),
          evidence: [ref(model, cm.id)],
        })),
      ],
      unmitigated,
      existingCountermeasures: existing.map((cm) => ref(model, cm.id)),
      residual,
      plannedCountermeasures: planned.map((cm) => ref(model, cm.id)),
      projected,
      securityLevel,
      securityLevelReason: `Unmitigated risk ${band?.label ?? unmitigated.band} maps to SL ${securityLevel} (risk-band method).`,
      suggestedRequirements: residual.isTolerable
        ? []
        : SYSTEM_REQUIREMENTS.filter(
            (req) => scenario.frs.includes(req.fr) && req.minLevel <= securityLevel && !req.isEnhancement,
          )
            .slice(0, 4)
            .map((req) => req.id),
      ...(scenario.description === undefined ? {} : { description: scenario.description }),
    };
  });

  const floor = criteria.securityLevelTarget.floor;
  const zoneTargets: TargetLevels[] = model.zones.map((zone) => {
    const inZone = scenarios.filter((scenario) => scenario.subject.id === zone.id);
    const derived = vectorFrom((fr) => {
      const levels = inZone
        .filter((scenario) => scenario.frs.includes(fr))
        .map((scenario) => scenario.securityLevel);
      return toSecurityLevel(Math.max(floor, ...levels));
    });
    const target = zone.explicitTarget?.levels ?? derived;
    return {
      subject: ref(model, zone.id),
      method: zone.explicitTarget ? 'explicit' : 'risk-band',
      target,
      derived,
      reasons: FOUNDATIONAL_REQUIREMENTS.map((fr) => {
        const setters = inZone.filter(
          (scenario) => scenario.frs.includes(fr) && scenario.securityLevel === derived[fr],
        );
        if (zone.explicitTarget) {
          return {
            fr,
            level: target[fr],
            basis: 'explicit' as const,
            sources: [zone.id],
            text: zone.explicitTarget.justification,
          };
        }
        return setters.length > 0
          ? {
              fr,
              level: target[fr],
              basis: 'scenario' as const,
              sources: setters.map((scenario) => scenario.id),
              text: `Highest SL of the scenarios that exercise ${fr}.`,
            }
          : {
              fr,
              level: target[fr],
              basis: 'floor' as const,
              sources: [],
              text: `No scenario exercises ${fr}; the floor SL ${floor} applies.`,
            };
      }),
      ...(zone.explicitTarget ? { justification: zone.explicitTarget.justification } : {}),
    };
  });
  const targetOf = (id: string): SecurityLevelVector =>
    zoneTargets.find((target) => target.subject.id === id)?.target ?? uniformVector(floor);
  const conduitTargets: TargetLevels[] = model.conduits.map((conduit) => {
    const target = conduit.zones.map(targetOf).reduce(maxVector, uniformVector(0));
    return {
      subject: ref(model, conduit.id),
      method: 'zones',
      target,
      derived: target,
      reasons: FOUNDATIONAL_REQUIREMENTS.map((fr) => ({
        fr,
        level: target[fr],
        basis: 'zones' as const,
        sources: conduit.zones.filter((zoneId) => targetOf(zoneId)[fr] === target[fr]),
        text: `Highest SL-T of the zones the conduit joins.`,
      })),
    };
  });
  const targets = [...zoneTargets, ...conduitTargets];

  const requirements: RequirementsResult[] = targets.map((target) => {
    const subjectId = target.subject.id;
    const assets = target.subject.kind === 'zone' ? model.assetsIn(subjectId) : [];
    const declared = assets.flatMap((asset) =>
      asset.securityLevelCapability ? [asset.securityLevelCapability] : [],
    );
    const capability =
      declared.length === 0
        ? undefined
        : vectorFrom((fr) => toSecurityLevel(Math.min(...declared.map((vector) => vector[fr]))));
    const results: RequirementResult[] = SYSTEM_REQUIREMENTS.filter(
      (req) => target.target[req.fr] >= req.minLevel,
    ).map((req) => {
      const entry = model.requirementStatus.find(
        (status) => status.subject === subjectId && status.requirement === req.id,
      );
      const viaCountermeasure = model
        .countermeasuresFor(subjectId)
        .filter((cm) => cm.status === 'existing' && (cm.requirements ?? []).includes(req.id));
      if (entry) {
        return {
          requirement: req,
          status: entry.status,
          basis: 'status-entry',
          countermeasures: entry.countermeasure ? [ref(model, entry.countermeasure)] : [],
          ...(entry.evidence === undefined ? {} : { evidence: entry.evidence }),
          ...(entry.justification === undefined ? {} : { justification: entry.justification }),
          isGap: entry.status === 'partial' || entry.status === 'not-met',
        };
      }
      if (viaCountermeasure.length > 0) {
        return {
          requirement: req,
          status: 'met',
          basis: 'countermeasure',
          countermeasures: viaCountermeasure.map((cm) => ref(model, cm.id)),
          isGap: false,
        };
      }
      return { requirement: req, status: 'open', basis: 'none', countermeasures: [], isGap: true };
    });
    const satisfied = results.filter((result) => !result.isGap).length;
    const achieved = vectorFrom((fr) => {
      let level: SecurityLevel = 0;
      for (const candidate of [1, 2, 3, 4] as const) {
        const needed = SYSTEM_REQUIREMENTS.filter((req) => req.fr === fr && req.minLevel <= candidate);
        if (
          needed.every((req) => results.some((result) => result.requirement.id === req.id && !result.isGap))
        )
          level = candidate;
      }
      return level;
    });
    const capabilityGaps = capability
      ? FOUNDATIONAL_REQUIREMENTS.filter((fr) => capability[fr] < target.target[fr]).map((fr) => ({
          fr,
          target: target.target[fr],
          capability: capability[fr],
          assets: assets
            .filter(
              (asset) =>
                asset.securityLevelCapability && asset.securityLevelCapability[fr] < target.target[fr],
            )
            .map((asset) => ref(model, asset.id)),
        }))
      : [];
    return {
      subject: target.subject,
      target: target.target,
      ...(capability ? { capability } : {}),
      achieved,
      achievedBasis: 'derived',
      requirements: results,
      counts: {
        selected: results.length,
        satisfied,
        gaps: results.length - satisfied,
        srs: results.filter((result) => !result.requirement.isEnhancement).length,
        res: results.filter((result) => result.requirement.isEnhancement).length,
      },
      capabilityGaps,
    };
  });

  const finding = (
    ruleId: string,
    subjectId: string,
    severity: Finding['severity'],
    clause: string,
    title: string,
    because: string,
    evidence: readonly string[],
    status: Finding['status'] = 'open',
  ): Finding => ({
    id: `${ruleId}@${subjectId}`,
    ruleId,
    title,
    severity,
    reference: { standard: 'IEC 62443-3-2', clause },
    subject: ref(model, subjectId),
    because,
    evidence: evidence.map((id) => ref(model, id)),
    rationale: 'A weakness here gives an attacker a path across the partitioning.',
    remediation: 'Change the design as described and re-run the assessment.',
    status,
    ...(status === 'accepted' ? { triageJustification: 'Laptop port is locked in cabinet C2.' } : {}),
  });
  const findings: Finding[] = [
    finding(
      'conduit/insecure-remote-protocol',
      'c-dmz-ops',
      'high',
      'ZCR 3.1',
      'Remote desktop crosses into site operations',
      `RDP/3389 is allowed from the DMZ into site operations${hostile}`,
      ['c-dmz-ops'],
    ),
    finding(
      'zone/wireless-not-separated',
      'wireless',
      'medium',
      'ZCR 3.5',
      'Wireless zone reaches supervisory control directly',
      'AGV wireless joins the supervisory zone without a DMZ.',
      ['wireless', 'supervisory'],
    ),
    finding(
      'conduit/no-enforcement',
      'c-maint-ctl',
      'medium',
      'ZCR 3.4',
      'Temporary-device conduit without enforcement',
      'Conduit c-maint-ctl has no enforcement.',
      ['c-maint-ctl', 'laptop-1'],
      'accepted',
    ),
    finding(
      'zone/external-connection',
      'vendor',
      'low',
      'ZCR 3.6',
      'External zone reaches the DMZ',
      'Vendor zone is connected over the internet.',
      ['vendor'],
    ),
    finding(
      'asset/known-exploited-vulnerability',
      'plc-press',
      'critical',
      'ZCR 5.2',
      'Asset with a known-exploited vulnerability',
      'Tablet press PLC is affected by CVE-2022-38465 (KEV).',
      ['plc-press', 'v-s7'],
    ),
  ].sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || (a.id < b.id ? -1 : 1));

  const attackPaths: AttackPath[] = [
    {
      id: 'ap-vendor->sis',
      accessPoint: ref(model, 'ap-vendor'),
      target: ref(model, 'sis'),
      zones: ['vendor', 'dmz', 'site-ops', 'supervisory', 'control', 'sis'].map((id) => ref(model, id)),
      conduits: ['c-vendor-dmz', 'c-dmz-ops', 'c-ops-sup', 'c-sup-ctl', 'c-ctl-sis'].map((id) =>
        ref(model, id),
      ),
      strength: 9,
      unprotectedConduits: [],
      isWeakest: false,
      targetImpact: 5,
    },
    {
      id: 'ap-laptop->sis',
      accessPoint: ref(model, 'ap-laptop'),
      target: ref(model, 'sis'),
      zones: ['maintenance', 'control', 'sis'].map((id) => ref(model, id)),
      conduits: ['c-maint-ctl', 'c-ctl-sis'].map((id) => ref(model, id)),
      strength: 3,
      unprotectedConduits: [ref(model, 'c-maint-ctl')],
      isWeakest: true,
      targetImpact: 5,
    },
    {
      id: 'ap-enterprise->control',
      accessPoint: ref(model, 'ap-enterprise'),
      target: ref(model, 'control'),
      zones: ['enterprise', 'dmz', 'site-ops', 'supervisory', 'control'].map((id) => ref(model, id)),
      conduits: ['c-ent-dmz', 'c-dmz-ops', 'c-ops-sup', 'c-sup-ctl'].map((id) => ref(model, id)),
      strength: 7,
      unprotectedConduits: [],
      isWeakest: false,
      targetImpact: 4,
    },
  ];

  const crsCharacteristics: CrsCharacteristics[] = targets.map((target) => {
    const id = target.subject.id;
    const zone = model.zone(id);
    const conduit = model.conduit(id);
    const accessPoints = model.accessPoints.filter((ap) => ap.zone === id);
    const assets = zone ? model.assetsIn(id) : [];
    const assetIds = new Set(assets.map((asset) => asset.id));
    const organisation = (zone ?? conduit)?.organisation;
    const requirementResult = requirements.find((result) => result.subject.id === id);
    return {
      subject: target.subject,
      a_identifier: `${(zone ?? conduit)?.name ?? id} (${id})`,
      ...(organisation === undefined ? {} : { b_accountableOrganisation: organisation }),
      ...(zone?.boundary?.logical === undefined ? {} : { c_logicalBoundary: zone.boundary.logical }),
      ...(zone?.boundary?.physical === undefined ? {} : { d_physicalBoundary: zone.boundary.physical }),
      e_isSafetyRelated: zone?.isSafetyRelated ?? false,
      f_logicalAccessPoints: accessPoints
        .filter((ap) => ap.isLogical !== false)
        .map((ap) => ref(model, ap.id)),
      g_physicalAccessPoints: accessPoints
        .filter((ap) => ap.isLogical === false)
        .map((ap) => ref(model, ap.id)),
      h_dataFlows: model.dataFlows
        .filter((flow) => assetIds.has(flow.from) || assetIds.has(flow.to))
        .map((flow) => ({
          flow: ref(model, flow.id),
          from: flow.from,
          to: flow.to,
          protocol: flow.protocol,
          ...(flow.port === undefined ? {} : { port: String(flow.port) }),
          ...(flow.accessPoint === undefined ? {} : { accessPoint: flow.accessPoint }),
        })),
      i_connected: zone
        ? model.conduitsOf(id).map((entry) => ref(model, entry.id))
        : (conduit?.zones ?? []).map((zoneId) => ref(model, zoneId)),
      j_assets: assets.map((asset) => ({
        asset: ref(model, asset.id),
        kind: asset.kind.id,
        worstImpact: asset.worstImpact,
        isSafetyRelated: asset.attributes.isSafetyRelated,
      })),
      k_targetLevels: target.target,
      l_requirements: (requirementResult?.requirements ?? []).map((result) => ({
        id: result.requirement.id,
        status: result.status,
        compensatedBy: result.status === 'compensated' ? result.countermeasures.map((cm) => cm.id) : [],
      })),
      m_policies: (zone?.policies ?? []).map((policyId) => ({
        id: policyId,
        title: model.system.policies?.find((policy) => policy.id === policyId)?.title ?? policyId,
      })),
      n_assumptions: (zone ?? conduit)?.assumptions ?? [],
    };
  });

  const unmitigatedAbove = scenarios.filter((scenario) => !scenario.unmitigated.isTolerable).length;
  const residualAbove = scenarios.filter((scenario) => !scenario.residual.isTolerable).length;
  const projectedAbove = scenarios.filter((scenario) => !scenario.projected.isTolerable).length;
  const findingsBySeverity: Record<string, number> = {};
  for (const entry of findings)
    findingsBySeverity[entry.severity] = (findingsBySeverity[entry.severity] ?? 0) + 1;
  const systemInitialRisk = initialRisk.reduce<RiskRating | undefined>(
    (worst, entry) => (worst === undefined || entry.rating.rank > worst.rank ? entry.rating : worst),
    undefined,
  );
  const completeness: Assessment['completeness'] = [
    {
      step: 'ZCR 1',
      title: 'Identify the SuC',
      reference: { standard: 'IEC 62443-3-2', clause: 'ZCR 1.1' },
      isComplete: true,
      missing: [],
    },
    {
      step: 'ZCR 2',
      title: 'Initial risk assessment',
      reference: { standard: 'IEC 62443-3-2', clause: 'ZCR 2.1' },
      isComplete: true,
      missing: [],
    },
    {
      step: 'ZCR 3',
      title: 'Zones and conduits',
      reference: { standard: 'IEC 62443-3-2', clause: 'ZCR 3.1' },
      isComplete: true,
      missing: [],
    },
    {
      step: 'ZCR 4',
      title: 'Risk comparison',
      reference: { standard: 'IEC 62443-3-2', clause: 'ZCR 4.1' },
      isComplete: true,
      missing: [],
    },
    {
      step: 'ZCR 5',
      title: 'Detailed risk assessment',
      reference: { standard: 'IEC 62443-3-2', clause: 'ZCR 5.1' },
      isComplete: false,
      missing: ['Zone "enterprise" has no threat scenario.', `Zone "dmz" has no threat scenario${hostile}`],
    },
    {
      step: 'ZCR 6',
      title: 'Cybersecurity requirements',
      reference: { standard: 'IEC 62443-3-2', clause: 'ZCR 6.1' },
      isComplete: true,
      missing: [],
    },
    {
      step: 'ZCR 7',
      title: 'Asset owner approval',
      reference: { standard: 'IEC 62443-3-2', clause: 'ZCR 7.1' },
      isComplete: false,
      missing: ['The only approval (appr-1) is for a different model version.'],
    },
  ];
  const approvals = model.approvals.map((approval) => ({ approval, isStale: true }));
  const tolerableBand = criteria.bands.find((band) => band.id === criteria.tolerable);

  return {
    engineVersion: '0.1.0',
    modelSha256: 'ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12',
    system: { name: model.system.name, ...(model.system.id === undefined ? {} : { id: model.system.id }) },
    counts: {
      assets: model.assets.length,
      zones: model.zones.length,
      conduits: model.conduits.length,
      accessPoints: model.accessPoints.length,
      dataFlows: model.dataFlows.length,
      scenarios: scenarios.length,
      vulnerabilities: model.vulnerabilities.length,
      countermeasures: model.countermeasures.length,
    },
    warnings: [
      {
        code: 'asset-out-of-scope',
        severity: 'warning',
        path: ['assets', 23],
        message: `Asset "old-scanner" is out of scope and ignored${hostile}`,
      },
    ],
    findings,
    initialRisk,
    ...(systemInitialRisk ? { systemInitialRisk } : {}),
    scenarios,
    heatMaps: {
      initial: heatMapOf(
        model,
        initialRisk.map((entry) => [entry.subject.id, entry.rating] as const),
      ),
      unmitigated: heatMapOf(
        model,
        scenarios.map((scenario) => [scenario.id, scenario.unmitigated] as const),
      ),
      residual: heatMapOf(
        model,
        scenarios.map((scenario) => [scenario.id, scenario.residual] as const),
      ),
    },
    targets,
    requirements,
    attackPaths,
    completeness,
    crs: {
      system: model.system,
      characteristics: crsCharacteristics,
      operatingEnvironmentAssumptions: model.system.assumptions ?? [],
      threatEnvironment: model.system.threatEnvironment ?? {},
      policies: (model.system.policies ?? []).map(withoutUrl),
      tolerableRisk: {
        band: criteria.tolerable,
        label: tolerableBand?.label ?? criteria.tolerable,
        criteria,
      },
      regulations: (model.system.regulations ?? []).map(withoutUrl),
    },
    approvals,
    summary: {
      scenariosAboveTolerable: {
        unmitigated: unmitigatedAbove,
        residual: residualAbove,
        projected: projectedAbove,
      },
      findingsBySeverity,
      openFindings: findings.filter((entry) => entry.status === 'open').length,
      requirementGaps: requirements.reduce((sum, result) => sum + result.counts.gaps, 0),
      isComplete: completeness.every((step) => step.isComplete),
      hasValidApproval: approvals.some((entry) => !entry.isStale),
    },
  };
};

// One process area: enterprise link, area DMZ, site operations, supervisory, four control cells, SIS, wireless.
const AREA_ROLES = [
  'erp',
  'jump-host',
  'historian',
  'scada-server',
  'hmi',
  'plc',
  'plc',
  'plc',
  'safety-controller',
  'wireless-client',
] as const;
const AREA_LINKS: readonly (readonly [number, number])[] = [
  [0, 1],
  [1, 2],
  [2, 3],
  [3, 4],
  [4, 5],
  [4, 6],
  [4, 7],
  [5, 8],
  [4, 9],
];

/**
 * A synthetic site of `zoneCount` zones in process areas of ten zones (enterprise link, DMZ, site operations,
 * supervisory, control cells, SIS, wireless) with four assets each. Conduits run down each area's levels, and each
 * area's site-operations zone also connects to the first area's DMZ; every third enterprise link is external and
 * every fifth area DMZ feeds site operations through a data diode. For layout tests at scale.
 */
export const buildLargeModelFixture = (zoneCount: number): SystemModel => {
  const zoneId = (index: number): string => `z${String(index).padStart(3, '0')}`;
  const zoneIds = Array.from({ length: zoneCount }, (_, index) => zoneId(index));
  const roleOf = (index: number): (typeof AREA_ROLES)[number] =>
    AREA_ROLES[index % AREA_ROLES.length] ?? 'plc';
  const areas = Math.ceil(zoneCount / AREA_ROLES.length);
  const conduits = Array.from({ length: areas }, (_, area) => area).flatMap((area) => {
    const base = area * AREA_ROLES.length;
    const inArea = AREA_LINKS.filter(([from, to]) => base + from < zoneCount && base + to < zoneCount).map(
      ([from, to]) => ({
        id: `c-${zoneId(base + from)}-${zoneId(base + to)}`,
        name: `Area ${area} ${roleOf(from)} to ${roleOf(to)}`,
        zones: [zoneId(base + from), zoneId(base + to)],
        channels: [
          {
            protocol: from === 1 ? 'https' : 'opc-ua',
            port: from === 1 ? 443 : 4840,
            from: zoneId(base + from),
            to: zoneId(base + to),
          },
        ],
        enforcement: from === 1 && area % 5 === 0 ? ['data-diode' as const] : ['firewall' as const],
        isExternal: from === 0 && area % 3 === 0,
      }),
    );
    const shared =
      area > 0 && base + 2 < zoneCount
        ? [
            {
              id: `c-${zoneId(base + 2)}-site-dmz`,
              name: `Area ${area} to the site DMZ`,
              zones: [zoneId(base + 2), zoneId(1)],
            },
          ]
        : [];
    return [...inArea, ...shared];
  });
  return resolveFixtureModel({
    formatVersion: 1,
    system: { name: `Synthetic site with ${zoneCount} zones` },
    zones: zoneIds.map((id, index) => ({
      id,
      name: `Area ${Math.floor(index / AREA_ROLES.length)} ${roleOf(index)} zone`,
    })),
    assets: zoneIds.flatMap((id, index) =>
      Array.from({ length: 4 }, (_, position) => ({
        id: `${id}-a${position}`,
        name: `Asset ${position} of ${id}`,
        kind: roleOf(index),
        zone: id,
      })),
    ),
    conduits,
  });
};
