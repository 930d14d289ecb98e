/** A JSON object as OM's REST layer writes it: plain values, nested objects, no arrays needed. */
export interface JsonTree {
  [key: string]: string | number | boolean | null | undefined | JsonTree;
}

const LONG = /^[+-]?\d+$/;
const LONG_MAX = 2n ** 63n - 1n;
const LONG_MIN = -(2n ** 63n);
// Java's decimal floating-point literal, with its optional type suffix.
const DOUBLE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?[fFdD]?$/;

/**
 * The JSON text of one string value. OM's JSON writer turns a string that parses as a Java
 * long or double into a number, and "true"/"false" into a boolean (protocol §2).
 */
export function writeString(text: string): string {
  if (LONG.test(text)) {
    const value = BigInt(text);
    if (value >= LONG_MIN && value <= LONG_MAX) return value.toString();
  }

  // Java trims spaces and control characters before it parses a double.
  // eslint-disable-next-line no-control-regex -- the control characters are the point here
  const trimmed = text.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '');
  if (DOUBLE.test(trimmed)) {
    const value = Number(trimmed.replace(/[fFdD]$/, ''));
    if (Number.isFinite(value)) return JSON.stringify(value);
  }

  const lower = text.toLowerCase();
  if (lower === 'true' || lower === 'false') return lower;

  return JSON.stringify(text);
}

/** Compact JSON in key order, null and undefined fields left out (protocol §2). */
export function writeJson(tree: JsonTree): string {
  const members: string[] = [];
  for (const [key, value] of Object.entries(tree)) {
    if (value === null || value === undefined) continue;

    members.push(`${JSON.stringify(key)}:${writeValue(value)}`);
  }

  return `{${members.join(',')}}`;
}

function writeValue(value: string | number | boolean | JsonTree): string {
  if (typeof value === 'string') return writeString(value);
  if (typeof value === 'object') return writeJson(value);

  return JSON.stringify(value);
}

export type ServiceResultType = 'SUCCESS' | 'ERROR';

/** The envelope: `message` before `type`, and no `code` since 4.0 (protocol §2). */
export function serviceResult(message: string | null, type: ServiceResultType): string {
  return writeJson({serviceResult: {message, type}});
}
