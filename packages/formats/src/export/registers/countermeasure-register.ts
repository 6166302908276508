import type { Assessment, SystemModel } from '@zonewise/core';
import type { Register } from './register';
import { idList, yesNo } from './register-text';

/** Statuses a countermeasure may have in the file. */
export const COUNTERMEASURE_STATUSES = ['existing', 'planned'] as const;

/**
 * The countermeasure register (ZCR 5.8, 5.12, recommendations): what each countermeasure is, which SRs/REs it
 * serves and what it protects. Status, owner and due date are editable: this is the treatment plan owners update.
 */
export const buildCountermeasureRegister = (model: SystemModel, _assessment: Assessment): Register => ({
  id: 'countermeasures',
  title: 'Countermeasures',
  columns: [
    { header: 'Id', width: 22, type: 'text' },
    { header: 'Title', width: 36, type: 'text' },
    { header: 'Type', width: 11, type: 'text', choices: ['technical', 'procedural', 'physical'] },
    { header: 'Requirements', width: 24, type: 'text' },
    { header: 'Applies to', width: 26, type: 'text' },
    { header: 'Likelihood reduction', width: 10, type: 'number' },
    { header: 'Impact reduction', width: 10, type: 'number' },
    { header: 'Compensating', width: 10, type: 'text', choices: ['yes', 'no'] },
    { header: 'Status', width: 11, type: 'text', choices: COUNTERMEASURE_STATUSES, isEditable: true },
    { header: 'Owner', width: 24, type: 'text', isEditable: true },
    { header: 'Due date', width: 12, type: 'date', isEditable: true },
  ],
  rows: model.countermeasures.map((countermeasure) => [
    countermeasure.id,
    countermeasure.title,
    countermeasure.type,
    idList(countermeasure.requirements),
    idList(countermeasure.appliesTo),
    countermeasure.likelihoodReduction,
    countermeasure.impactReduction,
    yesNo(countermeasure.isCompensating),
    countermeasure.status,
    countermeasure.owner,
    countermeasure.dueDate,
  ]),
});
