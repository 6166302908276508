import type { HotSpot } from './steps';

/**
 * Reduces a V8 CPU profile (`.cpuprofile`, from `--cpu-prof` or the inspector) to the functions that take the time:
 * self time (samples in the function itself) and total time (the function and what it calls, counted once per
 * call stack even when it recurses). That is what a report of "where the time goes" needs.
 */

/** The parts of a `.cpuprofile` this summary reads. */
export interface CpuProfile {
  readonly nodes: readonly {
    readonly id: number;
    readonly callFrame: {
      readonly functionName: string;
      readonly url: string;
      readonly lineNumber: number;
      readonly columnNumber?: number;
    };
    readonly children?: readonly number[];
  }[];
  readonly startTime: number;
  readonly endTime: number;
  readonly samples?: readonly number[];
  readonly timeDeltas?: readonly number[];
}

const IDLE = new Set(['(idle)', '(program)', '(root)']);

/** Shortens `file:///work/main/packages/core/src/x.ts` to `packages/core/src/x.ts`. */
const shortLocation = (url: string, line: number, root: string): string => {
  if (url === '') return '(native)';
  let path = url.startsWith('file://') ? decodeURIComponent(url.slice('file://'.length)) : url;
  if (root !== '' && path.startsWith(root)) path = path.slice(root.length).replace(/^\/+/, '');
  return `${path}:${line + 1}`;
};

/**
 * The `limit` functions with the most total time (ties broken by self time), excluding idle and program frames.
 * Garbage collection is reported as its own row because at 1M flows it can be a large share.
 */
export const summariseProfile = (
  profile: CpuProfile,
  options: { readonly root?: string; readonly limit?: number } = {},
): HotSpot[] => {
  const root = options.root ?? '';
  const limit = options.limit ?? 15;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfMicros = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  // timeDeltas[i] is the time before sample i; attribute it to the sample it precedes' predecessor, as DevTools does.
  for (let index = 0; index < samples.length; index += 1) {
    const id = samples[index] as number;
    const delta = deltas[index + 1] ?? 0;
    selfMicros.set(id, (selfMicros.get(id) ?? 0) + Math.max(0, delta));
  }

  const keyOf = (id: number): string | undefined => {
    const frame = byId.get(id)?.callFrame;
    if (!frame) return undefined;
    return `${frame.functionName || '(anonymous)'}\u0000${shortLocation(frame.url, frame.lineNumber, root)}`;
  };
  const self = new Map<string, number>();
  const total = new Map<string, number>();

  // Iterative post-order walk: total time of a node = its self time + its children's; a function counts once per stack.
  const childIds = new Set(profile.nodes.flatMap((node) => node.children ?? []));
  const rootNode = profile.nodes.find((node) => !childIds.has(node.id));
  if (!rootNode) return [];
  const inclusive = new Map<number, number>();
  const order: number[] = [];
  const stack = [rootNode.id];
  while (stack.length > 0) {
    const id = stack.pop() as number;
    order.push(id);
    for (const child of byId.get(id)?.children ?? []) stack.push(child);
  }
  for (let index = order.length - 1; index >= 0; index -= 1) {
    const id = order[index] as number;
    const children = byId.get(id)?.children ?? [];
    inclusive.set(
      id,
      (selfMicros.get(id) ?? 0) + children.reduce((sum, child) => sum + (inclusive.get(child) ?? 0), 0),
    );
  }
  const onPath = new Map<string, number>();
  const visit: { id: number; leaving: boolean }[] = [{ id: rootNode.id, leaving: false }];
  while (visit.length > 0) {
    const { id, leaving } = visit.pop() as { id: number; leaving: boolean };
    const key = keyOf(id);
    if (key === undefined) continue;
    if (leaving) {
      onPath.set(key, (onPath.get(key) ?? 1) - 1);
      continue;
    }
    self.set(key, (self.get(key) ?? 0) + (selfMicros.get(id) ?? 0));
    if ((onPath.get(key) ?? 0) === 0) total.set(key, (total.get(key) ?? 0) + (inclusive.get(id) ?? 0));
    onPath.set(key, (onPath.get(key) ?? 0) + 1);
    visit.push({ id, leaving: true });
    for (const child of byId.get(id)?.children ?? []) visit.push({ id: child, leaving: false });
  }

  return [...total.entries()]
    .filter(([key]) => !IDLE.has(key.split('\u0000')[0] ?? ''))
    .map(([key, micros]) => {
      const [name, location] = key.split('\u0000');
      return {
        function: name ?? '',
        location: location ?? '',
        selfMs: (self.get(key) ?? 0) / 1000,
        totalMs: micros / 1000,
      };
    })
    .sort((a, b) => b.totalMs - a.totalMs || b.selfMs - a.selfMs)
    .slice(0, limit);
};

/** The functions with the most self time: where the CPU actually spends it, as opposed to who calls it. */
export const topSelfTime = (
  profile: CpuProfile,
  options: { readonly root?: string; readonly limit?: number } = {},
): HotSpot[] =>
  summariseProfile(profile, { ...options, limit: Number.MAX_SAFE_INTEGER })
    .sort((a, b) => b.selfMs - a.selfMs)
    .slice(0, options.limit ?? 15);

/** Where a generated position came from, as a source map tells it. */
export interface OriginalPosition {
  readonly url: string;
  readonly line: number;
  readonly column: number;
}

/**
 * Names the function that starts at `column` of a source line, from the text before it: `const name = (`,
 * `name: (`, `function name(`, a class method, or the method a callback is passed to (`.map(`).
 */
export const guessFunctionName = (line: string, column: number): string | undefined => {
  const before = line.slice(0, column);
  const patterns: readonly [RegExp, (name: string) => string][] = [
    [/([A-Za-z_$][\w$]*)\s*[=:]\s*(?:async\s*)?$/, (name) => name],
    [/function\s*\*?\s*([A-Za-z_$][\w$]*)\s*$/, (name) => name],
    [
      /^\s*(?:(?:private|public|protected|static|async|get|set|readonly)\s+)*([A-Za-z_$][\w$]*)\s*$/,
      (name) => name,
    ],
    [/\.([A-Za-z_$][\w$]*)\(\s*(?:[^()]*,\s*)?$/, (name) => `(callback of ${name})`],
  ];
  for (const [pattern, label] of patterns) {
    const match = pattern.exec(before);
    if (match?.[1]) return label(match[1]);
  }
  return undefined;
};

/**
 * Rewrites the call frames of a profile taken through a transpiling loader (tsx) to the original TypeScript
 * positions, and names the anonymous functions from the source text: tsx emits each module on one line with
 * helper-wrapped functions, so the raw profile says "(anonymous) file.ts:1" for nearly everything.
 */
export const remapProfile = (
  profile: CpuProfile,
  toOriginal: (url: string, line: number, column: number) => OriginalPosition | undefined,
  sourceLine: (url: string, line: number) => string | undefined,
): CpuProfile => ({
  ...profile,
  nodes: profile.nodes.map((node) => {
    const frame = node.callFrame;
    if (!frame.url.startsWith('file:') || frame.lineNumber < 0) return node;
    const original = toOriginal(frame.url, frame.lineNumber, frame.columnNumber ?? 0);
    if (!original) return node;
    const text = sourceLine(original.url, original.line);
    const name =
      frame.functionName || (text === undefined ? undefined : guessFunctionName(text, original.column)) || '';
    return {
      ...node,
      callFrame: {
        functionName: name,
        url: original.url,
        lineNumber: original.line,
        columnNumber: original.column,
      },
    };
  }),
});
