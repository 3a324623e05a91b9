/**
 * Mutations that break exactly one rule of a request schema, derived from the schema and a valid
 * value: a wrong enum value, a wrong type, an int32 overflow, a value below `minimum`, a too short
 * string, a malformed `format`, a missing required field, an extra property on a closed object, one
 * `contains` match too many (`maxContains`, e.g. a second SendGrid package) and a `then` constant
 * broken (e.g. a package whose quantity is not 1). Each names the field the validator must report,
 * in the mock's notation: `offerings[1].quantity`, `bounce_notification`, `offerings`.
 */
import type { SpecAjv } from '@mailapis/specs/ajv';
import { clone, deref, type OpenApiDocument } from './spec-model.ts';

export type Segment = string | number;

export type MutationRule =
  | 'wrong enum'
  | 'wrong type'
  | 'int32 overflow'
  | 'below minimum'
  | 'above maximum'
  | 'too short'
  | 'bad format'
  | 'missing required field'
  | 'extra property'
  | 'too many contains matches'
  | 'conditional constant broken';

export interface Mutation {
  rule: MutationRule;
  /** Ajv keyword expected to fail (one of the keywords the mock may report for that field). */
  keywords: string[];
  /** Path of the field the violation concerns. */
  path: Segment[];
  /** The same path in the mock's notation. */
  field: string;
  /** Human-readable summary, e.g. `offerings[0].type: wrong enum ("package" → "package-not-in-enum")`. */
  description: string;
  /** The whole mutated value (the input is never modified). */
  value: unknown;
}

export interface MutationContext {
  doc: OpenApiDocument;
  ajv: SpecAjv;
}

export const EXTRA_PROPERTY = 'unexpected_property';
export const INT32_OVERFLOW = 2147483648;

/** `['offerings', 1, 'quantity']` → `offerings[1].quantity`. */
export function fieldName(path: readonly Segment[]): string {
  return path.reduce<string>(
    (out, segment) => (typeof segment === 'number' ? `${out}[${segment}]` : out ? `${out}.${segment}` : segment),
    '',
  );
}

/** Ajv `instancePath` (`/offerings/1/quantity`) → `offerings[1].quantity`. */
export function fieldFromPointer(pointer: string): string {
  if (!pointer) return '';
  return fieldName(
    pointer
      .slice(1)
      .split('/')
      .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
      .map((part) => (/^(0|[1-9]\d*)$/.test(part) ? Number(part) : part)),
  );
}

/** The field each Ajv error concerns (a missing or extra property is named itself, not its parent). */
export function fieldsOfAjvErrors(errors: readonly { instancePath: string; params: Record<string, any> }[]): string[] {
  return errors.map((error) => {
    const parent = fieldFromPointer(error.instancePath);
    const own = error.params.missingProperty ?? error.params.additionalProperty;
    return own === undefined ? parent : parent ? `${parent}.${own}` : String(own);
  });
}

/** True when `field` is `target` or one of its ancestors (`offerings[1]` is an ancestor of `offerings[1].quantity`). */
export function isSelfOrAncestor(field: string, target: string): boolean {
  return field === target || field === '' || target.startsWith(`${field}.`) || target.startsWith(`${field}[`);
}

function wrongTypeValue(type: string): unknown {
  switch (type) {
    case 'string':
      return 12345;
    case 'integer':
    case 'number':
      return '42';
    case 'boolean':
      return 'true';
    case 'array':
      return { not: 'an array' };
    case 'object':
      return ['not', 'an object'];
    default:
      return 0;
  }
}

function setAt(root: unknown, path: readonly Segment[], update: (parent: any, key: Segment) => void): unknown {
  const copy = clone(root);
  let node: any = copy;
  for (const segment of path.slice(0, -1)) node = node[segment];
  update(node, path[path.length - 1]!);
  return copy;
}

