// Reads the `x-mailapis-mock` extension of each operation into a checked plan for the stateful
// engine (src/state.ts). The extension is data in the spec sources; nothing here knows an API.
// Every mistake in it is found at startup, with the operation and the key it concerns.
import { derefSchema, type Json, type OperationSpec } from './model.js';
import { successResponse } from './respond.js';

export const EXTENSION = 'x-mailapis-mock';

export type MockAction = 'read' | 'list' | 'replace' | 'merge';
const ACTIONS: readonly MockAction[] = ['read', 'list', 'replace', 'merge'];

/** How one request field is written into a stored field. */
export interface FieldTarget {
  field: string;
  /** `value`: as sent; `join`: array items joined with ", "; `count`: number of array items. */
  as: 'value' | 'join' | 'count';
}

export interface ListFilter {
  /** Query parameter. */
  parameter: string;
  /** Stored field it compares with. */
  field: string;
  /** Parameter values that do not narrow the list (e.g. `all`). */
  any: string[];
  /** Parameter value → the stored values it matches; a value not listed matches a stored value equal to it as text. */
  values: Record<string, Json[]>;
}

export type PaginationValue = 'page' | 'per' | 'pages' | 'records';
const PAGINATION_VALUES: readonly PaginationValue[] = ['page', 'per', 'pages', 'records'];

export interface ListPlan {
  page: string | undefined;
  per: string | undefined;
  keys: string | undefined;
  search: { parameter: string; fields: string[] } | undefined;
  filters: ListFilter[];
  pagination: { at: string[]; set: Record<string, PaginationValue>; echo: Record<string, string> } | undefined;
}

export interface MockPlan {
  op: OperationSpec;
  label: string;
  resource: string;
  action: MockAction;
  /** Path parameter that keys the resource (read, replace, merge). */
  key: string | undefined;
  /** Where the resource (or the page of resources) sits in the success body, as pointer segments. */
  at: string[];
  /** The value at `at` is an array: a single resource goes there as a one-item array. */
  many: boolean;
  /** Schema of one stored resource. */
  schema: Json;
  /** replace: where the resource is in the request body (pointer segments; [] = the whole body). */
  value: string[];
  /** merge: request field → stored fields. */
  fields: Map<string, FieldTarget[]> | undefined;
  list: ListPlan | undefined;
}

export class ExtensionError extends Error {
  override name = 'ExtensionError';
}

