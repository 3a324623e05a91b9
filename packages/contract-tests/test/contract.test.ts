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
import { authHeaderValue, bindingFor, type OperationBinding } from '../src/clients.ts';
import {
  CoverageRegistry,
  evaluateGate,
  requestExampleKey,
  requiredCoverage,
  responseExampleKey,
  statusKey,
  writeCoverageReport,
} from '../src/coverage.ts';
import { buildPath, capturingFetch, examplePathParams, headerValueIsValid } from '../src/requests.ts';
import {
  allOperations,
  clone,
  isConcreteStatus,
  loadAllSpecs,
  type NamedExample,
  type OperationModel,
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

async function settle(promise: Promise<unknown>): Promise<{ value?: unknown; error?: unknown; rejected: boolean }> {
  try {
    return { value: await promise, rejected: false };
  } catch (error) {
    return { error, rejected: true };
  }
}

function checkRow(op: OperationModel, binding: OperationBinding, row: Row) {
  return async () => {
    expect(isConcreteStatus(row.response.status), `status key ${row.response.status} is not a concrete status`).toBe(true);
    if (op.requestBody?.required) expect(row.request, `${op.operationId} has no request body example`).toBeDefined();
    const status = Number(row.response.status);
    const ajv = ajvs[op.api]!;
    mock.reset();
    const capture = capturingFetch();
    const prefer = [`code=${status}`, ...(row.example ? [`example=${row.example.name}`] : [])].join(', ');
    const body = clone(row.request?.value);
    const outcome = await settle(
      binding.call({ baseUrl: mock.url, fetch: capture.fetch, maxRetries: 0 }, examplePathParams(op), body, {
        headers: { Prefer: prefer },
      }),
    );

    // What the mock saw: exactly one request, routed to this operation, with zero violations.
    expect(mock.requests).toHaveLength(1);
    const recorded = mock.requests[0]!;
    expect(recorded.violations).toEqual([]);
    expect(mock.violations()).toEqual([]);
    expect(recorded).toMatchObject({ api: op.api, operationId: op.operationId, method: op.method, status });
    expect(recorded.body).toEqual(row.request?.value);

    // What the client returned.
    const schema = row.response.content?.schema;
    if (isSuccess(status)) {
      expect(outcome.rejected, `client rejected: ${String(outcome.error)}`).toBe(false);
      if (row.example) expect(outcome.value).toEqual(row.example.value);
      if (schema !== undefined) expect(ajv.compile(schema)(outcome.value)).toBe(true);
    } else {
      expect(outcome.rejected, 'client resolved an error status').toBe(true);
      const error = outcome.error as InstanceType<OperationBinding['ApiError']>;
      expect(error).toBeInstanceOf(binding.ApiError);
      expect(error.name).toBe('ApiError');
      expect(error.status).toBe(status);
      expect(error.attempts).toBe(1);
      if (row.example) expect(error.body).toEqual(row.example.value);
      if (schema !== undefined) expect(ajv.compile(schema)(error.body)).toBe(true);
      expect(JSON.stringify(error)).not.toContain(binding.credential);
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
      if (outcome.rejected) {
        expect((outcome.error as InstanceType<OperationBinding['ApiError']>).headers[name], `err.headers['${name}']`).toBe(value);
      }
    }

    registry.add(statusKey(op.operationId, row.response.status));
    if (row.example) registry.add(responseExampleKey(op.operationId, row.response.status, row.example.name));
    if (row.request) registry.add(requestExampleKey(op.operationId, row.request.name));
  };
}

for (const op of operations) {
  const binding = bindingFor(op.operationId);
  describe(`${op.api} ${op.operationId} (${op.method} ${op.path}) through its client against the mock`, () => {
    it('has a client binding', () => {
      expect(binding, `no client binding for ${op.operationId} in src/clients.ts`).toBeDefined();
      expect(binding!.api).toBe(op.api);
    });
    if (!binding) return;

    it.each(rowsFor(op).map((row) => [row.title, row] as const))('%s', (_title, row) => checkRow(op, binding, row)());

    it('without Prefer, a valid request gets the documented success example', async () => {
      const success = successResponse(op);
      for (const request of op.requestBody?.examples ?? []) {
        mock.reset();
        const data = await binding.call({ baseUrl: mock.url, maxRetries: 0 }, examplePathParams(op), clone(request.value));
        expect(data).toEqual(success.content?.examples[0]?.value);
        expect(mock.requests).toHaveLength(1);
        expect(mock.requests[0]).toMatchObject({ operationId: op.operationId, status: Number(success.status), violations: [] });
      }
    });

    it('Prefer: example=<name> alone selects the response that documents that example', async () => {
      for (const response of op.responses) {
        for (const example of response.content?.examples ?? []) {
          mock.reset();
          const status = Number(response.status);
          const outcome = await settle(
            binding.call({ baseUrl: mock.url, maxRetries: 0 }, examplePathParams(op), clone(op.requestBody?.examples[0]?.value), {
              headers: { Prefer: `example=${example.name}` },
            }),
          );
          expect(mock.requests[0], `${response.status} ${example.name}`).toMatchObject({ status, violations: [] });
          if (isSuccess(status)) expect(outcome.value).toEqual(example.value);
          else expect(outcome.error).toMatchObject({ name: 'ApiError', status, body: example.value });
        }
      }
    });

    it('a request without credentials gets 401 naming the security header, in the documented envelope', async () => {
      const unauthorized = op.responses.find((r) => r.status === '401');
      expect(unauthorized, `${op.operationId} documents no 401`).toBeDefined();
      mock.reset();
      const response = await fetch(mock.url + buildPath(op, examplePathParams(op)), {
        method: op.method,
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(op.requestBody?.examples[0]?.value ?? {}),
      });
      expect(response.status).toBe(401);
      const body = await response.json();
      expect(ajvs[op.api]!.compile(unauthorized!.content!.schema)(body)).toBe(true);
      const violations = mock.violations();
      expect(violations.length).toBeGreaterThan(0);
      expect(violations.every((v) => v.location === 'security')).toBe(true);
      expect(violations.map((v) => v.field.toLowerCase())).toContain(binding.authHeader);
      // Sanity: the same request with the credential is accepted.
      mock.reset();
      const ok = await fetch(mock.url + buildPath(op, examplePathParams(op)), {
        method: op.method,
        headers: { 'content-type': 'application/json', [binding.authHeader]: authHeaderValue(binding) },
        body: JSON.stringify(op.requestBody?.examples[0]?.value ?? {}),
      });
      expect(ok.status).toBe(Number(successResponse(op).status));
      await ok.arrayBuffer();
      expect(mock.violations()).toEqual([]);
    });
  });
}

describe('coverage gate (runs after the table above)', () => {
  it('every (operationId, status) pair and every documented example was proven: 100%', () => {
    const result = evaluateGate(requiredCoverage(docs), registry.keys);
    writeCoverageReport(REPORT_FILE, result);
    console.log(result.report);
    expect(result.missing.map((item) => item.key)).toEqual([]);
    // The gate requires exactly what the documents declare: one pair per response of every operation.
    const declaredPairs = Object.values(docs).flatMap((doc) =>
      Object.values<any>(doc.paths).flatMap((item) =>
        Object.values<any>(item).flatMap((op) => (op?.responses ? Object.keys(op.responses) : [])),
      ),
    );
    expect(result.pairs).toEqual({ total: declaredPairs.length, covered: declaredPairs.length });
    expect(result.examples.covered).toBe(result.examples.total);
    expect(result.percent).toBe(100);
  });

  it('bites: a status added to a copy of a spec is reported missing, with its example', () => {
    const modified = clone(docs);
    const op = Object.values<any>(modified['sendgrid-provisioning']!.paths)[0].put;
    op.responses['418'] = {
      description: 'I am a teapot.',
      content: {
        'application/json': {
          schema: { $ref: '#/components/schemas/ErrorResponse' },
          examples: { teapot: { value: { errors: [{ message: 'teapot', field: '', error_id: '10-41800' }] } } },
        },
      },
    };
    const result = evaluateGate(requiredCoverage(modified), registry.keys);
    expect(result.ok).toBe(false);
    expect(result.missing.map((item) => item.key)).toEqual([
      'updateAccountOfferings 418',
      'updateAccountOfferings 418 example=teapot',
    ]);
    expect(result.percent).toBeLessThan(100);
    expect(result.report).toContain('[MISSING] status 418');
  });

  it('bites: a new response example, or a new request example, on an existing status is reported missing', () => {
    const modified = clone(docs);
    const op = Object.values<any>(modified['qboxmail-delivery']!.paths)[0].put;
    op.responses['404'] = clone(modified['qboxmail-delivery']!.components.responses.NotFound);
    op.responses['404'].content['application/json'].examples.accountDeleted = {
      value: { message: 'Not found', errors: [] },
    };
    op.requestBody.content['application/json'].examples.onlyVolume = { value: { volume: 3 } };
    const result = evaluateGate(requiredCoverage(modified), registry.keys);
    expect(result.missing.map((item) => item.key).sort()).toEqual([
      'updateDeliveryAccount 404 example=accountDeleted',
      'updateDeliveryAccount request example=onlyVolume',
    ]);
  });

  it('bites: a new operation in a copy of a spec is reported missing for each of its statuses', () => {
    const modified = clone(docs);
    const item = Object.values<any>(modified['qboxmail-delivery']!.paths)[0];
    item.delete = {
      operationId: 'deleteDeliveryAccount',
      responses: { '204': { description: 'Deleted.' }, '404': item.put.responses['404'] },
    };
    const missing = evaluateGate(requiredCoverage(modified), registry.keys).missing.map((i) => i.key);
    expect(missing).toEqual([
      'deleteDeliveryAccount 204',
      'deleteDeliveryAccount 404',
      'deleteDeliveryAccount 404 example=notFoundError',
    ]);
  });
});