/** Every single-rule mutation of `root` (valid against `schema`), in a stable order. */
export function mutationsOf(root: unknown, schema: unknown, ctx: MutationContext): Mutation[] {
  const out: Mutation[] = [];
  const add = (rule: MutationRule, keywords: string[], path: Segment[], detail: string, value: unknown) =>
    out.push({
      rule,
      keywords,
      path,
      field: fieldName(path),
      description: `${fieldName(path) || '(body)'}: ${rule} (${detail})`,
      value,
    });
  const replace = (path: Segment[], next: unknown) =>
    setAt(root, path, (parent, key) => {
      parent[key] = next;
    });

  const walk = (value: unknown, rawSchema: unknown, path: Segment[]) => {
    if (rawSchema === undefined || typeof rawSchema === 'boolean') return;
    const s = deref(ctx.doc, rawSchema) as Record<string, any>;
    const types: string[] = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
    const isRoot = path.length === 0;

    if (!isRoot && Array.isArray(s.enum) && s.enum.every((v: unknown) => typeof v === 'string')) {
      const wrong = `${s.enum[0]}-not-in-enum`;
      add('wrong enum', ['enum'], path, `${JSON.stringify(value)} → ${JSON.stringify(wrong)}`, replace(path, wrong));
    }
    if (!isRoot && types.length === 1) {
      const wrong = wrongTypeValue(types[0]!);
      add('wrong type', ['type'], path, `${types[0]} → ${JSON.stringify(wrong)}`, replace(path, wrong));
    }
    if (!isRoot && typeof value === 'number' && types.includes('integer')) {
      if (s.format === 'int32') {
        add('int32 overflow', ['format', 'maximum'], path, `${value} → ${INT32_OVERFLOW}`, replace(path, INT32_OVERFLOW));
        add(
          'int32 overflow',
          ['format', 'minimum'],
          path,
          `${value} → ${-INT32_OVERFLOW - 1}`,
          replace(path, -INT32_OVERFLOW - 1),
        );
      }
      if (typeof s.minimum === 'number' && s.minimum > -INT32_OVERFLOW) {
        add('below minimum', ['minimum'], path, `${value} → ${s.minimum - 1}`, replace(path, s.minimum - 1));
      }
      if (typeof s.maximum === 'number' && s.maximum < INT32_OVERFLOW - 1) {
        add('above maximum', ['maximum'], path, `${value} → ${s.maximum + 1}`, replace(path, s.maximum + 1));
      }
    }
    if (!isRoot && typeof value === 'string') {
      if (typeof s.minLength === 'number' && s.minLength > 0) {
        const short = [...value].slice(0, s.minLength - 1).join('');
        add('too short', ['minLength'], path, `length ${s.minLength - 1}`, replace(path, short));
      }
      if (s.format === 'email') add('bad format', ['format'], path, 'not an email', replace(path, 'not-an-email'));
    }

    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const object = value as Record<string, unknown>;
      for (const key of s.required ?? []) {
        if (key in object) {
          add(
            'missing required field',
            ['required'],
            [...path, key],
            `"${key}" removed`,
            setAt(root, [...path, key], (parent, k) => {
              delete parent[k];
            }),
          );
        }
      }
      if (s.additionalProperties === false) {
        add(
          'extra property',
          ['additionalProperties'],
          [...path, EXTRA_PROPERTY],
          `"${EXTRA_PROPERTY}" added`,
          replace([...path, EXTRA_PROPERTY], 'x'),
        );
      }
      if (s.if !== undefined && s.then !== undefined && ctx.ajv.compile(s.if)(object)) {
        const then = deref(ctx.doc, s.then) as Record<string, any>;
        for (const [key, narrow] of Object.entries<any>(then.properties ?? {})) {
          if (!narrow || !('const' in narrow)) continue;
          const other = typeof narrow.const === 'number' ? narrow.const + 1 : `${String(narrow.const)}-other`;
          add(
            'conditional constant broken',
            ['const'],
            [...path, key],
            `${key} must be ${JSON.stringify(narrow.const)}, sent ${other}`,
            replace([...path, key], other),
          );
        }
      }
      for (const [key, sub] of Object.entries<any>(s.properties ?? {})) {
        if (key in object) walk(object[key], sub, [...path, key]);
      }
    }

    if (Array.isArray(value)) {
      if (s.contains !== undefined && typeof s.maxContains === 'number') {
        const matches = ctx.ajv.compile(s.contains);
        const matching = value.filter((item) => matches(item));
        if (matching.length > 0) {
          const extra = s.maxContains + 1 - matching.length;
          const added = Array.from({ length: Math.max(1, extra) }, (_, i) => clone(matching[i % matching.length]));
          add(
            'too many contains matches',
            ['maxContains'],
            path,
            `${matching.length} matching → ${matching.length + added.length}, at most ${s.maxContains}`,
            replace(path, [...value, ...added]),
          );
        }
      }
      value.forEach((item, index) => {
        walk(item, s.items, [...path, index]);
      });
    }
  };
  walk(root, schema, []);
  return out;
}

