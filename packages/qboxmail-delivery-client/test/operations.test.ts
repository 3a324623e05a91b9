// Every operation of the spec over real HTTP (127.0.0.1): the methods the table makes, query strings
// and their local checks, the pagination iterator, and the ./raw client's protections.
import { afterEach, describe, expect, it } from 'vitest';
import { type LoopbackServer, sendJson, startLoopbackServer } from '../../client-core/test/helpers/loopback-server.ts';
import { operationFixture, operationIds } from '../../client-core/test/helpers/spec-fixture.ts';
import { ApiError, createQboxmailDeliveryClient, operations, RequestError, RequestValidationError } from '../src/index.ts';
import { createQboxmailDeliveryRawClient } from '../src/raw.ts';

const TYPES = '@mailapis/qboxmail-delivery-types';
const TOKEN = 'qbox-test-token-1';
const get = operationFixture(TYPES, 'getDeliveryAccount');
const list = operationFixture(TYPES, 'listDeliveryAccounts');
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
const client = (server: LoopbackServer, options = {}) =>
  createQboxmailDeliveryClient({ apiToken: TOKEN, baseUrl: server.url, ...options });

/** A page of the list: `per` accounts numbered from the page, `total_pages` 3. */
function page(url: string, totalPages = 3) {
  const query = new URL(url, 'http://x').searchParams;
  const n = Number(query.get('page') ?? 1);
  const per = Number(query.get('per') ?? 25);
  return {
    resources: Array.from({ length: per }, (_, i) => ({ id: (n - 1) * per + i + 1 })),
    pagination: {
      per,
      page: n,
      total_pages: totalPages,
      total_records: totalPages * per,
      query: null,
      filter: null,
      status: null,
      sort_field: null,
      sort: null,
    },
  };
}

describe('the operation table', () => {
  it('has every operation of the spec; listDeliveryAccounts is paginated, the others are not', () => {
    expect(Object.keys(operations)).toEqual(operationIds(TYPES));
    expect(
      Object.entries(operations)
        .filter(([, op]) => 'paginated' in op)
        .map(([id]) => id),
    ).toEqual(['listDeliveryAccounts']);
    expect(operations.listDeliveryAccounts.query.map((q) => q.name)).toEqual([
      'page',
      'per',
      'query',
      'with_domains',
      'ids',
      'status',
      'type',
      'plan',
      'plan_messages_from',
      'plan_messages_to',
    ]);
  });
});

describe('getDeliveryAccount over HTTP', () => {
  it('GET /api/delivery/accounts/{id} with the token, no body, no Content-Type', async () => {
    const server = await serve((_req, res) => sendJson(res, 200, get.responseExamples['200']));
    await expect(client(server).getDeliveryAccount(1042)).resolves.toEqual(get.responseExamples['200']);
    const [req] = server.requests;
    expect([req!.method, req!.url, req!.body]).toEqual(['GET', '/api/delivery/accounts/1042', '']);
    expect(req!.headers['x-api-token']).toBe(TOKEN);
    expect(req!.headers['content-type']).toBeUndefined();
  });

  it.each(Object.keys(get.responseExamples).filter((s) => s !== '200'))(
    '%s is an ApiError with the documented body',
    async (status) => {
      const server = await serve((_req, res) => sendJson(res, Number(status), get.responseExamples[status]));
      const error = await client(server, { maxRetries: 0 })
        .getDeliveryAccount(1)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ApiError);
      expect(error).toMatchObject({ status: Number(status), body: get.responseExamples[status] });
    },
  );

  it('a GET is retried on 500 (retry-safe)', async () => {
    const server = await serve((_req, res, i) =>
      i === 0 ? sendJson(res, 500, get.responseExamples['500']) : sendJson(res, 200, get.responseExamples['200']),
    );
    await expect(client(server).getDeliveryAccount(7)).resolves.toEqual(get.responseExamples['200']);
    expect(server.requests).toHaveLength(2);
  });

  it.each([[0], [2 ** 31], [-1], [1.5], ['7']])('id %j is refused before any I/O', async (id) => {
    const server = await serve((_req, res) => sendJson(res, 200, {}));
    const error = await client(server)
      .getDeliveryAccount(id as number)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'RequestValidationError', parameter: 'id' });
    expect(server.requests).toHaveLength(0);
  });
});

