/**
 * Fault tests over real sockets, for every client: small misbehaving servers on 127.0.0.1 (not the
 * mock) drive each client into its documented failure modes. Each test asserts the exact error
 * class and kind, the exact number of requests and attempts, and that it ended quickly.
 *
 * The backoff between retries is full jitter, `Math.random() · 500 ms · 2^(n-1)`; the tests pin
 * `Math.random` to 0 so that a retry without `Retry-After` follows at once.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { bindingFor, type OperationBinding } from '../src/clients.ts';
import { examplePathParams } from '../src/requests.ts';
import { type FaultServer, sendJson, startHttpFaultServer, startRawFaultServer } from '../src/sockets.ts';
import { allOperations, loadAllSpecs, type OperationModel, successResponse } from '../src/spec-model.ts';

const docs = loadAllSpecs();
const operations = allOperations(docs);

let server: FaultServer | undefined;
beforeEach(() => {
  vi.spyOn(Math, 'random').mockReturnValue(0);
});
afterEach(async () => {
  vi.restoreAllMocks();
  await server?.close();
  server = undefined;
});

type ApiErrorOf = InstanceType<OperationBinding['ApiError']>;
type RequestErrorOf = InstanceType<OperationBinding['RequestError']>;

/** Runs `promise` to completion, returning the error it rejected with and how long it took. */
/** Starts the call (the clock starts first, so `ms` covers the whole call) and returns how it failed. */
async function failure(start: () => Promise<unknown>): Promise<{ error: unknown; ms: number }> {
  const started = performance.now();
  const error = await start().then(
    (value) => new Error(`expected a rejection, resolved with ${JSON.stringify(value)}`),
    (e: unknown) => e,
  );
  return { error, ms: performance.now() - started };
}

const documentedExample = (op: OperationModel, status: number): unknown =>
  op.responses.find((r) => r.status === String(status))?.content?.examples[0]?.value;
const isDocumented = (op: OperationModel, status: number) => op.responses.some((r) => r.status === String(status));

