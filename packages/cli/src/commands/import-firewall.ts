import type { ConduitInput, SystemFileInput, ZoneInput } from '@zonewise/core';
import { findIpRanges, importFirewallConfig, parseIpRange, type FirewallImport } from '@zonewise/formats';
import { CliError, EXIT } from '../exit-codes';
import type { CliIo } from '../io';
import { mergeIntoAssessment, type MergeResult } from '../import/merge-into-assessment';
import { printDiagnostics } from '../print-diagnostics';

/** Options of `zonewise import firewall`. */
export interface ImportFirewallOptions {
  readonly into?: string;
  readonly format: 'text' | 'json';
}

const portText = (port: number | string | undefined, transport: string | undefined): string =>
  `${transport ?? 'any'}${port === undefined ? '' : `/${port}`}`;

const renderText = (result: FirewallImport): string => {
  const lines = [
    `${result.file}: ${result.vendor === 'pfsense' ? 'pfSense' : 'OPNsense'}${result.hostname ? ` ${result.hostname}` : ''}, ${result.zones.length} zone candidates, ${result.conduits.length} conduit candidates, ${result.channels.length} channels, ${result.notes.length} notes`,
    '',
    'Zones (one per interface)',
    ...result.legs.map(
      (leg) =>
        `  ${leg.zone.padEnd(32)} ${leg.interface.padEnd(6)} ${(leg.networks.join(', ') || (leg.isExternal ? 'outside' : '-')).padEnd(20)}${leg.vlan === undefined ? '' : ` VLAN ${leg.vlan}`}${leg.isExternal ? ' external' : ''}`,
    ),
    '',
    'Conduits and the channels the rules allow',
  ];
  for (const conduit of result.conduits) {
    lines.push(`  ${conduit.id}${conduit.isExternal ? ' (external)' : ''}`);
    for (const channel of conduit.channels ?? []) {
      const rules = result.channels
        .find((item) => item.channel === channel)
        ?.rules.map((rule) => String(rule.position))
        .join(',');
      lines.push(
        `    ${channel.from} -> ${channel.to}  ${channel.protocol} ${portText(channel.port, channel.transport)}${rules ? `  (rule ${rules})` : ''}`,
      );
    }
  }
  lines.push('', 'Notes');
  if (result.notes.length === 0) lines.push('  none');
  for (const note of result.notes) {
    lines.push(
      `  ${note.severity.padEnd(6)} ${note.id}${note.rule.line ? ` (line ${note.rule.line})` : ''}: ${note.message}`,
    );
  }
  return `${lines.join('\n')}\n`;
};

/** Every id already used in the file: ids are unique across all entity kinds. */
const usedIds = (file: SystemFileInput): Set<string> =>
  new Set(
    [
      file.zones,
      file.conduits,
      file.assets,
      file.dataFlows,
      file.accessPoints,
      file.threatScenarios,
      file.vulnerabilities,
      file.countermeasures,
    ].flatMap((list) => (list ?? []).map((entity) => entity.id)),
  );

/** An existing zone whose logical boundary names a network that overlaps the imported one. */
const zoneByNetwork = (zones: readonly ZoneInput[], networks: readonly string[]): ZoneInput | undefined => {
  const imported = networks.map(parseIpRange).filter((range) => range !== undefined);
  if (imported.length === 0) return undefined;
  return zones.find((zone) =>
    findIpRanges(zone.boundary?.logical ?? '').some((range) =>
      imported.some(
        (other) => other.family === range.family && other.low <= range.high && range.low <= other.high,
      ),
    ),
  );
};

/**
 * Adds the zone and conduit candidates of each configuration to a file. An imported zone whose network an
 * existing zone's logical boundary already names, or whose id an existing zone has, is not added: conduits use the
 * existing zone instead; an id another kind of entity holds gets a numeric suffix. A conduit is skipped when its id exists or a conduit already joins the same two zones, since
 * conduits record design intent; `check-flows --firewall` compares the two.
 */
