/** Helpers shared by the test files: path parameters, raw requests, response capture, error fields. */
import type { SpecAjv } from '@mailapis/specs/ajv';
import type { HeaderModel, OperationModel } from './spec-model.ts';

/** The documented example of every path parameter of `op` (throws when one has none). */
export function examplePathParams(op: OperationModel): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const param of op.parameters.filter((p) => p.in === 'path')) {
    if (!param.hasExample) throw new Error(`${op.operationId}: path parameter ${param.name} has no example`);
    out[param.name] = param.example;
  }
  return out;
}

/**
 * The documented example of every query parameter of `op` that has one, or `undefined` when the
 * operation has no query parameter with an example (the table then sends no query object).
 */
export function exampleQuery(op: OperationModel): Record<string, unknown> | undefined {
  const entries = op.parameters.filter((p) => p.in === 'query' && p.hasExample).map((p) => [p.name, p.example] as const);
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

/**
 * The `[name, value]` pairs the query string must carry for `query`, serialised as each parameter
 * declares: `form` with `explode: true` repeats the key per array item, `explode: false` joins the
 * items with commas; scalars travel as their string form. Absent values are not sent.
 */
export function expectedQueryPairs(op: OperationModel, query: Record<string, unknown> | undefined): [string, string][] {
  const pairs: [string, string][] = [];
  for (const param of op.parameters.filter((p) => p.in === 'query')) {
    const value = query?.[param.name];
    if (value === undefined) continue;
    if (Array.isArray(value)) {
      if (param.explode) for (const item of value) pairs.push([param.name, String(item)]);
      else pairs.push([param.name, value.map(String).join(',')]);
    } else pairs.push([param.name, String(value)]);
  }
  return pairs.sort(comparePairs);
}

const comparePairs = (a: [string, string], b: [string, string]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : 1);

/** The decoded `[name, value]` pairs of a recorded path's query string, sorted. */
export function queryPairsOf(pathWithQuery: string): [string, string][] {
  const at = pathWithQuery.indexOf('?');
  return at < 0 ? [] : [...new URLSearchParams(pathWithQuery.slice(at + 1))].sort(comparePairs);
}

/** The request path for `params` (each value percent-encoded as one segment, as the clients do). */
export function buildPath(op: OperationModel, params: Record<string, unknown>): string {
  return op.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    if (!(name in params)) throw new Error(`${op.operationId}: no value for path parameter ${name}`);
    return encodeURIComponent(String(params[name]));
  });
}

/** A `fetch` that records every response's headers (lower case) before handing the response on. */
export function capturingFetch(): {
  fetch: (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;
  responses: { status: number; headers: Record<string, string> }[];
} {
  const responses: { status: number; headers: Record<string, string> }[] = [];
  return {
    responses,
    fetch: async (input, init) => {
      const response = await fetch(input, init);
      const headers: Record<string, string> = {};
      response.headers.forEach((value, name) => {
        headers[name] = value;
      });
      responses.push({ status: response.status, headers });
      return response;
    },
  };
}

/** The `field`s an API error body lists (both APIs use `errors: [{ field, … }]`). */
export function errorFields(body: unknown): unknown[] {
  const errors = (body as { errors?: unknown })?.errors;
  return Array.isArray(errors) ? errors.map((e) => (e as { field?: unknown })?.field) : [];
}

/** Parses a header value as its schema's type (headers travel as text) and validates it. */
export function headerValueIsValid(ajv: SpecAjv, header: HeaderModel, raw: string): boolean {
  const type = header.schema?.type;
  let value: unknown = raw;
  if (type === 'integer' || type === 'number') value = /^-?\d+(\.\d+)?$/.test(raw.trim()) ? Number(raw) : raw;
  else if (type === 'boolean') value = raw === 'true' ? true : raw === 'false' ? false : raw;
  return ajv.compile(header.schema)(value) as boolean;
}
