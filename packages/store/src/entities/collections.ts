/**
 * The parts of an assessment file the store keeps as separately editable entities, in the file's order. Sections
 * (`system`, `assessment`, `riskCriteria`) are single objects; the rest are lists whose items are keyed by `id`, or
 * by their identifying fields where the format has no id (requirement status, triage).
 */
export const ENTITY_COLLECTIONS = [
  'assessment',
  'system',
  'riskCriteria',
  'threatSources',
  'accessPoints',
  'zones',
  'conduits',
  'assets',
  'dataFlows',
  'threatScenarios',
  'vulnerabilities',
  'countermeasures',
  'requirementStatus',
  'triage',
  'approvals',
] as const;

/** One collection name. */
export type EntityCollection = (typeof ENTITY_COLLECTIONS)[number];

/** The collections that hold one object rather than a list. */
export const SECTION_COLLECTIONS: ReadonlySet<EntityCollection> = new Set([
  'assessment',
  'system',
  'riskCriteria',
]);

/** The list collections keyed by fields other than `id`, with the fields that make the key. */
const KEY_FIELDS: Partial<Record<EntityCollection, readonly string[]>> = {
  requirementStatus: ['subject', 'requirement'],
  triage: ['finding'],
};

/** The collections whose `id`s share one namespace in a project (ids are unique across an assessment file). */
export const ID_COLLECTIONS: readonly EntityCollection[] = ENTITY_COLLECTIONS.filter(
  (collection) => !SECTION_COLLECTIONS.has(collection) && KEY_FIELDS[collection] === undefined,
);

/** True for a known collection name. */
export const isEntityCollection = (name: string): name is EntityCollection =>
  (ENTITY_COLLECTIONS as readonly string[]).includes(name);

/** The fields that identify an entity of `collection` (`id` for most; none for sections). */
export const keyFieldsOf = (collection: EntityCollection): readonly string[] =>
  SECTION_COLLECTIONS.has(collection) ? [] : (KEY_FIELDS[collection] ?? ['id']);

/**
 * The key an entity is stored under, or undefined when its identifying fields are missing or not strings. Sections
 * are stored under their collection name.
 */
export const entityKeyOf = (collection: EntityCollection, body: unknown): string | undefined => {
  if (SECTION_COLLECTIONS.has(collection)) return collection;
  if (typeof body !== 'object' || body === null) return undefined;
  const record = body as Record<string, unknown>;
  const parts: string[] = [];
  for (const field of keyFieldsOf(collection)) {
    const value = record[field];
    if (typeof value !== 'string' || value === '') return undefined;
    parts.push(value);
  }
  return parts.join('/');
};