export const mergeFirewallImports = (
  file: SystemFileInput,
  results: readonly FirewallImport[],
): MergeResult => {
  const zones = [...(file.zones ?? [])];
  const conduits = [...(file.conduits ?? [])];
  const ids = usedIds(file);
  const summary: string[] = [];
  const zonesAdded: string[] = [];
  const conduitsAdded: string[] = [];
  const skippedEntries: { kind: 'zone' | 'conduit'; id: string; reason: string }[] = [];
  const notes: { file: string; severity: string; id: string; message: string }[] = [];
  let added = 0;
  let skipped = 0;
  for (const result of results) {
    const rename = new Map<string, string>();
    for (const zone of result.zones) {
      const leg = result.legs.find((item) => item.zone === zone.id);
      const existing = zoneByNetwork(zones, leg?.networks ?? []);
      if (existing) {
        rename.set(zone.id, existing.id);
        summary.push(
          `  = zone ${zone.id}: network ${leg?.networks.join(', ') ?? ''} is already zone ${existing.id}; using it`,
        );
        skippedEntries.push({ kind: 'zone', id: zone.id, reason: `network is already zone ${existing.id}` });
        skipped += 1;
      } else if (zones.some((item) => item.id === zone.id)) {
        summary.push(`  = zone ${zone.id}: the zone exists already; using it`);
        skippedEntries.push({ kind: 'zone', id: zone.id, reason: 'the zone exists already' });
        skipped += 1;
      } else {
        let id = zone.id;
        for (let counter = 2; ids.has(id); counter += 1) id = `${zone.id}-${counter}`;
        if (id !== zone.id) rename.set(zone.id, id);
        zones.push({ ...zone, id });
        ids.add(id);
        zonesAdded.push(id);
        summary.push(
          `  + zone ${id} (${zone.boundary?.logical ?? ''})${id === zone.id ? '' : `: ${zone.id} names another entity`}`,
        );
        added += 1;
      }
    }
    for (const candidate of result.conduits) {
      const mapped = candidate.zones.map((zone) => rename.get(zone) ?? zone);
      const [a = '', b = ''] = mapped;
      const joining = conduits.find((conduit) => conduit.zones.includes(a) && conduit.zones.includes(b));
      if (a === b) {
        summary.push(`  - conduit ${candidate.id}: both sides are zone ${a}`);
        skippedEntries.push({ kind: 'conduit', id: candidate.id, reason: `both sides are zone ${a}` });
        skipped += 1;
      } else if (ids.has(candidate.id)) {
        summary.push(`  - conduit ${candidate.id}: the id exists already`);
        skippedEntries.push({ kind: 'conduit', id: candidate.id, reason: 'the id exists already' });
        skipped += 1;
      } else if (joining) {
        summary.push(`  - conduit ${candidate.id}: conduit ${joining.id} already joins ${a} and ${b}`);
        skippedEntries.push({
          kind: 'conduit',
          id: candidate.id,
          reason: `conduit ${joining.id} already joins ${a} and ${b}`,
        });
        skipped += 1;
      } else {
        const conduit: ConduitInput = {
          ...candidate,
          zones: mapped,
          channels: (candidate.channels ?? []).map((channel) => ({
            ...channel,
            from: rename.get(channel.from) ?? channel.from,
            to: rename.get(channel.to) ?? channel.to,
          })),
        };
        conduits.push(conduit);
        ids.add(conduit.id);
        conduitsAdded.push(conduit.id);
        summary.push(`  + conduit ${conduit.id} (${conduit.channels?.length ?? 0} channels)`);
        added += 1;
      }
    }
    for (const note of result.notes.filter((item) => item.severity !== 'info')) {
      summary.push(`  ! ${note.severity} ${note.id}: ${note.message}`);
      notes.push({ file: result.file, severity: note.severity, id: note.id, message: note.message });
    }
  }
  const header = `${results.map((result) => result.file).join(', ')}: ${added} added, ${skipped} skipped`;
  return {
    file: { ...file, zones, conduits },
    summary: [header, ...summary],
    details: {
      files: results.map((result) => result.file),
      zonesAdded,
      conduitsAdded,
      skipped: skippedEntries,
      notes,
    },
  };
};

/**
 * `zonewise import firewall <config.xml…>`: reads OPNsense/pfSense configurations and prints the zone and conduit
 * candidates, the channels the rules allow and notes on risky rules (text or JSON), or merges the zones and
 * conduits into `--into`. Malformed XML exits 2 with file:line:column.
 */
export const importFirewallCommand = (
  io: CliIo,
  inputs: readonly string[],
  options: ImportFirewallOptions,
): number => {
  if (inputs.length === 0) throw new CliError('name at least one firewall configuration (config.xml).');
  const results = inputs.map((path) => importFirewallConfig(io.readText(path), path));
  const diagnostics = results.flatMap((result) => result.diagnostics);
  printDiagnostics(io, diagnostics);
  if (diagnostics.some((diagnostic) => diagnostic.severity === 'error')) return EXIT.invalidInput;
  if (options.into !== undefined) {
    return mergeIntoAssessment(io, options.into, (file) => mergeFirewallImports(file, results), {
      format: options.format,
    });
  }
  io.stdout(
    options.format === 'json'
      ? `${JSON.stringify({ files: results }, null, 2)}\n`
      : results.map(renderText).join('\n'),
  );
  return EXIT.ok;
};
