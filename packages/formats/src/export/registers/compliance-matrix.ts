import {
  FR_INFO,
  REQUIREMENT_STATUSES,
  type Assessment,
  type RequirementStatusEntry,
  type SystemModel,
} from '@zonewise/core';
import type { Register, RegisterCellValue } from './register';
import { idList, yesNo } from './register-text';
import { requirementKey } from './requirement-key';

/**
 * The IEC 62443-3-3 compliance matrix (ZCR 6): one row per zone or conduit and selected SR/RE, with the status the
 * engine derived and the status recorded in the file. The recorded status, compensating countermeasure,
 * justification, evidence, owner and due date are editable and come back with `zonewise import registers`.
 */
export const buildComplianceMatrix = (model: SystemModel, assessment: Assessment): Register => {
  const recorded = new Map<string, RequirementStatusEntry>();
  for (const entry of model.requirementStatus) {
    const key = requirementKey(entry.subject, entry.requirement);
    if (!recorded.has(key)) recorded.set(key, entry);
  }
  const rows = assessment.requirements.flatMap((result) =>
    result.requirements.map((row): RegisterCellValue[] => {
      const entry = recorded.get(requirementKey(result.subject.id, row.requirement.id));
      return [
        result.subject.kind,
        result.subject.id,
        row.requirement.id,
        `${row.requirement.fr} ${FR_INFO[row.requirement.fr].abbreviation}`,
        row.requirement.title,
        result.target[row.requirement.fr],
        row.status,
        yesNo(row.isGap),
        row.basis,
        idList(row.countermeasures),
        entry?.status,
        entry?.countermeasure,
        entry?.justification,
        entry?.evidence,
        entry?.owner,
        entry?.dueDate,
      ];
    }),
  );
  return {
    id: 'compliance-matrix',
    title: 'Compliance matrix',
    columns: [
      { header: 'Subject kind', width: 9, type: 'text', choices: ['zone', 'conduit'] },
      { header: 'Subject', width: 20, type: 'text' },
      { header: 'Requirement', width: 14, type: 'text' },
      { header: 'FR', width: 9, type: 'text' },
      { header: 'Title', width: 40, type: 'text' },
      { header: 'SL-T', width: 6, type: 'number', heat: { kind: 'scale', min: 0, max: 4 } },
      {
        header: 'Derived status',
        width: 13,
        type: 'text',
        choices: [...REQUIREMENT_STATUSES, 'open'],
        heat: { kind: 'status' },
      },
      { header: 'Gap', width: 6, type: 'text', choices: ['yes', 'no'] },
      { header: 'Basis', width: 14, type: 'text' },
      { header: 'Countermeasures', width: 24, type: 'text' },
      {
        header: 'Status',
        width: 14,
        type: 'text',
        choices: REQUIREMENT_STATUSES,
        isEditable: true,
        heat: { kind: 'status' },
      },
      { header: 'Compensating countermeasure', width: 20, type: 'text', isEditable: true },
      { header: 'Justification', width: 30, type: 'text', isEditable: true },
      { header: 'Evidence', width: 30, type: 'text', isEditable: true },
      { header: 'Owner', width: 20, type: 'text', isEditable: true },
      { header: 'Due date', width: 12, type: 'date', isEditable: true },
    ],
    rows,
  };
};
