// Every operation of the spec over real HTTP (127.0.0.1): the methods the table makes, the
// read-modify-write recipe, and the ./raw client's protections. Expected values come from the spec.
import { afterEach, describe, expect, it } from 'vitest';
import { type LoopbackServer, sendJson, startLoopbackServer } from '../../client-core/test/helpers/loopback-server.ts';
import { operationFixture, operationIds } from '../../client-core/test/helpers/spec-fixture.ts';
import { ApiError, createSendGridProvisioningClient, operations, RequestError, RequestValidationError } from '../src/index.ts';
import { createSendGridProvisioningRawClient } from '../src/raw.ts';

const TYPES = '@mailapis/sendgrid-provisioning-types';
const KEY = 'SG.test-key.abc123';
const read = operationFixture(TYPES, 'getAccountOfferings');
const catalog = operationFixture(TYPES, 'listOfferings');
let servers: LoopbackServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});
async function serve(...args: Parameters<typeof startLoopbackServer>) {
  const server = await startLoopbackServer(...args);
  servers.push(server);
  return server;
}

describe('the operation table', () => {
  it('has every operation of the spec, with its method and path', () => {
    expect(Object.keys(operations)).toEqual(operationIds(TYPES));
    for (const id of operationIds(TYPES)) {
      const { method, path } = operationFixture(TYPES, id);
      expect([operations[id as keyof typeof operations].method, operations[id as keyof typeof operations].path]).toEqual([
        method,
        path,
      ]);
    }
    expect(operations.getAccountOfferings.retrySafe).toBe(true);
  });
});

describe('getAccountOfferings and listOfferings over HTTP', () => {
  it('getAccountOfferings(accountID): GET, no body and no Content-Type, resolves to the 200 body', async () => {
    const server = await serve((_req, res) => sendJson(res, 200, read.responseExamples['200']));
    const client = createSendGridProvisioningClient({ apiKey: KEY, baseUrl: server.url });
    await expect(client.getAccountOfferings('sg-1/2')).resolves.toEqual(read.responseExamples['200']);
    const [req] = server.requests;
    expect([req!.method, req!.url, req!.body]).toEqual(['GET', '/v3/partners/accounts/sg-1%2F2/offerings', '']);
    expect(req!.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(req!.headers.accept).toBe('application/json');
    expect(req!.headers['content-type']).toBeUndefined();
  });

  it('listOfferings(): GET /v3/partners/offerings', async () => {
    const server = await serve((_req, res) => sendJson(res, 200, catalog.responseExamples['200']));
    const client = createSendGridProvisioningClient({ apiKey: KEY, baseUrl: server.url });
    await expect(client.listOfferings()).resolves.toEqual(catalog.responseExamples['200']);
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /v3/partners/offerings']);
  });

  for (const fixture of [read, catalog]) {
    const statuses = Object.keys(fixture.responseExamples).filter((s) => s !== '200');
    it.each(statuses)(`${fixture.path}: %s is an ApiError with the documented body`, async (status) => {
      const server = await serve((_req, res) => sendJson(res, Number(status), fixture.responseExamples[status]));
      const client = createSendGridProvisioningClient({ apiKey: KEY, baseUrl: server.url, maxRetries: 0 });
      const call = fixture === read ? client.getAccountOfferings('acc') : client.listOfferings();
      const error = await call.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ApiError);
      expect(error).toMatchObject({ status: Number(status), body: fixture.responseExamples[status], method: 'GET' });
    });
  }

  it('a GET is retried on 503', async () => {
    const server = await serve((_req, res, i) =>
      i === 0
        ? sendJson(res, 503, read.responseExamples['503'], { 'retry-after': '0' })
        : sendJson(res, 200, read.responseExamples['200']),
    );
    const client = createSendGridProvisioningClient({ apiKey: KEY, baseUrl: server.url });
    await expect(client.getAccountOfferings('acc')).resolves.toEqual(read.responseExamples['200']);
    expect(server.requests.map((r) => r.method)).toEqual(['GET', 'GET']);
  });

  it.each([[''], ['.'], ['..'], [7]])('accountID %j is refused before any I/O', async (accountID) => {
    const server = await serve((_req, res) => sendJson(res, 200, {}));
    const client = createSendGridProvisioningClient({ apiKey: KEY, baseUrl: server.url });
    const error = await client.getAccountOfferings(accountID as string).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestValidationError);
    expect((error as RequestValidationError).parameter).toBe('accountID');
    expect(server.requests).toHaveLength(0);
  });
});

