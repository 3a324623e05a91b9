import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, execute, RequestError, RequestValidationError } from '../src/index.ts';
import { type LoopbackServer, sendText, startLoopbackServer } from './helpers/loopback-server.ts';
import { scriptedFetch } from './helpers/scripted-fetch.ts';
import { OP, SECRET, testTransport } from './helpers/transport.ts';

let server: LoopbackServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Every way an error is commonly turned into text. */
function renderings(error: unknown): string[] {
  return [
    (error as Error).message,
    String(error),
    JSON.stringify(error),
    inspect(error, { depth: 10, showHidden: false }),
    inspect(error, { depth: 10, showHidden: true }),
    String((error as Error).stack),
  ];
}

describe('the credential never leaks into errors', () => {
  it('ApiError: a server echoing the key in body and headers', async () => {
    server = await startLoopbackServer((req, res) => {
      // Echo the Authorization header back in a documented-status JSON body, and in headers.
      res.writeHead(400, {
        'content-type': 'application/json',
        authorization: String(req.headers.authorization),
        'x-api-token': SECRET,
        'set-cookie': `session=${SECRET}`,
        'x-request-id': 'req-42',
      });
      res.end(JSON.stringify({ message: `bad key ${req.headers.authorization}`, errors: [] }));
    });
    const error = await execute(testTransport({ baseUrl: server.url }), OP, '/x', '{}').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    const apiError = error as ApiError<{ message: string }>;
    expect(apiError.body).toEqual({ message: 'bad key Bearer [REDACTED]', errors: [] });
    expect(apiError.headers.authorization).toBe('[REDACTED]');
    expect(apiError.headers['x-api-token']).toBe('[REDACTED]');
    expect(apiError.headers['set-cookie']).toBe('[REDACTED]');
    expect(apiError.requestId).toBe('req-42');
    for (const text of renderings(error)) expect(text).not.toContain(SECRET);
  });

  it('ApiError: an undocumented status with a raw text body echoing the key', async () => {
    server = await startLoopbackServer((req, res) => sendText(res, 418, `teapot says ${req.headers.authorization}`));
    const error = (await execute(testTransport({ baseUrl: server.url }), OP, '/x', '{}').catch((e: unknown) => e)) as ApiError;
    expect(error.body).toBe('teapot says Bearer [REDACTED]');
    expect(error.message).toBe(`PUT ${server.url}/x failed with 418: teapot says Bearer [REDACTED]`);
    for (const text of renderings(error)) expect(text).not.toContain(SECRET);
  });

  it('RequestError: a fetch whose error mentions the key (message and nested cause)', async () => {
    const { fetch } = scriptedFetch(new TypeError(`invalid header Bearer ${SECRET}`, { cause: new Error(`value ${SECRET}`) }));
    const error = await execute(testTransport({ fetch, maxRetries: 0 }), OP, '/x', '{}').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestError);
    expect((error as Error).message).toBe('PUT http://api.test/x failed: invalid header Bearer [REDACTED] (value [REDACTED])');
    for (const text of renderings(error)) expect(text).not.toContain(SECRET);
  });

  it('RequestError: an abort reason mentioning the key', async () => {
    const controller = new AbortController();
    controller.abort(`stop ${SECRET}`);
    const error = await execute(testTransport(), OP, '/x', '{}', { signal: controller.signal }).catch((e: unknown) => e);
    expect((error as RequestError).cause).toBe('stop [REDACTED]');
    for (const text of renderings(error)) expect(text).not.toContain(SECRET);
  });

  it('RequestValidationError: an invalid key is never echoed', () => {
    for (const bad of [`${SECRET} `, `${SECRET}\n`, `Bearer ${SECRET}`, `${SECRET}é`]) {
      let caught: unknown;
      try {
        testTransport({}, bad);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(RequestValidationError);
      expect(caught).toMatchObject({ parameter: 'apiKey', reason: 'must be a non-empty printable ASCII string without spaces' });
      for (const text of renderings(caught)) expect(text).not.toContain(SECRET);
    }
  });

  it('errors do not hold the Request or the request headers', async () => {
    const { fetch } = scriptedFetch(new Response('{}', { status: 500 }));
    const error = await execute(testTransport({ fetch, maxRetries: 0 }), OP, '/x', '{}').catch((e: unknown) => e);
    const values = Object.values(error as object);
    expect(values.some((v) => v instanceof Request || v instanceof Headers)).toBe(false);
    expect(Object.keys(error as object).sort()).toEqual([
      'attempts',
      'body',
      'headers',
      'method',
      'requestId',
      'retryAfterMs',
      'status',
      'url',
    ]);
  });
});
