// Security schemes: missing or empty credentials get the documented 401 before any body check;
// credentials never appear in what the mock records or logs.
import { describe, expect, it } from 'vitest';
import {
  firstExample,
  JSON_TYPE,
  QB,
  QB_AUTH,
  QB_PATH,
  QB_SECRET,
  responseOf,
  SG,
  SG_AUTH,
  SG_PATH,
  SG_SECRET,
  send,
  useMock,
} from './helpers.ts';

const ctx = useMock();

const sgUnauthorized = () => firstExample(SG, responseOf(SG, 'updateAccountOfferings', '401'));
const qbUnauthorized = () => firstExample(QB, responseOf(QB, 'updateDeliveryAccount', '401'));

describe('SendGrid bearer auth', () => {
  it.each([
    ['missing', undefined, 'is required (Bearer credentials)'],
    ['empty bearer', 'Bearer ', 'must carry a non-empty Bearer credential'],
    ['blank bearer', 'Bearer    ', 'must carry a non-empty Bearer credential'],
    ['another scheme', 'Basic dXNlcjpwYXNz', 'must use the Bearer scheme ("Bearer <credentials>")'],
    ['a bare key', SG_SECRET, 'must use the Bearer scheme ("Bearer <credentials>")'],
  ])('%s Authorization → documented 401', async (_label, authorization, message) => {
    const headers: Record<string, string> = { ...JSON_TYPE };
    if (authorization !== undefined) headers.authorization = authorization;
    const answer = await send(ctx.mock, 'PUT', SG_PATH, { headers, body: { offerings: [] } });
    expect(answer.status).toBe(401);
    expect(answer.body).toEqual(sgUnauthorized());
    expect(answer.headers.get('x-ratelimit-limit')).toBe('600');
    expect(ctx.mock.requests[0]!.violations).toEqual([
      { location: 'security', field: 'Authorization', message, keyword: 'security' },
    ]);
    expect(ctx.lines).toEqual([
      `PUT ${SG_PATH} -> 401 unauthorized (sendgrid-provisioning updateAccountOfferings): Authorization ${message}`,
    ]);
  });

  it('checks auth before the body: an invalid body without credentials is a 401 only', async () => {
    const answer = await send(ctx.mock, 'PUT', SG_PATH, { headers: { 'content-type': 'text/plain' }, body: '{nope' });
    expect(answer.status).toBe(401);
    expect(ctx.mock.violations().map((v) => v.location)).toEqual(['security']);
  });

  it('Prefer does not bypass auth', async () => {
    const answer = await send(ctx.mock, 'PUT', SG_PATH, {
      headers: { ...JSON_TYPE, prefer: 'code=200' },
      body: { offerings: [] },
    });
    expect(answer.status).toBe(401);
    expect(ctx.lines[0]).toMatch(/-> 401 unauthorized \(Prefer ignored\)/);
  });
});

describe('Qboxmail API key auth', () => {
  it.each([
    ['missing', undefined, 'is required (header X-Api-Token)'],
    ['empty', '', 'must not be empty'],
    ['blank', '   ', 'must not be empty'],
  ])('%s X-Api-Token → documented 401', async (_label, token, message) => {
    const headers: Record<string, string> = { ...JSON_TYPE };
    if (token !== undefined) headers['x-api-token'] = token;
    const answer = await send(ctx.mock, 'PUT', QB_PATH, { headers, body: {} });
    expect(answer.status).toBe(401);
    expect(answer.body).toEqual(qbUnauthorized());
    expect(ctx.mock.requests[0]!.violations).toEqual([
      { location: 'security', field: 'X-Api-Token', message, keyword: 'security' },
    ]);
  });

  it('a bearer token does not satisfy the API key scheme', async () => {
    const answer = await send(ctx.mock, 'PUT', QB_PATH, { headers: { ...JSON_TYPE, ...SG_AUTH }, body: {} });
    expect(answer.status).toBe(401);
  });
});

describe('credentials are redacted', () => {
  it('in recorded headers and log lines, for valid and invalid requests', async () => {
    await send(ctx.mock, 'PUT', SG_PATH, { headers: { ...SG_AUTH, ...JSON_TYPE }, body: { offerings: [] } });
    await send(ctx.mock, 'PUT', SG_PATH, { headers: { ...SG_AUTH, ...JSON_TYPE }, body: { offerings: 3 } });
    await send(ctx.mock, 'PUT', QB_PATH, { headers: { ...QB_AUTH, ...JSON_TYPE }, body: {} });
    await send(ctx.mock, 'PUT', '/api/delivery/accounts/x', {
      headers: { ...QB_AUTH, ...JSON_TYPE, authorization: `Bearer ${SG_SECRET}` },
      body: {},
    });
    expect(ctx.mock.requests.map((r) => r.status)).toEqual([200, 400, 200, 422]);
    expect(ctx.mock.requests[0]!.headers.authorization).toBe('[REDACTED]');
    expect(ctx.mock.requests[2]!.headers['x-api-token']).toBe('[REDACTED]');
    expect(ctx.mock.requests[3]!.headers).toMatchObject({ authorization: '[REDACTED]', 'x-api-token': '[REDACTED]' });
    const recorded = JSON.stringify(ctx.mock.requests) + ctx.lines.join('\n');
    expect(recorded).not.toContain(SG_SECRET);
    expect(recorded).not.toContain(QB_SECRET);
  });
});
