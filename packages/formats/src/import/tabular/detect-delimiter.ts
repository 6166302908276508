/** The delimiters the CSV reader detects, in the order that breaks ties. */
export const CSV_DELIMITERS = [',', ';', '\t', '|'] as const;

const SAMPLE_CHARACTERS = 65_536;
const SAMPLE_LINES = 50;

/**
 * Picks the delimiter that splits the first lines most consistently: for each candidate, the count per line
 * outside quotes; the winner has the most lines sharing its most common non-zero count (title lines without any
 * delimiter do not count against it). A text with no candidate at all is read with commas.
 */
export const detectDelimiter = (text: string): string => {
  const sample = text.slice(0, SAMPLE_CHARACTERS);
  const perLine: number[][] = CSV_DELIMITERS.map(() => []);
  let current: number[] = CSV_DELIMITERS.map(() => 0);
  let isQuoted = false;
  let hasContent = false;
  let lines = 0;
  const endLine = (): void => {
    if (hasContent) {
      current.forEach((count, candidate) => perLine[candidate]?.push(count));
      lines += 1;
    }
    current = CSV_DELIMITERS.map(() => 0);
    hasContent = false;
  };
  for (let index = 0; index < sample.length && lines < SAMPLE_LINES; index += 1) {
    const character = sample[index];
    if (character === '"') {
      isQuoted = !isQuoted;
      hasContent = true;
      continue;
    }
    if (isQuoted) continue;
    if (character === '\n' || character === '\r') {
      endLine();
      continue;
    }
    hasContent = true;
    const candidate = (CSV_DELIMITERS as readonly string[]).indexOf(character ?? '');
    if (candidate >= 0) current[candidate] = (current[candidate] ?? 0) + 1;
  }
  if (lines < SAMPLE_LINES) endLine();

  let best: { delimiter: string; score: number; width: number } = { delimiter: ',', score: 0, width: 0 };
  CSV_DELIMITERS.forEach((delimiter, candidate) => {
    const counts = (perLine[candidate] ?? []).filter((count) => count > 0);
    const frequency = new Map<number, number>();
    for (const count of counts) frequency.set(count, (frequency.get(count) ?? 0) + 1);
    let width = 0;
    let score = 0;
    for (const [count, times] of frequency) {
      if (times > score || (times === score && count > width)) {
        score = times;
        width = count;
      }
    }
    if (score > best.score || (score === best.score && score > 0 && width > best.width)) {
      best = { delimiter, score, width };
    }
  });
  return best.delimiter;
};