/**
 * Every rule `mutationsOf` can break that `schema` declares somewhere (walking properties, items and
 * `if`/`then` branches), so a test can require the mutations to reach each of them.
 */
export function declaredRules(schema: unknown, ctx: MutationContext): Set<MutationRule> {
  const rules = new Set<MutationRule>();
  const seen = new Set<unknown>();
  const walk = (rawSchema: unknown, isRoot: boolean) => {
    if (rawSchema === undefined || typeof rawSchema === 'boolean') return;
    const s = deref(ctx.doc, rawSchema) as Record<string, any>;
    if (seen.has(s)) return;
    seen.add(s);
    const types: string[] = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
    if (!isRoot && Array.isArray(s.enum) && s.enum.every((v: unknown) => typeof v === 'string')) rules.add('wrong enum');
    if (!isRoot && types.length === 1) rules.add('wrong type');
    if (!isRoot && types.includes('integer')) {
      if (s.format === 'int32') rules.add('int32 overflow');
      if (typeof s.minimum === 'number' && s.minimum > -INT32_OVERFLOW) rules.add('below minimum');
      if (typeof s.maximum === 'number' && s.maximum < INT32_OVERFLOW - 1) rules.add('above maximum');
    }
    if (!isRoot && types.includes('string')) {
      if (typeof s.minLength === 'number' && s.minLength > 0) rules.add('too short');
      if (s.format === 'email') rules.add('bad format');
    }
    if (Array.isArray(s.required) && s.required.length > 0) rules.add('missing required field');
    if (s.additionalProperties === false) rules.add('extra property');
    if (s.if !== undefined && s.then !== undefined) {
      const then = deref(ctx.doc, s.then) as Record<string, any>;
      if (Object.values<any>(then.properties ?? {}).some((narrow) => narrow && 'const' in narrow)) {
        rules.add('conditional constant broken');
      }
    }
    if (s.contains !== undefined && typeof s.maxContains === 'number') rules.add('too many contains matches');
    for (const sub of Object.values(s.properties ?? {})) walk(sub, false);
    if (s.items !== undefined) walk(s.items, false);
  };
  walk(schema, true);
  return rules;
}

/** A bad value for one path or query parameter, derived from its schema. */
export interface ParameterMutation {
  rule: MutationRule | 'not an integer' | 'empty';
  value: unknown;
  /** Whether the mock, sent this value on the wire, answers with the validation status naming the parameter. */
  mockRejects: boolean;
}

/**
 * Values that break one limit of a parameter's schema: int32 overflow on both sides, below
 * `minimum`, above `maximum`, a fraction and a word for an integer, a value outside an `enum`, and
 * the empty string below a `minLength` (for a path parameter that changes the route, so the mock
 * cannot name it).
 */
export function parameterMutations(param: { in: string; schema: any }): ParameterMutation[] {
  const s = param.schema ?? {};
  const out: ParameterMutation[] = [];
  if (s.type === 'integer') {
    if (s.format === 'int32') {
      out.push({ rule: 'int32 overflow', value: INT32_OVERFLOW, mockRejects: true });
      out.push({ rule: 'int32 overflow', value: -INT32_OVERFLOW - 1, mockRejects: true });
    }
    if (typeof s.minimum === 'number' && s.minimum > -INT32_OVERFLOW)
      out.push({ rule: 'below minimum', value: s.minimum - 1, mockRejects: true });
    if (typeof s.maximum === 'number' && s.maximum < INT32_OVERFLOW - 1)
      out.push({ rule: 'above maximum', value: s.maximum + 1, mockRejects: true });
    out.push({ rule: 'not an integer', value: 1.5, mockRejects: true });
    out.push({ rule: 'wrong type', value: 'abc', mockRejects: true });
  }
  if (Array.isArray(s.enum) && s.enum.every((v: unknown) => typeof v === 'string')) {
    out.push({ rule: 'wrong enum', value: `${s.enum[0]}-not-in-enum`, mockRejects: true });
  }
  if (s.type === 'string' && typeof s.minLength === 'number' && s.minLength > 0) {
    out.push({ rule: 'empty', value: '', mockRejects: param.in !== 'path' });
  }
  return out;
}
