/**
 * Fault tests over real sockets, for every operation of every client, through both entry points:
 * small misbehaving servers on 127.0.0.1 (not the mock) drive each client into its documented
 * failure modes. Each test asserts the exact outcome (error class and kind, or status and body), the
 * exact number of requests and attempts, and that it ended quickly. The `./raw` openapi-fetch client
 * runs on the same request loop as the methods (retries, timeouts, no redirects), so it gets the
 * scenarios that prove that wiring; the timing variations run through the methods only.
 *
 * The backoff between retries is full jitter, `Math.random() · 500 ms · 2^(n-1)`; the tests pin
 * `Math.random` to 0 so that a retry without `Retry-After` follows at once.
 */
import { afterAll, beforeAll, describe, expect, it, type TestContext, vi } from 'vitest';
import { type CallSettings, ENTRY_POINTS, type EntryPoint, invoke, type Outcome, requireClient } from '../src/clients.ts';
import { examplePathParams, exampleQuery } from '../src/requests.ts';
import { type FaultServer, sendJson, startHttpFaultServer, startRawFaultServer } from '../src/sockets.ts';
import { allOperations, loadAllSpecs, type OperationModel, successResponse } from '../src/spec-model.ts';

const docs = loadAllSpecs();
const operations = allOperations(docs);

/** Closes `server` when the test that started it finishes (the tests of a describe run concurrently). */
const track = (context: TestContext, server: FaultServer) => {
  context.onTestFinished(() => server.close());
  return server;
};
beforeAll(() => {
  vi.spyOn(Math, 'random').mockReturnValue(0);
});
afterAll(() => {
  vi.restoreAllMocks();
});

/** Runs the call (the clock starts first, so `ms` covers the whole call) and returns its outcome. */
async function timed(start: () => Promise<Outcome>): Promise<{ outcome: Outcome; ms: number }> {
  const started = performance.now();
  const outcome = await start();
  return { outcome, ms: performance.now() - started };
}

const documentedExample = (op: OperationModel, status: number): unknown =>
  op.responses.find((r) => r.status === String(status))?.content?.examples[0]?.value;
const isDocumented = (op: OperationModel, status: number) => op.responses.some((r) => r.status === String(status));

/**
 * Waits (at most 1 s) until `server` has seen `count` requests. Under load the server's side of the
 * loopback socket can be read after the client's timer fired, so a count is read once it settled.
 */
async function settledRequests(server: FaultServer, count: number): Promise<number> {
  for (const started = Date.now(); server.requests.length < count && Date.now() - started < 1000; ) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return server.requests.length;
}

/** The error a call threw (for `thrown` outcomes). */
const thrown = (outcome: Outcome): unknown => (outcome.kind === 'thrown' ? outcome.error : outcome);

