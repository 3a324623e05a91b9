// Shared test helpers: a mock server per test file, HTTP helpers, and readers of the bundled
// documents (the tests take expected examples and headers from the specs, never hardcode them).
import { loadSpec, type OpenApiDocument } from '@mailapis/specs';
import { createSpecAjv } from '@mailapis/specs/ajv';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { type MockServer, type StartMockOptions, startMock } from '../src/index.ts';

export const SG = 'sendgrid-provisioning';
export const QB = 'qboxmail-delivery';
export const SG_PATH = '/v3/partners/accounts/sg2a2bcd3ef4ab5c67d8efab91c01de2fa/offerings';
export const QB_PATH = '/api/delivery/accounts/1042';
export const SG_SECRET = 'SG.test-secret-key-123';
export const QB_SECRET = 'qbox-test-secret-token-456';
export const SG_AUTH = { authorization: `Bearer ${SG_SECRET}` };
export const QB_AUTH = { 'x-api-token': QB_SECRET };
export const JSON_TYPE = { 'content-type': 'application/json' };

export const docs: Record<string, OpenApiDocument> = { [SG]: loadSpec(SG), [QB]: loadSpec(QB) };

/** Starts one mock for the test file (port 0) and closes it afterwards; requests are reset before each test. */
export function useMock(options: StartMockOptions = {}): { mock: MockServer; lines: string[] } {
  const ctx = { lines: [] as string[] } as { mock: MockServer; lines: string[] };
  beforeAll(async () => {
    ctx.mock = await startMock({ port: 0, log: (line) => ctx.lines.push(line), ...options });
  });
  afterAll(async () => {
    await ctx.mock?.close();
  });
  beforeEach(() => {
    ctx.mock?.reset();
    ctx.lines.length = 0;
  });
  return ctx;
}

/** Starts a mock (port 0) for one test, collecting its log lines, and closes it afterwards. */
export async function withServer(options: StartMockOptions, run: (mock: MockServer, lines: string[]) => Promise<void>) {
  const lines: string[] = [];
  const mock = await startMock({ port: 0, log: (line) => lines.push(line), ...options });
  try {
    await run(mock, lines);
  } finally {
    await mock.close();
  }
}

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  body: any;
}

/** One HTTP request with fetch; `body` objects are sent as JSON text as they are. */
export async function send(
  mock: MockServer,
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: string | Uint8Array | object } = {},
): Promise<Answer> {
  const { body } = options;
  const payload = body === undefined || typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body);
  const response = await fetch(mock.url + path, {
    method,
    headers: options.headers,
    body: payload as BodyInit | undefined,
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = text;
  }
  return { status: response.status, headers: response.headers, text, body: parsed };
}

export const putSendgrid = (mock: MockServer, body: unknown, headers: Record<string, string> = {}, path = SG_PATH) =>
  send(mock, 'PUT', path, { headers: { ...SG_AUTH, ...JSON_TYPE, ...headers }, body: body as object });

export const putQboxmail = (mock: MockServer, body: unknown, headers: Record<string, string> = {}, path = QB_PATH) =>
  send(mock, 'PUT', path, { headers: { ...QB_AUTH, ...JSON_TYPE, ...headers }, body: body as object });

/** Follows local `$ref`s of a document. */
export function resolve(doc: OpenApiDocument, node: any): any {
  let current = node;
  while (current && typeof current.$ref === 'string') {
    current = current.$ref
      .slice(2)
      .split('/')
      .reduce((target: any, key: string) => target?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
  }
  return current;
}

export interface DocOperation {
  api: string;
  doc: OpenApiDocument;
  method: string;
  path: string;
  operationId: string;
  operation: any;
}

/** Every operation of a document. */
export function operationsOf(api: string): DocOperation[] {
  const doc = docs[api]!;
  const out: DocOperation[] = [];
  for (const [path, item] of Object.entries<any>(doc.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch']) {
      if (item[method])
        out.push({
          api,
          doc,
          method: method.toUpperCase(),
          path,
          operationId: item[method].operationId,
          operation: item[method],
        });
    }
  }
  return out;
}

export function responseOf(api: string, operationId: string, status: string): any {
  const op = operationsOf(api).find((o) => o.operationId === operationId)!;
  return resolve(docs[api]!, op.operation.responses[status]);
}

/** `[key, componentName, value]` of each example of a response, in document order. */
export function examplesOf(api: string, response: any): { key: string; component: string | undefined; value: unknown }[] {
  const examples = response.content?.['application/json']?.examples ?? {};
  return Object.entries<any>(examples).map(([key, ref]) => ({
    key,
    component: typeof ref.$ref === 'string' ? ref.$ref.split('/').pop() : undefined,
    value: resolve(docs[api]!, ref).value,
  }));
}

export function firstExample(api: string, response: any): unknown {
  return examplesOf(api, response)[0]?.value;
}

/** Declared response headers with their example values, lower-case names. */
export function declaredHeaders(api: string, response: any): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, ref] of Object.entries<any>(response.headers ?? {})) {
    out[name.toLowerCase()] = String(resolve(docs[api]!, ref).example);
  }
  return out;
}

const ajvs: Record<string, ReturnType<typeof createSpecAjv>> = {};

/** Validates a body against the documented schema of one response. */
export function validatesAgainstResponse(api: string, operationId: string, status: string, body: unknown): string[] {
  const response = responseOf(api, operationId, status);
  ajvs[api] ??= createSpecAjv(docs[api]!);
  const validate = ajvs[api].compile(response.content['application/json'].schema);
  return validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

export function requestExamples(api: string, operationId: string): { key: string; value: unknown }[] {
  const op = operationsOf(api).find((o) => o.operationId === operationId)!;
  const examples = op.operation.requestBody.content['application/json'].examples ?? {};
  return Object.entries<any>(examples).map(([key, ref]) => ({ key, value: resolve(docs[api]!, ref).value }));
}

/** The operation's path with every path parameter replaced by its documented example. */
export function examplePath(api: string, operationId: string): string {
  const op = operationsOf(api).find((o) => o.operationId === operationId)!;
  const item = docs[api]!.paths[op.path];
  const params = [...(item.parameters ?? []), ...(op.operation.parameters ?? [])].map((p: any) => resolve(docs[api]!, p));
  return op.path.replace(/\{([^}]+)\}/g, (_, name: string) =>
    encodeURIComponent(String(params.find((p: any) => p.in === 'path' && p.name === name).example)),
  );
}

/** Sends the documented example request of an operation (its first request-body example, if it has a body). */
export function sendExample(
  mock: MockServer,
  api: string,
  operationId: string,
  headers: Record<string, string> = {},
  body: unknown = undefined,
): Promise<Answer> {
  const op = operationsOf(api).find((o) => o.operationId === operationId)!;
  const auth = api === SG ? SG_AUTH : QB_AUTH;
  const payload = op.operation.requestBody ? (body ?? requestExamples(api, operationId)[0]!.value) : undefined;
  return send(mock, op.method, examplePath(api, operationId), {
    headers: { ...auth, ...(payload === undefined ? {} : JSON_TYPE), ...headers },
    body: payload as object | undefined,
  });
}

/** A deep copy of a bundled document, to modify in a test. */
export function copyOf(api: string): any {
  return structuredClone(docs[api]);
}
