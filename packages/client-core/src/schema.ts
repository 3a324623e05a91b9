/**
 * A small JSON Schema 2020-12 checker for local rule checks (e.g. a request body against the schema
 * the operation table carries), so that a rule written in the spec is enforced as the spec writes it
 * and never restated by hand. Scalars are checked by the same `checkValue` as parameters. Keywords:
 * type, enum, const, required, properties, additionalProperties, items, minItems, maxItems, contains,
 * minContains, maxContains, if/then/else, allOf and the scalar limits of `ValueSpec`: the generator keeps
 * exactly these in `requestBodySchemas`, dereferenced (see `SCHEMA_KEYWORDS` there). Other keywords
 * (anyOf, oneOf, not...) are not checked locally; the API still checks them.
 */
import { RequestValidationError } from './errors.ts';
import { checkCount, checkValue, expected } from './params.ts';
import type { ValueSpec } from './table.ts';

/** A (dereferenced) JSON Schema. */
export type JsonSchema = { readonly [keyword: string]: any } | boolean;

function fail(at: string, reason: string): never {
  throw new RequestValidationError(at, reason);
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function passes(s: JsonSchema, v: unknown): boolean {
  try {
    check(s, v, 'value');
    return true;
  } catch (error) {
    if (error instanceof RequestValidationError) return false;
    throw error;
  }
}

/** What a `contains` schema matches, for messages: its properties' `const` values, e.g. `{"type":"package"}`. */
const matching = (s: any) =>
  JSON.stringify(Object.fromEntries(Object.entries(s.properties ?? {}).map(([k, p]: [string, any]) => [k, p.const])));

function check(s: JsonSchema, v: any, at: string): void {
  if (s === true) return;
  if (s === false) fail(at, 'is not allowed');
  const types = [s.type ?? []].flat() as string[];
  if (v === null && types.includes('null')) return;
  const type = types.find((t) => t !== 'null');
  if (type === 'object') {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) expected(at, 'an object', v);
    for (const name of s.required ?? []) if (!(name in v)) fail(`${at}.${name}`, 'is required');
    for (const name of Object.keys(v)) {
      const sub = Object.hasOwn(s.properties ?? {}, name) ? s.properties[name] : s.additionalProperties;
      if (sub !== undefined) check(sub, v[name], `${at}.${name}`);
    }
  } else if (type === 'array') {
    if (!Array.isArray(v)) expected(at, 'an array', v);
    checkCount(at, v.length, s.minItems, s.maxItems);
    if (s.items !== undefined) {
      for (let i = 0; i < v.length; i++) check(s.items, v[i], `${at}[${i}]`);
    }
    if (s.contains !== undefined) {
      const count = v.filter((item) => passes(s.contains, item)).length;
      checkCount(at, count, s.minContains ?? 1, s.maxContains, `item(s) matching ${matching(s.contains)}`);
    }
  } else if (type) {
    checkValue(at, s as ValueSpec, v);
  } else if (s.enum && !s.enum.some((e: unknown) => same(e, v))) {
    expected(at, `one of ${JSON.stringify(s.enum)}`, v);
  }
  if ('const' in s && !same(s.const, v)) expected(at, JSON.stringify(s.const), v);
  if (s.if !== undefined) {
    const branch = passes(s.if, v) ? s.then : s.else;
    if (branch !== undefined) check(branch, v, at);
  }
  for (const sub of s.allOf ?? []) check(sub, v, at);
}

/**
 * Throws a `RequestValidationError` for the first place where `value` breaks `schema`, naming it
 * from `name`: `offerings` for the value itself, `offerings[1].quantity` inside it.
 */
export function checkSchema(name: string, schema: JsonSchema, value: unknown): void {
  check(schema, value, name);
}
