/**
 * A small seeded pseudo-random generator (sfc32 seeded through cyrb128) so that the synthetic models are the same on
 * every machine and every run: benchmark figures stay comparable and a failing size can be regenerated exactly.
 */
export interface Random {
  /** A float in [0, 1). */
  readonly next: () => number;
  /** An integer in [min, max], both inclusive. */
  readonly int: (min: number, max: number) => number;
  /** True with probability p. */
  readonly chance: (p: number) => boolean;
  /** One element of a non-empty list. */
  readonly pick: <T>(list: readonly T[]) => T;
  /** One element of a non-empty list of [value, weight] pairs, chosen in proportion to the weights. */
  readonly weighted: <T>(choices: readonly (readonly [T, number])[]) => T;
  /** Up to `count` distinct elements of a list, in list order. */
  readonly sample: <T>(list: readonly T[], count: number) => T[];
  /** A string of lowercase hex digits. */
  readonly hex: (length: number) => string;
}

/** cyrb128: spreads a text seed over four 32-bit words. */
const seedWords = (seed: string): [number, number, number, number] => {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let index = 0; index < seed.length; index += 1) {
    const code = seed.charCodeAt(index);
    h1 = h2 ^ Math.imul(h1 ^ code, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ code, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ code, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ code, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  return [(h1 ^ h2 ^ h3 ^ h4) >>> 0, (h2 ^ h1) >>> 0, (h3 ^ h1) >>> 0, (h4 ^ h1) >>> 0];
};

/** Creates a generator from a text seed; the same seed always yields the same sequence. */
export const createRandom = (seed: string): Random => {
  let [a, b, c, d] = seedWords(seed);
  const next = (): number => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  // Discard the first outputs: sfc32 needs a few rounds to mix a weak seed.
  for (let round = 0; round < 15; round += 1) next();

  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(list: readonly T[]): T => {
    if (list.length === 0) throw new RangeError('pick from an empty list');
    return list[Math.floor(next() * list.length)] as T;
  };
  const weighted = <T>(choices: readonly (readonly [T, number])[]): T => {
    const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = next() * total;
    for (const [value, weight] of choices) {
      roll -= weight;
      if (roll < 0) return value;
    }
    const last = choices[choices.length - 1];
    if (!last) throw new RangeError('weighted choice from an empty list');
    return last[0];
  };
  const sample = <T>(list: readonly T[], count: number): T[] => {
    if (count >= list.length) return [...list];
    const chosen = new Set<number>();
    while (chosen.size < count) chosen.add(Math.floor(next() * list.length));
    return [...chosen].sort((x, y) => x - y).map((index) => list[index] as T);
  };
  const hex = (length: number): string => {
    let text = '';
    while (text.length < length) text += Math.floor(next() * 16).toString(16);
    return text;
  };
  return { next, int, chance: (p) => next() < p, pick, weighted, sample, hex };
};
