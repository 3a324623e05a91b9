/**
 * Path and query parameters, checked against the limits the operation table carries from their
 * schemas and serialised as the spec declares. Every failure is a `RequestValidationError` naming
 * the parameter, thrown before any I/O.
 */
import { RequestValidationError } from './errors.ts';
import type { ParameterSpec, ValueSpec } from './table.ts';
import { describe, pathSegment } from './validate.ts';

function fail(parameter: string, reason: string): never {
  throw new RequestValidationError(parameter, reason);
}

/** Fails with `must be <what>, got <value>`. */
export function expected(name: string, what: string, value: unknown): never {
  fail(name, `must be ${what}, got ${describe(value)}`);
}

/** Checks a count (string length, array length, matching items) against optional inclusive bounds. */
export function checkCount(name: string, count: number, min = 0, max = count, what = 'item(s)'): void {
  if (count < min || count > max)
    fail(name, `must have ${min} to ${max === count ? 'any number of' : max} ${what}, got ${count}`);
}

/**
 * Checks one value against its limits and returns its text form (not yet percent-encoded). A `Date`
 * is accepted for a string parameter and sent as its ISO form (`YYYY-MM-DD` for `format: date`).
 */
export function checkValue(name: string, spec: ValueSpec, value: unknown): string {
  const type = spec.type;
  if (type === 'string') {
    // An invalid Date is left as it is, and refused as not a string.
    if (value instanceof Date && !Number.isNaN(+value))
      value = value.toISOString().slice(0, spec.format === 'date' ? 10 : undefined);
    if (typeof value !== 'string') expected(name, 'a string', value);
    if (spec.minLength !== undefined || spec.maxLength !== undefined) {
      checkCount(name, [...value].length, spec.minLength, spec.maxLength, 'character(s)');
    }
    if (spec.pattern !== undefined && !new RegExp(spec.pattern, 'u').test(value)) {
      expected(name, `a string matching ${spec.pattern}`, value);
    }
  } else if (type === 'boolean') {
    if (typeof value !== 'boolean') expected(name, 'a boolean', value);
  } else {
    const n = value as number;
    if (
      (type === 'integer' ? !Number.isInteger(n) : typeof n !== 'number' || !Number.isFinite(n)) ||
      n < (spec.minimum ?? n) ||
      n > (spec.maximum ?? n) ||
      n <= (spec.exclusiveMinimum ?? n - 1) ||
      n >= (spec.exclusiveMaximum ?? n + 1)
    ) {
      expected(name, `${type === 'integer' ? 'an integer' : 'a number'}${range(spec)}`, value);
    }
  }
  if (spec.enum && !spec.enum.includes(value as string)) expected(name, `one of ${spec.enum.join(', ')}`, value);
  return `${value}`;
}

/** The bounds of a number, for messages: ` from 1 to 10`, ` from >0 to ∞`; empty when there are none. */
function range(s: ValueSpec): string {
  const lo = s.minimum ?? (s.exclusiveMinimum === undefined ? '-∞' : `>${s.exclusiveMinimum}`);
  const hi = s.maximum ?? (s.exclusiveMaximum === undefined ? '∞' : `<${s.exclusiveMaximum}`);
  return lo === '-∞' && hi === '∞' ? '' : ` from ${lo} to ${hi}`;
}

/**
 * Checks a path parameter and returns it encoded as exactly one path segment: a string is
 * percent-encoded (`/`, `?`, `#`, `%` included) and may not be empty, `.` or `..`.
 */
export function pathValue(spec: ParameterSpec, value: unknown): string {
  const text = checkValue(spec.name, spec as ValueSpec, value);
  return spec.type === 'string' ? pathSegment(spec.name, text, spec.minLength) : text;
}

/**
 * Checks a query object against the operation's query parameters and returns the query string
 * (`''` or `?a=1&b=2`), parameters in the spec's order. Keys the spec does not declare are refused;
 * `undefined` values are skipped. Style `form`: a scalar is `name=value`; an array is
 * `name=a&name=b` with `explode: true` and `name=a,b` with `explode: false` (an empty array is omitted).
 */
export function queryString(specs: readonly ParameterSpec[], query: unknown): string {
  if (query === undefined) query = {};
  const proto = query !== null && typeof query === 'object' ? Object.getPrototypeOf(query) : 0;
  if (proto !== Object.prototype && proto !== null) expected('query', 'a plain object', query);
  const values = query as Record<string, unknown>;
  for (const key in values) {
    if (!specs.some((s) => s.name === key)) {
      fail(key, `is not a query parameter of this operation (expected ${specs.map((s) => s.name).join(', ') || 'none'})`);
    }
  }
  let out = '';
  for (const spec of specs) {
    const value = values[spec.name];
    if (value === undefined) {
      if (spec.required) fail(spec.name, 'is required');
      continue;
    }
    const name = encodeURIComponent(spec.name);
    if (spec.type !== 'array') {
      out += `&${name}=${encodeURIComponent(checkValue(spec.name, spec as ValueSpec, value))}`;
      continue;
    }
    if (!Array.isArray(value)) expected(spec.name, 'an array', value);
    checkCount(spec.name, value.length, spec.minItems, spec.maxItems);
    if (value.length === 0) continue;
    const items = value.map((item, i) => encodeURIComponent(checkValue(`${spec.name}[${i}]`, spec.items as ValueSpec, item)));
    out += spec.explode === false ? `&${name}=${items.join(',')}` : `&${name}=${items.join(`&${name}=`)}`;
  }
  return out && `?${out.slice(1)}`;
}
