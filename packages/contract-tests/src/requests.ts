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
