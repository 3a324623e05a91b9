import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, execute, RequestError } from '../src/index.ts';
import { closedPortUrl, type LoopbackServer, sendJson, sendText, startLoopbackServer } from './helpers/loopback-server.ts';
import { OP, SECRET, testTransport } from './helpers/transport.ts';

let server: LoopbackServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('execute over real HTTP (127.0.0.1)', () => {
  it('sends method, path, headers and body exactly and resolves to the parsed body', async () => {
    server = await startLoopbackServer((_req, res) => sendJson(res, 200, { offerings: [] }));
    const t = testTransport({ baseUrl: `${server.url}/`, headers: { 'X-Client': 'c1' } });
    const result = await execute(t, OP, '/things/a%2Fb', '{"a":1}', { headers: { 'X-Call': 'k2', 'x-client': 'override' } });
    expect(result).toEqual({ offerings: [] });
    expect(server.requests).toHaveLength(1);
    const [req] = server.requests;
    expect(req!.method).toBe('PUT');
    expect(req!.url).toBe('/things/a%2Fb');
    expect(req!.body).toBe('{"a":1}');
    expect(req!.headers.authorization).toBe(`Bearer ${SECRET}`);
    expect(req!.headers['content-type']).toBe('application/json');
    expect(req!.headers.accept).toBe('application/json');
    expect(req!.headers['x-client']).toBe('override');
    expect(req!.headers['x-call']).toBe('k2');
  });

  it('ApiError for a documented status carries the parsed body, headers, requestId and message', async () => {
    server = await startLoopbackServer((_req, res) =>
      sendJson(res, 400, { errors: [{ field: 'offerings', message: 'bad' }] }, { 'x-message-id': 'msg-9' }),
    );
    const error = (await execute(testTransport({ baseUrl: server.url }), OP, '/x', '{}').catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(400);
    expect(error.body).toEqual({ errors: [{ field: 'offerings', message: 'bad' }] });
    expect(error.requestId).toBe('msg-9');
    expect(error.headers['content-type']).toBe('application/json');
    expect(error.method).toBe('PUT');
    expect(error.url).toBe(`${server.url}/x`);
    expect(error.attempts).toBe(1);
    expect(error.message).toBe(`PUT ${server.url}/x failed with 400: {"errors":[{"field":"offerings","message":"bad"}]}`);
  });

  it('ApiError keeps the raw text for an undocumented status even when it is JSON', async () => {
    server = await startLoopbackServer((_req, res) => sendJson(res, 404, { message: 'nope' }));
    const error = (await execute(testTransport({ baseUrl: server.url }), OP, '/x', '{}').catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(404);
    expect(error.body).toBe('{"message":"nope"}');
  });

  it('ApiError keeps the raw text for a documented status with a non-JSON body', async () => {
    server = await startLoopbackServer((_req, res) => sendText(res, 500, '<html>Bad things</html>'));
    const error = (await execute(testTransport({ baseUrl: server.url, maxRetries: 0 }), OP, '/x', '{}').catch(
      (e: unknown) => e,
    )) as ApiError;
    expect(error.status).toBe(500);
    expect(error.body).toBe('<html>Bad things</html>');
  });

  it('a success status with an unparseable body is an ApiError, not a SyntaxError', async () => {
    server = await startLoopbackServer((_req, res) => sendText(res, 200, 'not json{'));
    const error = (await execute(testTransport({ baseUrl: server.url }), OP, '/x', '{}').catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(200);
    expect(error.body).toBe('not json{');
    expect(error.message).toBe(`PUT ${server.url}/x failed with 200: body is not valid JSON`);
    expect(server.requests).toHaveLength(1);
  });

  it('an empty success body is an ApiError too', async () => {
    server = await startLoopbackServer((_req, res) => res.writeHead(200).end());
    const error = (await execute(testTransport({ baseUrl: server.url }), OP, '/x', '{}').catch((e: unknown) => e)) as ApiError;
    expect(error).toMatchObject({ name: 'ApiError', status: 200, body: '' });
  });

  it('does not follow redirects (credentials are never forwarded to another host)', async () => {
    const other = await startLoopbackServer((_req, res) => sendJson(res, 200, {}));
    try {
      server = await startLoopbackServer((_req, res) => res.writeHead(307, { location: `${other.url}/steal` }).end());
      const error = (await execute(testTransport({ baseUrl: server.url }), OP, '/x', '{}').catch((e: unknown) => e)) as ApiError;
      expect(error).toMatchObject({ name: 'ApiError', status: 307 });
      expect(error.headers.location).toBe(`${other.url}/steal`);
      expect(other.requests).toHaveLength(0);
    } finally {
      await other.close();
    }
  });

  it('retries a real 503 and succeeds', async () => {
    server = await startLoopbackServer((_req, res, i) =>
      i === 0 ? sendJson(res, 503, {}, { 'retry-after': '0' }) : sendJson(res, 200, { ok: i }),
    );
    await expect(execute(testTransport({ baseUrl: server.url }), OP, '/x', '{"k":1}')).resolves.toEqual({ ok: 1 });
    expect(server.requests.map((r) => r.body)).toEqual(['{"k":1}', '{"k":1}']);
  });

  it('connection refused is a RequestError kind network', async () => {
    const url = await closedPortUrl();
    const error = await execute(testTransport({ baseUrl: url, maxRetries: 0 }), OP, '/x', '{}').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestError);
    expect(error).toMatchObject({ kind: 'network', attempts: 1, url: `${url}/x` });
    expect((error as Error).message).toMatch(/^PUT http:\/\/127\.0\.0\.1:\d+\/x failed: fetch failed \(.*ECONNREFUSED.*\)$/);
  });

  it('a server that never answers hits the per-attempt timeout', async () => {
    server = await startLoopbackServer(() => {});
    const error = await execute(testTransport({ baseUrl: server.url, maxRetries: 0, timeoutMs: 100 }), OP, '/x', '{}').catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ name: 'RequestError', kind: 'timeout', attempts: 1 });
  });

  it('a server that stalls mid-body hits the timeout too', async () => {
    server = await startLoopbackServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"partial":');
    });
    const error = await execute(testTransport({ baseUrl: server.url, maxRetries: 0, timeoutMs: 150 }), OP, '/x', '{}').catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ name: 'RequestError', kind: 'timeout' });
  });

  it('the caller can abort a request in flight', async () => {
    const controller = new AbortController();
    server = await startLoopbackServer(() => controller.abort());
    const error = await execute(testTransport({ baseUrl: server.url }), OP, '/x', '{}', { signal: controller.signal }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ name: 'RequestError', kind: 'aborted', attempts: 1 });
    expect(server.requests).toHaveLength(1);
  });
});
