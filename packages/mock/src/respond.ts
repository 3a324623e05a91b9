// Builds responses from the documents: the chosen documented response and example, its declared
// headers, and the API's own validation-error envelope listing every violation.
import { derefSchema, type ExampleEntry, type Json, type OperationSpec, type ResponseSpec } from './model.js';
import type { Violation } from './types.js';

export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/** Numeric status of a response key (`429`, `4XX` → 400, `default` → `fallback`). */
export function statusOf(code: string, fallback = 200): number {
  if (/^\d{3}$/.test(code)) return Number(code);
  if (/^[1-5]XX$/i.test(code)) return Number(code[0]) * 100;
  return fallback;
}

/** The documented response for a status: exact code, then its range (`4XX`), then `default`. */
export function responseFor(op: OperationSpec, status: number): ResponseSpec | undefined {
  const code = String(status);
  return (
    op.responses.find((r) => r.code === code) ??
    op.responses.find((r) => r.code.toUpperCase() === `${code[0]}XX`) ??
    op.responses.find((r) => r.code === 'default')
  );
}

/** The success response: the lowest documented 2xx, else `2XX`, else `default`, else the first. */
export function successResponse(op: OperationSpec): ResponseSpec | undefined {
  const exact = op.responses.filter((r) => /^2\d\d$/.test(r.code)).sort((a, b) => Number(a.code) - Number(b.code))[0];
  return (
    exact ??
    op.responses.find((r) => r.code.toUpperCase() === '2XX') ??
    op.responses.find((r) => r.code === 'default') ??
    op.responses[0]
  );
}

/** A minimal value that satisfies common schemas, for responses or headers without examples. */
export function sampleFromSchema(doc: Json, schema: Json, depth = 0): Json {
  const s = derefSchema(doc, schema);
  if (s === true || s === undefined || s === null || typeof s !== 'object' || depth > 8) return null;
  if (s.example !== undefined) return s.example;
  if (Array.isArray(s.examples) && s.examples.length > 0) return s.examples[0];
  if ('const' in s) return s.const;
  if (s.default !== undefined) return s.default;
  if (Array.isArray(s.enum) && s.enum.length > 0) return s.enum[0];
  if (Array.isArray(s.allOf)) {
    const merged: Record<string, Json> = {};
    for (const part of s.allOf) Object.assign(merged, sampleFromSchema(doc, part, depth + 1));
    return merged;
  }
  for (const key of ['oneOf', 'anyOf'] as const)
    if (Array.isArray(s[key]) && s[key].length > 0) return sampleFromSchema(doc, s[key][0], depth + 1);
  const types: string[] = Array.isArray(s.type)
    ? s.type
    : s.type
      ? [s.type]
      : s.properties
        ? ['object']
        : s.items
          ? ['array']
          : [];
  const type = types.find((t) => t !== 'null') ?? types[0];
  switch (type) {
    case 'object': {
      const out: Record<string, Json> = {};
      for (const name of Array.isArray(s.required) ? s.required : [])
        out[name] = sampleFromSchema(doc, s.properties?.[name], depth + 1);
      return out;
    }
    case 'array':
      return Array.from({ length: s.minItems ?? 0 }, () => sampleFromSchema(doc, s.items, depth + 1));
    case 'integer':
    case 'number': {
      let n = typeof s.minimum === 'number' ? s.minimum : typeof s.exclusiveMinimum === 'number' ? s.exclusiveMinimum + 1 : 0;
      if (typeof s.maximum === 'number' && n > s.maximum) n = s.maximum;
      return type === 'integer' ? Math.ceil(n) : n;
    }
    case 'boolean':
      return false;
    case 'null':
      return null;
    case 'string': {
      const byFormat: Record<string, string> = {
        'date-time': '1970-01-01T00:00:00Z',
        date: '1970-01-01',
        email: 'user@example.com',
        uuid: '00000000-0000-0000-0000-000000000000',
        uri: 'urn:example',
      };
      const text = byFormat[s.format] ?? 'string';
      return typeof s.minLength === 'number' && text.length < s.minLength ? text.padEnd(s.minLength, 'x') : text;
    }
    default:
      return null;
  }
}

