/**
 * A small JSON Schema 2020-12 → fast-check generator covering what the specs use: `$ref`, `const`,
 * `enum`, `type` (single or a list), objects (`properties`, `required`, closed or open, `if`/`then`/
 * `else`), integers (`minimum`/`maximum`/exclusive bounds, `format` int32/int64), numbers, strings
 * (`minLength`/`maxLength`/`pattern`, `format` email), booleans, null, and arrays (`items`,
 * `minItems`/`maxItems`, `contains` with `minContains`/`maxContains`, `uniqueItems`), `anyOf`/`oneOf`.
 *
 * Anything else throws, naming the keyword, so a spec that starts using a new keyword makes the
 * generator fail loudly instead of producing invalid data. Conditional keywords (`if`/`then`,
 * `contains`) are evaluated with the spec's own Ajv, so the generator and the validator agree.
 */
import type { SpecAjv } from '@mailapis/specs/ajv';
import fc from 'fast-check';
import { deref, type OpenApiDocument } from './spec-model.ts';

export interface ArbitraryContext {
  doc: OpenApiDocument;
  ajv: SpecAjv;
  /** Upper bound for arrays without `maxItems` (default 5), to keep runs fast. */
  maxArrayLength?: number;
}

/** Keywords that only annotate and never constrain. */
const ANNOTATIONS = new Set([
  'title',
  'description',
  'examples',
  'example',
  'default',
  'deprecated',
  'readOnly',
  'writeOnly',
  '$comment',
  'externalDocs',
]);
const SUPPORTED = new Set([
  '$ref',
  'const',
  'enum',
  'type',
  'properties',
  'required',
  'additionalProperties',
  'if',
  'then',
  'else',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'format',
  'minLength',
  'maxLength',
  'pattern',
  'items',
  'minItems',
  'maxItems',
  'contains',
  'minContains',
  'maxContains',
  'uniqueItems',
  'anyOf',
  'oneOf',
]);

const INT32 = { min: -(2 ** 31), max: 2 ** 31 - 1 };
const INT64_SAFE = { min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER };

function checkKeywords(schema: Record<string, unknown>): void {
  for (const key of Object.keys(schema)) {
    if (!SUPPORTED.has(key) && !ANNOTATIONS.has(key) && !key.startsWith('x-')) {
      throw new Error(`arbitraryFor: unsupported JSON Schema keyword "${key}"`);
    }
  }
}

/** An arbitrary producing values valid against `schema` (a schema taken from `ctx.doc`). */
export function arbitraryFor(schema: unknown, ctx: ArbitraryContext, depth = 0): fc.Arbitrary<unknown> {
  if (depth > 20) throw new Error('arbitraryFor: schema nesting too deep (recursive schema?)');
  if (schema === true || schema === undefined) return fc.jsonValue({ maxDepth: 2 });
  if (schema === false) throw new Error('arbitraryFor: the schema `false` has no valid value');
  const s = deref(ctx.doc, schema) as Record<string, any>;
  checkKeywords(s);
  if ('const' in s) return fc.constant(s.const);
  if (Array.isArray(s.enum)) return fc.constantFrom(...s.enum);
  if (s.anyOf || s.oneOf) {
    const branches = (s.anyOf ?? s.oneOf) as unknown[];
    const validate = ctx.ajv.compile(s);
    return fc.oneof(...branches.map((branch) => arbitraryFor(branch, ctx, depth + 1))).filter((v) => validate(v) as boolean);
  }
  const types: string[] = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
  if (types.length === 0) {
    if (s.properties || s.required) types.push('object');
    else if (s.items) types.push('array');
    else throw new Error('arbitraryFor: a schema without `type` is not supported');
  }
  const arbs = types.map((type) => arbitraryForType(type, s, ctx, depth));
  return arbs.length === 1 ? arbs[0]! : fc.oneof(...arbs);
}

function arbitraryForType(type: string, s: Record<string, any>, ctx: ArbitraryContext, depth: number): fc.Arbitrary<unknown> {
  switch (type) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return integerArbitrary(s);
    case 'number':
      return fc.double({
        noNaN: true,
        noDefaultInfinity: true,
        min: s.minimum ?? s.exclusiveMinimum ?? -1e9,
        max: s.maximum ?? s.exclusiveMaximum ?? 1e9,
        minExcluded: s.exclusiveMinimum !== undefined,
        maxExcluded: s.exclusiveMaximum !== undefined,
      });
    case 'string':
      return stringArbitrary(s);
    case 'array':
      return arrayArbitrary(s, ctx, depth);
    case 'object':
      return objectArbitrary(s, ctx, depth);
    default:
      throw new Error(`arbitraryFor: unknown type "${type}"`);
  }
}

function integerArbitrary(s: Record<string, any>): fc.Arbitrary<number> {
  const range = s.format === 'int32' ? INT32 : INT64_SAFE;
  if (s.format !== undefined && s.format !== 'int32' && s.format !== 'int64') {
    throw new Error(`arbitraryFor: unsupported integer format "${s.format}"`);
  }
  let min = Math.max(range.min, s.minimum ?? range.min);
  let max = Math.min(range.max, s.maximum ?? range.max);
  if (s.exclusiveMinimum !== undefined) min = Math.max(min, Math.floor(s.exclusiveMinimum) + 1);
  if (s.exclusiveMaximum !== undefined) max = Math.min(max, Math.ceil(s.exclusiveMaximum) - 1);
  if (min > max) throw new Error('arbitraryFor: empty integer range');
  // bigInt covers ranges wider than fc.integer's int32 and biases towards the bounds.
  return fc.bigInt({ min: BigInt(min), max: BigInt(max) }).map(Number);
}

