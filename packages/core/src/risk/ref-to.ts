import type { EntityKind, EntityRef, SystemModel } from '../model/system-model';

/** The model's reference for an id (with its name), or a bare reference of the given kind for an unknown id. */
export const refTo = (model: SystemModel, kind: EntityKind, id: string): EntityRef =>
  model.refOf(id) ?? { kind, id };
