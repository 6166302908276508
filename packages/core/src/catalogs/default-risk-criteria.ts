import { DEFAULT_IMPACT_CATEGORIES } from './impact-categories';

/**
 * The default risk criteria (ZCR 6.8): a 5×5 matrix, likelihood 1 (rare) … 5 (almost certain) against the worst
 * impact level, four risk bands, and "medium" as the highest tolerable band. IEC 62443-3-2 leaves these to the
 * asset owner, so every assessment can replace them.
 */
export const DEFAULT_RISK_CRITERIA = {
  likelihood: {
    direction: 'ascending' as const,
    levels: [
      { level: 1, label: 'Rare', description: 'Not expected in the life of the system (< 1 in 100 years).' },
      {
        level: 2,
        label: 'Unlikely',
        description: 'Could happen in the life of the system (1 in 10–100 years).',
      },
      { level: 3, label: 'Possible', description: 'Might happen in the next decade (1 in 1–10 years).' },
      { level: 4, label: 'Likely', description: 'Expected in the next few years (about once a year).' },
      { level: 5, label: 'Almost certain', description: 'Expected more than once a year.' },
    ],
  },
  impactCategories: DEFAULT_IMPACT_CATEGORIES.map((category) => ({
    id: category.id,
    name: category.name,
    levels: [...category.levels],
  })),
  bands: [
    { id: 'low', label: 'Low', securityLevel: 1, color: '#2e7d32' },
    { id: 'medium', label: 'Medium', securityLevel: 2, color: '#f9a825' },
    { id: 'high', label: 'High', securityLevel: 3, color: '#ef6c00' },
    { id: 'critical', label: 'Critical', securityLevel: 4, color: '#c62828' },
  ],
  // Rows: likelihood 1 … 5; columns: impact 1 … 5.
  matrix: [
    ['low', 'low', 'low', 'medium', 'medium'],
    ['low', 'low', 'medium', 'medium', 'high'],
    ['low', 'medium', 'medium', 'high', 'high'],
    ['medium', 'medium', 'high', 'high', 'critical'],
    ['medium', 'high', 'high', 'critical', 'critical'],
  ],
  tolerable: 'medium',
  securityLevelTarget: { method: 'risk-band' as const, floor: 1 },
};
