/** The seven foundational requirements of IEC 62443-3-3, in vector order (IEC 62443-3-3 §4, Annex A). */
export const FOUNDATIONAL_REQUIREMENTS = ['FR1', 'FR2', 'FR3', 'FR4', 'FR5', 'FR6', 'FR7'] as const;

/** One of FR1–FR7. */
export type Fr = (typeof FOUNDATIONAL_REQUIREMENTS)[number];

/** Abbreviation, title and purpose (our paraphrase) of each foundational requirement. */
export const FR_INFO: Readonly<
  Record<Fr, { readonly abbreviation: string; readonly title: string; readonly purpose: string }>
> = {
  FR1: {
    abbreviation: 'IAC',
    title: 'Identification and authentication control',
    purpose: 'Identify and authenticate every user (human, software process, device) before allowing access.',
  },
  FR2: {
    abbreviation: 'UC',
    title: 'Use control',
    purpose: 'Enforce the privileges of authenticated users and record their use.',
  },
  FR3: {
    abbreviation: 'SI',
    title: 'System integrity',
    purpose: 'Prevent and detect unauthorised manipulation of system, software and data.',
  },
  FR4: {
    abbreviation: 'DC',
    title: 'Data confidentiality',
    purpose: 'Protect the confidentiality of information in transit and at rest.',
  },
  FR5: {
    abbreviation: 'RDF',
    title: 'Restricted data flow',
    purpose: 'Segment the system into zones and conduits and limit unnecessary data flow.',
  },
  FR6: {
    abbreviation: 'TRE',
    title: 'Timely response to events',
    purpose: 'Detect and report security violations, keep evidence and respond in time.',
  },
  FR7: {
    abbreviation: 'RA',
    title: 'Resource availability',
    purpose: 'Keep the control system available against denial of service, exhaustion and failure.',
  },
};

/** Parses "FR3", "fr3", "3" or an abbreviation such as "SI" into an FR id; undefined when it is none of them. */
export const parseFr = (text: string): Fr | undefined => {
  const upper = text.trim().toUpperCase();
  const direct = FOUNDATIONAL_REQUIREMENTS.find((fr) => fr === upper || fr === `FR${upper}`);
  if (direct) return direct;
  return FOUNDATIONAL_REQUIREMENTS.find((fr) => FR_INFO[fr].abbreviation === upper);
};
