// Validates one routed request against its operation: security, parameters, Content-Type and body.
import { ajvViolations } from './messages.js';
import { derefSchema, isJsonMediaType, type Json, type MediaSpec, type OperationSpec, type ParameterSpec } from './model.js';
import type { Violation } from './types.js';

/** A request as the validator sees it. */
export interface NormalizedRequest {
  method: string;
  pathname: string;
  search: URLSearchParams;
  /** Lower-case names. */
  headers: Record<string, string>;
  /** Raw body text, or a pre-parsed value. */
  body: { kind: 'none' } | { kind: 'raw'; text: string } | { kind: 'parsed'; value: Json };
}

export interface BodyOutcome {
  /** Parsed JSON, raw text when unparseable, undefined when absent. */
  recorded: unknown;
}

const INTEGER = /^[+-]?\d+$/;
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

function schemaTypes(doc: Json, schema: Json): string[] {
  const resolved = derefSchema(doc, schema);
  const type = resolved?.type;
  if (Array.isArray(type)) return type;
  if (typeof type === 'string') return [type];
  return [];
}

/** Coerces a string parameter value to the type its schema asks for, when it looks like one. */
export function coerce(doc: Json, schema: Json, raw: string): Json {
  const types = schemaTypes(doc, schema);
  if (types.includes('integer') && INTEGER.test(raw)) return Number(raw);
  if (types.includes('number') && NUMBER.test(raw)) return Number(raw);
  if (types.includes('boolean') && (raw === 'true' || raw === 'false')) return raw === 'true';
  if (types.includes('null') && raw === 'null' && !types.includes('string')) return null;
  return raw;
}

function parameterValue(op: OperationSpec, param: ParameterSpec, values: string[]): Json {
  if (param.json) {
    const [first] = values;
    try {
      return JSON.parse(first ?? '');
    } catch {
      return first;
    }
  }
  const resolved = derefSchema(op.doc, param.schema);
  if (schemaTypes(op.doc, resolved).includes('array')) {
    const items = resolved?.items ?? {};
    // form/simple style: repeated query keys, or one comma-separated value.
    const list = values.length > 1 ? values : (values[0] ?? '').split(',');
    return list.map((v) => coerce(op.doc, items, v));
  }
  return coerce(op.doc, param.schema, values[0] ?? '');
}

function cookies(header: string | undefined): Map<string, string> {
  const map = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index > 0) map.set(part.slice(0, index).trim(), part.slice(index + 1).trim());
  }
  return map;
}

function validateValue(op: OperationSpec, param: ParameterSpec, value: Json, location: Violation['location']): Violation[] {
  const validate = op.ajv.compile(param.schema);
  if (validate(value)) return [];
  return ajvViolations(validate.errors, location, param.name, value, op.ajv, param.json);
}

const IGNORED_HEADER_PARAMS = new Set(['accept', 'content-type', 'authorization']);

/** Path, query, header and cookie parameters. */
export function parameterViolations(
  op: OperationSpec,
  pathParams: Record<string, string>,
  request: NormalizedRequest,
): Violation[] {
  const violations: Violation[] = [];
  for (const param of op.parameters) {
    if (param.in === 'path') {
      const raw = pathParams[param.name] ?? '';
      let decoded: string;
      try {
        decoded = decodeURIComponent(raw);
      } catch {
        violations.push({ location: 'path', field: param.name, message: 'is not valid percent-encoding', keyword: 'parse' });
        continue;
      }
      violations.push(...validateValue(op, param, parameterValue(op, param, [decoded]), 'path'));
    } else if (param.in === 'query') {
      const values = request.search.getAll(param.name);
      if (values.length === 0) {
        if (param.required)
          violations.push({ location: 'query', field: param.name, message: 'is required', keyword: 'required' });
        continue;
      }
      violations.push(...validateValue(op, param, parameterValue(op, param, values), 'query'));
    } else if (param.in === 'header') {
      const lower = param.name.toLowerCase();
      if (IGNORED_HEADER_PARAMS.has(lower)) continue;
      const value = request.headers[lower];
      if (value === undefined) {
        if (param.required)
          violations.push({ location: 'header', field: param.name, message: 'is required', keyword: 'required' });
        continue;
      }
      violations.push(...validateValue(op, param, parameterValue(op, param, [value]), 'header'));
    } else if (param.in === 'cookie') {
      const value = cookies(request.headers.cookie).get(param.name);
      if (value === undefined) {
        if (param.required)
          violations.push({ location: 'header', field: param.name, message: 'is required (cookie)', keyword: 'required' });
        continue;
      }
      violations.push(...validateValue(op, param, parameterValue(op, param, [value]), 'header'));
    }
  }
  return violations;
}

