/**
 * Property-based contract tests (fast-check, fixed seed). Bodies and path parameters generated from
 * each operation's schemas are sent by the real client to the mock and accepted with zero
 * violations; bodies mutated to break exactly one rule are rejected by the mock naming that field,
 * and the client rejects with an ApiError whose body lists it.
 */
import { type MockServer, startMock } from '@mailapis/mock';
import { createSpecAjv, type SpecAjv } from '@mailapis/specs/ajv';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arbitraryFor } from '../src/arbitrary.ts';
import { authHeaderValue, bindingFor, type OperationBinding } from '../src/clients.ts';
import {
  fieldsOfAjvErrors,
  INT32_OVERFLOW,
  isSelfOrAncestor,
  type Mutation,
  type MutationRule,
  mutationsOf,
} from '../src/mutations.ts';
import { buildPath, errorFields, examplePathParams } from '../src/requests.ts';
import { allOperations, clone, loadAllSpecs, type OperationModel, successResponse, validationStatus } from '../src/spec-model.ts';

const SEED = 20_260_101;
const NUM_RUNS = 200;
/** A whole property (200 HTTP round trips) must finish well inside this. */
const PROPERTY_TIMEOUT_MS = 60_000;

const docs = loadAllSpecs();
const operations = allOperations(docs);

/** Rules each operation's request schema must yield at least one mutation for (from issue 4). */
const EXPECTED_RULES: Record<string, MutationRule[]> = {
  updateAccountOfferings: [
    'wrong enum',
    'wrong type',
    'too many contains matches',
    'conditional constant broken',
    'missing required field',
    'extra property',
    'below minimum',
    'too short',
  ],
  updateDeliveryAccount: ['wrong enum', 'wrong type', 'int32 overflow', 'bad format', 'extra property'],
};