describe('listDeliveryAccounts over HTTP', () => {
  it('sends the query in the spec order, form style, percent-encoded; skips undefined values', async () => {
    const server = await serve((req, res) => sendJson(res, 200, page(req.url, 1)));
    await client(server).listDeliveryAccounts({
      status: 'enabled',
      query: 'a&b c',
      page: 2,
      per: 10,
      plan: undefined,
      plan_messages_from: -5,
    });
    expect(server.requests[0]!.url).toBe(
      '/api/delivery/accounts?page=2&per=10&query=a%26b%20c&status=enabled&plan_messages_from=-5',
    );
    expect(server.requests[0]!.headers['content-type']).toBeUndefined();
  });

  it('with no query: no query string', async () => {
    const server = await serve((_req, res) => sendJson(res, 200, list.responseExamples['200']));
    await expect(client(server).listDeliveryAccounts()).resolves.toEqual(list.responseExamples['200']);
    expect(server.requests[0]!.url).toBe('/api/delivery/accounts');
  });

  it.each([
    [{ page: 0 }, 'page', 'must be an integer from 1 to 2147483647, got 0'],
    [{ per: 2 ** 31 }, 'per', 'must be an integer from 1 to 2147483647, got 2147483648'],
    [
      { plan_messages_to: -(2 ** 31) - 1 },
      'plan_messages_to',
      'must be an integer from -2147483648 to 2147483647, got -2147483649',
    ],
    [{ status: 'gone' }, 'status', 'must be one of all, enabled, wait_pay, disabled, blocked, got "gone"'],
    [{ type: 3 }, 'type', 'must be a string, got 3'],
    [
      { sort: 'name' },
      'sort',
      expect.stringMatching(/^is not a query parameter of this operation \(expected page, per, query, /),
    ],
    ['status=enabled', 'query', 'must be a plain object, got "status=enabled"'],
  ])('query %j is refused naming %s, before any I/O', async (query, parameter, reason) => {
    const server = await serve((_req, res) => sendJson(res, 200, {}));
    const error = await client(server)
      .listDeliveryAccounts(query as never)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestValidationError);
    expect(error).toMatchObject({ parameter, reason });
    expect(server.requests).toHaveLength(0);
  });

  it.each(Object.keys(list.responseExamples).filter((s) => s !== '200'))(
    '%s is an ApiError with the documented body',
    async (status) => {
      const server = await serve((_req, res) => sendJson(res, Number(status), list.responseExamples[status]));
      const error = await client(server, { maxRetries: 0 })
        .listDeliveryAccounts({ status: 'all' })
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ name: 'ApiError', status: Number(status), body: list.responseExamples[status] });
    },
  );
});

describe('listDeliveryAccounts.all', () => {
  it('yields every item of three pages, keeps per and the filters, and stops after total_pages', async () => {
    const server = await serve((req, res) => sendJson(res, 200, page(req.url)));
    const ids: unknown[] = [];
    for await (const account of client(server).listDeliveryAccounts.all({ status: 'enabled', per: 2 })) ids.push(account.id);
    expect(ids).toEqual([1, 2, 3, 4, 5, 6]);
    expect(server.requests.map((r) => r.url)).toEqual([
      '/api/delivery/accounts?per=2&status=enabled',
      '/api/delivery/accounts?page=2&per=2&status=enabled',
      '/api/delivery/accounts?page=3&per=2&status=enabled',
    ]);
  });

  it('starts at the page asked for', async () => {
    const server = await serve((req, res) => sendJson(res, 200, page(req.url)));
    const ids: unknown[] = [];
    for await (const account of client(server).listDeliveryAccounts.all({ page: 3, per: 1 })) ids.push(account.id);
    expect(ids).toEqual([3]);
    expect(server.requests).toHaveLength(1);
  });

  it('refuses to loop forever on a server that ignores page (ApiError after the repeated page)', async () => {
    const server = await serve((_req, res) => sendJson(res, 200, page('/?page=1&per=2', 1000)));
    const ids: unknown[] = [];
    const error = await (async () => {
      for await (const account of client(server).listDeliveryAccounts.all({ per: 2 })) ids.push(account.id);
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toBe(
      `GET ${server.url}/api/delivery/accounts?page=2&per=2: asked for page 2 of a { resources, pagination } list, got the previous page again; stopped paging`,
    );
    expect(ids).toEqual([1, 2]);
    expect(server.requests).toHaveLength(2);
  });

  it('stops with RequestError kind aborted when the signal aborts, without fetching another page', async () => {
    const server = await serve((req, res) => sendJson(res, 200, page(req.url)));
    const controller = new AbortController();
    const ids: unknown[] = [];
    const error = await (async () => {
      for await (const account of client(server).listDeliveryAccounts.all({ per: 2 }, { signal: controller.signal })) {
        ids.push(account.id);
        controller.abort();
      }
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestError);
    expect(error).toMatchObject({ kind: 'aborted' });
    expect(ids).toEqual([1]);
    expect(server.requests).toHaveLength(1);
  });

  it('checks the query before any I/O', async () => {
    const server = await serve((_req, res) => sendJson(res, 200, {}));
    const iterator = client(server).listDeliveryAccounts.all({ plan: 'gold' as never });
    await expect(iterator.next()).rejects.toMatchObject({ name: 'RequestValidationError', parameter: 'plan' });
    expect(server.requests).toHaveLength(0);
  });
});

describe('./raw over HTTP', () => {
  it('never follows a redirect: X-Api-Token is not sent to another origin', async () => {
    const thief = await serve((_req, res) => sendJson(res, 200, {}));
    const server = await serve((_req, res) => res.writeHead(302, { location: `${thief.url}/api/delivery/accounts/1` }).end());
    const raw = createQboxmailDeliveryRawClient({ apiToken: TOKEN, baseUrl: server.url });
    const { response } = await raw.GET('/api/delivery/accounts/{id}', { params: { path: { id: 1 } } });
    expect(response.status).toBe(302);
    expect(server.requests[0]!.headers['x-api-token']).toBe(TOKEN);
    expect(thief.requests).toHaveLength(0);
  });

  it('GET with a query: same URL as the method', async () => {
    const server = await serve((req, res) => sendJson(res, 200, page(req.url, 1)));
    const raw = createQboxmailDeliveryRawClient({ apiToken: TOKEN, baseUrl: server.url });
    const { data } = await raw.GET('/api/delivery/accounts', { params: { query: { page: 1, per: 2, status: 'enabled' } } });
    expect(data?.resources).toHaveLength(2);
    expect(server.requests[0]!.url).toBe('/api/delivery/accounts?page=1&per=2&status=enabled');
  });
});
