import type { AttackCatalog, AttackTechnique } from './attack-catalog';

/**
 * Zonewise asset kinds and the ATT&CK for ICS asset-type names (or synonyms, or older releases' platform names)
 * that denote them. Names rather than A-ids, so that a release that renumbers or adds assets still matches.
 */
export const ATTACK_ASSET_NAMES_BY_KIND: Readonly<Record<string, readonly string[]>> = {
  plc: ['programmable logic controller', 'plc'],
  'dcs-controller': ['distributed control system controller', 'dcs controller'],
  'safety-controller': ['safety controller', 'safety instrumented system'],
  rtu: ['remote terminal unit', 'rtu'],
  ied: ['intelligent electronic device', 'ied', 'protection relay'],
  drive: ['variable frequency drive', 'vfd'],
  'field-device': ['field i o', 'smart sensors'],
  'io-module': ['field i o', 'input output server'],
  hmi: ['human machine interface', 'hmi', 'operator workstation'],
  'scada-server': ['control server', 'supervisory control and data acquisition server', 'scada server'],
  'engineering-workstation': ['engineering workstation', 'ews'],
  'safety-engineering-workstation': ['engineering workstation', 'ews'],
  historian: ['data historian'],
  'opc-server': ['data gateway', 'data acquisition server', 'input output server'],
  mes: ['manufacturing execution system'],
  'domain-controller': ['domain controller'],
  'patch-server': ['update patch management server'],
  'batch-server': ['application server'],
  'backup-server': ['application server'],
  server: ['application server'],
  'jump-host': ['jump host'],
  firewall: ['firewall'],
  router: ['routers', 'router'],
  switch: ['switch'],
  'vpn-gateway': ['virtual private network server', 'vpn server'],
  'remote-access-gateway': ['virtual private network server', 'vpn server', 'jump host'],
  workstation: ['workstation'],
  'portable-laptop': ['transient cyber asset'],
};

const normalise = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/** "Human-Machine Interface (HMI)" → full name, name without the parenthesis, the abbreviation; "/" lists split. */
const nameVariants = (name: string): string[] => {
  const variants = [
    name,
    name.replace(/\([^)]*\)/g, ' '),
    ...[...name.matchAll(/\(([^)]*)\)/g)].map((m) => m[1] ?? ''),
  ];
  const pieces = variants.flatMap((variant) => [variant, ...variant.split('/')]);
  return [...new Set(pieces.map(normalise).filter((piece) => piece !== ''))];
};

/** Technique ids that target an asset type (or platform) an asset kind stands for. */
export const techniquesTargetingKind = (catalog: AttackCatalog, kind: string): Set<string> => {
  const names = new Set((ATTACK_ASSET_NAMES_BY_KIND[kind] ?? []).map(normalise));
  const matches = (name: string) => nameVariants(name).some((variant) => names.has(variant));
  const assetTypes = new Set(
    catalog.assetTypes
      .filter((asset) => matches(asset.name) || asset.relatedNames.some(matches))
      .map((asset) => asset.id),
  );
  return new Set(
    catalog.techniques
      .filter(
        (technique) =>
          technique.assetTypes.some((id) => assetTypes.has(id)) || technique.platforms.some(matches),
      )
      .map((technique) => technique.id),
  );
};

const STEM_LENGTH = 5;
/** Verbs scenario authors use interchangeably with ATT&CK's "modify". */
const SYNONYMS: ReadonlyMap<string, string> = new Map([
  ['chang', 'modif'],
  ['alter', 'modif'],
  ['alters', 'modif'],
]);
const stem = (word: string): string => {
  const short = word.slice(0, STEM_LENGTH);
  return SYNONYMS.get(short) ?? short;
};
/** The text as a list of stems, short words kept as empty places so that distances stay true. */
const stemsOf = (text: string): string[] =>
  normalise(text)
    .split(' ')
    .map((word) => (word.length >= 4 ? stem(word) : ''));

/** Stems of each technique name, and which of them few names share ("firmware", "spoof"). */
const nameStems = (catalog: AttackCatalog): Map<string, { all: string[]; distinctive: string[] }> => {
  const frequency = new Map<string, number>();
  const stemsByTechnique = new Map<string, string[]>();
  for (const technique of catalog.techniques) {
    const stems = [...new Set(stemsOf(technique.name).filter((item) => item !== ''))];
    stemsByTechnique.set(technique.id, stems);
    for (const item of stems) frequency.set(item, (frequency.get(item) ?? 0) + 1);
  }
  return new Map(
    [...stemsByTechnique].map(([id, stems]) => [
      id,
      { all: stems, distinctive: stems.filter((item) => (frequency.get(item) ?? 0) <= 3) },
    ]),
  );
};

/** True when the stems occur in this order within one run of `stems.length + 3` words of the text. */
const occursTogether = (text: readonly string[], stems: readonly string[]): boolean => {
  const width = stems.length + 3;
  for (let start = 0; start < text.length; start += 1) {
    if (text[start] !== stems[0]) continue;
    let next = 1;
    for (
      let index = start + 1;
      index < Math.min(text.length, start + width) && next < stems.length;
      index += 1
    ) {
      if (text[index] === stems[next]) next += 1;
    }
    if (next === stems.length) return true;
  }
  return false;
};

/** A technique proposed for a scenario, and why. */
export interface TechniqueSuggestion {
  readonly technique: AttackTechnique;
  readonly because: string;
}

/** What a scenario says that techniques can be matched on. */
export interface ScenarioText {
  readonly title: string;
  readonly description?: string | undefined;
}

/**
 * Proposes ATT&CK techniques for a threat scenario, conservatively: a technique qualifies only when it targets an
 * asset type of one of the scenario's target kinds and the scenario's title or description names it, either by
 * its id (T0866) or by the words of its name in order and close together ("changes the program" for Modify Program),
 * at least one of them a word few technique names share. Asset kinds alone would attach dozens of techniques to
 * any PLC scenario.
 */
export const suggestScenarioTechniques = (
  catalog: AttackCatalog,
  scenario: ScenarioText,
  targetKinds: readonly string[],
): TechniqueSuggestion[] => {
  const text = `${scenario.title} ${scenario.description ?? ''}`;
  const mentioned = new Set([...text.matchAll(/\bT\d{4}(?:\.\d{3})?\b/g)].map((match) => match[0]));
  const textStems = stemsOf(text);
  const stems = nameStems(catalog);
  const kindsByTechnique = new Map<string, string[]>();
  for (const kind of new Set(targetKinds)) {
    for (const id of techniquesTargetingKind(catalog, kind)) {
      kindsByTechnique.set(id, [...(kindsByTechnique.get(id) ?? []), kind]);
    }
  }
  const suggestions: TechniqueSuggestion[] = [];
  for (const technique of catalog.techniques) {
    const kinds = kindsByTechnique.get(technique.id);
    if (mentioned.has(technique.id)) {
      suggestions.push({ technique, because: `the scenario names ${technique.id}` });
      continue;
    }
    if (!kinds) continue;
    const name = stems.get(technique.id);
    if (!name || name.distinctive.length === 0 || !occursTogether(textStems, name.all)) continue;
    suggestions.push({
      technique,
      because: `it targets ${kinds.join(', ')} and the scenario mentions "${technique.name}"`,
    });
  }
  return suggestions;
};