let mock: MockServer;
beforeAll(async () => {
  mock = await startMock({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await mock?.close();
});

function pathParamsArbitrary(op: OperationModel, ajv: SpecAjv): fc.Arbitrary<Record<string, unknown>> {
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const param of op.parameters.filter((p) => p.in === 'path')) {
    // The clients refuse the dot-segments `.` and `..` locally (they would change the URL), so a
    // string parameter never takes those values.
    model[param.name] = arbitraryFor(param.schema, { doc: docs[op.api]!, ajv }).filter((v) => v !== '.' && v !== '..');
  }
  return fc.record(model);
}

/**
 * Checks locally that a mutation breaks exactly one field: Ajv fails, only on that field or its
 * ancestors. Errors raised while evaluating a `contains` subschema are not violations (an item that
 * does not match `contains` is fine), so they are ignored.
 */
function expectSingleFieldBreak(validate: ReturnType<SpecAjv['compile']>, mutation: Mutation): void {
  expect(validate(mutation.value), `${mutation.description} is still valid`).toBe(false);
  const fields = fieldsOfAjvErrors((validate.errors ?? []).filter((e) => !e.schemaPath.includes('/contains/')));
  for (const field of fields) {
    expect(isSelfOrAncestor(field, mutation.field), `${mutation.description}: unexpected error on ${field}`).toBe(true);
  }
  expect(fields).toContain(mutation.field);
}

async function expectRejected(
  op: OperationModel,
  binding: OperationBinding,
  pathParams: Record<string, unknown>,
  mutation: Mutation,
) {
  mock.reset();
  const error = await binding.call({ baseUrl: mock.url, maxRetries: 0 }, pathParams, mutation.value).then(
    (value) => ({ resolved: value }),
    (e: unknown) => e,
  );
  const status = validationStatus(op);
  expect(error, mutation.description).toBeInstanceOf(binding.ApiError);
  const apiError = error as InstanceType<OperationBinding['ApiError']>;
  expect(apiError.status, mutation.description).toBe(status);
  // The mock recorded the request with a violation naming exactly that field.
  expect(mock.requests).toHaveLength(1);
  const recorded = mock.requests[0]!;
  expect(recorded).toMatchObject({ operationId: op.operationId, status });
  const reported = JSON.stringify(recorded.violations);
  const onField = recorded.violations.filter((v) => v.location === 'body' && v.field === mutation.field);
  expect(onField.length, `${mutation.description}: mock reported ${reported}`).toBeGreaterThan(0);
  expect(
    onField.some((v) => mutation.keywords.includes(v.keyword)),
    `${mutation.description}: expected keyword ${mutation.keywords.join('|')}, mock reported ${reported}`,
  ).toBe(true);
  // Nothing else is reported: every violation concerns the mutated field or one of its ancestors.
  for (const v of recorded.violations) {
    expect(isSelfOrAncestor(v.field, mutation.field), `${mutation.description}: spurious violation ${JSON.stringify(v)}`).toBe(
      true,
    );
  }
  // …and the client's error body (the API's own envelope) lists it.
  expect(errorFields(apiError.body), mutation.description).toContain(mutation.field);
}

for (const op of operations) {
  const binding = bindingFor(op.operationId);
  const doc = docs[op.api]!;
  const ajv = createSpecAjv(doc);
  const schema = op.requestBody?.schema;

  describe(`${op.api} ${op.operationId}: property-based`, () => {
    it('has a client binding and a JSON request body schema', () => {
      expect(binding).toBeDefined();
      expect(schema).toBeDefined();
    });
    if (!binding || schema === undefined) return;
    const validate = ajv.compile(schema);
    const bodies = arbitraryFor(schema, { doc, ajv });
    const params = pathParamsArbitrary(op, ajv);
    const success = successResponse(op);

    it(
      `${NUM_RUNS} bodies and path parameters generated from the schemas are sent by the client and accepted (200, zero violations)`,
      async () => {
        let runs = 0;
        await fc.assert(
          fc.asyncProperty(params, bodies, async (pathParams, body) => {
            runs++;
            expect(validate(body), `generator produced an invalid body: ${JSON.stringify(validate.errors)}`).toBe(true);
            mock.reset();
            const data = await binding.call({ baseUrl: mock.url, maxRetries: 0 }, pathParams, body);
            expect(mock.requests).toHaveLength(1);
            expect(mock.requests[0]!.violations).toEqual([]);
            expect(mock.requests[0]).toMatchObject({ operationId: op.operationId, status: Number(success.status) });
            expect(mock.requests[0]!.body).toEqual(body);
            expect(data).toEqual(success.content?.examples[0]?.value);
          }),
          { seed: SEED, numRuns: NUM_RUNS, endOnFailure: true },
        );
        expect(runs).toBe(NUM_RUNS);
      },
      PROPERTY_TIMEOUT_MS,
    );

    it(
      `${NUM_RUNS} generated bodies, each mutated to break exactly one rule, are rejected naming that field`,
      async () => {
        const seenRules = new Set<MutationRule>();
        let runs = 0;
        await fc.assert(
          fc.asyncProperty(params, bodies, fc.nat(), async (pathParams, body, pick) => {
            const mutations = mutationsOf(body, schema, { doc, ajv });
            // Every body has at least the extra-property mutation (request bodies are closed).
            expect(mutations.length).toBeGreaterThan(0);
            const mutation = mutations[pick % mutations.length]!;
            runs++;
            seenRules.add(mutation.rule);
            expectSingleFieldBreak(validate, mutation);
            await expectRejected(op, binding, pathParams, mutation);
          }),
          { seed: SEED, numRuns: NUM_RUNS, endOnFailure: true },
        );
        expect(runs).toBe(NUM_RUNS);
        expect(seenRules.size).toBeGreaterThan(2);
      },
      PROPERTY_TIMEOUT_MS,
    );

    // The same mutations, named one by one, on every documented request example.
    const named = (op.requestBody?.examples ?? []).flatMap((example) =>
      mutationsOf(example.value, schema, { doc, ajv }).map((mutation) => ({ example: example.name, mutation })),
    );
    it(`the mutations of the documented request examples cover every rule issue 4 names`, () => {
      const rules = new Set(named.map((n) => n.mutation.rule));
      for (const rule of EXPECTED_RULES[op.operationId] ?? []) expect(rules, rule).toContain(rule);
    });
    it.each(named.map((n) => [`${n.example}: ${n.mutation.description}`, n] as const))(
      'rejects %s',
      async (_title, { mutation }) => {
        expectSingleFieldBreak(validate, mutation);
        await expectRejected(op, binding, examplePathParams(op), mutation);
      },
    );

    // Path parameters: the client refuses bad values locally, before any I/O; the mock refuses them too.
    for (const param of op.parameters.filter((p) => p.in === 'path' && p.schema?.type === 'integer')) {
      const minimum: number = param.schema.minimum ?? 1;
      const bad: [string, string, unknown][] = [
        ['int32 overflow', String(INT32_OVERFLOW), INT32_OVERFLOW],
        ['below minimum', String(minimum - 1), minimum - 1],
        ['not an integer', '1.5', 1.5],
        ['wrong type', 'abc', 'abc'],
      ];
      it.each(bad)(
        `path parameter ${param.name}: %s (%s) is refused by the client locally and by the mock`,
        async (_rule, raw, value) => {
          mock.reset();
          const local = await binding
            .call({ baseUrl: mock.url, maxRetries: 0 }, { ...examplePathParams(op), [param.name]: value }, {})
            .catch((e: unknown) => e);
          expect(local).toBeInstanceOf(binding.RequestValidationError);
          expect((local as { parameter: string }).parameter).toBe(param.name);
          expect(mock.requests).toHaveLength(0);

          const body = op.requestBody?.examples[0]?.value ?? {};
          const response = await fetch(mock.url + buildPath(op, { ...examplePathParams(op), [param.name]: raw }), {
            method: op.method,
            headers: { 'content-type': 'application/json', [binding.authHeader]: authHeaderValue(binding) },
            body: JSON.stringify(clone(body)),
          });
          expect(response.status).toBe(validationStatus(op));
          expect(errorFields(await response.json())).toContain(param.name);
          expect(mock.violations().map((v) => [v.location, v.field])).toContainEqual(['path', param.name]);
        },
      );
    }
  });
}
