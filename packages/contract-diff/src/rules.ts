// Our own classification rules. Each one corrects a specific case where api-smart-diff 1.0.6
// is wrong or silent for OpenAPI 3.1 / JSON Schema 2020-12, and is covered by a test in
// test/rules.test.ts. Everything else keeps the engine's classification.
import type { Diff } from 'api-smart-diff';
import type { Change, PathContext, Severity } from './classify.ts';
import { describeChange, nodeAt, quote } from './classify.ts';

type Override = Pick<Change, 'severity' | 'rule' | 'message' | 'why'>;

/** Schema keywords that only document (no effect on validation). */
const ANNOTATION_KEYWORDS = new Set([
  'description',
  'title',
  'summary',
  'example',
  'examples',
  '$comment',
  'externalDocs',
  'readOnly',
  'writeOnly',
]);

/** Numeric bounds the engine leaves unclassified: which direction tightens the schema. */
const BOUNDS: Record<string, 'lower-is-tighter' | 'higher-is-tighter'> = {
  maxContains: 'lower-is-tighter',
  minContains: 'higher-is-tighter',
};

/** JSON Schema 2020-12 assertions and applicators whose addition tightens a schema. */
const CONSTRAINT_KEYWORDS = new Set([
  'const',
  'contains',
  'minContains',
  'maxContains',
  'if',
  'then',
  'else',
  'dependentRequired',
  'dependentSchemas',
  'prefixItems',
  'unevaluatedProperties',
  'unevaluatedItems',
  'propertyNames',
  'not',
]);

const TYPE_NAMES = ['null', 'boolean', 'object', 'array', 'number', 'integer', 'string'];

/** The set of JSON types a `type` value admits; `number` includes `integer`. */
export function typeSet(value: unknown): Set<string> {
  if (value === undefined) return new Set(TYPE_NAMES);
  const list = Array.isArray(value) ? value.map(String) : [String(value)];
  const set = new Set(list);
  if (set.has('number')) set.add('integer');
  return set;
}

function isSubset(a: Set<string>, b: Set<string>): boolean {
  for (const item of a) if (!b.has(item)) return false;
  return true;
}

/**
 * For a change that tightens (`tighter = true`) or loosens the set of valid values, the severity
 * depends on the direction: a stricter request schema refuses requests that were valid; a looser
 * response schema sends values partners did not expect.
 */
function bySide(context: PathContext, tighter: boolean): Severity {
  if (context.direction === 'response') return tighter ? 'non-breaking' : 'breaking';
  return tighter ? 'breaking' : 'non-breaking';
}

function sideWhy(context: PathContext, severity: Severity): string {
  if (context.direction === 'response') {
    return severity === 'breaking'
      ? 'the response may now carry values outside what partners were told to expect'
      : 'the response carries a subset of what partners already handle';
  }
  return severity === 'breaking' ? 'requests valid until now may be refused' : 'every request valid until now stays valid';
}

