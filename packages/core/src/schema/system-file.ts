import { z } from 'zod';

/**
 * The assessment file: what a user writes (YAML/JSON) or sends to the API. This Zod schema is the single source of
 * the file format; the TypeScript type and the JSON Schema are derived from it. References are plain id strings and
 * are checked by `resolveSystem`, which reports every problem at once.
 */

/** The current file format version. Older versions are migrated by `schema/migrations`. */
export const CURRENT_FORMAT_VERSION = 1;

const text = z.string().max(100_000);
const shortText = z.string().max(2_000);

/** Entity ids are unique across the whole file so that any reference and any finding id is unambiguous. */
export const idSchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:/-]*$/, {
    message: 'ids start with a letter or digit and use only letters, digits and . _ : / -',
  })
  .describe('Unique id: letters, digits and . _ : / - ; unique across the whole file.');

const idList = z.array(idSchema);

/** A level on the likelihood or impact scale, 1 … 5 by default (the scale may be shorter or longer). */
const levelSchema = z.number().int().min(1).max(10);

/** An SL given as one number (all FRs), seven numbers, or the standard's notation "{2 2 0 1 3 1 3}". */
export const securityLevelVectorSchema = z
  .union([
    z.number().int().min(0).max(4),
    z.array(z.number().int().min(0).max(4)).length(7),
    z.string().regex(/^\s*\{?\s*[0-4](\s*[ ,]\s*[0-4]){6}\s*\}?\s*$/, {
      message: 'write the vector as seven levels 0–4 in FR order, e.g. "{2 2 0 1 3 1 3}"',
    }),
  ])
  .describe(
    'Security-level vector {IAC UC SI DC RDF TRE RA}: one number, seven numbers, or "{2 2 0 1 3 1 3}".',
  );

const impactRatingsSchema = z
  .record(z.string(), levelSchema)
  .describe('Impact level per impact category id, e.g. { health-safety: 4, production: 3 }.');

const referenceSchema = z.object({
  id: idSchema,
  title: shortText,
  description: text.optional(),
  url: shortText.optional(),
});

const boundarySchema = z
  .object({
    logical: text.optional().describe('Logical boundary: networks, address ranges, systems included.'),
    physical: text.optional().describe('Physical boundary: buildings, rooms, cabinets.'),
  })
  .strict();

export const systemSchema = z
  .object({
    id: idSchema.optional(),
    name: shortText.min(1),
    description: text.optional(),
    intendedUse: text.optional().describe('ZCR 6.2: function and intended use of the SuC.'),
    equipmentUnderControl: text.optional().describe('ZCR 6.2: the process or equipment the SuC controls.'),
    site: shortText.optional(),
    owner: shortText.optional().describe('Asset owner organisation.'),
    boundary: boundarySchema.optional(),
    assumptions: z.array(text).optional().describe('ZCR 6.5: operating-environment assumptions.'),
    threatEnvironment: z
      .object({ description: text.optional(), sources: z.array(shortText).optional() })
      .strict()
      .optional()
      .describe('ZCR 6.6: threat environment and threat-intelligence sources.'),
    policies: z
      .array(referenceSchema.strict())
      .optional()
      .describe('ZCR 6.7: organisational security policies.'),
    regulations: z.array(referenceSchema.strict()).optional().describe('ZCR 6.9: regulatory requirements.'),
    references: z
      .array(referenceSchema.strict())
      .optional()
      .describe('ZCR 5.13: PHA/HAZOP studies, drawings and other documents the assessment relies on.'),
  })
  .strict();

export const assessmentInfoSchema = z
  .object({
    title: shortText.optional(),
    documentId: shortText.optional(),
    version: shortText.optional(),
    date: shortText.optional().describe('Date of the assessment (ISO 8601).'),
    confidentiality: shortText.optional().describe('ZCR 5.13: confidentiality classification.'),
    team: z
      .array(
        z
          .object({ name: shortText, role: shortText.optional(), organisation: shortText.optional() })
          .strict(),
      )
      .optional(),
    sessions: z
      .array(
        z
          .object({
            date: shortText,
            topic: shortText.optional(),
            participants: z.array(shortText).optional(),
          })
          .strict(),
      )
      .optional(),
    revisions: z
      .array(
        z
          .object({
            version: shortText,
            date: shortText,
            author: shortText.optional(),
            change: text.optional(),
          })
          .strict(),
      )
      .optional(),
  })
  .strict();