function headerValue(doc: Json, header: Json): string | undefined {
  let value: Json = header?.example;
  if (value === undefined && header?.examples && typeof header.examples === 'object') {
    const first = Object.values<Json>(header.examples)[0];
    value = first?.$ref ? undefined : first?.value;
  }
  if (value === undefined && header?.content) {
    const media = Object.values<Json>(header.content)[0];
    value = media?.example ?? sampleFromSchema(doc, media?.schema);
    return value === undefined ? undefined : JSON.stringify(value);
  }
  if (value === undefined) value = sampleFromSchema(doc, header?.schema);
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return value.map(String).join(',');
  if (typeof value === 'object') return Object.entries(value).flat().map(String).join(',');
  return String(value);
}

/** The response's declared headers with their example values, plus Content-Type. */
export function responseHeaders(op: OperationSpec, response: ResponseSpec): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, header] of Object.entries<Json>(response.headers)) {
    if (name.toLowerCase() === 'content-type') continue;
    const value = headerValue(op.doc, header);
    if (value !== undefined) headers[name.toLowerCase()] = value;
  }
  if (response.media) headers['content-type'] = response.media.mediaType;
  return headers;
}

/** Finds an example of a response by its key in `examples` or by its component name. */
export function findExample(response: ResponseSpec, name: string): ExampleEntry | undefined {
  const examples = response.media?.examples ?? [];
  return examples.find((e) => e.name === name) ?? examples.find((e) => e.componentName === name);
}

/** The body of a response: the given example, else the first, else a sample of its schema. */
export function exampleBody(op: OperationSpec, response: ResponseSpec, example?: ExampleEntry): unknown {
  if (!response.media) return undefined;
  const chosen = example ?? response.media.examples[0];
  if (chosen) return structuredClone(chosen.value);
  return sampleFromSchema(op.doc, response.media.schema);
}

/** Documented response as a reply. */
export function documentedReply(op: OperationSpec, response: ResponseSpec, status: number, example?: ExampleEntry): Reply {
  return { status, headers: responseHeaders(op, response), body: exampleBody(op, response, example) };
}

const FIELD_KEYS = ['field', 'path', 'pointer', 'parameter', 'param', 'property'];
const REASON_KEYS = ['message', 'description', 'reason', 'detail', 'msg', 'error'];

interface ErrorArray {
  path: string[];
  itemSchema: Json;
  fieldKey: string;
  reasonKey: string;
}

