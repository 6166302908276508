import type { Assessment, SystemModel } from '@zonewise/core';
import { buildAssetRegister } from './asset-register';
import { buildComplianceMatrix } from './compliance-matrix';
import { buildCountermeasureRegister } from './countermeasure-register';
import type { RegisterSet } from './register';
import { buildRiskRegister } from './risk-register';
import { buildVulnerabilityRegister } from './vulnerability-register';
import { buildZoneConduitRegister } from './zone-conduit-register';

const PALETTE = ['#2e7d32', '#f9a825', '#ef6c00', '#c62828'] as const;

const hexColor = (value: string | undefined): string | undefined => {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(value?.trim() ?? '')?.[1];
  if (hex === undefined) return undefined;
  return `#${(hex.length === 3 ? [...hex].map((digit) => digit + digit).join('') : hex).toLowerCase()}`;
};

/** Options of the register export. */
export interface RegisterOptions {
  /** Printed on the About sheet; the caller passes it (formats never reads the clock). */
  readonly generatedAt?: string;
}

/**
 * Builds every register from one assessment, in sheet order, plus the band colours for the heat maps and the lines
 * of the About sheet. The XLSX and CSV writers both start from this, so the two formats carry the same values.
 */
export const buildRegisters = (
  model: SystemModel,
  assessment: Assessment,
  options: RegisterOptions = {},
): RegisterSet => {
  const bands = model.riskCriteria.bands;
  return {
    registers: [
      buildAssetRegister(model, assessment),
      buildZoneConduitRegister(model, assessment),
      buildRiskRegister(model, assessment),
      buildComplianceMatrix(model, assessment),
      buildCountermeasureRegister(model, assessment),
      buildVulnerabilityRegister(model, assessment),
    ],
    bands: bands.map((band) => ({
      label: band.label,
      color:
        hexColor(band.color) ??
        PALETTE[bands.length <= 1 ? 0 : Math.round((band.rank / (bands.length - 1)) * 3)] ??
        PALETTE[0],
    })),
    about: [
      ['System', model.system.name],
      ['Assessment', model.assessment.title ?? ''],
      ['Document', [model.assessment.documentId, model.assessment.version].filter(Boolean).join(' v')],
      ['Model SHA-256', assessment.modelSha256],
      ['Engine', assessment.engineVersion],
      ['Generated at', options.generatedAt ?? ''],
      [
        'Editing',
        'Columns with an orange header are editable: change them and run "zonewise import registers <this file> --into <assessment>". Other columns are derived by the engine and are not read back.',
      ],
      [
        'Tolerable risk',
        model.riskCriteria.bands.find((band) => band.id === model.riskCriteria.tolerable)?.label ?? '',
      ],
    ],
  };
};
