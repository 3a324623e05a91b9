// Turns Ajv errors into violations with vendor-style field paths (`offerings[1].quantity`)
// and precise human messages.

import type { SpecAjv } from '@mailapis/specs/ajv';
import type { ErrorObject } from 'ajv';
import type { Json } from './model.js';
import type { Violation, ViolationLocation } from './types.js';

const IDENTIFIER = /^[A-Za-z_$][\w$-]*$/;

/** Appends one step to a field path: `a` + 1 → `a[1]`, `a` + `b` → `a.b`. */
function appendField(base: string, key: string, isIndex: boolean): string {
  if (isIndex) return `${base}[${key}]`;
  if (!IDENTIFIER.test(key)) return `${base}[${JSON.stringify(key)}]`;
  return base === '' ? key : `${base}.${key}`;
}

/** Formats an Ajv instancePath (`/offerings/1/quantity`) against the data it points into. */
export function fieldPath(base: string, instancePath: string, data: Json, extraKey?: string): string {
  let field = base;
  let current = data;
  const segments =
    instancePath === ''
      ? []
      : instancePath
          .slice(1)
          .split('/')
          .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  for (const segment of segments) {
    const isIndex = Array.isArray(current) && /^\d+$/.test(segment);
    field = appendField(field, segment, isIndex);
    current = current?.[segment];
  }
  if (extraKey !== undefined) field = appendField(field, extraKey, false);
  return field;
}

function show(value: Json): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function jsonType(value: Json): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** Describes a condition schema such as an `if` or `contains`: `type is package`. */
export function describeCondition(schema: Json): string | undefined {
  if (!schema || typeof schema !== 'object') return undefined;
  const parts: string[] = [];
  const properties: Record<string, Json> = schema.properties ?? {};
  for (const [name, sub] of Object.entries(properties)) {
    if (sub && typeof sub === 'object' && 'const' in sub) parts.push(`${name} is ${show(sub.const)}`);
    else if (Array.isArray(sub?.enum)) parts.push(`${name} is one of ${sub.enum.map(show).join(', ')}`);
  }
  for (const name of Array.isArray(schema.required) ? schema.required : []) {
    if (!(name in properties) || !parts.some((p) => p.startsWith(`${name} is`))) parts.push(`${name} is present`);
  }
  return parts.length > 0 ? parts.join(' and ') : undefined;
}

const FORMAT_NAMES: Record<string, string> = {
  email: 'a valid email address',
  'idn-email': 'a valid email address',
  'date-time': 'a valid RFC 3339 date-time',
  date: 'a valid date (YYYY-MM-DD)',
  time: 'a valid time',
  duration: 'a valid ISO 8601 duration',
  uri: 'a valid URI',
  'uri-reference': 'a valid URI reference',
  uuid: 'a valid UUID',
  hostname: 'a valid hostname',
  ipv4: 'a valid IPv4 address',
  ipv6: 'a valid IPv6 address',
  regex: 'a valid regular expression',
  int32: 'a 32-bit integer (-2147483648 to 2147483647)',
  int64: 'a 64-bit integer',
  float: 'a 32-bit float',
  double: 'a number',
  byte: 'base64-encoded',
  password: 'a string',
};

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

interface Draft {
  error: ErrorObject;
  field: string;
  keyword: string;
  message: string;
  drop?: boolean;
}

const containsValidators = new WeakMap<object, (data: unknown) => boolean>();

function countMatches(ajv: SpecAjv, schema: Json, data: Json): number | undefined {
  if (!Array.isArray(data)) return undefined;
  if (typeof schema === 'boolean') return schema ? data.length : 0;
  if (!schema || typeof schema !== 'object') return undefined;
  let validate = containsValidators.get(schema);
  if (!validate) {
    try {
      const compiled = ajv.ajv.compile(schema);
      validate = (item) => compiled(item) as boolean;
    } catch {
      return undefined;
    }
    containsValidators.set(schema, validate);
  }
  return data.filter((item) => validate!(item)).length;
}

