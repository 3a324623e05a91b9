// The generic request path with a synthetic table: retry safety by method, bodies and empty answers.
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, createApiClient, type OperationTable, RequestError } from '../src/index.ts';
import { type LoopbackServer, sendJson, startLoopbackServer } from './helpers/loopback-server.ts';
import { testTransport } from './helpers/transport.ts';

const table = {
  createThing: {
    method: 'POST',
    path: '/things',
    pathParams: [],
    query: [],
    body: 'optional',
    success: 201,
    successJson: true,
    statuses: [201, 400, 503],
    retrySafe: false,
  },
  markThing: {
    method: 'POST',
    path: '/things/{id}/mark',
    pathParams: [{ name: 'id', type: 'integer', minimum: 1, maximum: 9 }],
    query: [],
    success: 200,
    successJson: true,
    statuses: [200],
    retrySafe: true,
  },
  deleteThing: {
    method: 'DELETE',
    path: '/things/{id}',
    pathParams: [{ name: 'id', type: 'integer', minimum: 1, maximum: 9 }],
    query: [],
    success: 204,
    successJson: false,
    statuses: [204, 404],
    retrySafe: true,
  },
} as const satisfies OperationTable;

/** The operations' types, as openapi-typescript would write them. */
type Json<T> = { content: { 'application/json': T } };
type Ops = {
  createThing: { parameters: { path?: never }; requestBody?: Json<{ a: number }>; responses: { 201: Json<{ id: number }> } };
  markThing: { parameters: { path: { id: number } }; responses: { 200: Json<{ ok: boolean }> } };
  deleteThing: { parameters: { path: { id: number } }; responses: { 204: { content?: never } } };
};

let server: LoopbackServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});
const client = (url: string, timeoutMs?: number) =>
  createApiClient<Ops, typeof table>(table, testTransport({ baseUrl: url, timeoutMs }));

describe('retry safety', () => {
  it('a POST that is not retry-safe is not retried on 503', async () => {
    server = await startLoopbackServer((_req, res) => sendJson(res, 503, { message: 'down' }, { 'retry-after': '0' }));
    const error = await client(server.url)
      .createThing({ a: 1 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 503, attempts: 1, body: { message: 'down' } });
    expect(server.requests).toHaveLength(1);
  });

  it('nor after a timeout (the server may have processed it)', async () => {
    server = await startLoopbackServer(() => {});
    const error = await client(server.url, 100)
      .createThing()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestError);
    expect(error).toMatchObject({ kind: 'timeout', attempts: 1 });
    expect(server.requests).toHaveLength(1);
  });

  it.each([408, 429])('but %i is retried for any method (the request was not processed)', async (status) => {
    server = await startLoopbackServer((_req, res, i) =>
      i === 0 ? sendJson(res, status, {}, { 'retry-after': '0' }) : sendJson(res, 201, { id: 3 }),
    );
    await expect(client(server.url).createThing({ a: 1 })).resolves.toEqual({ id: 3 });
    expect(server.requests.map((r) => r.body)).toEqual(['{"a":1}', '{"a":1}']);
  });

  it('a POST the spec marks retry-safe (x-idempotent) is retried on 503', async () => {
    server = await startLoopbackServer((_req, res, i) =>
      i === 0 ? sendJson(res, 503, {}, { 'retry-after': '0' }) : sendJson(res, 200, { ok: true }),
    );
    await expect(client(server.url).markThing(4)).resolves.toEqual({ ok: true });
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual(['POST /things/4/mark', 'POST /things/4/mark']);
  });
});

describe('bodies', () => {
  it('an optional body left out: no body and no Content-Type', async () => {
    server = await startLoopbackServer((_req, res) => sendJson(res, 201, { id: 1 }));
    await client(server.url).createThing();
    expect(server.requests[0]!.body).toBe('');
    expect(server.requests[0]!.headers['content-type']).toBeUndefined();
  });

  it('a documented 204 resolves to undefined', async () => {
    server = await startLoopbackServer((_req, res) => res.writeHead(204).end());
    await expect(client(server.url).deleteThing(2)).resolves.toBeUndefined();
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual(['DELETE /things/2']);
  });

  it('an empty 2xx where the spec documents no content resolves to undefined too', async () => {
    server = await startLoopbackServer((_req, res) => res.writeHead(200).end());
    await expect(client(server.url).deleteThing(2)).resolves.toBeUndefined();
  });

  it('an empty 2xx where the spec documents JSON is an ApiError', async () => {
    server = await startLoopbackServer((_req, res) => res.writeHead(201).end());
    const error = await client(server.url)
      .createThing()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      name: 'ApiError',
      status: 201,
      body: '',
      message: `POST ${server.url}/things failed with 201: body is not valid JSON`,
    });
  });
});
