/**
 * The contract table: every operation × every documented status × every documented example,
 * enumerated from the bundled specs, sent by the real client to the real mock over HTTP. The
 * coverage gate at the end of this file (tests in a file run in order) compares what the table
 * proved with what the specs require, writes test-results/contract-coverage.json and prints the
 * report.
 */
import { fileURLToPath } from 'node:url';
import { type MockServer, startMock } from '@mailapis/mock';
import { createSpecAjv, type SpecAjv } from '@mailapis/specs/ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authHeaders, ENTRY_POINTS, type EntryPoint, invoke, operationMethod, requireClient } from '../src/clients.ts';
import {
  CoverageRegistry,
  evaluateGate,
  requestExampleKey,
  requiredCoverage,
  responseExampleKey,
  statusKey,
  writeCoverageReport,
} from '../src/coverage.ts';
import {
  buildPath,
  capturingFetch,
  examplePathParams,
  exampleQuery,
  expectedQueryPairs,
  headerValueIsValid,
  queryPairsOf,
} from '../src/requests.ts';
import {
  allOperations,
  clone,
  deref,
  isConcreteStatus,
  loadAllSpecs,
  type NamedExample,
  type OperationModel,
  operationsOf,
  type ResponseModel,
  successResponse,
} from '../src/spec-model.ts';

const docs = loadAllSpecs();
const operations = allOperations(docs);
const ajvs: Record<string, SpecAjv> = Object.fromEntries(Object.entries(docs).map(([api, doc]) => [api, createSpecAjv(doc)]));
const registry = new CoverageRegistry();
const REPORT_FILE = fileURLToPath(new URL('../test-results/contract-coverage.json', import.meta.url));

