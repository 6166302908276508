/** An impact (consequence) category with one description per level, 1 (lowest) … 5 (highest). */
export interface ImpactCategoryDefinition {
  readonly id: string;
  readonly name: string;
  readonly levels: readonly string[];
}

/**
 * Default impact categories (IEC 62443-3-2 ZCR 2.1 lists health, safety, environment, business continuity,
 * production, product quality, financial, legal/regulatory, reputation). Level texts are our own example scale.
 */
export const DEFAULT_IMPACT_CATEGORIES: readonly ImpactCategoryDefinition[] = [
  {
    id: 'health-safety',
    name: 'Health and safety',
    levels: [
      'No injury',
      'First-aid injury',
      'Lost-time injury or hospitalisation',
      'Single fatality or permanent disability',
      'Multiple fatalities',
    ],
  },
  {
    id: 'environment',
    name: 'Environment',
    levels: [
      'No release',
      'Minor release, contained on site',
      'Reportable release, short-term effect',
      'Major release, lasting off-site effect',
      'Catastrophic, long-term damage',
    ],
  },
  {
    id: 'production',
    name: 'Production / business continuity',
    levels: [
      'No interruption',
      'Interruption under 1 hour',
      'Interruption of a shift',
      'Interruption of 1–7 days',
      'Loss of production over 7 days',
    ],
  },
  {
    id: 'product-quality',
    name: 'Product quality',
    levels: [
      'No effect',
      'Rework of one batch',
      'Several batches rejected',
      'Defective product reaches customers',
      'Recall with harm to patients or consumers',
    ],
  },
  {
    id: 'financial',
    name: 'Financial',
    levels: ['Under 10k', '10k – 100k', '100k – 1M', '1M – 10M', 'Over 10M'],
  },
  {
    id: 'regulatory',
    name: 'Legal and regulatory',
    levels: [
      'None',
      'Internal finding',
      'Reportable to a regulator',
      'Warning letter or fine',
      'Licence withdrawn or prosecution',
    ],
  },
  {
    id: 'reputation',
    name: 'Reputation',
    levels: [
      'None',
      'Local, short-lived',
      'Regional media',
      'National media',
      'Lasting international damage',
    ],
  },
];
