// The HTTP server: node:http on 127.0.0.1, one MockApis behind it, every request recorded.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { formatLogLine, loadMockApis } from './mock.js';
import type { MockServer, RecordedRequest, StartMockOptions, Violation } from './types.js';

/** Bodies larger than this are refused with 413. */
const MAX_BODY_BYTES = 5 * 1024 * 1024;
const REDACTED = '[REDACTED]';

function readBody(req: IncomingMessage): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, headers: Record<string, string>, body: unknown): void {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const out: Record<string, string | number> = { ...headers };
  if (payload !== undefined) out['content-length'] = Buffer.byteLength(payload);
  else out['content-length'] = 0;
  res.writeHead(status, out);
  res.end(payload);
}

/** Starts the mock server. Resolves once it listens. */
export async function startMock(options: StartMockOptions = {}): Promise<MockServer> {
  const mock = loadMockApis(options);
  const log = options.log;
  const requests: RecordedRequest[] = [];
  const credentialHeaders = new Set(mock.credentialHeaders);

  const redactPath = (path: string): string => {
    if (mock.credentialQueryParams.length === 0 || !path.includes('?')) return path;
    const [pathname, query = ''] = path.split(/\?(.*)/s) as [string, string?];
    const params = new URLSearchParams(query);
    let changed = false;
    for (const name of mock.credentialQueryParams) {
      if (params.has(name)) {
        params.set(name, REDACTED);
        changed = true;
      }
    }
    return changed ? `${pathname}?${params.toString()}` : path;
  };

  const server = createServer(async (req, res) => {
    const method = req.method ?? 'GET';
    const rawPath = req.url ?? '/';
    const path = redactPath(rawPath);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (value === undefined) continue;
      headers[name] = credentialHeaders.has(name) ? REDACTED : Array.isArray(value) ? value.join(', ') : value;
    }
    try {
      const body = await readBody(req);
      if (body === 'too-large') {
        const violation: Violation = {
          location: 'body',
          field: '',
          message: `request body exceeds ${MAX_BODY_BYTES} bytes`,
          keyword: 'maxBytes',
        };
        requests.push({
          api: null,
          operationId: null,
          method,
          path,
          headers,
          body: undefined,
          status: 413,
          violations: [violation],
        });
        log?.(`${method} ${path} -> 413 too large`);
        send(res, 413, { 'content-type': 'application/json', connection: 'close' }, { mockError: violation.message });
        return;
      }
      const result = mock.handle({ method, path: rawPath, headers: req.headers, body: body.length > 0 ? body : undefined });
      requests.push({
        api: result.api,
        operationId: result.operationId,
        method,
        path,
        headers,
        body: result.requestBody,
        status: result.status,
        violations: result.violations,
      });
      log?.(formatLogLine(method, path, result));
      send(res, result.status, result.headers, result.body);
    } catch (error) {
      const message = `mock failure: ${(error as Error).message}`;
      log?.(`${method} ${path} -> 500 ${message}`);
      if (!res.headersSent) send(res, 500, { 'content-type': 'application/json' }, { mockError: message });
      else res.destroy();
    }
  });
  // Keep-alive sockets must not keep a closing server (or a test) waiting.
  server.keepAliveTimeout = 5_000;
  server.headersTimeout = 30_000;
  server.requestTimeout = 60_000;

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.listen(options.port ?? 4010, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    get requests() {
      return requests;
    },
    violations: () => requests.flatMap((r) => r.violations),
    reset: () => {
      requests.length = 0;
    },
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