function credentialOf(scheme: Json, name: string, request: NormalizedRequest): string | undefined {
  if (!scheme || typeof scheme !== 'object') return `the security scheme ${name} is not defined in the document`;
  const type = String(scheme.type ?? '');
  if (type === 'apiKey') {
    const where = String(scheme.in);
    const key = String(scheme.name);
    const value =
      where === 'header'
        ? request.headers[key.toLowerCase()]
        : where === 'query'
          ? (request.search.get(key) ?? undefined)
          : cookies(request.headers.cookie).get(key);
    if (value === undefined)
      return `is required (${where === 'header' ? 'header' : where === 'query' ? 'query parameter' : 'cookie'} ${key})`;
    if (value.trim() === '') return 'must not be empty';
    return undefined;
  }
  if (type === 'http' || type === 'oauth2' || type === 'openIdConnect') {
    const wanted = type === 'http' ? String(scheme.scheme ?? '').toLowerCase() : 'bearer';
    const label = wanted.charAt(0).toUpperCase() + wanted.slice(1);
    const header = request.headers.authorization;
    if (header === undefined) return `is required (${label} credentials)`;
    const match = /^(\S+)(?:\s+(.*))?$/.exec(header.trim());
    if (!match || match[1]!.toLowerCase() !== wanted) return `must use the ${label} scheme ("${label} <credentials>")`;
    if (!match[2] || match[2].trim() === '') return `must carry a non-empty ${label} credential`;
    return undefined;
  }
  // mutualTLS and unknown types cannot be checked over plain HTTP.
  return undefined;
}

function schemeField(scheme: Json, name: string): string {
  if (scheme?.type === 'apiKey') return String(scheme.name);
  if (scheme?.type === 'http' || scheme?.type === 'oauth2' || scheme?.type === 'openIdConnect') return 'Authorization';
  return name;
}

/** Checks the operation's security requirements (any alternative satisfied = ok). */
export function securityViolations(op: OperationSpec, request: NormalizedRequest): Violation[] {
  if (!Array.isArray(op.security) || op.security.length === 0) return [];
  const schemes: Record<string, Json> = op.doc.components?.securitySchemes ?? {};
  let first: Violation[] | undefined;
  for (const requirement of op.security) {
    const failures: Violation[] = [];
    for (const name of Object.keys(requirement ?? {})) {
      let scheme: Json = schemes[name];
      if (scheme?.$ref) scheme = op.doc.components?.securitySchemes?.[String(scheme.$ref).split('/').pop() ?? ''];
      const problem = credentialOf(scheme, name, request);
      if (problem)
        failures.push({ location: 'security', field: schemeField(scheme, name), message: problem, keyword: 'security' });
    }
    if (failures.length === 0) return [];
    first ??= failures;
  }
  return first ?? [];
}

function mediaTypeOf(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const essence = header.split(';')[0]!.trim().toLowerCase();
  return essence === '' ? undefined : essence;
}

function matchMedia(content: MediaSpec[], mediaType: string): MediaSpec | undefined {
  const exact = content.find((m) => m.mediaType.toLowerCase() === mediaType);
  if (exact) return exact;
  const [type] = mediaType.split('/');
  return (
    content.find((m) => m.mediaType.toLowerCase() === `${type}/*`) ??
    content.find((m) => m.mediaType === '*/*' || m.mediaType === '*')
  );
}

/** Content-Type and body. */
export function bodyViolations(op: OperationSpec, request: NormalizedRequest): { violations: Violation[]; recorded: unknown } {
  const { body } = request;
  let recorded: unknown;
  if (body.kind === 'parsed') recorded = body.value;
  else if (body.kind === 'raw') {
    try {
      recorded = JSON.parse(body.text);
    } catch {
      recorded = body.text;
    }
  }
  const spec = op.requestBody;
  if (!spec) return { violations: [], recorded };
  if (body.kind === 'none') {
    return {
      violations: spec.required
        ? [{ location: 'body', field: '', message: 'request body is required', keyword: 'required' }]
        : [],
      recorded,
    };
  }
  const documented = spec.content.map((m) => m.mediaType).join(' or ');
  const sent = mediaTypeOf(request.headers['content-type']) ?? (body.kind === 'parsed' ? 'application/json' : undefined);
  if (sent === undefined) {
    return {
      violations: [
        {
          location: 'content-type',
          field: 'Content-Type',
          message: `is required and must be ${documented}`,
          keyword: 'contentType',
        },
      ],
      recorded,
    };
  }
  const media = matchMedia(spec.content, sent);
  if (!media) {
    return {
      violations: [
        {
          location: 'content-type',
          field: 'Content-Type',
          message: `must be ${documented} (got ${sent})`,
          keyword: 'contentType',
        },
      ],
      recorded,
    };
  }
  if (!isJsonMediaType(media.mediaType) && !isJsonMediaType(sent)) return { violations: [], recorded };
  let value: Json;
  if (body.kind === 'parsed') value = body.value;
  else {
    try {
      value = JSON.parse(body.text);
    } catch (error) {
      return {
        violations: [
          {
            location: 'body',
            field: '',
            message: `request body is not valid JSON: ${(error as Error).message}`,
            keyword: 'parse',
          },
        ],
        recorded,
      };
    }
  }
  if (media.schema === undefined) return { violations: [], recorded };
  const validate = op.ajv.compile(media.schema);
  if (validate(value)) return { violations: [], recorded };
  return { violations: ajvViolations(validate.errors, 'body', '', value, op.ajv, true), recorded };
}
