import { afterEach, describe, expect, it } from 'vitest';
import { type LoopbackServer, sendJson, startLoopbackServer } from '../../client-core/test/helpers/loopback-server.ts';
import { operationIds } from '../../client-core/test/helpers/spec-fixture.ts';
import { ApiError, createSendGridProvisioningClient, RequestValidationError } from '../src/index.ts';
import { createSendGridProvisioningRawClient } from '../src/raw.ts';
import { accountIdExample, operation, requestExample, responseExamples } from './spec.ts';

const KEY = 'SG.test-key.abc123';
let server: LoopbackServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('updateAccountOfferings over real HTTP', () => {
  it('sends PUT with the bearer key, JSON body and the accountID in the path; resolves to the 200 body unchanged', async () => {
    server = await startLoopbackServer((_req, res) =>
      sendJson(res, 200, responseExamples['200'], {
        'x-ratelimit-limit': '600',
        'x-ratelimit-remaining': '599',
        'x-ratelimit-reset': '1767225600',
      }),
    );
    const client = createSendGridProvisioningClient({ apiKey: KEY, baseUrl: server.url, headers: { 'X-Partner': 'p1' } });
    const result = await client.updateAccountOfferings(accountIdExample, requestExample);
    expect(result).toEqual(responseExamples['200']);
    expect(server.requests).toHaveLength(1);
    const req = server.requests[0]!;
    expect(req.method).toBe('PUT');
    expect(req.url).toBe(`/v3/partners/accounts/${accountIdExample}/offerings`);
    expect(req.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(req.headers['content-type']).toBe('application/json');
    expect(req.headers.accept).toBe('application/json');
    expect(req.headers['x-partner']).toBe('p1');
    expect(JSON.parse(req.body)).toEqual(requestExample);
  });

  const errorStatuses = Object.keys(operation.responses).filter((s) => s !== '200');
  it('covers every documented error status of the spec', () => {
    expect(errorStatuses).toEqual(['400', '401', '403', '429', '500', '502', '503', '504']);
  });

  it.each(errorStatuses)('rejects %s with an ApiError whose body is the typed spec example', async (status) => {
    server = await startLoopbackServer((_req, res) =>
      sendJson(res, Number(status), responseExamples[status], { 'x-request-id': `r-${status}` }),
    );
    const client = createSendGridProvisioningClient({ apiKey: KEY, baseUrl: server.url, maxRetries: 0 });
    const error = await client.updateAccountOfferings('acc', requestExample).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: Number(status),
      body: responseExamples[status],
      requestId: `r-${status}`,
      attempts: 1,
    });
    expect(JSON.stringify(error)).not.toContain(KEY);
  });

  it.each([
    ['a/b', 'a%2Fb'],
    ['?x=1', '%3Fx%3D1'],
    ['#frag', '%23frag'],
    ['%2e', '%252e'],
    ['%2e%2e', '%252e%252e'],
    ['../../v3/other', '..%2F..%2Fv3%2Fother'],
  ])('percent-encodes accountID %j as one path segment', async (accountID, encoded) => {
    server = await startLoopbackServer((_req, res) => sendJson(res, 200, responseExamples['200']));
    const client = createSendGridProvisioningClient({ apiKey: KEY, baseUrl: server.url });
    await client.updateAccountOfferings(accountID, requestExample);
    expect(server.requests[0]!.url).toBe(`/v3/partners/accounts/${encoded}/offerings`);
  });

  it('./raw: the typed openapi-fetch client, configured from the same options (server, key, headers)', async () => {
    server = await startLoopbackServer((_req, res) => sendJson(res, 200, responseExamples['200']));
    const raw = createSendGridProvisioningRawClient({ apiKey: KEY, baseUrl: server.url, headers: { 'X-Partner': 'p1' } });
    const { data, response } = await raw.PUT('/v3/partners/accounts/{accountID}/offerings', {
      params: { path: { accountID: 'acc-1' } },
      body: { offerings: [] },
    });
    expect(response.status).toBe(200);
    expect(data).toEqual(responseExamples['200']);
    expect(server.requests[0]!.url).toBe('/v3/partners/accounts/acc-1/offerings');
    expect(server.requests[0]!.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(server.requests[0]!.headers['x-partner']).toBe('p1');
  });

  it('./raw checks its options like the main factory', () => {
    expect(() => createSendGridProvisioningRawClient({ apiKey: '' })).toThrow(RequestValidationError);
    expect(() => createSendGridProvisioningRawClient({ apiKey: KEY, region: 'us' as 'eu' })).toThrow(
      'Invalid region: must be one of global, eu, got "us"',
    );
    expect(() => createSendGridProvisioningRawClient({ apiKey: KEY, headers: { Authorization: 'Bearer x' } })).toThrow(
      'Invalid headers.authorization: cannot be set; it comes from apiKey',
    );
  });

  it('the main entry has no raw property: openapi-fetch ships only with ./raw', () => {
    expect(Object.keys(createSendGridProvisioningClient({ apiKey: KEY })).sort()).toEqual(
      ['baseUrl', 'modifyAccountOfferings', ...operationIds('@mailapis/sendgrid-provisioning-types')].sort(),
    );
  });
});