export function reclassify(diff: Diff, context: PathContext, merged: unknown, metaKey: symbol): Override | undefined {
  const path = diff.path;
  const last = path[path.length - 1];
  const parent = path[path.length - 2];
  const inSchema = context.schemaStart !== undefined && path.length > context.schemaStart;
  // Inside if/then/contains/not a `properties` entry is part of a condition, not a field.
  const inAssertion =
    inSchema && path.slice(context.schemaStart).some((s) => typeof s === 'string' && CONSTRAINT_KEYWORDS.has(s));

  // Rule response.property-removed: the engine calls removing an optional response property
  // non-breaking; partners that read it lose data, so it needs a major version.
  if (inSchema && !inAssertion && context.direction === 'response' && parent === 'properties' && diff.action === 'remove') {
    return {
      severity: 'breaking',
      rule: 'response.property-removed',
      message: describeChange(diff, context, 'property'),
      why: 'partners that read this field stop receiving it; a documented response field is removed only in a major version, after deprecation',
    };
  }

  // Rule request.property-removed: our request bodies are closed (additionalProperties: false),
  // so a request that still sends a removed property is refused. The engine says non-breaking.
  if (inSchema && !inAssertion && context.direction === 'request' && parent === 'properties' && diff.action === 'remove') {
    const owner = nodeAt(merged, path.slice(0, -2));
    const ownerMeta = owner?.[metaKey]?.additionalProperties;
    const closed = owner?.additionalProperties === false || ownerMeta?.replaced === false;
    if (closed) {
      return {
        severity: 'breaking',
        rule: 'request.property-removed',
        message: describeChange(diff, context, 'property'),
        why: 'the request body is closed (additionalProperties: false), so requests that still send this property are refused',
      };
    }
  }

  // Rule schema.type-changed: JSON Schema `type` compared as a set of JSON types, so that
  // OpenAPI 3.1 nullable unions (`type: [string, 'null']`) and integer ⊂ number are judged
  // correctly. The engine treats every response type change in an operation as non-breaking.
  if (inSchema && (last === 'type' || parent === 'type') && path[path.length - (last === 'type' ? 2 : 3)] !== 'properties') {
    const typePath = last === 'type' ? path : path.slice(0, -1);
    const afterValue = nodeAt(merged, typePath);
    const meta = nodeAt(merged, typePath.slice(0, -1))?.[metaKey]?.type;
    let beforeValue: unknown;
    if (last === 'type') beforeValue = diff.action === 'add' ? undefined : diff.before;
    else if (Array.isArray(afterValue)) {
      const arrayMeta = meta?.array ?? {};
      beforeValue = afterValue
        .filter((_, i) => arrayMeta[i]?.action !== 'add')
        .map((v, i) => (arrayMeta[i]?.action === 'replace' ? arrayMeta[i].replaced : v));
    }
    const afterForCompare = last === 'type' ? (diff.action === 'remove' ? undefined : diff.after) : afterActive(afterValue, meta);
    if (beforeValue !== undefined || afterForCompare !== undefined) {
      const oldSet = typeSet(beforeValue);
      const newSet = typeSet(afterForCompare);
      const compatible = context.direction === 'response' ? isSubset(newSet, oldSet) : isSubset(oldSet, newSet);
      const severity: Severity = compatible ? 'non-breaking' : 'breaking';
      return {
        severity,
        rule: 'schema.type-changed',
        message: `changed the type of ${context.field ? `\`${context.field}\`` : 'the body'} from ${fmtType(beforeValue)} to ${fmtType(afterForCompare)}${context.location ? ` in ${context.location}` : ''}`,
        why:
          context.direction === 'response'
            ? compatible
              ? 'the response sends only types partners already handle'
              : 'the response may now send a type partners do not handle (for example null)'
            : compatible
              ? 'every value accepted until now is still accepted'
              : 'values accepted until now are refused',
      };
    }
  }

  // Rule document.server-removed: the engine calls a removed or re-addressed server an
  // annotation; partners configured with that base URL stop reaching the API.
  if (
    path[0] === 'servers' &&
    ((path.length === 2 && diff.action === 'remove') || (path[2] === 'url' && diff.action !== 'add'))
  ) {
    return {
      severity: 'breaking',
      rule: 'document.server-removed',
      message:
        path.length === 2
          ? `removed server ${quote((diff.before as { url?: string })?.url ?? diff.before)}`
          : `changed server URL from ${quote(diff.before)} to ${quote(diff.after)}`,
      why: 'partners configured with this base URL stop reaching the API',
    };
  }

  // The remaining rules only fill in what the engine leaves unclassified.
  if (diff.type !== 'unclassified') return undefined;

  const keyword = typeof last === 'number' ? String(parent) : String(last);

  // Rule schema.annotation-changed: documentation keywords and x- extensions inside schemas
  // (including inside if/then/contains) change no validation.
  if (
    ANNOTATION_KEYWORDS.has(keyword) ||
    keyword.startsWith('x-') ||
    path.some((s) => typeof s === 'string' && s.startsWith('x-'))
  ) {
    return {
      severity: 'annotation',
      rule: 'schema.annotation-changed',
      message: describeChange(diff, context, `keyword-${keyword}`),
      why: 'documentation only: no effect on what is sent or received',
    };
  }

  if (!inSchema) return undefined;

  // Rule schema.bound-changed: minContains / maxContains moved.
  const bound = BOUNDS[keyword];
  if (bound && diff.action === 'replace' && typeof diff.before === 'number' && typeof diff.after === 'number') {
    const tighter = bound === 'lower-is-tighter' ? diff.after < diff.before : diff.after > diff.before;
    const severity = bySide(context, tighter);
    return {
      severity,
      rule: 'schema.bound-changed',
      message: describeChange(diff, context, `keyword-${keyword}`),
      why: `${tighter ? 'tightens' : 'loosens'} the schema: ${sideWhy(context, severity)}`,
    };
  }

  // Rule schema.constraint-added / schema.constraint-removed: a 2020-12 assertion (const,
  // contains, if/then/else, …) appears or disappears as a whole.
  const isWholeKeyword = typeof last === 'string' && CONSTRAINT_KEYWORDS.has(last);
  if (isWholeKeyword && (diff.action === 'add' || diff.action === 'remove')) {
    const tighter = diff.action === 'add';
    const severity = bySide(context, tighter);
    return {
      severity,
      rule: tighter ? 'schema.constraint-added' : 'schema.constraint-removed',
      message: describeChange(diff, context, `keyword-${keyword}`),
      why: `${tighter ? 'tightens' : 'loosens'} the schema: ${sideWhy(context, severity)}`,
    };
  }

  // Rule schema.constraint-changed: any other change inside a 2020-12 assertion (a `const`
  // replaced, the subschema of `contains`, `if` or `then` edited). Neither value set contains the
  // other in general, so it is breaking in both directions.
  if (inAssertion) {
    return {
      severity: 'breaking',
      rule: 'schema.constraint-changed',
      message: describeChange(diff, context, `keyword-${keyword}`),
      why: 'changes which values are valid in a way that neither includes nor is included by the old rule',
    };
  }
  return undefined;
}

function afterActive(value: unknown, meta: any): unknown {
  if (!Array.isArray(value)) return value;
  const arrayMeta = meta?.array ?? {};
  return value.filter((_, i) => arrayMeta[i]?.action !== 'remove');
}

function fmtType(value: unknown): string {
  if (value === undefined) return 'any';
  return Array.isArray(value) ? `\`[${value.join(', ')}]\`` : `\`${String(value)}\``;
}

/** Every rule id this package defines itself (engine-derived ids follow `<direction>.<node>-<action>`). */
export const OWN_RULES = [
  'response.property-removed',
  'request.property-removed',
  'schema.type-changed',
  'document.server-removed',
  'schema.annotation-changed',
  'schema.bound-changed',
  'schema.constraint-added',
  'schema.constraint-removed',
  'schema.constraint-changed',
  'unclassified',
  'types.request-body-not-assignable',
  'types.parameters-not-assignable',
  'types.response-not-assignable',
  'version.semver',
  'version.backwards',
  'version.bump-required',
  'deprecation.sunset-required',
  'deprecation.notice-too-short',
] as const;
