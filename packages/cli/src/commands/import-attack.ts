import type { SystemFileInput } from '@zonewise/core';
import {
  fillScenarioTechniques,
  loadAttackCatalog,
  suggestMitigations,
  type AttackCatalog,
} from '@zonewise/formats';
import { EXIT } from '../exit-codes';
import type { CliIo } from '../io';
import { mergeIntoAssessment, type MergeResult } from '../import/merge-into-assessment';
import { printDiagnostics } from '../print-diagnostics';

/** Options of `zonewise import attack`. */
export interface ImportAttackOptions {
  readonly into?: string;
  readonly format: 'text' | 'json';
}

const title = (catalog: AttackCatalog): string =>
  `${catalog.name} ${catalog.version}${catalog.attackSpecVersion ? ` (ATT&CK spec ${catalog.attackSpecVersion})` : ''}`;

const renderSummary = (path: string, catalog: AttackCatalog): string => {
  const labelled = catalog.mitigations.filter((mitigation) => mitigation.iec62443.length > 0);
  const requirements = new Set(catalog.mitigations.flatMap((mitigation) => mitigation.systemRequirements));
  const lines = [
    `${path}: ${title(catalog)}`,
    `  ${catalog.tactics.length} tactics, ${catalog.techniques.length} techniques, ${catalog.mitigations.length} mitigations (${labelled.length} with IEC 62443 labels, ${requirements.size} distinct SRs), ${catalog.assetTypes.length} asset types, ${catalog.mitigates.length} mitigates relationships; ${catalog.counts.inactive} revoked or deprecated objects left out`,
    '',
    'Tactics',
    ...catalog.tactics.map(
      (tactic) =>
        `  ${tactic.id.padEnd(7)} ${tactic.name.padEnd(28)} ${catalog.techniques.filter((technique) => technique.tactics.includes(tactic.id)).length} techniques`,
    ),
    '',
    'Asset types',
    ...catalog.assetTypes.map(
      (asset) =>
        `  ${asset.id.padEnd(7)} ${asset.name.padEnd(44)} ${catalog.techniques.filter((technique) => technique.assetTypes.includes(asset.id)).length} techniques`,
    ),
  ];
  return `${lines.join('\n')}\n`;
};

/**
 * Fills empty scenario techniques from the catalog and lists, per filled scenario, the mitigations ATT&CK relates
 * to them with their SRs; also flags technique ids the catalog does not hold (revoked, deprecated or mistyped).
 */
export const mergeAttackTechniques = (file: SystemFileInput, catalog: AttackCatalog): MergeResult => {
  const fill = fillScenarioTechniques(file, catalog);
  const active = new Set(catalog.techniques.map((technique) => technique.id));
  const summary = [
    `${title(catalog)}: techniques filled for ${fill.filled.length} of ${(file.threatScenarios ?? []).length} threat scenarios`,
  ];
  for (const { scenario, techniques } of fill.filled) {
    summary.push(`  + ${scenario}: ${techniques.map((item) => item.technique.id).join(', ')}`);
    for (const item of techniques)
      summary.push(`      ${item.technique.id} ${item.technique.name}: ${item.because}`);
    const mitigations = suggestMitigations(
      catalog,
      techniques.map((item) => item.technique.id),
    ).slice(0, 5);
    if (mitigations.length > 0) {
      summary.push(
        `      mitigations: ${mitigations
          .map(
            (item) =>
              `${item.mitigation.id} ${item.mitigation.name}${item.systemRequirements.length > 0 ? ` (${item.systemRequirements.join(', ')})` : ''}`,
          )
          .join('; ')}`,
      );
    }
  }
  for (const { scenario, reason } of fill.skipped) summary.push(`  = ${scenario}: ${reason}`);
  for (const scenario of file.threatScenarios ?? []) {
    const unknown = (scenario.techniques ?? []).filter((id) => !active.has(id));
    if (unknown.length > 0) {
      summary.push(
        `  ! ${scenario.id}: ${unknown.join(', ')} ${unknown.length === 1 ? 'is not an active technique' : 'are not active techniques'} of ${title(catalog)}`,
      );
    }
  }
  return {
    file: fill.file,
    summary,
    details: {
      catalog: title(catalog),
      filled: fill.filled.map(({ scenario, techniques }) => ({
        scenario,
        techniques: techniques.map((item) => ({ id: item.technique.id, because: item.because })),
      })),
      skipped: fill.skipped,
    },
  };
};

/**
 * `zonewise import attack <bundle.json>`: loads the MITRE ATT&CK for ICS STIX 2.1 bundle and prints the catalog
 * summary (release, counts per tactic and asset type) or the whole catalog as JSON; with `--into`, fills the empty
 * techniques of the file's threat scenarios, conservatively, and summarises what it did. Exit 2 on a bundle that
 * is not valid JSON or not a catalog.
 */
export const importAttackCommand = (io: CliIo, bundlePath: string, options: ImportAttackOptions): number => {
  const loaded = loadAttackCatalog(io.readText(bundlePath), bundlePath);
  if (!loaded.ok) {
    printDiagnostics(io, loaded.diagnostics);
    return EXIT.invalidInput;
  }
  printDiagnostics(io, loaded.warnings);
  const catalog = loaded.value;
  if (options.into !== undefined) {
    return mergeIntoAssessment(io, options.into, (file) => mergeAttackTechniques(file, catalog), {
      format: options.format,
    });
  }
  io.stdout(
    options.format === 'json' ? `${JSON.stringify(catalog, null, 2)}\n` : renderSummary(bundlePath, catalog),
  );
  return EXIT.ok;
};