function stringArbitrary(s: Record<string, any>): fc.Arbitrary<string> {
  if (s.format !== undefined) {
    if (s.format === 'email') return fc.emailAddress();
    throw new Error(`arbitraryFor: unsupported string format "${s.format}"`);
  }
  if (s.pattern !== undefined) {
    const re = new RegExp(s.pattern, 'u');
    const base = fc.stringMatching(re);
    return s.minLength || s.maxLength
      ? base.filter((v) => [...v].length >= (s.minLength ?? 0) && [...v].length <= (s.maxLength ?? Number.POSITIVE_INFINITY))
      : base;
  }
  // One unit is one code point when a maxLength must hold; otherwise allow any grapheme.
  return fc.string({
    unit: s.maxLength === undefined ? 'grapheme' : 'grapheme-ascii',
    minLength: s.minLength ?? 0,
    maxLength: s.maxLength ?? Math.max(12, s.minLength ?? 0),
  });
}

function arrayArbitrary(s: Record<string, any>, ctx: ArbitraryContext, depth: number): fc.Arbitrary<unknown[]> {
  const item = arbitraryFor(s.items ?? true, ctx, depth + 1);
  const minLength = s.minItems ?? 0;
  const maxLength = s.maxItems ?? Math.max(minLength, ctx.maxArrayLength ?? 5);
  let arb: fc.Arbitrary<unknown[]> = s.uniqueItems
    ? fc.uniqueArray(item, { minLength, maxLength, selector: (v) => JSON.stringify(v) })
    : fc.array(item, { minLength, maxLength });
  if (s.contains !== undefined) {
    const matches = ctx.ajv.compile(s.contains);
    const minContains: number = s.minContains ?? 1;
    const maxContains: number = s.maxContains ?? Number.POSITIVE_INFINITY;
    const matching = item.filter((v) => matches(v) as boolean);
    arb = arb.chain((values) => {
      // Drop matching items beyond maxContains, then add matching ones up to minContains.
      let count = 0;
      const kept = values.filter((v) => !(matches(v) && ++count > maxContains));
      const found = Math.min(count, maxContains);
      if (found >= minContains) return fc.constant(kept);
      const need = minContains - found;
      return fc.array(matching, { minLength: need, maxLength: need }).map((extra) => [...kept, ...extra]);
    });
  }
  return arb;
}

function objectArbitrary(s: Record<string, any>, ctx: ArbitraryContext, depth: number): fc.Arbitrary<Record<string, unknown>> {
  const properties: Record<string, unknown> = s.properties ?? {};
  const required: string[] = s.required ?? [];
  for (const key of required) {
    if (!(key in properties)) throw new Error(`arbitraryFor: required "${key}" has no property schema`);
  }
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [key, sub] of Object.entries(properties)) model[key] = arbitraryFor(sub, ctx, depth + 1);
  // Open objects (no `additionalProperties: false`) are generated closed: still valid, and the
  // request bodies of the specs are all closed.
  let arb: fc.Arbitrary<Record<string, unknown>> = fc.record(model, { requiredKeys: required });
  if (s.if !== undefined && (s.then !== undefined || s.else !== undefined)) {
    const matchesIf = ctx.ajv.compile(s.if);
    arb = arb.chain((value) => {
      const branch = matchesIf(value) ? s.then : s.else;
      return branch === undefined ? fc.constant(value) : conform(value, branch, properties, ctx, depth);
    });
  }
  return arb;
}

/**
 * Makes `value` (valid against the object's own properties) satisfy a `then`/`else` branch:
 * its `required` keys are added, and each present property the branch constrains is regenerated
 * from the property schema, narrowed to the branch's subschema (a `const` or `enum` is used directly).
 */
function conform(
  value: Record<string, unknown>,
  branch: any,
  properties: Record<string, unknown>,
  ctx: ArbitraryContext,
  depth: number,
): fc.Arbitrary<Record<string, unknown>> {
  const b = deref(ctx.doc, branch) as Record<string, any>;
  const overrides: Record<string, fc.Arbitrary<unknown>> = {};
  const keys = new Set([...Object.keys(b.properties ?? {}).filter((key) => key in value), ...(b.required ?? [])]);
  for (const key of keys) {
    const narrow = b.properties?.[key];
    if (narrow && 'const' in narrow) overrides[key] = fc.constant(narrow.const);
    else if (narrow && Array.isArray(narrow.enum)) overrides[key] = fc.constantFrom(...narrow.enum);
    else {
      const base = arbitraryFor(properties[key] ?? true, ctx, depth + 1);
      const validate = narrow ? ctx.ajv.compile(narrow) : undefined;
      overrides[key] = validate ? base.filter((v) => validate(v) as boolean) : base;
    }
  }
  return Object.keys(overrides).length === 0
    ? fc.constant(value)
    : fc.record(overrides).map((replaced) => ({ ...value, ...replaced }));
}
