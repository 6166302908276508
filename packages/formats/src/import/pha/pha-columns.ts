import type { ColumnGuess } from '../tabular/resolve-columns';

/** The text fields a PHA worksheet column can fill; severities are columns of their own (see severity-columns). */
export const PHA_FIELDS = [
  'id',
  'node',
  'deviation',
  'cause',
  'consequence',
  'safeguards',
  'hackable',
] as const;

/** One of {@link PHA_FIELDS}. */
export type PhaField = (typeof PHA_FIELDS)[number];

/** Header names of common HAZOP and LOPA worksheets (PHA-Pro, PHAWorks, spreadsheet templates), normalised. */
export const PHA_COLUMN_GUESSES: readonly ColumnGuess<PhaField>[] = [
  {
    field: 'id',
    phrases: [
      'id',
      'scenario id',
      'scenario no',
      'scenario number',
      'scenario',
      'ref',
      'ref no',
      'reference',
      'item',
      'item no',
      'no',
      'nr',
      'number',
      '#',
      'hazop ref',
      'lopa id',
    ],
    words: [['scenario', 'id'], ['ref']],
  },
  {
    field: 'node',
    phrases: ['node', 'node name', 'node description', 'study node', 'system', 'section', 'equipment'],
    words: [['node']],
  },
  {
    field: 'deviation',
    phrases: ['deviation', 'guideword', 'guide word', 'guideword deviation', 'parameter deviation'],
    words: [['deviation'], ['guideword']],
  },
  {
    field: 'cause',
    phrases: ['cause', 'causes', 'initiating event', 'initiating cause', 'initiating events'],
    words: [['cause'], ['causes'], ['initiating']],
  },
  {
    field: 'consequence',
    phrases: [
      'consequence',
      'consequences',
      'consequence description',
      'hazard',
      'effect',
      'impact description',
    ],
  },
  {
    field: 'safeguards',
    phrases: [
      'safeguards',
      'safeguard',
      'existing safeguards',
      'protection layers',
      'independent protection layers',
      'ipl',
      'ipls',
      'layers of protection',
    ],
    words: [['safeguards'], ['safeguard'], ['ipl'], ['ipls']],
  },
  {
    field: 'hackable',
    phrases: [
      'hackable',
      'hackable safeguards',
      'safeguards hackable',
      'hackable y n',
      'cyber hackable',
      'hackable ipl',
    ],
    words: [['hackable']],
  },
];
