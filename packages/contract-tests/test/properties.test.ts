/**
 * Property-based contract tests (fast-check, fixed seed), for every operation and through both entry
 * points. Path parameters, query objects and bodies generated from each operation's schemas are sent
 * by the real client to the mock and accepted with zero violations, the query string serialised as
 * the spec declares; bodies mutated to break exactly one rule are rejected by the mock naming that
 * field, and the client reports an error body that lists it. Path and query parameters that break a
 * schema limit are refused by the methods locally (a `RequestValidationError` naming the parameter,
 * no request sent) and, sent through `./raw`, by the mock.
 */
import { type MockServer, startMock } from '@mailapis/mock';
import { createSpecAjv, type SpecAjv } from '@mailapis/specs/ajv';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arbitraryFor } from '../src/arbitrary.ts';
import { type CallInput, callMethod, ENTRY_POINTS, type EntryPoint, invoke, requireClient } from '../src/clients.ts';
import {
  declaredRules,
  EXTRA_PROPERTY,
  fieldsOfAjvErrors,
  isSelfOrAncestor,
  type Mutation,
  type MutationRule,
  mutationsOf,
  parameterMutations,
} from '../src/mutations.ts';
import { errorFields, examplePathParams, exampleQuery, expectedQueryPairs, queryPairsOf } from '../src/requests.ts';
import {
  allOperations,
  loadAllSpecs,
  type OperationModel,
  type ParameterModel,
  queryParameters,
  successResponse,
  validationStatus,
} from '../src/spec-model.ts';

const SEED = 20_260_101;
const NUM_RUNS = 200;
/** A whole property (200 HTTP round trips) must finish well inside this. */
const PROPERTY_TIMEOUT_MS = 60_000;

const docs = loadAllSpecs();
const operations = allOperations(docs);

