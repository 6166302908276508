import { canonicalModel } from '../hash/canonical-json';
import type { EntityKind, SystemModel } from '../model/system-model';
import type { SystemFile } from '../schema/system-file';
import { changedPaths } from './changed-paths';

/** What a model diff is keyed by: the model's entity kinds plus the file's other sections. */
export type DiffEntityKind =
  EntityKind | 'assessment-info' | 'risk-criteria' | 'requirement-status' | 'triage';

/** One entity that was added, removed or changed between two versions of a model. */
export interface EntityChange {
  readonly kind: DiffEntityKind;
  readonly id: string;
  readonly name?: string;
  readonly change: 'added' | 'removed' | 'changed';
  /** For a change: the field paths that differ, e.g. `criticality.production`, `channels[0].port`. */
  readonly fields: readonly string[];
}

/** The ids added, removed and changed for one kind of entity. */
export interface KindChanges {
  readonly kind: DiffEntityKind;
  readonly added: readonly string[];
  readonly removed: readonly string[];
  readonly changed: readonly string[];
}

/** Differences between two models, entity by entity; empty when only the order of entities differs. */
export interface EntitiesDiff {
  readonly changes: readonly EntityChange[];
  /** Only the kinds that changed, in `changes` order. */
  readonly byKind: readonly KindChanges[];
  readonly counts: { readonly added: number; readonly removed: number; readonly changed: number };
}

type Canonical = ReturnType<typeof canonicalModel>;
type Entry = { readonly id: string; readonly name?: string; readonly value: unknown };

const entries = <T>(
  list: readonly T[] | undefined,
  idOf: (item: T) => string,
  nameOf: (item: T) => string | undefined,
): Entry[] =>
  (list ?? []).map((item) => {
    const name = nameOf(item);
    return name === undefined ? { id: idOf(item), value: item } : { id: idOf(item), name, value: item };
  });

const named = (item: {
  readonly name?: string | undefined;
  readonly title?: string | undefined;
}): string | undefined => item.name ?? item.title;

const single = (id: string, value: unknown, name?: string): Entry[] =>
  value === undefined ? [] : [name === undefined ? { id, value } : { id, name, value }];

/** The sections compared, in report order; each yields its entities keyed by id. */
const SECTIONS: readonly {
  readonly kind: DiffEntityKind;
  readonly of: (file: Canonical, raw: SystemFile) => Entry[];
}[] = [
  { kind: 'system', of: (file) => single('system', file.system, file.system.name) },
  { kind: 'assessment-info', of: (file) => single('assessment', file.assessment) },
  { kind: 'risk-criteria', of: (file) => single('risk-criteria', file.riskCriteria) },
  { kind: 'threat-source', of: (file) => entries(file.threatSources, (item) => item.id, named) },
  { kind: 'access-point', of: (file) => entries(file.accessPoints, (item) => item.id, named) },
  { kind: 'zone', of: (file) => entries(file.zones, (item) => item.id, named) },
  { kind: 'conduit', of: (file) => entries(file.conduits, (item) => item.id, named) },
  { kind: 'asset', of: (file) => entries(file.assets, (item) => item.id, named) },
  {
    kind: 'data-flow',
    of: (file) =>
      entries(
        file.dataFlows,
        (item) => item.id,
        () => undefined,
      ),
  },
  { kind: 'threat-scenario', of: (file) => entries(file.threatScenarios, (item) => item.id, named) },
  {
    kind: 'vulnerability',
    of: (file) =>
      entries(
        file.vulnerabilities,
        (item) => item.id,
        (item) => item.title ?? item.cve,
      ),
  },
  { kind: 'countermeasure', of: (file) => entries(file.countermeasures, (item) => item.id, named) },
  {
    kind: 'requirement-status',
    of: (file) =>
      entries(
        file.requirementStatus,
        (item) => `${item.subject}:${item.requirement}`,
        () => undefined,
      ),
  },
  {
    kind: 'triage',
    of: (file) =>
      entries(
        file.triage,
        (item) => item.finding,
        () => undefined,
      ),
  },
  {
    kind: 'approval',
    of: (_file, raw) =>
      entries(
        raw.approvals,
        (item) => item.id,
        (item) => item.approver,
      ),
  },
];

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const withName = (change: Omit<EntityChange, 'name'>, name: string | undefined): EntityChange =>
  name === undefined ? change : { ...change, name };

/**
 * What changed between two versions of a model: entities added, removed or changed per kind, with the changed
 * field paths (a deep compare of the file's entities, keyed by id, so reordering entities changes nothing). The
 * same canonical form as `modelSha256` is compared, plus approvals. Order: section, then id.
 */
export const diffModels = (before: SystemModel, after: SystemModel): EntitiesDiff => {
  const left = canonicalModel(before.file);
  const right = canonicalModel(after.file);
  const changes: EntityChange[] = [];
  const byKind: KindChanges[] = [];
  for (const section of SECTIONS) {
    const old = new Map(section.of(left, before.file).map((entry) => [entry.id, entry]));
    const now = new Map(section.of(right, after.file).map((entry) => [entry.id, entry]));
    const ids = [...new Set([...old.keys(), ...now.keys()])].sort(compareText);
    const group = { added: [] as string[], removed: [] as string[], changed: [] as string[] };
    for (const id of ids) {
      const a = old.get(id);
      const b = now.get(id);
      if (a === undefined && b !== undefined) {
        changes.push(withName({ kind: section.kind, id, change: 'added', fields: [] }, b.name));
        group.added.push(id);
      } else if (a !== undefined && b === undefined) {
        changes.push(withName({ kind: section.kind, id, change: 'removed', fields: [] }, a.name));
        group.removed.push(id);
      } else if (a !== undefined && b !== undefined) {
        const fields = changedPaths(a.value, b.value);
        if (fields.length === 0) continue;
        changes.push(withName({ kind: section.kind, id, change: 'changed', fields }, b.name ?? a.name));
        group.changed.push(id);
      }
    }
    if (group.added.length + group.removed.length + group.changed.length > 0)
      byKind.push({ kind: section.kind, ...group });
  }
  const count = (change: EntityChange['change']) => changes.filter((item) => item.change === change).length;
  return {
    changes,
    byKind,
    counts: { added: count('added'), removed: count('removed'), changed: count('changed') },
  };
};
