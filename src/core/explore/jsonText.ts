/**
 * JSON text for any parsed answer, however deeply nested. V8's JSON.parse takes a 50,000-level
 * answer, but JSON.stringify recurses and throws "Maximum call stack size exceeded" (already at a
 * few thousand levels when pretty-printing). So the native one is tried first (fast, and the text
 * users know), and on a stack overflow the same text is written by an explicit stack instead.
 * Indentation stops growing at MAX_INDENTED_DEPTH: beyond it the rest is written compactly, since
 * fully indented text grows with the square of the depth (50,000 levels would be 2.5 billion
 * spaces).
 *
 * For values that came from JSON.parse (objects, arrays, strings, numbers, booleans, null).
 */

const MAX_INDENTED_DEPTH = 100;

export function formatJson(value: unknown, indent = 0): string {
  try {
    return JSON.stringify(value, null, indent) ?? 'null';
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
  }
  return formatWithoutRecursion(value, indent);
}

/** One open array or object: what is left to write of it. */
interface Frame {
  container: Record<string, unknown> | unknown[];
  /** An object's keys; undefined for an array. */
  keys: string[] | undefined;
  next: number;
  written: number;
  /** The line break and indentation before each entry, '' when compact. */
  entryBreak: string;
  closeBreak: string;
}

const skipped = (value: unknown): boolean => value === undefined || typeof value === 'function' || typeof value === 'symbol';

function scalar(value: unknown): string {
  // JSON.stringify of a scalar does not recurse; it also turns NaN and Infinity into null.
  return JSON.stringify(value) ?? 'null';
}

function formatWithoutRecursion(root: unknown, indent: number): string {
  const parts: string[] = [];
  const stack: Frame[] = [];
  const unit = ' '.repeat(Math.max(0, Math.min(10, indent)));
  const breakAt = (depth: number): string => (unit && depth <= MAX_INDENTED_DEPTH ? `\n${unit.repeat(depth)}` : '');
  const colon = unit ? ': ' : ':';

  const write = (value: unknown): void => {
    if (value === null || typeof value !== 'object') {
      parts.push(scalar(value));
      return;
    }
    const container = value as Record<string, unknown> | unknown[];
    const keys = Array.isArray(container) ? undefined : Object.keys(container);
    const depth = stack.length + 1;
    const entryBreak = breakAt(depth);
    parts.push(keys ? '{' : '[');
    stack.push({ container, keys, next: 0, written: 0, entryBreak, closeBreak: entryBreak && breakAt(depth - 1) });
  };

  write(root);
  while (stack.length > 0) {
    const frame = stack[stack.length - 1];
    const { container, keys } = frame;
    const size = keys ? keys.length : (container as unknown[]).length;
    if (frame.next === size) {
      stack.pop();
      // An empty container is written `{}` or `[]`, as JSON.stringify does.
      if (frame.written > 0) parts.push(frame.closeBreak);
      parts.push(keys ? '}' : ']');
      continue;
    }
    const key = keys?.[frame.next];
    const value = key === undefined ? (container as unknown[])[frame.next] : (container as Record<string, unknown>)[key];
    frame.next++;
    if (key !== undefined && skipped(value)) continue;
    parts.push(frame.written++ === 0 ? '' : ',', frame.entryBreak);
    if (key !== undefined) parts.push(JSON.stringify(key), colon);
    write(skipped(value) ? null : value);
  }
  return parts.join('');
}