let mock: MockServer;
beforeAll(async () => {
  mock = await startMock({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await mock?.close();
});

/** Generated path parameters, from their schemas. */
function pathParamsArbitrary(op: OperationModel, ajv: SpecAjv): fc.Arbitrary<Record<string, unknown>> {
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const param of op.parameters.filter((p) => p.in === 'path')) {
    // The clients refuse the dot-segments `.` and `..` locally (they would change the URL), so a
    // string parameter never takes those values.
    model[param.name] = arbitraryFor(param.schema, { doc: docs[op.api]!, ajv }).filter((v) => v !== '.' && v !== '..');
  }
  return fc.record(model);
}

/** Generated query objects: each parameter present or not (required ones always), valid by its schema. */
function queryArbitrary(op: OperationModel, ajv: SpecAjv): fc.Arbitrary<Record<string, unknown> | undefined> {
  const params = queryParameters(op);
  if (params.length === 0) return fc.constant(undefined);
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const param of params) model[param.name] = arbitraryFor(param.schema, { doc: docs[op.api]!, ajv });
  return fc.record(model, { requiredKeys: params.filter((p) => p.required).map((p) => p.name) });
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

/** Sends a mutated body through `entry`: the mock names exactly that field, the client's error body lists it. */
async function expectBodyRejected(op: OperationModel, entry: EntryPoint, input: CallInput, mutation: Mutation) {
  mock.reset();
  const outcome = await invoke(op, entry, { baseUrl: mock.url, maxRetries: 0 }, { ...input, body: mutation.value });
  const status = validationStatus(op);
  expect(outcome, mutation.description).toMatchObject({ kind: 'api-error', status });
  if (entry === 'methods') expect((outcome as { error: unknown }).error).toBeInstanceOf(requireClient(op).ApiError);
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
  // …and the error body (the API's own envelope) lists it.
  expect(errorFields((outcome as { body: unknown }).body), mutation.description).toContain(mutation.field);
}

/** The documented example input of `op` (path parameters, query, first request example). */
const exampleInput = (op: OperationModel): CallInput => ({
  path: examplePathParams(op),
  query: exampleQuery(op),
  body: structuredClone(op.requestBody?.examples[0]?.value),
});

/** `input` with parameter `param` set to `value`. */
function withParameter(input: CallInput, param: ParameterModel, value: unknown): CallInput {
  return param.in === 'path'
    ? { ...input, path: { ...input.path, [param.name]: value } }
    : { ...input, query: { ...input.query, [param.name]: value } };
}

for (const op of operations) {
  const doc = docs[op.api]!;
  const ajv = createSpecAjv(doc);
  const schema = op.requestBody?.schema;
  const success = successResponse(op);
  const params = pathParamsArbitrary(op, ajv);
  const queries = queryArbitrary(op, ajv);
  const validate = schema === undefined ? undefined : ajv.compile(schema);
  const bodies = schema === undefined ? fc.constant(undefined) : arbitraryFor(schema, { doc, ajv });

  describe(`${op.api} ${op.operationId}: property-based`, () => {
    for (const entry of ENTRY_POINTS) {
      it(
        `${NUM_RUNS} generated path parameters, queries and bodies sent through ${entry} are accepted (zero violations)`,
        async () => {
          let runs = 0;
          await fc.assert(
            fc.asyncProperty(params, queries, bodies, async (path, query, body) => {
              runs++;
              if (validate)
                expect(validate(body), `generator produced an invalid body: ${JSON.stringify(validate.errors)}`).toBe(true);
              mock.reset();
              const outcome = await invoke(op, entry, { baseUrl: mock.url, maxRetries: 0 }, { path, query, body });
              expect(mock.requests).toHaveLength(1);
              const recorded = mock.requests[0]!;
              expect(recorded.violations).toEqual([]);
              expect(recorded).toMatchObject({ operationId: op.operationId, status: Number(success.status) });
              expect(recorded.body).toEqual(body);
              expect(queryPairsOf(recorded.path)).toEqual(expectedQueryPairs(op, query));
              expect(outcome).toEqual({ kind: 'resolved', value: success.content?.examples[0]?.value });
            }),
            { seed: SEED, numRuns: NUM_RUNS, endOnFailure: true },
          );
          expect(runs).toBe(NUM_RUNS);
        },
        PROPERTY_TIMEOUT_MS,
      );
    }

    if (schema !== undefined && validate) {
      for (const entry of ENTRY_POINTS) {
        it(
          `${NUM_RUNS} generated bodies, each mutated to break exactly one rule, sent through ${entry} are rejected naming that field`,
          async () => {
            const seenRules = new Set<MutationRule>();
            let runs = 0;
            await fc.assert(
              fc.asyncProperty(params, bodies, fc.nat(), async (path, body, pick) => {
                const mutations = mutationsOf(body, schema, { doc, ajv });
                expect(mutations.length).toBeGreaterThan(0);
                const mutation = mutations[pick % mutations.length]!;
                runs++;
                seenRules.add(mutation.rule);
                expectSingleFieldBreak(validate, mutation);
                await expectBodyRejected(op, entry, { path, query: exampleQuery(op) }, mutation);
              }),
              { seed: SEED, numRuns: NUM_RUNS, endOnFailure: true },
            );
            expect(runs).toBe(NUM_RUNS);
            expect(seenRules.size).toBeGreaterThan(2);
          },
          PROPERTY_TIMEOUT_MS,
        );
      }

      // The same mutations, named one by one, on every documented request example.
      const named = (op.requestBody?.examples ?? []).flatMap((example) =>
        mutationsOf(example.value, schema, { doc, ajv }).map((mutation) => ({ example: example.name, mutation })),
      );
      it('the mutations of the documented and generated bodies reach every rule the request schema declares', () => {
        const declared = declaredRules(schema, { doc, ajv });
        expect(declared.size).toBeGreaterThan(0);
        const generated = fc.sample(bodies, { seed: SEED, numRuns: NUM_RUNS });
        const reached = new Set(
          [...named.map((n) => n.mutation), ...generated.flatMap((body) => mutationsOf(body, schema, { doc, ajv }))].map(
            (m) => m.rule,
          ),
        );
        for (const rule of declared) expect(reached, rule).toContain(rule);
      });
      it.each(ENTRY_POINTS.flatMap((entry) => named.map((n) => [entry, `${n.example}: ${n.mutation.description}`, n] as const)))(
        'through %s, rejects %s',
        async (entry, _title, { mutation }) => {
          expectSingleFieldBreak(validate, mutation);
          await expectBodyRejected(op, entry, { ...exampleInput(op) }, mutation);
        },
      );
    }

    // Path and query parameters: refused by the methods locally, before any I/O; by the mock through ./raw.
    const badParameters = op.parameters
      .filter((p) => p.in === 'path' || p.in === 'query')
      .flatMap((param) =>
        parameterMutations(param).map(
          (m) => [`${param.in} parameter ${param.name}: ${m.rule} (${JSON.stringify(m.value)})`, param, m] as const,
        ),
      );
    it.each(badParameters)('%s is refused locally by the method, naming it, with no request sent', async (_title, param, m) => {
      mock.reset();
      const error = await callMethod(
        op,
        { baseUrl: mock.url, maxRetries: 0 },
        withParameter(exampleInput(op), param, m.value),
      ).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(requireClient(op).RequestValidationError);
      expect((error as { parameter: string }).parameter).toBe(param.name);
      expect(mock.requests).toHaveLength(0);
    });
    it.each(badParameters.filter(([, , m]) => m.mockRejects))(
      '%s, sent through ./raw, is refused by the mock naming it',
      async (_title, param, m) => {
        mock.reset();
        const outcome = await invoke(op, 'raw', { baseUrl: mock.url }, withParameter(exampleInput(op), param, m.value));
        expect(outcome).toMatchObject({ kind: 'api-error', status: validationStatus(op) });
        expect(errorFields((outcome as { body: unknown }).body)).toContain(param.name);
        expect(mock.violations().map((v) => [v.location, v.field])).toContainEqual([param.in, param.name]);
      },
    );
    if (queryParameters(op).length > 0) {
      it('an unknown query key is refused locally by the method, naming it, with no request sent', async () => {
        mock.reset();
        const input = exampleInput(op);
        const error = await callMethod(
          op,
          { baseUrl: mock.url, maxRetries: 0 },
          { ...input, query: { ...input.query, [EXTRA_PROPERTY]: 'x' } },
        ).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(requireClient(op).RequestValidationError);
        expect((error as { parameter: string }).parameter).toBe(EXTRA_PROPERTY);
        expect(mock.requests).toHaveLength(0);
      });
    }
  });
}