/** Locates the array of error items in an error schema: items that name a field and a reason. */
export function findErrorArray(doc: Json, schema: Json, depth = 0): ErrorArray | undefined {
  const s = derefSchema(doc, schema);
  if (!s || typeof s !== 'object' || depth > 6) return undefined;
  if (s.items !== undefined) {
    const item = derefSchema(doc, s.items);
    const props = item?.properties ?? {};
    const fieldKey = FIELD_KEYS.find((k) => k in props);
    const reasonKey = REASON_KEYS.find((k) => k in props);
    if (fieldKey && reasonKey) return { path: [], itemSchema: item, fieldKey, reasonKey };
  }
  for (const [name, sub] of Object.entries<Json>(s.properties ?? {})) {
    const found = findErrorArray(doc, sub, depth + 1);
    if (found) return { ...found, path: [name, ...found.path] };
  }
  for (const part of Array.isArray(s.allOf) ? s.allOf : []) {
    const found = findErrorArray(doc, part, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** The last step of a field path: `offerings[0].type` → `type`. */
function leaf(field: string): string {
  return field.split('.').pop() ?? field;
}

export interface EnvelopeOutcome {
  reply: Reply;
  /** Set when the envelope could not be derived and the documented example was sent unchanged. */
  fallback?: string;
}

/**
 * The API's validation-error body for these violations, derived from the documented response:
 * its example with the error items replaced by one item per violation, self-validated.
 */
export function validationEnvelope(
  op: OperationSpec,
  response: ResponseSpec,
  status: number,
  violations: Violation[],
): EnvelopeOutcome {
  const reply = documentedReply(op, response, status);
  const media = response.media;
  if (!media?.schema) return { reply, fallback: 'the response documents no schema' };
  const located = findErrorArray(op.doc, media.schema);
  if (!located) return { reply, fallback: 'no array of error items with a field and a reason in the response schema' };

  let body: Json = reply.body;
  if (located.path.length > 0 && (body === null || typeof body !== 'object' || Array.isArray(body))) body = {};
  const root = body;
  let container: Json = root;
  for (const key of located.path.slice(0, -1)) {
    if (container[key] === null || typeof container[key] !== 'object') container[key] = {};
    container = container[key];
  }
  const last = located.path.at(-1);
  const current: Json = last === undefined ? root : container[last];
  const template: Record<string, Json> =
    Array.isArray(current) && current[0] && typeof current[0] === 'object' && !Array.isArray(current[0]) ? current[0] : {};

  // Mimic the example's wording: SendGrid writes "type must be …" for field "offerings[0].type".
  const exampleField = template[located.fieldKey];
  const exampleReason = template[located.reasonKey];
  const prefixLeaf =
    typeof exampleField === 'string' &&
    exampleField !== '' &&
    typeof exampleReason === 'string' &&
    exampleReason.startsWith(`${leaf(exampleField)} `);

  const required: string[] = Array.isArray(located.itemSchema?.required) ? located.itemSchema.required : [];
  const items = violations.map((v) => {
    const item: Record<string, Json> = structuredClone(template);
    for (const name of required) {
      if (!(name in item)) item[name] = sampleFromSchema(op.doc, located.itemSchema.properties?.[name]);
    }
    item[located.fieldKey] = v.field;
    item[located.reasonKey] = prefixLeaf && v.field !== '' ? `${leaf(v.field)} ${v.message}` : v.message;
    return item;
  });
  const built = last === undefined ? items : root;
  if (last !== undefined) container[last] = items;

  const validate = op.ajv.compile(media.schema);
  if (!validate(built)) {
    const reason = (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ');
    return { reply, fallback: `the derived envelope does not match the response schema (${reason})` };
  }
  return { reply: { ...reply, body: built } };
}

export interface Preference {
  code?: string;
  example?: string;
}

/** Parses a Prism-style `Prefer` header: `code=429, example=tooManyRequests`. */
export function parsePrefer(header: string | undefined): Preference {
  const preference: Preference = {};
  if (!header) return preference;
  for (const token of header.split(/[,;]/)) {
    const index = token.indexOf('=');
    if (index < 0) continue;
    const key = token.slice(0, index).trim().toLowerCase();
    const value = token
      .slice(index + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1');
    if (key === 'code') preference.code = value;
    else if (key === 'example') preference.example = value;
  }
  return preference;
}

export interface Available {
  code: string;
  examples: string[];
}

export function availableResponses(op: OperationSpec): Available[] {
  return op.responses.map((r) => ({
    code: r.code,
    examples: (r.media?.examples ?? []).map((e) =>
      e.componentName && e.componentName !== e.name ? `${e.name} (${e.componentName})` : e.name,
    ),
  }));
}

export type PreferOutcome = { reply: Reply; note: string } | { error: string };

/** Answers a valid request: the success response, or the one chosen with `Prefer`. */
export function preferredReply(op: OperationSpec, preference: Preference): PreferOutcome {
  const label = op.operationId ?? `${op.method} ${op.path}`;
  const codes = op.responses.map((r) => r.code).join(', ');
  let response: ResponseSpec | undefined;
  let status: number;
  if (preference.code !== undefined) {
    if (!/^\d{3}$/.test(preference.code))
      return { error: `Prefer: code=${preference.code} is not an HTTP status; documented: ${codes}` };
    status = Number(preference.code);
    response = responseFor(op, status);
    if (!response) return { error: `Prefer: code=${preference.code} is not documented for ${label}; documented: ${codes}` };
  } else {
    response = successResponse(op);
    if (!response) return { error: `${label} documents no response` };
    status = statusOf(response.code);
    if (preference.example !== undefined && !findExample(response, preference.example)) {
      // An example alone may name any documented response's example.
      const owner = op.responses.find((r) => findExample(r, preference.example!));
      if (owner) {
        response = owner;
        status = statusOf(owner.code, 200);
      }
    }
  }
  let example: ExampleEntry | undefined;
  if (preference.example !== undefined) {
    example = findExample(response, preference.example);
    if (!example) {
      const pool = preference.code !== undefined ? [response] : op.responses;
      const names = pool.flatMap((r) => (r.media?.examples ?? []).map((e) => e.name)).join(', ') || 'none';
      const where = preference.code !== undefined ? `response ${response.code} of ${label}` : label;
      return { error: `Prefer: example=${preference.example} is not documented for ${where}; examples: ${names}` };
    }
  }
  const parts = [
    preference.code !== undefined ? `code=${preference.code}` : '',
    preference.example !== undefined ? `example=${preference.example}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  return { reply: documentedReply(op, response, status, example), note: parts ? `Prefer ${parts}` : '' };
}