export const riskCriteriaSchema = z
  .object({
    likelihood: z
      .object({
        direction: z
          .enum(['ascending', 'descending'])
          .default('ascending')
          .describe(
            'ascending: higher level = more likely; descending: level 1 = most likely (3-2 Annex B style).',
          ),
        levels: z
          .array(z.object({ level: levelSchema, label: shortText, description: text.optional() }).strict())
          .min(2),
      })
      .strict(),
    impactCategories: z
      .array(
        z
          .object({
            id: idSchema,
            name: shortText,
            levels: z.array(shortText).min(2).describe('Level 1 first.'),
          })
          .strict(),
      )
      .min(1),
    bands: z
      .array(
        z
          .object({
            id: idSchema,
            label: shortText,
            securityLevel: z.number().int().min(0).max(4).describe('SL-T for the risk-band method.'),
            color: shortText.optional(),
          })
          .strict(),
      )
      .min(2)
      .describe('Risk bands from lowest to highest.'),
    matrix: z
      .array(z.array(idSchema))
      .describe('matrix[likelihoodLevel-1][impactLevel-1] = band id; one row per likelihood level.'),
    tolerable: idSchema.describe('The highest band that is tolerable (ZCR 6.8).'),
    securityLevelTarget: z
      .object({
        method: z.enum(['risk-band', 'attacker-capability']).default('risk-band'),
        floor: z.number().int().min(0).max(4).default(1).describe('Lowest SL-T for every FR of every zone.'),
      })
      .strict()
      .optional(),
  })
  .strict();

export const networkInterfaceSchema = z
  .object({
    ip: shortText.optional(),
    mac: shortText.optional(),
    network: shortText.optional(),
    name: shortText.optional(),
  })
  .strict();

export const assetSchema = z
  .object({
    id: idSchema,
    name: shortText,
    kind: idSchema.describe('Asset kind id from the catalog (plc, hmi, safety-controller, …).'),
    description: text.optional(),
    vendor: shortText.optional(),
    product: shortText.optional(),
    version: shortText.optional(),
    purdueLevel: z.number().min(0).max(5).optional(),
    zone: idSchema.optional().describe('The zone (or conduit, for network devices) this asset belongs to.'),
    location: shortText.optional(),
    owner: shortText.optional(),
    isInScope: z.boolean().default(true).describe('false: outside the SuC boundary (kept for context only).'),
    criticality: impactRatingsSchema
      .optional()
      .describe('Worst-case impact per category if the asset is compromised (ZCR 2).'),
    attributes: z
      .object({
        isSafetyRelated: z.boolean().optional(),
        isTemporarilyConnected: z.boolean().optional(),
        isWireless: z.boolean().optional(),
        isExternallyConnected: z.boolean().optional(),
        isBusinessSystem: z.boolean().optional(),
        isNetworkDevice: z.boolean().optional(),
        controlsProcess: z.boolean().optional(),
      })
      .strict()
      .optional()
      .describe('Overrides of the attributes the asset kind implies.'),
    interfaces: z.array(networkInterfaceSchema).optional(),
    securityLevelCapability: securityLevelVectorSchema
      .optional()
      .describe('SL-C of the component (IEC 62443-4-2).'),
    tags: z.array(shortText).optional(),
  })
  .strict();

const targetSchema = z
  .object({
    levels: securityLevelVectorSchema,
    justification: text.min(1).describe('Why this SL-T is set by hand rather than derived.'),
  })
  .strict();

export const zoneSchema = z
  .object({
    id: idSchema,
    name: shortText,
    description: text.optional(),
    organisation: shortText.optional().describe('CRS b: accountable organisation.'),
    boundary: boundarySchema.optional(),
    isSafetyRelated: z
      .boolean()
      .optional()
      .describe('CRS e: safety designation (derived from assets when absent).'),
    assets: idList.optional().describe('Assets in this zone (alternative to asset.zone).'),
    securityLevelTarget: targetSchema.optional().describe('Explicit SL-T with justification.'),
    securityLevelAchieved: securityLevelVectorSchema
      .optional()
      .describe('SL-A from verification, when known.'),
    policies: idList.optional().describe('CRS m: ids of system policies that apply.'),
    assumptions: z.array(text).optional().describe('CRS n: assumptions and external dependencies.'),
    parent: idSchema.optional().describe('Enclosing zone, for nested zones.'),
  })
  .strict();

export const channelSchema = z
  .object({
    protocol: shortText.describe('Protocol name, e.g. opc-ua, modbus-tcp, https, s7comm.'),
    port: z
      .union([z.number().int().min(0).max(65535), shortText])
      .optional()
      .describe('Port or range "1024-2048".'),
    transport: z.enum(['tcp', 'udp', 'other']).optional(),
    from: idSchema.describe('Zone that initiates the connection.'),
    to: idSchema.describe('Zone that accepts it.'),
    isEncrypted: z.boolean().optional(),
    purpose: shortText.optional(),
  })
  .strict();

export const ENFORCEMENT_KINDS = [
  'firewall',
  'data-diode',
  'vpn',
  'jump-host',
  'proxy',
  'mfa',
  'ids',
  'acl',
  'application-gateway',
  'physical-isolation',
  'encryption',
] as const;

