import { afterEach, describe, expect, it } from 'vitest';
import { type LoopbackServer, sendJson, startLoopbackServer } from '../../client-core/test/helpers/loopback-server.ts';
import { operationIds } from '../../client-core/test/helpers/spec-fixture.ts';
import { ApiError, createQboxmailDeliveryClient, RequestValidationError } from '../src/index.ts';
import { createQboxmailDeliveryRawClient } from '../src/raw.ts';
import { idParameter, operation, requestExample, responseExamples } from './spec.ts';

const TOKEN = 'qbx_test_token_42';
let server: LoopbackServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('updateDeliveryAccount over real HTTP', () => {
  it('sends PUT with X-Api-Token, JSON body and the id in the path; resolves to the 200 body unchanged', async () => {
    server = await startLoopbackServer((_req, res) => sendJson(res, 200, responseExamples['200']));
    const client = createQboxmailDeliveryClient({ apiToken: TOKEN, baseUrl: server.url, headers: { 'X-Reseller': 'r1' } });
    const result = await client.updateDeliveryAccount(idParameter.example, requestExample);
    expect(result).toEqual(responseExamples['200']);
    const req = server.requests[0]!;
    expect(server.requests).toHaveLength(1);
    expect(req.method).toBe('PUT');
    expect(req.url).toBe(`/api/delivery/accounts/${idParameter.example}`);
    expect(req.headers['x-api-token']).toBe(TOKEN);
    expect(req.headers.authorization).toBe(undefined);
    expect(req.headers['content-type']).toBe('application/json');
    expect(req.headers['x-reseller']).toBe('r1');
    expect(JSON.parse(req.body)).toEqual(requestExample);
  });

  it('sends an empty object body as {}', async () => {
    server = await startLoopbackServer((_req, res) => sendJson(res, 200, responseExamples['200']));
    const client = createQboxmailDeliveryClient({ apiToken: TOKEN, baseUrl: server.url });
    await client.updateDeliveryAccount(1, {});
    expect(server.requests[0]!.body).toBe('{}');
  });

  const errorStatuses = Object.keys(operation.responses).filter((s) => s !== '200');
  it('covers every documented error status of the spec', () => {
    expect(errorStatuses).toEqual(['401', '403', '404', '422', '500']);
  });

  it.each(errorStatuses)('rejects %s with an ApiError whose body is the typed spec example', async (status) => {
    server = await startLoopbackServer((_req, res) =>
      sendJson(res, Number(status), responseExamples[status], { 'x-request-id': `q-${status}` }),
    );
    const client = createQboxmailDeliveryClient({ apiToken: TOKEN, baseUrl: server.url, maxRetries: 0 });
    const error = await client.updateDeliveryAccount(5, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: Number(status),
      body: responseExamples[status],
      requestId: `q-${status}`,
      attempts: 1,
    });
    expect(JSON.stringify(error)).not.toContain(TOKEN);
  });

  it('accepts the id bounds from the spec', async () => {
    server = await startLoopbackServer((_req, res) => sendJson(res, 200, responseExamples['200']));
    const client = createQboxmailDeliveryClient({ apiToken: TOKEN, baseUrl: server.url });
    await client.updateDeliveryAccount(idParameter.schema.minimum, {});
    await client.updateDeliveryAccount(idParameter.schema.maximum, {});
    expect(server.requests.map((r) => r.url)).toEqual(['/api/delivery/accounts/1', '/api/delivery/accounts/2147483647']);
  });

  it('./raw: the typed openapi-fetch client, configured from the same options (server, token)', async () => {
    server = await startLoopbackServer((_req, res) => sendJson(res, 200, responseExamples['200']));
    const raw = createQboxmailDeliveryRawClient({ apiToken: TOKEN, baseUrl: server.url });
    const { data } = await raw.PUT('/api/delivery/accounts/{id}', { params: { path: { id: 9 } }, body: {} });
    expect(data).toEqual(responseExamples['200']);
    expect(server.requests[0]!.url).toBe('/api/delivery/accounts/9');
    expect(server.requests[0]!.headers['x-api-token']).toBe(TOKEN);
  });

  it('./raw checks its options like the main factory', () => {
    expect(() => createQboxmailDeliveryRawClient({ apiToken: '' })).toThrow(RequestValidationError);
    expect(() => createQboxmailDeliveryRawClient({ apiToken: TOKEN, environment: 'staging' as 'sandbox' })).toThrow(
      'Invalid environment: must be one of production, sandbox, got "staging"',
    );
  });

  it('the main entry has no raw property: openapi-fetch ships only with ./raw', () => {
    expect(Object.keys(createQboxmailDeliveryClient({ apiToken: TOKEN })).sort()).toEqual(
      ['baseUrl', ...operationIds('@mailapis/qboxmail-delivery-types')].sort(),
    );
  });
});
