/**
 * pdfmake resolves each style property of each text run by walking its style stack, and its
 * `getProperty` allocates a closure and a Set for every named style it asks (its static
 * `getStyleProperty` a closure more): hundreds of thousands of allocations per report, a large share
 * of measuring and of garbage collection. These are the same lookups written without them, giving
 * the same values; the methods are fingerprinted with the other internals (pdfmake-internals.ts).
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

function getProperty(this: StyleContextStack, property: string): unknown {
  const overrides = this.styleOverrides;
  if (overrides) {
    for (let i = overrides.length - 1; i >= 0; i--) {
      const item = overrides[i]!;
      if (isString(item)) {
        const value = fromStyle(this.styleDictionary, String(item), property, null);
        if (isValue(value)) return value;
      } else if (isValue(item[property])) return item[property];
    }
  }
  return this.defaultStyle && this.defaultStyle[property];
}

function getStyleProperty(
  item: Record<string, unknown>,
  stack: StyleContextStack | undefined,
  property: string,
  defaultValue: unknown,
): unknown {
  if (isValue(item[property])) return item[property];
  if (!stack) return defaultValue;
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
  wrapMethod(StyleContextStack, 'getStyleProperty', () => getStyleProperty);
}