for (const op of operations) {
  // An operation without a binding fails the contract table and the coverage gate.
  const binding = bindingFor(op.operationId);
  if (!binding) continue;
  const pathParams = examplePathParams(op);
  const body = op.requestBody?.examples[0]?.value;
  const wireBody = JSON.stringify(body);
  const successBody = successResponse(op).content?.examples[0]?.value;
  const call = (settings: { timeoutMs?: number; maxRetries?: number }, options?: { signal?: AbortSignal }) =>
    binding.call({ baseUrl: server!.url, ...settings }, pathParams, structuredClone(body), options);

  describe(`${op.api} ${op.operationId}: faults over real sockets`, () => {
    it('connection reset in the middle of a response: retried, then RequestError kind network after 3 attempts', async () => {
      server = await startRawFaultServer((socket) => {
        socket.write('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 400\r\n\r\n{"resources": [{"id": "10');
        setTimeout(() => socket.resetAndDestroy(), 10);
      });
      const { error, ms } = await failure(() => call({ maxRetries: 2, timeoutMs: 2000 }));
      expect(error).toBeInstanceOf(binding.RequestError);
      expect(error).toMatchObject({ name: 'RequestError', code: 'REQUEST_ERROR', kind: 'network', attempts: 3 });
      expect((error as RequestErrorOf).cause).toBeDefined();
      expect(server.requests).toHaveLength(3);
      for (const req of server.requests) expect(req.body).toBe(wireBody);
      expect(ms).toBeLessThan(3000);
    });

    it('a server that never answers: RequestError kind timeout after timeoutMs (200 ms), one request', async () => {
      server = await startHttpFaultServer(() => {});
      const { error, ms } = await failure(() => call({ maxRetries: 0, timeoutMs: 200 }));
      expect(error).toBeInstanceOf(binding.RequestError);
      expect(error).toMatchObject({ kind: 'timeout', attempts: 1 });
      expect((error as Error).message).toContain('timed out after 200 ms');
      expect(server.requests).toHaveLength(1);
      expect(ms).toBeGreaterThanOrEqual(190);
      expect(ms).toBeLessThan(1500);
    });

    it('a server that never answers, with one retry: each attempt times out, two requests', async () => {
      server = await startHttpFaultServer(() => {});
      const { error, ms } = await failure(() => call({ maxRetries: 1, timeoutMs: 150 }));
      expect(error).toMatchObject({ name: 'RequestError', kind: 'timeout', attempts: 2 });
      expect(server.requests).toHaveLength(2);
      expect(ms).toBeGreaterThanOrEqual(290);
      expect(ms).toBeLessThan(2000);
    });

    it.each(['0', '1'])(
      '429 with Retry-After: %s, then 200: retried after the asked wait, resolves, exactly 2 identical requests',
      async (retryAfter) => {
        server = await startHttpFaultServer((_req, res, index) => {
          if (index === 0) {
            sendJson(res, 429, documentedExample(op, 429) ?? { message: 'Too many requests', errors: [] }, {
              'retry-after': retryAfter,
              // A reset an hour away: Retry-After must win over SendGrid's X-RateLimit-Reset.
              'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
            });
          } else sendJson(res, 200, successBody);
        });
        const started = performance.now();
        const data = await call({ maxRetries: 2, timeoutMs: 2000 });
        const ms = performance.now() - started;
        expect(data).toEqual(successBody);
        expect(server.requests).toHaveLength(2);
        const [first, second] = server.requests as [(typeof server.requests)[0], (typeof server.requests)[0]];
        expect(second.body).toBe(wireBody);
        expect(first.body).toBe(wireBody);
        expect(second.method).toBe(first.method);
        expect(second.url).toBe(first.url);
        expect(second.headers[binding.authHeader]).toBe(first.headers[binding.authHeader]);
        expect(second.headers['content-type']).toBe('application/json');
        const gap = second.at - first.at;
        expect(gap).toBeGreaterThanOrEqual(Number(retryAfter) * 1000 - 50);
        expect(ms).toBeLessThan(Number(retryAfter) * 1000 + 1500);
      },
    );

    it('503 every time, maxRetries 2: exactly 3 requests, then ApiError 503', async () => {
      const errorBody = documentedExample(op, 503) ?? { message: 'Service unavailable', errors: [] };
      server = await startHttpFaultServer((_req, res) => sendJson(res, 503, errorBody, { 'retry-after': '0' }));
      const { error, ms } = await failure(() => call({ maxRetries: 2, timeoutMs: 2000 }));
      expect(error).toBeInstanceOf(binding.ApiError);
      expect(error).toMatchObject({ name: 'ApiError', code: 'API_ERROR', status: 503, attempts: 3, retryAfterMs: 0 });
      // A documented status has its JSON body parsed; an undocumented one is kept as raw text.
      expect((error as ApiErrorOf).body).toEqual(isDocumented(op, 503) ? errorBody : JSON.stringify(errorBody));
      expect(server.requests).toHaveLength(3);
      for (const req of server.requests) expect(req.body).toBe(wireBody);
      expect(ms).toBeLessThan(2000);
    });

    it('503 every time without Retry-After: backoff, still exactly 3 requests', async () => {
      server = await startHttpFaultServer((_req, res) => sendJson(res, 503, { message: 'down', errors: [] }));
      const { error } = await failure(() => call({ maxRetries: 2, timeoutMs: 2000 }));
      expect(error).toMatchObject({ name: 'ApiError', status: 503, attempts: 3 });
      expect(server.requests).toHaveLength(3);
    });

    it('an HTML 502 page: ApiError 502 whose body is the raw text', async () => {
      const html = '<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>\n';
      server = await startHttpFaultServer((_req, res) => {
        res.writeHead(502, { 'content-type': 'text/html' });
        res.end(html);
      });
      const { error } = await failure(() => call({ maxRetries: 0, timeoutMs: 2000 }));
      expect(error).toBeInstanceOf(binding.ApiError);
      expect(error).toMatchObject({ status: 502, attempts: 1, body: html });
      expect((error as ApiErrorOf).headers['content-type']).toBe('text/html');
      expect(server.requests).toHaveLength(1);
    });

    it.each([500, 403])('an empty body on %s: ApiError whose body is the empty string', async (status) => {
      server = await startHttpFaultServer((_req, res) => {
        res.writeHead(status, { 'content-length': '0' });
        res.end();
      });
      const { error } = await failure(() => call({ maxRetries: 0, timeoutMs: 2000 }));
      expect(error).toBeInstanceOf(binding.ApiError);
      expect(error).toMatchObject({ status, attempts: 1, body: '' });
      expect(server.requests).toHaveLength(1);
    });

    it('invalid JSON on 200: ApiError (not SyntaxError) with the raw text, not retried', async () => {
      const text = '{"resources": [ this is not json';
      server = await startHttpFaultServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(text);
      });
      const { error } = await failure(() => call({ maxRetries: 2, timeoutMs: 2000 }));
      expect(error).toBeInstanceOf(binding.ApiError);
      expect(error).not.toBeInstanceOf(SyntaxError);
      expect(error).toMatchObject({ name: 'ApiError', status: 200, attempts: 1, body: text });
      expect((error as Error).message).toContain('body is not valid JSON');
      expect(server.requests).toHaveLength(1);
    });

    it('abort during a retry wait: RequestError kind aborted at once, no further request', async () => {
      const controller = new AbortController();
      server = await startHttpFaultServer((_req, res) => {
        // Ask for a 30 s wait, then abort 50 ms into it.
        sendJson(res, 503, documentedExample(op, 503) ?? { message: 'down', errors: [] }, { 'retry-after': '30' });
        setTimeout(() => controller.abort(new Error('caller gave up')), 50);
      });
      const { error, ms } = await failure(() => call({ maxRetries: 3, timeoutMs: 2000 }, { signal: controller.signal }));
      expect(error).toBeInstanceOf(binding.RequestError);
      expect(error).toMatchObject({ kind: 'aborted', attempts: 1 });
      expect(ms).toBeLessThan(1000);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(server.requests).toHaveLength(1);
    });

    it('a refused connection (nothing listening): RequestError kind network after the retries', async () => {
      server = await startHttpFaultServer(() => {});
      const url = server.url;
      await server.close();
      server = undefined;
      const { error, ms } = await failure(() => binding.call({ baseUrl: url, maxRetries: 1, timeoutMs: 2000 }, pathParams, body));
      expect(error).toBeInstanceOf(binding.RequestError);
      expect(error).toMatchObject({ kind: 'network', attempts: 2 });
      expect(ms).toBeLessThan(2000);
    });
  });
}
