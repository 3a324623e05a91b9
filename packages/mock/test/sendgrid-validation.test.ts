// SendGrid: every violating request gets the documented 400 envelope listing each violation.
import { describe, expect, it } from 'vitest';
import type { Violation } from '../src/index.ts';
import {
  declaredHeaders,
  JSON_TYPE,
  putSendgrid,
  responseOf,
  SG,
  SG_AUTH,
  SG_PATH,
  send,
  useMock,
  validatesAgainstResponse,
} from './helpers.ts';

const ctx = useMock();

const pkg = (extra: object = {}) => ({ name: 'org.ei.free.v1', type: 'package', ...extra });
const addon = (extra: object = {}) => ({ name: 'org.mc.basic.v1', type: 'addon', ...extra });
const v = (field: string, keyword: string, message: string, location: Violation['location'] = 'body'): Violation => ({
  location,
  field,
  message,
  keyword,
});

/** The envelope item SendGrid's example style produces: "<leaf> <message>" with the example's error_id. */
function item(violation: Violation) {
  const leaf = violation.field.split('.').pop()!;
  return {
    message: violation.field === '' ? violation.message : `${leaf} ${violation.message}`,
    field: violation.field,
    error_id: '10-40000',
  };
}

async function expectRejected(answer: Awaited<ReturnType<typeof putSendgrid>>, violations: Violation[]) {
  expect(answer.status).toBe(400);
  expect(answer.headers.get('content-type')).toBe('application/json');
  for (const [name, value] of Object.entries(declaredHeaders(SG, responseOf(SG, 'updateAccountOfferings', '400')))) {
    expect(answer.headers.get(name)).toBe(value);
  }
  expect(answer.body).toEqual({ errors: violations.map(item) });
  expect(validatesAgainstResponse(SG, 'updateAccountOfferings', '400', answer.body)).toEqual([]);
  expect(ctx.mock.requests).toHaveLength(1);
  expect(ctx.mock.requests[0]!.status).toBe(400);
  expect(ctx.mock.requests[0]!.violations).toEqual(violations);
  expect(ctx.mock.violations()).toEqual(violations);
}

describe('SendGrid 400 for body rules', () => {
  it('a package with quantity 2 (if/then)', async () => {
    await expectRejected(await putSendgrid(ctx.mock, { offerings: [addon(), pkg({ quantity: 2 })] }), [
      v('offerings[1].quantity', 'const', 'must be 1 when type is package'),
    ]);
    expect(ctx.lines).toEqual([
      `PUT ${SG_PATH} -> 400 invalid (sendgrid-provisioning updateAccountOfferings): offerings[1].quantity must be 1 when type is package`,
    ]);
  });

  it('two packages (contains/maxContains)', async () => {
    await expectRejected(await putSendgrid(ctx.mock, { offerings: [pkg(), addon(), pkg({ name: 'org.ei.pro.v1' })] }), [
      v('offerings', 'maxContains', 'must contain at most 1 item where type is package (found 2)'),
    ]);
  });

  it('an unknown offering type (enum)', async () => {
    await expectRejected(await putSendgrid(ctx.mock, { offerings: [{ name: 'x', type: 'bundle' }] }), [
      v('offerings[0].type', 'enum', 'must be one of package, addon'),
    ]);
  });

  it('missing offerings (required)', async () => {
    await expectRejected(await putSendgrid(ctx.mock, {}), [v('offerings', 'required', 'is required')]);
  });

  it('missing offering name (required, nested)', async () => {
    await expectRejected(await putSendgrid(ctx.mock, { offerings: [{ type: 'addon' }] }), [
      v('offerings[0].name', 'required', 'is required'),
    ]);
  });

  it('extra properties at the top and in an item (additionalProperties)', async () => {
    await expectRejected(await putSendgrid(ctx.mock, { offerings: [addon({ price: 3 })], dryRun: true }), [
      v('dryRun', 'additionalProperties', 'is not allowed'),
      v('offerings[0].price', 'additionalProperties', 'is not allowed'),
    ]);
  });

  it('an add-on quantity of 0 (minimum) and a fractional one (type)', async () => {
    await expectRejected(await putSendgrid(ctx.mock, { offerings: [addon({ quantity: 0 }), addon({ quantity: 1.5 })] }), [
      v('offerings[0].quantity', 'minimum', 'must be >= 1'),
      v('offerings[1].quantity', 'type', 'must be integer (got number)'),
    ]);
  });

  it('offerings that is not an array, and a body that is not an object (type)', async () => {
    await expectRejected(await putSendgrid(ctx.mock, { offerings: 'all' }), [
      v('offerings', 'type', 'must be array (got string)'),
    ]);
    ctx.mock.reset();
    await expectRejected(await putSendgrid(ctx.mock, [1]), [v('', 'type', 'request body must be object (got array)')]);
  });

  it('lists every violation: a request with three errors gets three items', async () => {
    const answer = await putSendgrid(ctx.mock, { offerings: [pkg({ quantity: 2 }), { name: '', type: 'addon' }, pkg()] });
    await expectRejected(answer, [
      v('offerings[0].quantity', 'const', 'must be 1 when type is package'),
      v('offerings[1].name', 'minLength', 'must not be empty'),
      v('offerings', 'maxContains', 'must contain at most 1 item where type is package (found 2)'),
    ]);
    expect(answer.body.errors).toHaveLength(3);
  });
});

