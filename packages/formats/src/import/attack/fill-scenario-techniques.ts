import type { SystemFileInput } from '@zonewise/core';
import type { AttackCatalog } from './attack-catalog';
import {
  ATTACK_ASSET_NAMES_BY_KIND,
  suggestScenarioTechniques,
  type TechniqueSuggestion,
} from './suggest-scenario-techniques';

/** What filling scenario techniques did, scenario by scenario. */
export interface TechniqueFill {
  readonly file: SystemFileInput;
  readonly filled: readonly {
    readonly scenario: string;
    readonly techniques: readonly TechniqueSuggestion[];
  }[];
  readonly skipped: readonly { readonly scenario: string; readonly reason: string }[];
}

/**
 * Fills the empty `techniques` of an assessment file's threat scenarios from an ATT&CK catalog with
 * {@link suggestScenarioTechniques}: only scenarios with targets whose asset kinds ATT&CK knows, only techniques
 * that target those kinds and that the scenario's text names. Scenarios that already list techniques are left as
 * they are. Every scenario appears in `filled` or `skipped` with the reason.
 */
export const fillScenarioTechniques = (file: SystemFileInput, catalog: AttackCatalog): TechniqueFill => {
  const kindOf = new Map((file.assets ?? []).map((asset) => [asset.id, asset.kind]));
  const filled: { scenario: string; techniques: TechniqueSuggestion[] }[] = [];
  const skipped: { scenario: string; reason: string }[] = [];
  const scenarios = (file.threatScenarios ?? []).map((scenario) => {
    if ((scenario.techniques ?? []).length > 0) {
      skipped.push({ scenario: scenario.id, reason: 'already lists techniques' });
      return scenario;
    }
    const kinds = [...new Set((scenario.targets ?? []).flatMap((id) => kindOf.get(id) ?? []))];
    if (kinds.length === 0) {
      skipped.push({ scenario: scenario.id, reason: 'names no target assets' });
      return scenario;
    }
    const known = kinds.filter((kind) => ATTACK_ASSET_NAMES_BY_KIND[kind] !== undefined);
    const suggestions = suggestScenarioTechniques(catalog, scenario, known);
    if (suggestions.length === 0) {
      skipped.push({
        scenario: scenario.id,
        reason:
          known.length === 0
            ? `no ATT&CK asset type for target kinds ${kinds.join(', ')}`
            : `no technique targeting ${known.join(', ')} is named in its title or description`,
      });
      return scenario;
    }
    filled.push({ scenario: scenario.id, techniques: suggestions });
    return { ...scenario, techniques: suggestions.map((suggestion) => suggestion.technique.id) };
  });
  return { file: { ...file, threatScenarios: scenarios }, filled, skipped };
};
