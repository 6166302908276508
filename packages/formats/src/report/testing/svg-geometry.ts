/** An axis-aligned rectangle read back from SVG markup. */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** The `<rect>` elements whose attributes include all of `required` (e.g. `{ rx: '10' }`), with their geometry. */
export const rectsWith = (svg: string, required: Readonly<Record<string, string>>): readonly Box[] =>
  [...svg.matchAll(/<rect\b([^>]*)\/?>/g)]
    .map(
      (match): ReadonlyMap<string, string> =>
        new Map(
          [...(match[1] ?? '').matchAll(/([\w-]+)="([^"]*)"/g)].map((pair) => [pair[1] ?? '', pair[2] ?? '']),
        ),
    )
    .filter((attributes) => Object.entries(required).every(([name, value]) => attributes.get(name) === value))
    .map((attributes) => ({
      x: Number(attributes.get('x')),
      y: Number(attributes.get('y')),
      width: Number(attributes.get('width')),
      height: Number(attributes.get('height')),
    }));

/** True when two rectangles share more than `tolerance` px in both directions. */
export const overlaps = (a: Box, b: Box, tolerance = 0.5): boolean =>
  a.x + a.width - tolerance > b.x &&
  b.x + b.width - tolerance > a.x &&
  a.y + a.height - tolerance > b.y &&
  b.y + b.height - tolerance > a.y;

/** Pairs of overlapping rectangles, for assertions that print what collides. */
export const overlappingPairs = (boxes: readonly Box[]): readonly (readonly [Box, Box])[] => {
  const pairs: (readonly [Box, Box])[] = [];
  boxes.forEach((a, index) => {
    for (const b of boxes.slice(index + 1)) if (overlaps(a, b)) pairs.push([a, b]);
  });
  return pairs;
};

/**
 * Problems that would stop an XML parser: unbalanced tags and bare ampersands. Enough to check that a standalone
 * SVG file opens, without a parser dependency.
 */
export const xmlProblems = (svg: string): readonly string[] => {
  const problems: string[] = [];
  const open: string[] = [];
  for (const match of svg.matchAll(/<(\/?)([a-zA-Z][\w:-]*)\b[^>]*?(\/?)>/g)) {
    const [, closing, name = '', selfClosing] = match;
    if (selfClosing) continue;
    if (!closing) open.push(name);
    else if (open.pop() !== name) problems.push(`unexpected </${name}>`);
  }
  if (open.length > 0) problems.push(`unclosed <${open.join('>, <')}>`);
  for (const match of svg.matchAll(/&(?!(amp|lt|gt|quot|#39|#\d+);)/g))
    problems.push(`bare & at ${match.index}`);
  return problems;
};
