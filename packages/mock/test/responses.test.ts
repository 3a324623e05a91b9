// Valid requests get the documented examples; Prefer picks any documented response or example.
import { describe, expect, it } from 'vitest';
import {
  declaredHeaders,
  examplePath,
  examplesOf,
  firstExample,
  operationsOf,
  putQboxmail,
  putSendgrid,
  QB,
  QB_PATH,
  requestExamples,
  responseOf,
  SG,
  SG_PATH,
  send,
  sendExample,
  useMock,
} from './helpers.ts';

const ctx = useMock();

const OPERATIONS = [...operationsOf(SG), ...operationsOf(QB)];
const validBody = (api: string, operationId: string) => requestExamples(api, operationId)[0]!.value;

describe('valid requests', () => {
  it('SendGrid: 200 with the documented example and the rate-limit headers', async () => {
    const answer = await putSendgrid(ctx.mock, validBody(SG, 'updateAccountOfferings'));
    const response = responseOf(SG, 'updateAccountOfferings', '200');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/json');
    expect(answer.body).toEqual(firstExample(SG, response));
    expect(declaredHeaders(SG, response)).toEqual({
      'x-ratelimit-limit': '600',
      'x-ratelimit-remaining': '599',
      'x-ratelimit-reset': '1767225600',
    });
    for (const [name, value] of Object.entries(declaredHeaders(SG, response))) expect(answer.headers.get(name)).toBe(value);
    expect(ctx.mock.requests).toHaveLength(1);
    expect(ctx.mock.requests[0]).toMatchObject({
      api: SG,
      operationId: 'updateAccountOfferings',
      method: 'PUT',
      path: SG_PATH,
      status: 200,
      violations: [],
      body: validBody(SG, 'updateAccountOfferings'),
    });
    expect(ctx.lines).toEqual([`PUT ${SG_PATH} -> 200 ok (sendgrid-provisioning updateAccountOfferings)`]);
  });

  it('Qboxmail: 200 with the documented example', async () => {
    const answer = await putQboxmail(ctx.mock, validBody(QB, 'updateDeliveryAccount'));
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/json');
    expect(answer.body).toEqual(firstExample(QB, responseOf(QB, 'updateDeliveryAccount', '200')));
    expect(answer.headers.get('x-ratelimit-limit')).toBeNull();
    expect(ctx.mock.violations()).toEqual([]);
    expect(ctx.lines).toEqual([`PUT ${QB_PATH} -> 200 ok (qboxmail-delivery updateDeliveryAccount)`]);
  });

  it.each(
    OPERATIONS.filter((op) => op.operation.requestBody).flatMap((op) =>
      requestExamples(op.api, op.operationId).map((ex) => [op.api, op.operationId, ex.key, ex.value] as const),
    ),
  )('%s %s: the request example %s is accepted', async (api, operationId, _key, value) => {
    const answer = await sendExample(ctx.mock, api, operationId, {}, value);
    expect(answer.status).toBe(200);
    expect(ctx.mock.violations()).toEqual([]);
  });

  it('accepts a charset parameter, a lower-case bearer scheme and unknown query parameters', async () => {
    const answer = await send(ctx.mock, 'PUT', `${SG_PATH}?trace=1`, {
      headers: { authorization: 'bearer x', 'content-type': 'application/json; charset=utf-8' },
      body: { offerings: [] },
    });
    expect(answer.status).toBe(200);
    expect(ctx.mock.requests[0]!.path).toBe(`${SG_PATH}?trace=1`);
  });

  it('accepts int32 boundaries for the Qboxmail id and body integers', async () => {
    const body = { volume: 2147483647, num_messages: -2147483648 };
    expect((await putQboxmail(ctx.mock, body, {}, '/api/delivery/accounts/2147483647')).status).toBe(200);
    expect((await putQboxmail(ctx.mock, {}, {}, '/api/delivery/accounts/1')).status).toBe(200);
    expect(ctx.mock.violations()).toEqual([]);
  });
});