for (const op of operations) {
  const pkg = requireClient(op);
  const input = { path: examplePathParams(op), query: exampleQuery(op), body: op.requestBody?.examples[0]?.value };
  const wireBody = op.requestBody ? JSON.stringify(input.body) : '';
  const successBody = successResponse(op).content?.examples[0]?.value;
  const unavailable = documentedExample(op, 503) ?? { message: 'Service unavailable', errors: [] };

  for (const entry of ENTRY_POINTS) {
    const call = (server: FaultServer, settings: { timeoutMs?: number; maxRetries?: number }, options?: CallSettings) =>
      invoke(op, entry as EntryPoint, { ...settings, baseUrl: server.url }, structuredClone(input), options);
    const methodsOnly = (name: string, test: (context: TestContext) => Promise<void>, sequential = false) => {
      if (entry === 'methods') (sequential ? it.sequential : it)(name, test);
    };
    /** The methods' ApiError carries `attempts`; openapi-fetch answers `{ error, response }` instead. */
    const expectApiError = (outcome: Outcome, status: number, body: unknown, attempts: number) => {
      expect(outcome).toMatchObject({ kind: 'api-error', status, body });
      if (entry === 'methods') {
        expect((outcome as { error: unknown }).error).toBeInstanceOf(pkg.ApiError);
        expect((outcome as { error: unknown }).error).toMatchObject({ name: 'ApiError', code: 'API_ERROR', attempts });
      }
    };

    describe.concurrent(`${op.api} ${op.operationId} through ${entry}: faults over real sockets`, () => {
      it('connection reset in the middle of a response: retried, then RequestError kind network after 3 attempts', async (context) => {
        const server = track(
          context,
          await startRawFaultServer((socket) => {
            socket.write(
              'HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 400\r\n\r\n{"resources": [{"id": "10',
            );
            setTimeout(() => socket.resetAndDestroy(), 10);
          }),
        );
        const { outcome, ms } = await timed(() => call(server, { maxRetries: 2, timeoutMs: 2000 }));
        const error = thrown(outcome);
        expect(error).toBeInstanceOf(pkg.RequestError);
        expect(error).toMatchObject({
          name: 'RequestError',
          code: 'REQUEST_ERROR',
          kind: 'network',
          attempts: op.retrySafe ? 3 : 1,
        });
        expect((error as Error).cause).toBeDefined();
        expect(server.requests).toHaveLength(op.retrySafe ? 3 : 1);
        for (const req of server.requests) expect(req.body).toBe(wireBody);
        expect(ms).toBeLessThan(3000);
      });

      // The timeout tests run on their own (not concurrently with the others), and with 500 ms rather than
      // less: on a loaded 2-core machine a shorter timer can fire before the request has even reached the
      // server, and the test would then see no request at all.
      it.sequential('a server that never answers: RequestError kind timeout after timeoutMs (500 ms), one request', async (context) => {
        const server = track(context, await startHttpFaultServer(() => {}));
        const { outcome, ms } = await timed(() => call(server, { maxRetries: 0, timeoutMs: 500 }));
        const error = thrown(outcome);
        expect(error).toBeInstanceOf(pkg.RequestError);
        expect(error).toMatchObject({ kind: 'timeout', attempts: 1 });
        expect((error as Error).message).toContain('timed out after 500 ms');
        expect(await settledRequests(server, 1)).toBe(1);
        expect(ms).toBeGreaterThanOrEqual(490);
        expect(ms).toBeLessThan(2500);
      });

      methodsOnly(
        'a server that never answers, with one retry: each attempt times out, two requests',
        async (context) => {
          const server = track(context, await startHttpFaultServer(() => {}));
          const { outcome, ms } = await timed(() => call(server, { maxRetries: 1, timeoutMs: 250 }));
          expect(thrown(outcome)).toMatchObject({ name: 'RequestError', kind: 'timeout', attempts: op.retrySafe ? 2 : 1 });
          expect(await settledRequests(server, op.retrySafe ? 2 : 1)).toBe(op.retrySafe ? 2 : 1);
          expect(ms).toBeGreaterThanOrEqual(op.retrySafe ? 490 : 240);
          expect(ms).toBeLessThan(2000);
        },
        true,
      );

      it.for(entry === 'methods' ? ['0', '1'] : ['0'])(
        '429 with Retry-After: %s, then 200: retried after the asked wait, resolves, exactly 2 identical requests',
        async (retryAfter, context) => {
          const server = track(
            context,
            await startHttpFaultServer((_req, res, index) => {
              if (index === 0) {
                sendJson(res, 429, documentedExample(op, 429) ?? { message: 'Too many requests', errors: [] }, {
                  'retry-after': retryAfter,
                  // A reset an hour away: Retry-After must win over SendGrid's X-RateLimit-Reset.
                  'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
                });
              } else sendJson(res, 200, successBody);
            }),
          );
          const { outcome, ms } = await timed(() => call(server, { maxRetries: 2, timeoutMs: 2000 }));
          expect(outcome).toEqual({ kind: 'resolved', value: successBody });
          expect(server.requests).toHaveLength(2);
          const [first, second] = server.requests as [(typeof server.requests)[0], (typeof server.requests)[0]];
          expect(first.body).toBe(wireBody);
          expect(second.body).toBe(wireBody);
          expect(second.method).toBe(first.method);
          expect(second.url).toBe(first.url);
          expect(second.headers[op.auth!.header]).toBe(first.headers[op.auth!.header]);
          expect(second.headers['content-type']).toBe(op.requestBody ? 'application/json' : undefined);
          expect(second.at - first.at).toBeGreaterThanOrEqual(Number(retryAfter) * 1000 - 50);
          expect(ms).toBeLessThan(Number(retryAfter) * 1000 + 1500);
        },
      );

      it(`503 once, then 200: ${op.retrySafe ? 'retried (safe to retry), resolves' : 'not retried (not safe to retry)'}`, async (context) => {
        const server = track(
          context,
          await startHttpFaultServer((_req, res, index) =>
            index === 0 ? sendJson(res, 503, unavailable, { 'retry-after': '0' }) : sendJson(res, 200, successBody),
          ),
        );
        const { outcome, ms } = await timed(() => call(server, { maxRetries: 2, timeoutMs: 2000 }));
        if (op.retrySafe) {
          expect(outcome).toEqual({ kind: 'resolved', value: successBody });
          expect(server.requests).toHaveLength(2);
          expect(server.requests[1]!.url).toBe(server.requests[0]!.url);
          expect(server.requests[1]!.body).toBe(wireBody);
        } else {
          expectApiError(outcome, 503, isDocumented(op, 503) ? unavailable : JSON.stringify(unavailable), 1);
          expect(server.requests).toHaveLength(1);
        }
        expect(ms).toBeLessThan(1500);
      });

      it('503 every time, maxRetries 2: exactly 3 requests, then the 503', async (context) => {
        const server = track(
          context,
          await startHttpFaultServer((_req, res) => sendJson(res, 503, unavailable, { 'retry-after': '0' })),
        );
        const { outcome, ms } = await timed(() => call(server, { maxRetries: 2, timeoutMs: 2000 }));
        const attempts = op.retrySafe ? 3 : 1;
        // A documented status has its JSON body parsed; the methods keep an undocumented one as raw text.
        expectApiError(
          outcome,
          503,
          entry === 'raw' || isDocumented(op, 503) ? unavailable : JSON.stringify(unavailable),
          attempts,
        );
        if (entry === 'methods') expect((outcome as { error: unknown }).error).toMatchObject({ retryAfterMs: 0 });
        expect(server.requests).toHaveLength(attempts);
        for (const req of server.requests) expect(req.body).toBe(wireBody);
        expect(ms).toBeLessThan(2000);
      });

      methodsOnly('503 every time without Retry-After: backoff, still exactly 3 requests', async (context) => {
        const server = track(
          context,
          await startHttpFaultServer((_req, res) => sendJson(res, 503, { message: 'down', errors: [] })),
        );
        const { outcome } = await timed(() => call(server, { maxRetries: 2, timeoutMs: 2000 }));
        expect(outcome).toMatchObject({ kind: 'api-error', status: 503 });
        expect(server.requests).toHaveLength(op.retrySafe ? 3 : 1);
      });

      it('an HTML 502 page: the 502 with the raw text as its body', async (context) => {
        const html = '<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>\n';
        const server = track(
          context,
          await startHttpFaultServer((_req, res) => {
            res.writeHead(502, { 'content-type': 'text/html' });
            res.end(html);
          }),
        );
        const { outcome } = await timed(() => call(server, { maxRetries: 0, timeoutMs: 2000 }));
        expectApiError(outcome, 502, html, 1);
        expect((outcome as { headers: Record<string, string> }).headers['content-type']).toBe('text/html');
        expect(server.requests).toHaveLength(1);
      });

      it.for([500, 403])('an empty body on %s: the status with an empty body', async (status, context) => {
        const server = track(
          context,
          await startHttpFaultServer((_req, res) => {
            res.writeHead(status, { 'content-length': '0' });
            res.end();
          }),
        );
        const { outcome } = await timed(() => call(server, { maxRetries: 0, timeoutMs: 2000 }));
        // The methods report the empty text; openapi-fetch reports no error body for `Content-Length: 0`.
        expectApiError(outcome, status, entry === 'methods' ? '' : undefined, 1);
        expect(server.requests).toHaveLength(1);
      });

      it('invalid JSON on 200: rejected, not retried', async (context) => {
        const text = '{"resources": [ this is not json';
        const server = track(
          context,
          await startHttpFaultServer((_req, res) => {
            res.writeHead(200, { 'content-type': 'application/json' });
            res.end(text);
          }),
        );
        const { outcome } = await timed(() => call(server, { maxRetries: 2, timeoutMs: 2000 }));
        if (entry === 'methods') {
          // An ApiError with the raw text, not a SyntaxError.
          expectApiError(outcome, 200, text, 1);
          expect((outcome as { error: Error }).error.message).toContain('body is not valid JSON');
        } else {
          // openapi-fetch parses the body itself and throws its SyntaxError.
          expect(thrown(outcome)).toBeInstanceOf(SyntaxError);
        }
        expect(server.requests).toHaveLength(1);
      });

      it('abort during a retry wait: RequestError kind aborted at once, no further request', async (context) => {
        const controller = new AbortController();
        const server = track(
          context,
          await startHttpFaultServer((_req, res) => {
            // Ask for a 30 s wait, then abort 50 ms into it.
            sendJson(res, 503, unavailable, { 'retry-after': '30' });
            setTimeout(() => controller.abort(new Error('caller gave up')), 50);
          }),
        );
        const { outcome, ms } = await timed(() =>
          call(server, { maxRetries: 3, timeoutMs: 2000 }, { signal: controller.signal }),
        );
        if (op.retrySafe) {
          expect(thrown(outcome)).toBeInstanceOf(pkg.RequestError);
          expect(thrown(outcome)).toMatchObject({ kind: 'aborted', attempts: 1 });
          expect(ms).toBeLessThan(1000);
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
        expect(server.requests).toHaveLength(1);
      });

      it('a refused connection (nothing listening): RequestError kind network after the retries', async () => {
        const gone = await startHttpFaultServer(() => {});
        await gone.close();
        const { outcome, ms } = await timed(() => call(gone, { maxRetries: 1, timeoutMs: 2000 }));
        expect(thrown(outcome)).toBeInstanceOf(pkg.RequestError);
        expect(thrown(outcome)).toMatchObject({ kind: 'network', attempts: op.retrySafe ? 2 : 1 });
        expect(ms).toBeLessThan(2000);
      });

      it('a redirect to another origin is not followed: the credential never reaches it', async (context) => {
        const elsewhere = track(context, await startHttpFaultServer((_req, res) => sendJson(res, 200, successBody)));
        const server = track(
          context,
          await startHttpFaultServer((req, res) => {
            res.writeHead(307, { location: elsewhere.url + req.url, 'content-length': '0' });
            res.end();
          }),
        );
        const { outcome } = await timed(() => call(server, { maxRetries: 2, timeoutMs: 2000 }));
        expect(outcome).toMatchObject({ kind: 'api-error', status: 307 });
        expect(server.requests).toHaveLength(1);
        expect(server.requests[0]!.headers[op.auth!.header]).toBe(op.auth!.prefix + pkg.credential);
        expect(elsewhere.requests).toHaveLength(0);
      });
    });
  }
}
