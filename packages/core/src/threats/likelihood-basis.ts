import type { AccessPoint, EntityRef, SystemModel } from '../model/system-model';
import { likelihoodFromAscending, likelihoodLevelCount } from '../risk/likelihood-scale';
import type { AccessPointKind } from '../schema/system-file';

/**
 * Base unmitigated likelihood of an attack entering through each kind of access point, on an ascending 1 … 5 scale
 * (5 = almost certain). Internet-facing entries are probed constantly; remote, vendor, cloud and wireless entries
 * are reachable from outside the site; portable media and enterprise links need a carrier or a foothold; serial
 * and physical access need presence on site. `accessPoint.exposure` overrides it.
 */
export const ACCESS_POINT_BASE_LIKELIHOOD: Readonly<Record<AccessPointKind, number>> = {
  internet: 5,
  'remote-access': 4,
  'vendor-link': 4,
  cloud: 4,
  wireless: 4,
  'removable-media': 3,
  'maintenance-laptop': 3,
  'enterprise-network': 3,
  other: 3,
  serial: 2,
  physical: 2,
};

/** Base for a zone that no access point reaches: only local (physical or insider) access remains. */
export const LOCAL_ACCESS_BASE_LIKELIHOOD = 2;

/** Where a generated scenario's likelihood starts: a level on the criteria's scale and why. */
export interface LikelihoodBasis {
  readonly level: number;
  /** The same level on an ascending scale (1 = least likely), for comparing bases whatever the direction. */
  readonly ascending: number;
  readonly label: string;
  readonly evidence: readonly EntityRef[];
}

/** The base likelihood of attacks entering through an access point: its exposure, else the default of its kind. */
export const accessPointBasis = (model: SystemModel, accessPoint: AccessPoint): LikelihoodBasis => {
  const criteria = model.riskCriteria;
  const evidence = [model.refOf(accessPoint.id) ?? { kind: 'access-point' as const, id: accessPoint.id }];
  if (accessPoint.exposure !== undefined) {
    const level = Math.min(accessPoint.exposure, likelihoodLevelCount(criteria));
    const ascending =
      criteria.likelihood.direction === 'ascending' ? level : likelihoodLevelCount(criteria) + 1 - level;
    return {
      level,
      ascending,
      label: `Exposure of access point "${accessPoint.name}" set in the file`,
      evidence,
    };
  }
  const ascending = ACCESS_POINT_BASE_LIKELIHOOD[accessPoint.kind];
  return {
    level: likelihoodFromAscending(criteria, ascending),
    ascending: Math.min(ascending, likelihoodLevelCount(criteria)),
    label: `Base likelihood for access point "${accessPoint.name}" (${accessPoint.kind})`,
    evidence,
  };
};

/** The base likelihood when no access point reaches a subject. */
export const localAccessBasis = (model: SystemModel, subjectName: string): LikelihoodBasis => {
  const criteria = model.riskCriteria;
  return {
    level: likelihoodFromAscending(criteria, LOCAL_ACCESS_BASE_LIKELIHOOD),
    ascending: Math.min(LOCAL_ACCESS_BASE_LIKELIHOOD, likelihoodLevelCount(criteria)),
    label: `No access point reaches "${subjectName}": local access only`,
    evidence: [],
  };
};