describe('Prefer: code=<status>', () => {
  const cases = OPERATIONS.flatMap((op) =>
    Object.keys(op.operation.responses).map((status) => [op.api, op.operationId, status] as const),
  );

  it('covers every documented status of every operation', () => {
    expect(cases.map((c) => `${c[1]} ${c[2]}`).sort()).toEqual(
      [
        ...['200', '400', '401', '403', '404', '429', '500', '502', '503', '504'].map((s) => `getAccountOfferings ${s}`),
        ...['200', '400', '401', '403', '429', '500', '502', '503', '504'].map((s) => `updateAccountOfferings ${s}`),
        ...['200', '400', '401', '403', '404', '429', '500', '502', '503', '504'].map((s) => `listOfferings ${s}`),
        ...['200', '401', '403', '404', '422', '500'].map((s) => `getDeliveryAccount ${s}`),
        ...['200', '401', '403', '404', '422', '500'].map((s) => `updateDeliveryAccount ${s}`),
        ...['200', '401', '403', '404', '422', '500'].map((s) => `listDeliveryAccounts ${s}`),
      ].sort(),
    );
  });

  it.each(cases)('%s %s: Prefer code=%s answers the documented example and headers', async (api, operationId, status) => {
    const response = responseOf(api, operationId, status);
    const answer = await sendExample(ctx.mock, api, operationId, { prefer: `code=${status}` });
    expect(answer.status).toBe(Number(status));
    expect(answer.body).toEqual(firstExample(api, response));
    expect(answer.headers.get('content-type')).toBe('application/json');
    for (const [name, value] of Object.entries(declaredHeaders(api, response))) expect(answer.headers.get(name)).toBe(value);
    expect(ctx.mock.violations()).toEqual([]);
    expect(ctx.mock.requests[0]!.status).toBe(Number(status));
    const op = OPERATIONS.find((o) => o.operationId === operationId)!;
    expect(ctx.lines[0]).toBe(
      `${op.method} ${examplePath(api, operationId)} -> ${status} ok (Prefer code=${status}) (${api} ${operationId})`,
    );
  });

  it('sends the SendGrid rate-limit headers with 429', async () => {
    const answer = await putSendgrid(ctx.mock, { offerings: [] }, { prefer: 'code=429' });
    expect(answer.status).toBe(429);
    expect(answer.headers.get('x-ratelimit-remaining')).toBe('599');
    expect(answer.headers.get('x-ratelimit-reset')).toBe('1767225600');
    expect(answer.body).toEqual({ errors: [{ field: null, message: 'too many requests' }] });
  });
});

describe('Prefer: example=<name>', () => {
  const cases = OPERATIONS.flatMap((op) =>
    Object.keys(op.operation.responses).flatMap((status) =>
      examplesOf(op.api, responseOf(op.api, op.operationId, status)).map(
        (ex) => [op.api, op.operationId, status, ex.key, ex.component!, ex.value] as const,
      ),
    ),
  );

  it.each(cases)(
    '%s %s %s: by key %s, by component name %s, alone and with the code',
    async (api, operationId, status, key, component, value) => {
      for (const prefer of [
        `example=${key}`,
        `example=${component}`,
        `code=${status}, example=${key}`,
        `code=${status}; example="${component}"`,
      ]) {
        const answer = await sendExample(ctx.mock, api, operationId, { prefer });
        expect(answer.status, prefer).toBe(Number(status));
        expect(answer.body, prefer).toEqual(value);
      }
      expect(ctx.mock.violations()).toEqual([]);
    },
  );
});

describe('unknown Prefer values', () => {
  it('an undocumented code is a 501 mock error naming what is documented', async () => {
    const answer = await putSendgrid(ctx.mock, { offerings: [] }, { prefer: 'code=418' });
    expect(answer.status).toBe(501);
    expect(answer.body.mockError).toBe(
      'Prefer: code=418 is not documented for updateAccountOfferings; documented: 200, 400, 401, 403, 429, 500, 502, 503, 504',
    );
    expect(answer.body.available[0]).toEqual({ code: '200', examples: ['updatedOfferings (OfferingList)'] });
    expect(ctx.lines[0]).toBe(`PUT ${SG_PATH} -> 501 unknown Prefer (sendgrid-provisioning updateAccountOfferings)`);
  });

  it('a code that is not a status is a 501', async () => {
    const answer = await putQboxmail(ctx.mock, {}, { prefer: 'code=abc' });
    expect(answer.status).toBe(501);
    expect(answer.body.mockError).toBe('Prefer: code=abc is not an HTTP status; documented: 200, 401, 403, 404, 422, 500');
  });

  it('an unknown example is a 501 listing the examples', async () => {
    const alone = await putQboxmail(ctx.mock, {}, { prefer: 'example=nope' });
    expect(alone.status).toBe(501);
    expect(alone.body.mockError).toBe(
      'Prefer: example=nope is not documented for updateDeliveryAccount; examples: updatedAccount, unauthorizedError, forbiddenError, notFoundError, validationFailedError, internalServerError',
    );
    const withCode = await putQboxmail(ctx.mock, {}, { prefer: 'code=404, example=forbiddenError' });
    expect(withCode.status).toBe(501);
    expect(withCode.body.mockError).toBe(
      'Prefer: example=forbiddenError is not documented for response 404 of updateDeliveryAccount; examples: notFoundError',
    );
  });

  it('an invalid request gets the validation error even with Prefer', async () => {
    const answer = await putQboxmail(ctx.mock, { volume: 'many' }, { prefer: 'code=200' });
    expect(answer.status).toBe(422);
    expect(answer.body).toEqual({
      message: 'Validation failed',
      errors: [{ field: 'volume', description: 'must be integer (got string)' }],
    });
    expect(ctx.mock.requests[0]!.violations).toEqual([
      { location: 'body', field: 'volume', message: 'must be integer (got string)', keyword: 'type' },
    ]);
    expect(ctx.lines[0]).toBe(
      `PUT ${QB_PATH} -> 422 invalid (Prefer ignored) (qboxmail-delivery updateDeliveryAccount): volume must be integer (got string)`,
    );
  });
});