function draft(error: ErrorObject, base: string, root: Json, ajv: SpecAjv, includeGot: boolean): Draft {
  const params: Record<string, Json> = error.params ?? {};
  const at = fieldPath(base, error.instancePath, root);
  switch (error.keyword) {
    case 'required':
      return {
        error,
        field: fieldPath(base, error.instancePath, root, params.missingProperty),
        keyword: 'required',
        message: 'is required',
      };
    case 'dependentRequired':
    case 'dependencies':
      return {
        error,
        field: fieldPath(base, error.instancePath, root, params.missingProperty),
        keyword: error.keyword,
        message: `is required when ${params.property} is present`,
      };
    case 'additionalProperties':
      return {
        error,
        field: fieldPath(base, error.instancePath, root, params.additionalProperty),
        keyword: 'additionalProperties',
        message: 'is not allowed',
      };
    case 'unevaluatedProperties':
      return {
        error,
        field: fieldPath(base, error.instancePath, root, params.unevaluatedProperty),
        keyword: 'unevaluatedProperties',
        message: 'is not allowed',
      };
    case 'enum':
      return {
        error,
        field: at,
        keyword: 'enum',
        message: `must be one of ${(params.allowedValues ?? []).map(show).join(', ')}`,
      };
    case 'const':
      return { error, field: at, keyword: 'const', message: `must be ${show(params.allowedValue)}` };
    case 'type': {
      const types = String(params.type).split(',');
      const got = includeGot ? ` (got ${jsonType(error.data)})` : '';
      return { error, field: at, keyword: 'type', message: `must be ${types.join(' or ')}${got}` };
    }
    case 'format': {
      const name = FORMAT_NAMES[params.format] ?? `a valid ${params.format}`;
      return { error, field: at, keyword: 'format', message: `must be ${name}` };
    }
    case 'minLength':
      return {
        error,
        field: at,
        keyword: 'minLength',
        message: params.limit === 1 ? 'must not be empty' : `must be at least ${plural(params.limit, 'character')} long`,
      };
    case 'maxLength':
      return { error, field: at, keyword: 'maxLength', message: `must be at most ${plural(params.limit, 'character')} long` };
    case 'minItems':
      return {
        error,
        field: at,
        keyword: 'minItems',
        message: params.limit === 1 ? 'must not be empty' : `must have at least ${plural(params.limit, 'item')}`,
      };
    case 'maxItems':
      return { error, field: at, keyword: 'maxItems', message: `must have at most ${plural(params.limit, 'item')}` };
    case 'minProperties':
      return { error, field: at, keyword: 'minProperties', message: `must have at least ${plural(params.limit, 'property')}` };
    case 'maxProperties':
      return { error, field: at, keyword: 'maxProperties', message: `must have at most ${plural(params.limit, 'property')}` };
    case 'pattern':
      return { error, field: at, keyword: 'pattern', message: `must match the pattern ${params.pattern}` };
    case 'multipleOf':
      return { error, field: at, keyword: 'multipleOf', message: `must be a multiple of ${params.multipleOf}` };
    case 'uniqueItems':
      return {
        error,
        field: at,
        keyword: 'uniqueItems',
        message: `must not contain duplicate items (items ${params.j} and ${params.i} are identical)`,
      };
    case 'contains': {
      const condition = describeCondition(error.schema);
      const what = condition ? `item where ${condition}` : 'matching item';
      const found = countMatches(ajv, error.schema, error.data);
      const max: number | undefined = params.maxContains;
      const min: number = params.minContains ?? 1;
      if (max !== undefined && found !== undefined && found > max) {
        return {
          error,
          field: at,
          keyword: 'maxContains',
          message: `must contain at most ${max} ${what}${max === 1 ? '' : 's'} (found ${found})`,
        };
      }
      const keyword = (error.parentSchema as Json)?.minContains !== undefined ? 'minContains' : 'contains';
      const foundText = found === undefined ? '' : ` (found ${found})`;
      return { error, field: at, keyword, message: `must contain at least ${min} ${what}${min === 1 ? '' : 's'}${foundText}` };
    }
    case 'false schema':
      return { error, field: at, keyword: 'false schema', message: 'is not allowed' };
    case 'not':
      return { error, field: at, keyword: 'not', message: 'must not match the excluded schema' };
    case 'anyOf':
      return { error, field: at, keyword: 'anyOf', message: 'must match at least one of the allowed schemas' };
    case 'oneOf':
      return {
        error,
        field: at,
        keyword: 'oneOf',
        message:
          Array.isArray(params.passingSchemas) && params.passingSchemas.length > 1
            ? `must match exactly one of the allowed schemas (matches ${params.passingSchemas.length})`
            : 'must match exactly one of the allowed schemas',
      };
    default:
      return { error, field: at, keyword: error.keyword, message: error.message ?? `fails ${error.keyword}` };
  }
}

