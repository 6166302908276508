import {
  FOUNDATIONAL_REQUIREMENTS,
  FR_INFO,
  formatVector,
  type Assessment,
  type SystemModel,
} from '@zonewise/core';
import type { Register, RegisterCellValue, RegisterColumn } from './register';
import { yesNo } from './register-text';

/**
 * The zone and conduit register (ZCR 3, 5.6, 6.4): one row per zone and conduit with what it joins or holds, its
 * initial risk, its SL-T as a vector and one column per FR (so a filter can find every zone with SL-T 3 for SI),
 * SL-C, SL-A and the requirement gap count. Read only: the model file is where zones and conduits are edited.
 */
export const buildZoneConduitRegister = (model: SystemModel, assessment: Assessment): Register => {
  const key = (kind: string, id: string): string => `${kind}:${id}`;
  const targets = new Map(
    assessment.targets.map((target) => [key(target.subject.kind, target.subject.id), target]),
  );
  const requirements = new Map(
    assessment.requirements.map((result) => [key(result.subject.kind, result.subject.id), result]),
  );
  const initial = new Map(
    assessment.initialRisk.map((risk) => [key(risk.subject.kind, risk.subject.id), risk]),
  );
  const bandLabel = new Map(model.riskCriteria.bands.map((band) => [band.id, band.label]));
  const columns: RegisterColumn[] = [
    { header: 'Kind', width: 9, type: 'text', choices: ['zone', 'conduit'] },
    { header: 'Id', width: 22, type: 'text' },
    { header: 'Name', width: 30, type: 'text' },
    { header: 'Joins', width: 26, type: 'text' },
    { header: 'Assets', width: 8, type: 'number' },
    { header: 'Safety-related', width: 8, type: 'text', choices: ['yes', 'no'] },
    { header: 'External', width: 8, type: 'text', choices: ['yes', 'no'] },
    { header: 'Organisation', width: 22, type: 'text' },
    { header: 'Initial risk', width: 11, type: 'text', heat: { kind: 'band' } },
    { header: 'Detailed assessment', width: 10, type: 'text', choices: ['yes', 'no'] },
    { header: 'SL-T', width: 16, type: 'text' },
    ...FOUNDATIONAL_REQUIREMENTS.map((fr): RegisterColumn => ({
      header: `SL-T ${FR_INFO[fr].abbreviation}`,
      width: 7,
      type: 'number',
      heat: { kind: 'scale', min: 0, max: 4 },
    })),
    { header: 'SL-T method', width: 16, type: 'text' },
    { header: 'SL-C', width: 16, type: 'text' },
    { header: 'SL-A', width: 16, type: 'text' },
    { header: 'Requirements', width: 10, type: 'number' },
    { header: 'Gaps', width: 8, type: 'number', heat: { kind: 'scale', min: 0, max: 20 } },
    { header: 'Channels', width: 40, type: 'text' },
    { header: 'Enforcement', width: 24, type: 'text' },
  ];
  const slColumns = (kind: string, id: string): RegisterCellValue[] => {
    const target = targets.get(key(kind, id));
    const result = requirements.get(key(kind, id));
    return [
      target === undefined ? undefined : formatVector(target.target),
      ...FOUNDATIONAL_REQUIREMENTS.map((fr) => target?.target[fr]),
      target?.method,
      result?.capability === undefined ? undefined : formatVector(result.capability),
      result === undefined ? undefined : formatVector(result.achieved),
      result?.counts.selected,
      result?.counts.gaps,
    ];
  };
  const zoneRows = model.zones.map((zone): RegisterCellValue[] => {
    const risk = initial.get(key('zone', zone.id));
    return [
      'zone',
      zone.id,
      zone.name,
      undefined,
      model.assetsIn(zone.id).length,
      yesNo(zone.isSafetyRelated),
      undefined,
      zone.organisation,
      risk === undefined ? undefined : (bandLabel.get(risk.rating.band) ?? risk.rating.band),
      risk === undefined ? undefined : yesNo(risk.requiresDetailedAssessment),
      ...slColumns('zone', zone.id),
      undefined,
      undefined,
    ];
  });
  const conduitRows = model.conduits.map((conduit): RegisterCellValue[] => {
    const risk = initial.get(key('conduit', conduit.id));
    const channels = conduit.channels.map(
      (channel) =>
        `${channel.protocol}${channel.port === undefined ? '' : `/${channel.port}`} ${channel.from}→${channel.to}`,
    );
    return [
      'conduit',
      conduit.id,
      conduit.name,
      conduit.zones.join(', '),
      (conduit.devices ?? []).length,
      undefined,
      yesNo(conduit.isExternal),
      conduit.organisation,
      risk === undefined ? undefined : (bandLabel.get(risk.rating.band) ?? risk.rating.band),
      risk === undefined ? undefined : yesNo(risk.requiresDetailedAssessment),
      ...slColumns('conduit', conduit.id),
      channels.length === 0 ? undefined : channels.join('; '),
      conduit.enforcement.length === 0 ? undefined : conduit.enforcement.join(', '),
    ];
  });
  return { id: 'zones-conduits', title: 'Zones and conduits', columns, rows: [...zoneRows, ...conduitRows] };
};