export const conduitSchema = z
  .object({
    id: idSchema,
    name: shortText,
    description: text.optional(),
    organisation: shortText.optional(),
    zones: z.array(idSchema).describe('The zones this conduit joins (at least two).'),
    channels: z.array(channelSchema).optional().describe('What may cross: protocol, port, direction.'),
    enforcement: z.array(z.enum(ENFORCEMENT_KINDS)).optional(),
    devices: idList.optional().describe('Network or security devices that implement the conduit.'),
    isExternal: z.boolean().optional().describe('Crosses an external network (WAN, internet, cellular).'),
    pattern: idSchema
      .optional()
      .describe('Integration pattern this conduit follows (checked by the engine).'),
    securityLevelTarget: targetSchema.optional(),
    securityLevelAchieved: securityLevelVectorSchema.optional(),
    policies: idList.optional(),
    assumptions: z.array(text).optional(),
  })
  .strict();

export const ACCESS_POINT_KINDS = [
  'remote-access',
  'internet',
  'vendor-link',
  'cloud',
  'wireless',
  'removable-media',
  'serial',
  'maintenance-laptop',
  'enterprise-network',
  'physical',
  'other',
] as const;

export const accessPointSchema = z
  .object({
    id: idSchema,
    name: shortText,
    kind: z.enum(ACCESS_POINT_KINDS),
    zone: idSchema.describe('The zone where it enters the SuC.'),
    description: text.optional(),
    isLogical: z.boolean().optional().describe('true: a network access point; false: physical (CRS f/g).'),
    exposure: levelSchema
      .optional()
      .describe('Base likelihood override (1 … 5) for scenarios entering here.'),
  })
  .strict();

export const dataFlowSchema = z
  .object({
    id: idSchema,
    from: idSchema.describe('Source asset (initiator).'),
    to: idSchema.describe('Destination asset.'),
    protocol: shortText,
    port: z.union([z.number().int().min(0).max(65535), shortText]).optional(),
    purpose: shortText.optional(),
    accessPoint: idSchema.optional().describe('Access point the flow uses, for CRS h.'),
  })
  .strict();

export const threatScenarioSchema = z
  .object({
    id: idSchema,
    title: shortText,
    description: text.optional(),
    source: idSchema.describe('Threat source id (built-in or defined in threatSources).'),
    entryPoint: idSchema.optional().describe('Access point id.'),
    zone: idSchema.optional().describe('Zone or conduit assessed (ZCR 5 is per zone and conduit).'),
    targets: idList.optional().describe('Targeted assets.'),
    techniques: z.array(shortText).optional().describe('MITRE ATT&CK for ICS technique ids, e.g. T0836.'),
    vulnerabilities: idList.optional(),
    consequences: impactRatingsSchema.optional().describe('Worst credible impact per category (ZCR 5.3).'),
    consequenceReference: shortText.optional().describe('PHA/HAZOP scenario id the consequence comes from.'),
    hasOnlyHackableSafeguards: z
      .boolean()
      .optional()
      .describe('From the PHA: every safeguard against the consequence can be defeated by a cyber attack.'),
    likelihood: levelSchema.describe('Unmitigated likelihood (ZCR 5.4).'),
    residualLikelihood: levelSchema
      .optional()
      .describe('Likelihood re-rated with existing countermeasures (ZCR 5.9); derived when absent.'),
    countermeasures: idList.optional().describe('Countermeasures credited against this scenario.'),
    frs: z
      .array(shortText)
      .optional()
      .describe('Foundational requirements the attack exercises (FR1 … FR7 or IAC … RA).'),
  })
  .strict();

export const threatSourceSchema = z
  .object({
    id: idSchema,
    name: shortText,
    capability: z.number().int().min(1).max(4),
    description: text.optional(),
  })
  .strict();

/** Treatment status of a vulnerability in the vulnerability register. */
export const VULNERABILITY_STATUSES = [
  'open',
  'remediated',
  'mitigated',
  'accepted',
  'not-affected',
] as const;

export const vulnerabilitySchema = z
  .object({
    id: idSchema,
    cve: shortText.optional(),
    advisory: shortText.optional(),
    title: shortText.optional(),
    cvss: z
      .object({ version: shortText, score: z.number().min(0).max(10), vector: shortText.optional() })
      .strict()
      .optional(),
    isKnownExploited: z.boolean().optional(),
    assets: idList,
    remediation: text.optional(),
    status: z.enum(VULNERABILITY_STATUSES).optional().describe('Treatment status (vulnerability register).'),
    owner: shortText.optional(),
    dueDate: shortText.optional().describe('When treatment is due (ISO 8601 date).'),
  })
  .strict();

