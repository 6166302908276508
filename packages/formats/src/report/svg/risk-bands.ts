import type { RiskCriteria } from '@zonewise/core';
import type { Tone } from '../document-model';
import { safeColor } from './svg-text';

type Band = RiskCriteria['bands'][number];

const PALETTE = ['#2e7d32', '#f9a825', '#ef6c00', '#c62828'] as const;
const TONES: readonly Tone[] = ['low', 'medium', 'high', 'critical'];

/** Position of a band on a four-step scale (lowest 0 … highest 3), whatever the number of bands. */
const step = (rank: number, bandCount: number): number =>
  bandCount <= 1 ? 0 : Math.round((rank / (bandCount - 1)) * (PALETTE.length - 1));

/** Fill colour of a band: its own colour from the risk criteria when it is a safe notation, else by rank. */
export const bandColor = (band: Band, bandCount: number): string =>
  safeColor(band.color, PALETTE[step(band.rank, bandCount)] ?? PALETTE[0]);

/** Badge tone of a band rank, so that badges and heat maps agree. */
export const bandTone = (rank: number, bandCount: number): Tone => TONES[step(rank, bandCount)] ?? 'neutral';

/**
 * Shortest unique upper-case prefixes of the band labels ("L", "M", "H", "C"), printed in heat-map cells so that
 * colour is never the only signal.
 */
export const bandShortLabels = (bands: readonly Band[]): ReadonlyMap<string, string> => {
  const labels = bands.map((band) => band.label.replace(/\s+/g, '').toUpperCase() || band.id.toUpperCase());
  const result = new Map<string, string>();
  bands.forEach((band, index) => {
    const label = labels[index] ?? band.id;
    let length = 1;
    while (
      length < label.length &&
      labels.some((other, otherIndex) => otherIndex !== index && other.startsWith(label.slice(0, length)))
    ) {
      length += 1;
    }
    result.set(band.id, [...label].slice(0, length).join(''));
  });
  return result;
};