let mock: MockServer;
beforeAll(async () => {
  mock = await startMock({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await mock?.close();
});

interface Row {
  title: string;
  response: ResponseModel;
  example: NamedExample | undefined;
  request: NamedExample | undefined;
}

/** status × response example × request example, all from the spec. */
function rowsFor(op: OperationModel): Row[] {
  const requests: (NamedExample | undefined)[] = op.requestBody?.examples.length ? op.requestBody.examples : [undefined];
  return op.responses.flatMap((response) => {
    const examples: (NamedExample | undefined)[] = response.content?.examples.length ? response.content.examples : [undefined];
    return examples.flatMap((example) =>
      requests.map((request) => ({
        title: `${response.status}${example ? ` example=${example.name}` : ''} (request example ${request?.name ?? 'none'})`,
        response,
        example,
        request,
      })),
    );
  });
}

const isSuccess = (status: number) => status >= 200 && status < 300;
/** What one row sends: the path parameters' and query parameters' documented examples, and the request example. */
const inputFor = (op: OperationModel, request: NamedExample | undefined) => ({
  path: examplePathParams(op),
  query: exampleQuery(op),
  body: clone(request?.value),
});

function checkRow(op: OperationModel, entry: EntryPoint, row: Row) {
  return async () => {
    expect(isConcreteStatus(row.response.status), `status key ${row.response.status} is not a concrete status`).toBe(true);
    if (op.requestBody?.required) expect(row.request, `${op.operationId} has no request body example`).toBeDefined();
    const status = Number(row.response.status);
    const ajv = ajvs[op.api]!;
    const pkg = requireClient(op);
    mock.reset();
    const capture = capturingFetch();
    const prefer = [`code=${status}`, ...(row.example ? [`example=${row.example.name}`] : [])].join(', ');
    const input = inputFor(op, row.request);
    const outcome = await invoke(op, entry, { baseUrl: mock.url, fetch: capture.fetch, maxRetries: 0 }, input, {
      headers: { Prefer: prefer },
    });

    // What the mock saw: exactly one request, routed to this operation, with zero violations.
    expect(mock.requests).toHaveLength(1);
    const recorded = mock.requests[0]!;
    expect(recorded.violations).toEqual([]);
    expect(mock.violations()).toEqual([]);
    expect(recorded).toMatchObject({ api: op.api, operationId: op.operationId, method: op.method, status });
    expect(recorded.body).toEqual(row.request?.value);
    expect(queryPairsOf(recorded.path)).toEqual(expectedQueryPairs(op, input.query));
    // A Content-Type only when a body is sent.
    if (!op.requestBody) expect(recorded.headers['content-type']).toBeUndefined();

    // What the client returned.
    const schema = row.response.content?.schema;
    if (isSuccess(status)) {
      expect(outcome.kind, `the call did not resolve: ${JSON.stringify(outcome)}`).toBe('resolved');
      const value = (outcome as { value: unknown }).value;
      if (row.example) expect(value).toEqual(row.example.value);
      if (schema !== undefined) expect(ajv.compile(schema)(value)).toBe(true);
    } else {
      expect(outcome.kind, `the call did not report an error status: ${JSON.stringify(outcome)}`).toBe('api-error');
      if (outcome.kind !== 'api-error') return;
      expect(outcome.status).toBe(status);
      if (row.example) expect(outcome.body).toEqual(row.example.value);
      if (schema !== undefined) expect(ajv.compile(schema)(outcome.body)).toBe(true);
      if (entry === 'methods') {
        expect(outcome.error).toBeInstanceOf(pkg.ApiError);
        expect(outcome.error).toMatchObject({ name: 'ApiError', status, attempts: 1 });
        expect(JSON.stringify(outcome.error)).not.toContain(pkg.credential);
      }
    }

    // The response on the wire: the documented media type and every declared header, valid by its schema.
    expect(capture.responses).toHaveLength(1);
    const wire = capture.responses[0]!;
    expect(wire.status).toBe(status);
    if (row.response.content)
      expect(wire.headers['content-type']).toMatch(new RegExp(`^${row.response.content.contentType}`, 'i'));
    for (const header of row.response.headers) {
      const name = header.name.toLowerCase();
      const value = wire.headers[name];
      expect(value, `declared header ${header.name}`).toBeDefined();
      expect(headerValueIsValid(ajv, header, value!), `${header.name}: ${value} is not valid by its schema`).toBe(true);
      if (outcome.kind === 'api-error') expect(outcome.headers[name], `the error's headers['${name}']`).toBe(value);
    }

    registry.add(statusKey(entry, op.operationId, row.response.status));
    if (row.example) registry.add(responseExampleKey(entry, op.operationId, row.response.status, row.example.name));
    if (row.request) registry.add(requestExampleKey(entry, op.operationId, row.request.name));
  };
}

for (const op of operations) {
  for (const entry of ENTRY_POINTS) {
    describe(`${op.api} ${op.operationId} (${op.method} ${op.path}) through ${entry} against the mock`, () => {
      it(entry === 'methods' ? `the client has a method ${op.operationId}` : `the raw client has ${op.method}`, () => {
        if (entry === 'methods') expect(typeof operationMethod(op, { baseUrl: mock.url })).toBe('function');
        else expect(typeof requireClient(op).createRawClient({ baseUrl: mock.url })[op.method]).toBe('function');
      });

      it.each(rowsFor(op).map((row) => [row.title, row] as const))('%s', (_title, row) => checkRow(op, entry, row)());

      it('without Prefer, a valid request gets the documented success example', async () => {
        const success = successResponse(op);
        for (const request of op.requestBody?.examples ?? [undefined]) {
          mock.reset();
          const outcome = await invoke(op, entry, { baseUrl: mock.url, maxRetries: 0 }, inputFor(op, request));
          expect(outcome).toEqual({ kind: 'resolved', value: success.content?.examples[0]?.value });
          expect(mock.requests).toHaveLength(1);
          expect(mock.requests[0]).toMatchObject({ operationId: op.operationId, status: Number(success.status), violations: [] });
        }
      });

      it('Prefer: example=<name> alone selects the response that documents that example', async () => {
        for (const response of op.responses) {
          for (const example of response.content?.examples ?? []) {
            mock.reset();
            const status = Number(response.status);
            const outcome = await invoke(
              op,
              entry,
              { baseUrl: mock.url, maxRetries: 0 },
              inputFor(op, op.requestBody?.examples[0]),
              {
                headers: { Prefer: `example=${example.name}` },
              },
            );
            expect(mock.requests[0], `${response.status} ${example.name}`).toMatchObject({ status, violations: [] });
            if (isSuccess(status)) expect(outcome).toEqual({ kind: 'resolved', value: example.value });
            else expect(outcome).toMatchObject({ kind: 'api-error', status, body: example.value });
          }
        }
      });
    });
  }

  describe(`${op.api} ${op.operationId}: the mock's security check`, () => {
    it('a request without credentials gets 401 naming the security header, in the documented envelope', async () => {
      const unauthorized = op.responses.find((r) => r.status === '401');
      expect(unauthorized, `${op.operationId} documents no 401`).toBeDefined();
      expect(op.auth, `${op.operationId} has no security requirement`).toBeDefined();
      const send = (headers: Record<string, string>) =>
        fetch(mock.url + buildPath(op, examplePathParams(op)), {
          method: op.method,
          headers: { accept: 'application/json', ...(op.requestBody ? { 'content-type': 'application/json' } : {}), ...headers },
          body: op.requestBody ? JSON.stringify(op.requestBody.examples[0]?.value ?? {}) : undefined,
        });
      mock.reset();
      const response = await send({});
      expect(response.status).toBe(401);
      const body = await response.json();
      expect(ajvs[op.api]!.compile(unauthorized!.content!.schema)(body)).toBe(true);
      const violations = mock.violations();
      expect(violations.length).toBeGreaterThan(0);
      expect(violations.every((v) => v.location === 'security')).toBe(true);
      expect(violations.map((v) => v.field.toLowerCase())).toContain(op.auth!.header);
      // Sanity: the same request with the credential is accepted.
      mock.reset();
      const ok = await send(authHeaders(op));
      expect(ok.status).toBe(Number(successResponse(op).status));
      await ok.arrayBuffer();
      expect(mock.violations()).toEqual([]);
    });
  });
}

/** The raw operation object of the first operation of `api` in `doc` that `predicate` accepts, with its model. */
function pickOperation(doc: any, api: string, predicate: (op: OperationModel) => boolean) {
  const model = operationsOf(api, doc).find(predicate);
  if (!model) throw new Error(`${api}: no operation fits`);
  return { model, raw: doc.paths[model.path][model.method.toLowerCase()] };
}
const forEachEntry = (keys: (entry: string) => string[]) => ENTRY_POINTS.flatMap((entry) => keys(entry));
/** What the gate reports missing for `modified` beyond what it reports for the real specs (nothing, once the table passed). */
function newlyMissing(modified: Record<string, any>): string[] {
  const before = new Set(evaluateGate(requiredCoverage(docs, ENTRY_POINTS), registry.keys).missing.map((item) => item.key));
  return evaluateGate(requiredCoverage(modified, ENTRY_POINTS), registry.keys)
    .missing.map((item) => item.key)
    .filter((key) => !before.has(key));
}

describe('coverage gate (runs after the table above)', () => {
  it('every (entry point, operationId, status) and every documented example was proven through both entry points: 100%', () => {
    const result = evaluateGate(requiredCoverage(docs, ENTRY_POINTS), registry.keys);
    writeCoverageReport(REPORT_FILE, result);
    console.log(result.report);
    expect(result.missing.map((item) => item.key)).toEqual([]);
    // The gate requires exactly what the documents declare: one item per response of every operation, per entry point.
    const declaredPairs = Object.values(docs).flatMap((doc) =>
      Object.values<any>(doc.paths).flatMap((item) =>
        Object.values<any>(item).flatMap((op) => (op?.responses ? Object.keys(op.responses) : [])),
      ),
    );
    const total = declaredPairs.length * ENTRY_POINTS.length;
    expect(result.pairs).toEqual({ total, covered: total });
    expect(result.examples.covered).toBe(result.examples.total);
    expect(result.percent).toBe(100);
  });

  it('bites: a status added to a copy of a spec is reported missing through each entry point, with its example', () => {
    const modified: Record<string, any> = clone(docs);
    const api = Object.keys(modified)[0]!;
    const { model, raw } = pickOperation(modified[api], api, () => true);
    const errorSchema = model.responses.find((r) => !isSuccess(Number(r.status)) && r.content)!.content!.schema;
    raw.responses['418'] = {
      description: 'I am a teapot.',
      content: { 'application/json': { schema: errorSchema, examples: { teapot: { value: { message: 'teapot' } } } } },
    };
    const result = evaluateGate(requiredCoverage(modified, ENTRY_POINTS), registry.keys);
    expect(result.ok).toBe(false);
    expect(newlyMissing(modified)).toEqual(
      forEachEntry((entry) => [`${entry} ${model.operationId} 418`, `${entry} ${model.operationId} 418 example=teapot`]),
    );
    expect(result.percent).toBeLessThan(100);
    expect(result.report).toContain('[MISSING] status 418');
  });

  it('bites: a new response example, or a new request example, on an existing status is reported missing', () => {
    const modified: Record<string, any> = clone(docs);
    const api = Object.keys(modified).at(-1)!;
    const { model, raw } = pickOperation(modified[api], api, (op) => op.requestBody !== undefined);
    const status = model.responses.find((r) => !isSuccess(Number(r.status)) && r.content)!.status;
    const response = clone(deref(modified[api], raw.responses[status]));
    response.content['application/json'].examples.anotherExample = { value: { message: 'Not found', errors: [] } };
    raw.responses[status] = response;
    const body = deref(modified[api], raw.requestBody);
    raw.requestBody = { ...clone(body), content: clone(body.content) };
    raw.requestBody.content['application/json'].examples.anotherRequest = { value: {} };
    expect(newlyMissing(modified).sort()).toEqual(
      forEachEntry((entry) => [
        `${entry} ${model.operationId} ${status} example=anotherExample`,
        `${entry} ${model.operationId} request example=anotherRequest`,
      ]).sort(),
    );
  });

  it('bites: a new operation in a copy of a spec is reported missing for each of its statuses, through each entry point', () => {
    const modified: Record<string, any> = clone(docs);
    const api = Object.keys(modified).at(-1)!;
    const { model } = pickOperation(modified[api], api, () => true);
    const item = modified[api].paths[model.path];
    expect(item.delete).toBeUndefined();
    const error = model.responses.find((r) => !isSuccess(Number(r.status)) && r.content?.examples.length)!;
    item.delete = {
      operationId: 'deleteSomethingNew',
      responses: { '204': { description: 'Deleted.' }, [error.status]: item[model.method.toLowerCase()].responses[error.status] },
    };
    expect(newlyMissing(modified)).toEqual(
      forEachEntry((entry) => [
        `${entry} deleteSomethingNew 204`,
        `${entry} deleteSomethingNew ${error.status}`,
        ...error.content!.examples.map((example) => `${entry} deleteSomethingNew ${error.status} example=${example.name}`),
      ]),
    );
  });
});