export const countermeasureSchema = z
  .object({
    id: idSchema,
    title: shortText,
    description: text.optional(),
    type: z.enum(['technical', 'procedural', 'physical']),
    status: z.enum(['existing', 'planned']),
    requirements: z
      .array(shortText)
      .optional()
      .describe('62443-3-3 SRs/REs it satisfies, e.g. "SR 1.1 RE 2".'),
    appliesTo: idList.describe('Zones, conduits, assets or access points it protects.'),
    likelihoodReduction: z.number().int().min(0).max(4).default(0).describe('Likelihood steps it removes.'),
    impactReduction: z.number().int().min(0).max(4).default(0).describe('Impact steps it removes.'),
    isCompensating: z
      .boolean()
      .optional()
      .describe('A compensating countermeasure for a capability the system lacks.'),
    owner: shortText.optional(),
    dueDate: shortText.optional(),
  })
  .strict();

export const REQUIREMENT_STATUSES = ['met', 'partial', 'not-met', 'compensated', 'not-applicable'] as const;

export const requirementStatusSchema = z
  .object({
    subject: idSchema.describe('Zone or conduit id.'),
    requirement: shortText.describe('SR/RE id, e.g. "SR 5.1 RE 1".'),
    status: z.enum(REQUIREMENT_STATUSES),
    countermeasure: idSchema.optional().describe('Compensating countermeasure, required for "compensated".'),
    justification: text.optional().describe('Required for "not-applicable".'),
    evidence: text.optional(),
    owner: shortText.optional().describe('Who closes the gap (compliance matrix).'),
    dueDate: shortText.optional().describe('When the gap is due to be closed (ISO 8601 date).'),
  })
  .strict();

export const approvalSchema = z
  .object({
    id: idSchema,
    approver: shortText,
    role: shortText.optional(),
    meaning: z.enum(['reviewed', 'approved']),
    statement: text.optional(),
    signedAt: shortText,
    modelSha256: z.string().regex(/^[0-9a-f]{64}$/, { message: 'a SHA-256 is 64 lowercase hex digits' }),
  })
  .strict();

export const triageSchema = z
  .object({
    finding: shortText.describe('Finding id: rule-id@subject-id.'),
    status: z.enum(['accepted', 'false-positive', 'mitigated']),
    justification: text.min(1),
    by: shortText.optional(),
    date: shortText.optional(),
  })
  .strict();

export const systemFileSchema = z
  .object({
    $schema: z.string().optional(),
    formatVersion: z.literal(CURRENT_FORMAT_VERSION),
    assessment: assessmentInfoSchema.optional(),
    system: systemSchema,
    riskCriteria: riskCriteriaSchema.optional().describe('ZCR 6.8; the built-in 5×5 criteria when absent.'),
    threatSources: z.array(threatSourceSchema).optional(),
    accessPoints: z.array(accessPointSchema).default([]),
    zones: z.array(zoneSchema).default([]),
    conduits: z.array(conduitSchema).default([]),
    assets: z.array(assetSchema).default([]),
    dataFlows: z.array(dataFlowSchema).default([]),
    threatScenarios: z.array(threatScenarioSchema).default([]),
    vulnerabilities: z.array(vulnerabilitySchema).default([]),
    countermeasures: z.array(countermeasureSchema).default([]),
    requirementStatus: z.array(requirementStatusSchema).default([]),
    triage: z.array(triageSchema).default([]),
    approvals: z.array(approvalSchema).default([]),
  })
  .strict();

/** The assessment file after parsing (defaults applied). */
export type SystemFile = z.output<typeof systemFileSchema>;
/** The assessment file as written (defaults optional). */
export type SystemFileInput = z.input<typeof systemFileSchema>;
export type AssetInput = SystemFile['assets'][number];
export type ZoneInput = SystemFile['zones'][number];
export type ConduitInput = SystemFile['conduits'][number];
export type ChannelInput = NonNullable<ConduitInput['channels']>[number];
export type AccessPointInput = SystemFile['accessPoints'][number];
export type DataFlowInput = SystemFile['dataFlows'][number];
export type ThreatScenarioInput = SystemFile['threatScenarios'][number];
export type VulnerabilityInput = SystemFile['vulnerabilities'][number];
export type CountermeasureInput = SystemFile['countermeasures'][number];
export type RequirementStatusInput = SystemFile['requirementStatus'][number];
export type ApprovalInput = SystemFile['approvals'][number];
export type TriageInput = SystemFile['triage'][number];
export type RiskCriteriaInput = z.output<typeof riskCriteriaSchema>;
export type EnforcementKind = (typeof ENFORCEMENT_KINDS)[number];
export type AccessPointKind = (typeof ACCESS_POINT_KINDS)[number];
export type RequirementStatusValue = (typeof REQUIREMENT_STATUSES)[number];
export type VulnerabilityStatus = (typeof VULNERABILITY_STATUSES)[number];