describe('modifyAccountOfferings', () => {
  const current = [
    { name: 'org.ei.free.v1', type: 'package', quantity: 1 },
    { name: 'org.dedicated_ip.v1', type: 'addon', quantity: 1 },
  ] as const;

  it('reads, applies the change, writes the result and resolves to the 200 body', async () => {
    const server = await serve((req, res) =>
      sendJson(res, 200, req.method === 'GET' ? { offerings: current } : JSON.parse(req.body)),
    );
    const client = createSendGridProvisioningClient({ apiKey: KEY, baseUrl: server.url });
    const result = await client.modifyAccountOfferings('acc-1', (offerings) =>
      offerings.map((o) => (o.type === 'addon' ? { ...o, quantity: 3 } : o)),
    );
    const written = { offerings: [current[0], { ...current[1], quantity: 3 }] };
    expect(result).toEqual(written);
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET /v3/partners/accounts/acc-1/offerings',
      'PUT /v3/partners/accounts/acc-1/offerings',
    ]);
    expect(JSON.parse(server.requests[1]!.body)).toEqual(written);
    expect(server.requests[1]!.headers['content-type']).toBe('application/json');
  });

  it.each([
    [
      'a second package',
      { name: 'org.ei.pro.v1', type: 'package' },
      'offerings',
      'must have 0 to 1 item(s) matching {"type":"package"}, got 2',
    ],
    [
      'an add-on with quantity 0',
      { name: 'org.ei.pro.v1', type: 'addon', quantity: 0 },
      'offerings[2].quantity',
      'must be an integer from 1 to ∞, got 0',
    ],
  ] as const)('refuses %s locally: the GET is sent, no PUT', async (_what, added, parameter, reason) => {
    const server = await serve((_req, res) => sendJson(res, 200, { offerings: current }));
    const client = createSendGridProvisioningClient({ apiKey: KEY, baseUrl: server.url });
    const error = await client
      .modifyAccountOfferings('acc-1', (offerings) => [...offerings, added as never])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestValidationError);
    expect(error).toMatchObject({ parameter, reason });
    expect(server.requests.map((r) => r.method)).toEqual(['GET']);
  });

  it("refuses a package whose quantity is not 1 (the schema's if/then rule), naming offerings[0].quantity", async () => {
    const server = await serve((_req, res) => sendJson(res, 200, { offerings: current }));
    const client = createSendGridProvisioningClient({ apiKey: KEY, baseUrl: server.url });
    const error = await client
      .modifyAccountOfferings('acc-1', ([pkg, ...rest]) => [{ ...pkg!, quantity: 2 }, ...rest])
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      name: 'RequestValidationError',
      parameter: 'offerings[0].quantity',
      reason: 'must be 1, got 2',
    });
    expect(server.requests).toHaveLength(1);
  });
});

describe('./raw over HTTP', () => {
  it('never follows a redirect: the API key is not sent to another origin', async () => {
    const thief = await serve((_req, res) => sendJson(res, 200, { stolen: true }));
    const server = await serve((_req, res) => res.writeHead(307, { location: `${thief.url}/v3/partners/offerings` }).end());
    const raw = createSendGridProvisioningRawClient({ apiKey: KEY, baseUrl: server.url });
    const { response, data } = await raw.GET('/v3/partners/offerings');
    expect(response.status).toBe(307);
    expect(data).toBeUndefined();
    expect(server.requests).toHaveLength(1);
    expect(thief.requests).toHaveLength(0);
  });

  it('retries a GET on 503 and sends no Content-Type without a body', async () => {
    const server = await serve((_req, res, i) =>
      i === 0 ? sendJson(res, 503, {}, { 'retry-after': '0' }) : sendJson(res, 200, catalog.responseExamples['200']),
    );
    const raw = createSendGridProvisioningRawClient({ apiKey: KEY, baseUrl: server.url });
    const { data } = await raw.GET('/v3/partners/offerings');
    expect(data).toEqual(catalog.responseExamples['200']);
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]!.headers['content-type']).toBeUndefined();
    expect(server.requests[1]!.headers.authorization).toBe(`Bearer ${KEY}`);
  });

  it('applies timeoutMs per attempt and rejects with RequestError', async () => {
    const server = await serve(() => {});
    const raw = createSendGridProvisioningRawClient({ apiKey: KEY, baseUrl: server.url, timeoutMs: 100, maxRetries: 0 });
    const error = await raw.GET('/v3/partners/offerings').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestError);
    expect(error).toMatchObject({ kind: 'timeout', attempts: 1 });
  });

  it.each([[''], ['..'], [undefined]])('refuses accountID %j before any I/O', async (accountID) => {
    const server = await serve((_req, res) => sendJson(res, 200, {}));
    const raw = createSendGridProvisioningRawClient({ apiKey: KEY, baseUrl: server.url });
    const error = await raw
      .GET('/v3/partners/accounts/{accountID}/offerings', { params: { path: { accountID: accountID as string } } })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'RequestValidationError', parameter: 'accountID' });
    expect(server.requests).toHaveLength(0);
  });

  it('refuses a per-call Authorization header', async () => {
    const server = await serve((_req, res) => sendJson(res, 200, {}));
    const raw = createSendGridProvisioningRawClient({ apiKey: KEY, baseUrl: server.url });
    const error = await raw
      .GET('/v3/partners/offerings', { headers: { Authorization: 'Bearer other' } })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'RequestValidationError', parameter: 'headers.authorization' });
    expect(server.requests).toHaveLength(0);
  });
});