const RANGE_KEYWORDS = new Set(['type', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum']);

/**
 * Converts the errors of one validation run into violations.
 * @param base field name of the validated value (`''` for the body, the parameter name for parameters)
 * @param includeGot whether type messages name the actual JSON type (not useful for string parameters)
 */
export function ajvViolations(
  errors: readonly ErrorObject[] | null | undefined,
  location: ViolationLocation,
  base: string,
  root: Json,
  ajv: SpecAjv,
  includeGot: boolean,
): Violation[] {
  const drafts = (errors ?? []).map((error) => draft(error, base, root, ajv, includeGot));

  for (const d of drafts) {
    const { error } = d;
    // if/then/else: say under which condition the inner rule applies; the `if` error itself is noise.
    if (error.keyword === 'if') {
      const prefix = error.schemaPath.replace(/\/if$/, '');
      const branch = (error.params as Json)?.failingKeyword === 'else' ? 'else' : 'then';
      const inner = drafts.filter(
        (o) =>
          o !== d && o.error.schemaPath.startsWith(`${prefix}/${branch}/`) && o.error.instancePath.startsWith(error.instancePath),
      );
      const condition = describeCondition((error.parentSchema as Json)?.if);
      if (inner.length > 0) {
        d.drop = true;
        if (condition) for (const o of inner) o.message += branch === 'then' ? ` when ${condition}` : ` unless ${condition}`;
      } else {
        d.message = condition
          ? `must match the ${branch} schema ${branch === 'then' ? 'when' : 'unless'} ${condition}`
          : `must match the "${branch}" schema`;
      }
    }
    // anyOf/oneOf: the failing branches' own errors only confuse; keep the combinator's error.
    // contains: the errors of the items that did not match the `contains` schema are not violations.
    if (error.keyword === 'anyOf' || error.keyword === 'oneOf' || error.keyword === 'contains') {
      for (const o of drafts) {
        if (
          o !== d &&
          o.error.schemaPath.startsWith(`${error.schemaPath}/`) &&
          o.error.instancePath.startsWith(error.instancePath)
        ) {
          o.drop = true;
        }
      }
    }
    // int32/int64 format errors repeat a type or range error on the same value.
    if (error.keyword === 'format' && /^(?:int32|int64)$/.test((error.params as Json)?.format)) {
      if (drafts.some((o) => o !== d && RANGE_KEYWORDS.has(o.error.keyword) && o.error.instancePath === error.instancePath))
        d.drop = true;
    }
  }

  const seen = new Set<string>();
  const out: Violation[] = [];
  for (const d of drafts) {
    if (d.drop) continue;
    const message = location === 'body' && d.field === '' ? `request body ${d.message}` : d.message;
    const key = `${d.field}\u0000${d.keyword}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ location, field: d.field, message, keyword: d.keyword });
  }
  return out;
}
