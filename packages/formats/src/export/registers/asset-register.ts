import { formatVector, type Assessment, type SystemModel } from '@zonewise/core';
import type { Register } from './register';
import { yesNo } from './register-text';

/**
 * The asset register (ZCR 1, CRS j): every asset with its kind, zone, Purdue level, product, worst impact, SL-C and
 * known vulnerabilities. The owner column is editable and comes back with `zonewise import registers`.
 */
export const buildAssetRegister = (model: SystemModel, _assessment: Assessment): Register => {
  const maxImpact = Math.max(
    2,
    ...model.riskCriteria.impactCategories.map((category) => category.levels.length),
  );
  return {
    id: 'assets',
    title: 'Assets',
    columns: [
      { header: 'Id', width: 22, type: 'text' },
      { header: 'Name', width: 30, type: 'text' },
      { header: 'Kind', width: 20, type: 'text' },
      { header: 'Zone', width: 18, type: 'text' },
      { header: 'Purdue level', width: 8, type: 'number' },
      { header: 'Vendor', width: 18, type: 'text' },
      { header: 'Product', width: 24, type: 'text' },
      { header: 'Version', width: 12, type: 'text' },
      { header: 'Location', width: 18, type: 'text' },
      { header: 'In scope', width: 8, type: 'text', choices: ['yes', 'no'] },
      { header: 'Safety-related', width: 8, type: 'text', choices: ['yes', 'no'] },
      { header: 'Worst impact', width: 8, type: 'number', heat: { kind: 'scale', min: 1, max: maxImpact } },
      { header: 'SL-C', width: 16, type: 'text' },
      { header: 'Vulnerabilities', width: 10, type: 'number' },
      { header: 'Owner', width: 24, type: 'text', isEditable: true },
    ],
    rows: model.assets.map((asset) => [
      asset.id,
      asset.name,
      asset.kind.id,
      model.zoneOf(asset.id)?.id ?? model.conduitOf(asset.id)?.id,
      asset.purdueLevel ?? asset.kind.purdueLevel,
      asset.vendor,
      asset.product,
      asset.version,
      asset.location,
      yesNo(asset.isInScope !== false),
      yesNo(asset.attributes.isSafetyRelated),
      asset.worstImpact === 0 ? undefined : asset.worstImpact,
      asset.securityLevelCapability === undefined ? undefined : formatVector(asset.securityLevelCapability),
      model.vulnerabilitiesOf(asset.id).length,
      asset.owner,
    ]),
  };
};
