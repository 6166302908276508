/** Where a JSON text stops being JSON, and what was expected there. */
export interface JsonSyntaxError {
  /** 0-based offset into the text. */
  readonly offset: number;
  readonly message: string;
}

type State = 'value' | 'value-or-end' | 'key' | 'key-or-end' | 'after-value';

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);
const HEX4 = /[0-9a-fA-F]{4}/y;
const LITERALS = ['true', 'false', 'null'] as const;

const isWhitespace = (char: string | undefined): boolean =>
  char === ' ' || char === '\t' || char === '\n' || char === '\r';

const describe = (char: string | undefined): string =>
  char === undefined ? 'the end of the text' : JSON.stringify(char);

/**
 * Finds the first syntax error in a JSON text (RFC 8259), or `undefined` when the text is valid JSON. Node's own
 * `JSON.parse` messages give a position only for some errors and change between versions, so the loader asks this
 * scanner where the text went wrong. Iterative, so deeply nested input cannot overflow the stack.
 */
export const findJsonSyntaxError = (text: string): JsonSyntaxError | undefined => {
  const containers: ('object' | 'array')[] = [];
  let at = 0;
  let state = 'value' as State;
  const fail = (message: string, offset = at): JsonSyntaxError => ({ offset, message });

  const skipWhitespace = (): void => {
    while (isWhitespace(text[at])) at += 1;
  };

  const scanString = (): JsonSyntaxError | undefined => {
    const start = at;
    at += 1;
    for (;;) {
      const char = text[at];
      if (char === undefined) return fail('the string is not closed: add the closing double quote', start);
      if (char === '"') {
        at += 1;
        return undefined;
      }
      if (char === '\\') {
        const escaped = text[at + 1];
        if (escaped === 'u') {
          HEX4.lastIndex = at + 2;
          if (!HEX4.test(text)) return fail('\\u must be followed by four hex digits');
          at += 6;
          continue;
        }
        if (escaped === undefined || !ESCAPES.has(escaped)) {
          return fail(
            `${describe(escaped)} cannot follow a backslash: use \\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX`,
          );
        }
        at += 2;
        continue;
      }
      if (char === '\n' || char === '\r') {
        return fail(
          'the string is not closed on its line: add the closing double quote (write a line break as \\n)',
          start,
        );
      }
      if (char < ' ') return fail('control characters must be escaped in strings, e.g. a tab as \\t');
      at += 1;
    }
  };

  const scanValue = (): JsonSyntaxError | undefined => {
    const char = text[at];
    if (char === '{' || char === '[') {
      containers.push(char === '{' ? 'object' : 'array');
      at += 1;
      state = char === '{' ? 'key-or-end' : 'value-or-end';
      return undefined;
    }
    state = 'after-value';
    if (char === '"') return scanString();
    const literal = LITERALS.find((word) => text.startsWith(word, at));
    if (literal !== undefined) {
      at += literal.length;
      return undefined;
    }
    NUMBER.lastIndex = at;
    const number = NUMBER.exec(text);
    if (number !== null) {
      at += number[0].length;
      return undefined;
    }
    return fail(
      `expected a value (a string in double quotes, number, true, false, null, { or [) but found ${describe(char)}`,
    );
  };

  for (;;) {
    skipWhitespace();
    const char = text[at];
    switch (state) {
      case 'value-or-end':
        if (char === ']') {
          containers.pop();
          at += 1;
          state = 'after-value';
          break;
        }
        state = 'value';
        break;
      case 'value': {
        const problem = scanValue();
        if (problem) return problem;
        break;
      }
      case 'key-or-end':
        if (char === '}') {
          containers.pop();
          at += 1;
          state = 'after-value';
          break;
        }
        state = 'key';
        break;
      case 'key': {
        if (char !== '"')
          return fail(`expected a property name in double quotes but found ${describe(char)}`);
        const problem = scanString();
        if (problem) return problem;
        skipWhitespace();
        if (text[at] !== ':')
          return fail(`expected ":" after the property name but found ${describe(text[at])}`);
        at += 1;
        state = 'value';
        break;
      }
      case 'after-value': {
        const container = containers.at(-1);
        if (container === undefined) {
          return char === undefined
            ? undefined
            : fail(`unexpected ${describe(char)} after the end of the document`);
        }
        const close = container === 'object' ? '}' : ']';
        if (char === ',') {
          at += 1;
          state = container === 'object' ? 'key' : 'value';
        } else if (char === close) {
          containers.pop();
          at += 1;
        } else {
          return fail(`expected "," or "${close}" but found ${describe(char)}`);
        }
        break;
      }
    }
  }
};