describe('SendGrid 400 for Content-Type, JSON and the path', () => {
  it('a text/plain Content-Type', async () => {
    const answer = await send(ctx.mock, 'PUT', SG_PATH, {
      headers: { ...SG_AUTH, 'content-type': 'text/plain' },
      body: '{"offerings":[]}',
    });
    await expectRejected(answer, [v('Content-Type', 'contentType', 'must be application/json (got text/plain)', 'content-type')]);
    expect(ctx.mock.requests[0]!.body).toEqual({ offerings: [] });
  });

  it('no Content-Type with a body', async () => {
    const answer = await send(ctx.mock, 'PUT', SG_PATH, { headers: SG_AUTH, body: new TextEncoder().encode('{"offerings":[]}') });
    await expectRejected(answer, [v('Content-Type', 'contentType', 'is required and must be application/json', 'content-type')]);
  });

  it('malformed JSON (parse), recorded as the raw text', async () => {
    const answer = await send(ctx.mock, 'PUT', SG_PATH, { headers: { ...SG_AUTH, ...JSON_TYPE }, body: '{"offerings": [' });
    expect(answer.status).toBe(400);
    const [violation] = ctx.mock.requests[0]!.violations;
    expect(violation).toMatchObject({ location: 'body', field: '', keyword: 'parse' });
    expect(violation!.message).toMatch(/^request body is not valid JSON: .+/);
    await expectRejected(answer, [violation!]);
    expect(ctx.mock.requests[0]!.body).toBe('{"offerings": [');
  });

  it('no body at all (the request body is required)', async () => {
    const answer = await send(ctx.mock, 'PUT', SG_PATH, { headers: { ...SG_AUTH, ...JSON_TYPE } });
    await expectRejected(answer, [v('', 'required', 'request body is required')]);
    expect(ctx.mock.requests[0]!.body).toBeUndefined();
  });

  it('an empty accountID (minLength) together with a body error', async () => {
    const answer = await putSendgrid(
      ctx.mock,
      { offerings: [{ name: 'x', type: 'bundle' }] },
      {},
      '/v3/partners/accounts//offerings',
    );
    await expectRejected(answer, [
      v('accountID', 'minLength', 'must not be empty', 'path'),
      v('offerings[0].type', 'enum', 'must be one of package, addon'),
    ]);
  });

  it('a percent-encoded accountID is decoded and accepted', async () => {
    const answer = await putSendgrid(ctx.mock, { offerings: [] }, {}, '/v3/partners/accounts/sg%20one/offerings');
    expect(answer.status).toBe(200);
  });
});
