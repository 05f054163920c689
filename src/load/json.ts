/**
 * Finds the first syntax error in a JSON text, with its offset and the data path it is in. The
 * built-in parser's messages vary by Node version, some give no position, and none says which
 * field; a missing comma is reported where it is missing, after the value before it.
 */
import type { Path } from '../problems.js';
import { message } from '../messages.js';

export interface JsonError {
  offset: number;
  path: Path;
  reason: string;
}

class Failure extends Error {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/** The escapes JSON allows in a string. */
const ESCAPE = /^\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/;
const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/;

export function findJsonError(text: string): JsonError | null {
  let i = 0;
  const path: (string | number)[] = [];
  const fail = (reason: string, at = i): never => {
    throw new Failure(at, reason);
  };
  /** What is at the cursor, as a person would point at it: a whole string or word, or one character. */
  const found = () => {
    if (i >= text.length) return 'the end of the file';
    const token = /^"(?:[^"\\\n]|\\.)*"|^[\w.+-]+/.exec(text.slice(i))?.[0];
    return token ?? `"${text[i]}"`;
  };
  const space = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const string = (): string => {
    const start = i++;
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\n') fail('this string has no closing " on its line', start);
      if (text[i] === '\\') {
        const escape = ESCAPE.exec(text.slice(i, i + 6))?.[0];
        if (!escape) fail(message.jsonBadEscape(text.slice(i, i + 2)));
        i += escape!.length;
      } else i++;
    }
    if (i >= text.length) fail('this string has no closing "', start);
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  /** After a value in an object or list: a comma, or the closing bracket. */
  const after = (close: string, end: number): boolean => {
    space();
    if (text[i] === ',') {
      i++;
      space();
      if (text[i] === close) fail(`a comma before "${close}" has nothing after it`);
      return true;
    }
    if (text[i] === close) {
      i++;
      return false;
    }
    return fail(`expected "," or "${close}" after this value, found ${found()}; is a comma missing?`, end);
  };
  const value = (): void => {
    space();
    const c = text[i];
    if (c === '{') {
      i++;
      space();
      if (text[i] === '}') return void i++;
      for (;;) {
        space();
        if (text[i] !== '"') fail(`expected a field name in double quotes, found ${found()}`);
        path.push(string());
        space();
        if (text[i] !== ':') fail(`expected ":" after the field name, found ${found()}`);
        i++;
        value();
        const more = after('}', i);
        path.pop();
        if (!more) return;
      }
    }
    if (c === '[') {
      i++;
      space();
      if (text[i] === ']') return void i++;
      for (let n = 0; ; n++) {
        path.push(n);
        value();
        const more = after(']', i);
        path.pop();
        if (!more) return;
      }
    }
    if (c === '"') return void string();
    const word = /^[\w.+-]+/.exec(text.slice(i))?.[0];
    if (!word) return fail(`expected a value, found ${found()}`);
    if (word !== 'true' && word !== 'false' && word !== 'null' && NUMBER.exec(word)?.[0] !== word)
      fail(`expected a value, found ${JSON.stringify(word)}`);
    i += word.length;
  };
  try {
    value();
    space();
    if (i < text.length) fail(`unexpected ${found()} after the end of the spec`);
    return null;
  } catch (error) {
    if (error instanceof Failure) return { offset: error.offset, path: [...path], reason: error.reason };
    throw error;
  }
}
