/**
 * pdfmake resolves each of some twenty style properties of each word by walking its style stack, and
 * its `getProperty` allocates a closure and a Set for every named style it asks (its static
 * `getStyleProperty` a closure more, and a push and pop of the word): hundreds of thousands of
 * allocations per report, a large share of measuring and of garbage collection. These are the same
 * lookups written without them, and a stack remembers what it answered until it is next pushed or
 * popped, so the words of one run of text ask it once. The values are the same; the methods are
 * fingerprinted with the other internals (pdfmake-internals.ts).
 */
import { pdfmakeInternals, wrapMethod, type StyleContextStack } from './pdfmake-internals.js';

type Style = Record<string, unknown> & { extends?: string | string[] };

const isValue = (v: unknown) => v !== undefined && v !== null;
const isString = (v: unknown): v is string | string[] => typeof v === 'string' || v instanceof String;

/**
 * A property of a named style, or of the styles it extends (last first), as pdfmake reads it. A style
 * met again along the way is skipped; `seen` is made only when a style extends another.
 */
function fromStyle(
  styles: Record<string, Style | undefined>,
  name: string,
  property: string,
  seen: Set<string> | null,
): unknown {
  if (seen?.has(name)) return undefined;
  const style = styles[name];
  if (!style) return undefined;
  if (isValue(style[property])) return style[property];
  if (!style.extends) return undefined;
  const visited = seen ?? new Set<string>();
  visited.add(name);
  const parents = Array.isArray(style.extends) ? style.extends : [style.extends];
  for (let i = parents.length - 1; i >= 0; i--) {
    const value = fromStyle(styles, parents[i]!, property, visited);
    if (isValue(value)) return value;
  }
  return undefined;
}

/** What a stack answered since it was last pushed or popped. */
const ANSWERS = Symbol('style answers');
type Remembering = StyleContextStack & { [ANSWERS]?: Map<string, unknown> };

function getProperty(this: Remembering, property: string): unknown {
  let answers = this[ANSWERS];
  if (answers?.has(property)) return answers.get(property);
  const value = lookUp(this, property);
  if (!answers) this[ANSWERS] = answers = new Map();
  answers.set(property, value);
  return value;
}

function lookUp(stack: StyleContextStack, property: string): unknown {
  const overrides = stack.styleOverrides;
  if (overrides) {
    for (let i = overrides.length - 1; i >= 0; i--) {
      const item = overrides[i]!;
      if (isString(item)) {
        const value = fromStyle(stack.styleDictionary, String(item), property, null);
        if (isValue(value)) return value;
      } else if (isValue(item[property])) return item[property];
    }
  }
  return stack.defaultStyle && stack.defaultStyle[property];
}

function getStyleProperty(
  item: Record<string, unknown>,
  stack: StyleContextStack | undefined,
  property: string,
  defaultValue: unknown,
): unknown {
  if (isValue(item[property])) return item[property];
  if (!stack) return defaultValue;
  // A word without styles of its own adds nothing to the stack's answer (its own value was asked
  // first): the stack is asked as it is, and answers from what it remembers.
  if (!item.style) {
    const value = stack.getProperty(property);
    return isValue(value) ? value : defaultValue;
  }
  const pushed = stack.autopush(item);
  const value = stack.getProperty(property);
  if (pushed > 0) stack.pop(pushed);
  return isValue(value) ? value : defaultValue;
}

let installed = false;

export function installStylePatch(): void {
  if (installed) return;
  installed = true;
  const StyleContextStack = pdfmakeInternals.styleContextStack();
  wrapMethod(StyleContextStack.prototype, 'getProperty', () => getProperty);
  for (const method of ['push', 'pop'] as const) {
    wrapMethod(
      StyleContextStack.prototype,
      method,
      (original) =>
        function (this: Remembering, ...args: unknown[]) {
          this[ANSWERS] = undefined;
          return (original as (...a: unknown[]) => unknown).apply(this, args);
        },
    );
  }
  wrapMethod(StyleContextStack, 'getStyleProperty', () => getStyleProperty);
}
