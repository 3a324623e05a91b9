// Qboxmail: every violating request gets the documented 422 envelope listing each violation.
import { describe, expect, it } from 'vitest';
import type { Violation } from '../src/index.ts';
import { putQboxmail, QB, QB_PATH, useMock, validatesAgainstResponse } from './helpers.ts';

const ctx = useMock();

const v = (field: string, keyword: string, message: string, location: Violation['location'] = 'body'): Violation => ({
  location,
  field,
  message,
  keyword,
});

async function expectRejected(answer: Awaited<ReturnType<typeof putQboxmail>>, violations: Violation[]) {
  expect(answer.status).toBe(422);
  expect(answer.headers.get('content-type')).toBe('application/json');
  expect(answer.body).toEqual({
    message: 'Validation failed',
    errors: violations.map((x) => ({ field: x.field, description: x.message })),
  });
  expect(validatesAgainstResponse(QB, 'updateDeliveryAccount', '422', answer.body)).toEqual([]);
  expect(ctx.mock.requests).toHaveLength(1);
  expect(ctx.mock.requests[0]!.violations).toEqual(violations);
}

describe('Qboxmail 422 for body rules', () => {
  it('volume 2147483648 (int32 overflow)', async () => {
    await expectRejected(await putQboxmail(ctx.mock, { volume: 2147483648 }), [v('volume', 'maximum', 'must be <= 2147483647')]);
    expect(ctx.lines).toEqual([
      `PUT ${QB_PATH} -> 422 invalid (qboxmail-delivery updateDeliveryAccount): volume must be <= 2147483647`,
    ]);
  });

  it('num_messages -2147483649 (int32 underflow)', async () => {
    await expectRejected(await putQboxmail(ctx.mock, { num_messages: -2147483649 }), [
      v('num_messages', 'minimum', 'must be >= -2147483648'),
    ]);
  });

  it('an unknown payment_method (enum)', async () => {
    await expectRejected(await putQboxmail(ctx.mock, { payment_method: 'bitcoin' }), [
      v('payment_method', 'enum', 'must be one of stripe, lcwsoftpaypalbillingagreements, paypal'),
    ]);
  });

  it('a string for an integer and for a boolean (type)', async () => {
    await expectRejected(await putQboxmail(ctx.mock, { volume: '2', ignore_suppression_list: 'false' }), [
      v('volume', 'type', 'must be integer (got string)'),
      v('ignore_suppression_list', 'type', 'must be boolean (got string)'),
    ]);
  });

  it('a bounce_notification that is not an email address (format)', async () => {
    await expectRejected(await putQboxmail(ctx.mock, { bounce_notification: 'bounces-at-example' }), [
      v('bounce_notification', 'format', 'must be a valid email address'),
    ]);
  });

  it('array items and unknown fields', async () => {
    await expectRejected(await putQboxmail(ctx.mock, { domain_codes: ['D1', 7], plan: 'gold' }), [
      v('plan', 'additionalProperties', 'is not allowed'),
      v('domain_codes[1]', 'type', 'must be string (got integer)'),
    ]);
  });

  it('lists every violation: three errors, three items', async () => {
    const answer = await putQboxmail(ctx.mock, { volume: 2147483648, payment_method: 'cash', bounce_notification: 'nope' });
    await expectRejected(answer, [
      v('bounce_notification', 'format', 'must be a valid email address'),
      v('payment_method', 'enum', 'must be one of stripe, lcwsoftpaypalbillingagreements, paypal'),
      v('volume', 'maximum', 'must be <= 2147483647'),
    ]);
    expect(answer.body.errors).toHaveLength(3);
  });
});

describe('Qboxmail 422 for the id path parameter (int32, minimum 1)', () => {
  it.each([
    ['0', v('id', 'minimum', 'must be >= 1', 'path')],
    ['-5', v('id', 'minimum', 'must be >= 1', 'path')],
    ['abc', v('id', 'type', 'must be integer', 'path')],
    ['1.5', v('id', 'type', 'must be integer', 'path')],
    ['2147483648', v('id', 'maximum', 'must be <= 2147483647', 'path')],
    ['99999999999999999999', v('id', 'maximum', 'must be <= 2147483647', 'path')],
  ])('id=%s', async (id, violation) => {
    await expectRejected(await putQboxmail(ctx.mock, {}, {}, `/api/delivery/accounts/${id}`), [violation]);
  });

  it('path and body violations together', async () => {
    await expectRejected(await putQboxmail(ctx.mock, { volume: 1.5 }, {}, '/api/delivery/accounts/0'), [
      v('id', 'minimum', 'must be >= 1', 'path'),
      v('volume', 'type', 'must be integer (got number)'),
    ]);
  });
});