/** `/a/b` → `['a', 'b']`; `''` → `[]`. */
export function pointer(text: string, where: string): string[] {
  if (text === '') return [];
  if (!text.startsWith('/')) throw new ExtensionError(`${where} must be a JSON pointer ('' or starting with /), got "${text}"`);
  return text
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function isObject(value: Json): value is Record<string, Json> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function schemaTypes(schema: Json): string[] {
  if (Array.isArray(schema?.type)) return schema.type;
  return typeof schema?.type === 'string' ? [schema.type] : [];
}

/** The schema of the value at `segments` inside `schema` (through properties). */
export function schemaAt(doc: Json, schema: Json, segments: string[], where: string): Json {
  let current = schema;
  for (const segment of segments) {
    const resolved = derefSchema(doc, current);
    const next = resolved?.properties?.[segment];
    if (next === undefined) throw new ExtensionError(`${where}: the schema has no property "${segment}"`);
    current = next;
  }
  return current;
}

function text(value: Json, where: string): string {
  if (typeof value !== 'string' || value === '') throw new ExtensionError(`${where} must be a non-empty string`);
  return value;
}

function optionalText(value: Json, where: string): string | undefined {
  return value === undefined ? undefined : text(value, where);
}

function only(node: Record<string, Json>, allowed: string[], where: string): void {
  const extra = Object.keys(node).filter((k) => !allowed.includes(k));
  if (extra.length > 0)
    throw new ExtensionError(`${where} has unknown key(s) ${extra.join(', ')}; allowed: ${allowed.join(', ')}`);
}

function parameterOf(op: OperationSpec, name: string, where: string, location: 'path' | 'query'): void {
  if (!op.parameters.some((p) => p.in === location && p.name === name))
    throw new ExtensionError(`${where}: "${name}" is not a ${location} parameter of the operation`);
}

function propertiesOf(doc: Json, schema: Json): Record<string, Json> {
  return derefSchema(doc, schema)?.properties ?? {};
}

function fieldTargets(raw: Json, where: string): FieldTarget[] {
  const list = Array.isArray(raw) ? raw : [raw];
  return list.map((item, i) => {
    const at = Array.isArray(raw) ? `${where}[${i}]` : where;
    if (typeof item === 'string') return { field: text(item, at), as: 'value' };
    if (!isObject(item)) throw new ExtensionError(`${at} must be a field name or { field, as }`);
    only(item, ['field', 'as'], at);
    const as = item.as ?? 'value';
    if (!['value', 'join', 'count'].includes(as)) throw new ExtensionError(`${at}.as must be one of value, join, count`);
    return { field: text(item.field, `${at}.field`), as };
  });
}

function listPlan(op: OperationSpec, ext: Record<string, Json>, where: string, resourceProps: Record<string, Json>): ListPlan {
  const page = optionalText(ext.page, `${where}.page`);
  const per = optionalText(ext.per, `${where}.per`);
  const keys = optionalText(ext.keys, `${where}.keys`);
  for (const [name, value] of [
    ['page', page],
    ['per', per],
    ['keys', keys],
  ] as const) {
    if (value !== undefined) parameterOf(op, value, `${where}.${name}`, 'query');
  }
  const property = (field: string, at: string) => {
    if (!(field in resourceProps)) throw new ExtensionError(`${at}: the resource schema has no property "${field}"`);
    return field;
  };
  let search: ListPlan['search'];
  if (ext.search !== undefined) {
    if (!isObject(ext.search) || !Array.isArray(ext.search.fields))
      throw new ExtensionError(`${where}.search must be { parameter, fields: [...] }`);
    only(ext.search, ['parameter', 'fields'], `${where}.search`);
    const parameter = text(ext.search.parameter, `${where}.search.parameter`);
    parameterOf(op, parameter, `${where}.search.parameter`, 'query');
    search = {
      parameter,
      fields: ext.search.fields.map((f: Json, i: number) =>
        property(text(f, `${where}.search.fields[${i}]`), `${where}.search.fields[${i}]`),
      ),
    };
  }
  const filters: ListFilter[] = [];
  if (ext.filters !== undefined) {
    if (!isObject(ext.filters))
      throw new ExtensionError(`${where}.filters must map query parameters to { field, any?, values? }`);
    for (const [parameter, raw] of Object.entries(ext.filters)) {
      const at = `${where}.filters.${parameter}`;
      parameterOf(op, parameter, at, 'query');
      const spec = typeof raw === 'string' ? { field: raw } : raw;
      if (!isObject(spec)) throw new ExtensionError(`${at} must be a field name or { field, any?, values? }`);
      only(spec, ['field', 'any', 'values'], at);
      const any = spec.any ?? [];
      if (!Array.isArray(any) || any.some((v: Json) => typeof v !== 'string'))
        throw new ExtensionError(`${at}.any must be a list of parameter values`);
      const values = spec.values ?? {};
      if (!isObject(values) || Object.values(values).some((v) => !Array.isArray(v)))
        throw new ExtensionError(`${at}.values must map parameter values to lists of stored values`);
      filters.push({ parameter, field: property(text(spec.field, `${at}.field`), `${at}.field`), any, values });
    }
  }
  let pagination: ListPlan['pagination'];
  if (ext.pagination !== undefined) {
    const p = ext.pagination;
    const at = `${where}.pagination`;
    if (!isObject(p)) throw new ExtensionError(`${at} must be { at, set, echo? }`);
    only(p, ['at', 'set', 'echo'], at);
    const set: Record<string, PaginationValue> = {};
    for (const [name, value] of Object.entries<Json>(p.set ?? {})) {
      if (!PAGINATION_VALUES.includes(value))
        throw new ExtensionError(`${at}.set.${name} must be one of ${PAGINATION_VALUES.join(', ')}`);
      set[name] = value;
    }
    const echo: Record<string, string> = {};
    for (const [name, value] of Object.entries<Json>(p.echo ?? {})) {
      echo[name] = text(value, `${at}.echo.${name}`);
      parameterOf(op, echo[name], `${at}.echo.${name}`, 'query');
    }
    const segments = pointer(typeof p.at === 'string' ? p.at : '', `${at}.at`);
    const success = successResponse(op);
    const paginationProps = propertiesOf(op.doc, schemaAt(op.doc, success?.media?.schema, segments, `${at}.at`));
    for (const name of [...Object.keys(set), ...Object.keys(echo)]) {
      if (!(name in paginationProps)) throw new ExtensionError(`${at}: the pagination schema has no property "${name}"`);
    }
    pagination = { at: segments, set, echo };
  }
  return { page, per, keys, search, filters, pagination };
}

/** The checked plan of one operation, or undefined when it has no extension. */
export function planOf(op: OperationSpec): MockPlan | undefined {
  const ext = op.extension;
  if (ext === undefined) return undefined;
  const label = `${op.api} ${op.operationId ?? `${op.method} ${op.path}`}`;
  const where = `${EXTENSION} of ${label}`;
  if (!isObject(ext)) throw new ExtensionError(`${where} must be an object`);
  only(
    ext,
    ['resource', 'action', 'key', 'at', 'value', 'fields', 'page', 'per', 'keys', 'search', 'filters', 'pagination'],
    where,
  );
  const resource = text(ext.resource, `${where}.resource`);
  const action = ext.action as MockAction;
  if (!ACTIONS.includes(action)) throw new ExtensionError(`${where}.action must be one of ${ACTIONS.join(', ')}`);
  const key = optionalText(ext.key, `${where}.key`);
  if (action === 'list' ? key !== undefined : key === undefined)
    throw new ExtensionError(
      `${where}.key ${action === 'list' ? 'is not used by a list' : 'must name the path parameter that keys the resource'}`,
    );
  if (key !== undefined) parameterOf(op, key, `${where}.key`, 'path');
  const allowedByAction: Record<MockAction, string[]> = {
    read: [],
    replace: ['value'],
    merge: ['fields'],
    list: ['page', 'per', 'keys', 'search', 'filters', 'pagination'],
  };
  const misplaced = ['value', 'fields', 'page', 'per', 'keys', 'search', 'filters', 'pagination'].filter(
    (k) => ext[k] !== undefined && !allowedByAction[action].includes(k),
  );
  if (misplaced.length > 0) throw new ExtensionError(`${where}: ${misplaced.join(', ')} not used by action ${action}`);

  const success = successResponse(op);
  if (!success?.media?.schema) throw new ExtensionError(`${where}: the operation's success response has no JSON schema`);
  const at = pointer(typeof ext.at === 'string' ? ext.at : '', `${where}.at`);
  const target = derefSchema(op.doc, schemaAt(op.doc, success.media.schema, at, `${where}.at`));
  const many = schemaTypes(target).includes('array') || target?.items !== undefined;
  if (action === 'list' && !many) throw new ExtensionError(`${where}.at must point at an array for a list`);
  const schema = many ? target.items : schemaAt(op.doc, success.media.schema, at, `${where}.at`);
  const resourceProps = propertiesOf(op.doc, schema);

  const value = pointer(typeof ext.value === 'string' ? ext.value : '', `${where}.value`);
  if (action === 'replace' || action === 'merge') {
    const body = op.requestBody?.content.find((m) => m.schema !== undefined);
    if (!body) throw new ExtensionError(`${where}: a ${action} needs a request body with a schema`);
    if (action === 'replace') schemaAt(op.doc, body.schema, value, `${where}.value`);
  }

  let fields: MockPlan['fields'];
  if (action === 'merge') {
    if (!isObject(ext.fields)) throw new ExtensionError(`${where}.fields must map every request field to stored fields`);
    const requestProps = propertiesOf(op.doc, op.requestBody?.content.find((m) => m.schema !== undefined)?.schema);
    fields = new Map();
    for (const [name, raw] of Object.entries(ext.fields)) {
      if (!(name in requestProps))
        throw new ExtensionError(`${where}.fields.${name}: the request schema has no property "${name}"`);
      const targets = fieldTargets(raw, `${where}.fields.${name}`);
      for (const t of targets) {
        if (!(t.field in resourceProps))
          throw new ExtensionError(`${where}.fields.${name}: the resource schema has no property "${t.field}"`);
      }
      fields.set(name, targets);
    }
    const unmapped = Object.keys(requestProps).filter((name) => !fields!.has(name));
    if (unmapped.length > 0)
      throw new ExtensionError(
        `${where}.fields must list every request field (use [] for one that is not stored); missing: ${unmapped.join(', ')}`,
      );
  }

  return {
    op,
    label,
    resource,
    action,
    key,
    at,
    many,
    schema,
    value,
    fields,
    list: action === 'list' ? listPlan(op, ext, where, resourceProps) : undefined,
  };
}
