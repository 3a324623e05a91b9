// The HTTP server: node:http on 127.0.0.1, one MockApis behind it, the latest requests recorded,
// the mock's own endpoints under /__mock and CORS for the configured origins.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { corsPolicy } from './cors.js';
import { CONTROL_PREFIX, formatLogLine, loadMockApis } from './mock.js';
import type { MockServer, RecordedRequest, StartMockOptions, Violation } from './types.js';

/** Default of `maxBodyBytes`: bodies larger than this are refused with 413. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
/** Default of `requestLogSize`. */
export const DEFAULT_REQUEST_LOG_SIZE = 1000;
const REDACTED = '[REDACTED]';
/** The mock's own endpoints: path → its one method. */
const CONTROL_ENDPOINTS: Record<string, string> = { [`${CONTROL_PREFIX}/reset`]: 'POST', [`${CONTROL_PREFIX}/state`]: 'GET' };

/** A fixed-size log of the latest requests: the oldest is dropped when it is full. */
class RequestRing {
  private readonly slots: RecordedRequest[] = [];
  private next = 0;
  constructor(private readonly size: number) {}
  push(entry: RecordedRequest): void {
    if (this.size === 0) return;
    if (this.slots.length < this.size) this.slots.push(entry);
    else this.slots[this.next] = entry;
    this.next = (this.next + 1) % this.size;
  }
  toArray(): RecordedRequest[] {
    return this.slots.length < this.size ? [...this.slots] : [...this.slots.slice(this.next), ...this.slots.slice(0, this.next)];
  }
  clear(): void {
    this.slots.length = 0;
    this.next = 0;
  }
}

function positiveInteger(value: number | undefined, fallback: number, name: string, min = 1): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be an integer >= ${min}, got ${value}`);
  return value;
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        tooLarge = true;
        chunks.length = 0;
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function sendReply(res: ServerResponse, status: number, headers: Record<string, string>, body: unknown): void {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const out: Record<string, string | number> = { ...headers };
  if (payload !== undefined) out['content-length'] = Buffer.byteLength(payload);
  else out['content-length'] = 0;
  res.writeHead(status, out);
  res.end(payload);
}

/** Starts the mock server. Resolves once it listens. */
export async function startMock(options: StartMockOptions = {}): Promise<MockServer> {
  const maxBodyBytes = positiveInteger(options.maxBodyBytes, DEFAULT_MAX_BODY_BYTES, 'maxBodyBytes');
  const requests = new RequestRing(positiveInteger(options.requestLogSize, DEFAULT_REQUEST_LOG_SIZE, 'requestLogSize', 0));
  const mock = loadMockApis(options);
  const log = options.log;
  const credentialHeaders = new Set(mock.credentialHeaders);
  const cors = options.cors
    ? corsPolicy(options.cors, [
        'content-type',
        'prefer',
        ...mock.credentialHeaders.filter((h) => h !== 'proxy-authorization' && h !== 'cookie'),
      ])
    : undefined;
  const reset = () => {
    requests.clear();
    mock.reset();
  };

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
    const pathname = rawPath.split('?')[0]!;
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (value === undefined) continue;
      headers[name] = credentialHeaders.has(name) ? REDACTED : Array.isArray(value) ? value.join(', ') : value;
    }
    const origin = cors?.allowed(req.headers.origin);
    const send = (status: number, out: Record<string, string>, body: unknown) =>
      sendReply(res, status, origin === undefined ? out : { ...out, ...cors!.actual(origin, out) }, body);
    const record = (entry: Omit<RecordedRequest, 'method' | 'path' | 'headers'>) =>
      requests.push({ method, path, headers, ...entry });
    try {
      if (method === 'OPTIONS' && origin !== undefined && req.headers['access-control-request-method'] !== undefined) {
        const control = CONTROL_ENDPOINTS[pathname];
        const methods = control ? [control] : mock.methodsFor(rawPath);
        if (methods.length > 0) {
          req.resume();
          record({ api: null, operationId: null, body: undefined, status: 204, violations: [] });
          log?.(`OPTIONS ${path} -> 204 CORS preflight (origin ${origin}; ${methods.join(', ')})`);
          sendReply(res, 204, cors!.preflight(origin, methods), undefined);
          return;
        }
      }
      if (pathname === CONTROL_PREFIX || pathname.startsWith(`${CONTROL_PREFIX}/`)) {
        req.resume();
        const control = CONTROL_ENDPOINTS[pathname];
        if (control === undefined) {
          log?.(`${method} ${path} -> 404 no mock endpoint`);
          send(
            404,
            { 'content-type': 'application/json' },
            {
              mockError: `no mock endpoint ${pathname}`,
              endpoints: Object.entries(CONTROL_ENDPOINTS).map(([p, m]) => `${m} ${p}`),
            },
          );
        } else if (method !== control) {
          log?.(`${method} ${path} -> 405 method not allowed`);
          send(
            405,
            { 'content-type': 'application/json', allow: control },
            { mockError: `${method} is not allowed for ${pathname}; allowed: ${control}` },
          );
        } else if (control === 'POST') {
          reset();
          log?.(`${method} ${path} -> 204 reset`);
          send(204, {}, undefined);
        } else {
          log?.(`${method} ${path} -> 200 state`);
          send(200, { 'content-type': 'application/json' }, { stateful: mock.stateful, resources: mock.state() });
        }
        return;
      }
      const declared = Number(req.headers['content-length']);
      const body = Number.isFinite(declared) && declared > maxBodyBytes ? 'too-large' : await readBody(req, maxBodyBytes);
      if (body === 'too-large') {
        const violation: Violation = {
          location: 'body',
          field: '',
          message: `request body exceeds ${maxBodyBytes} bytes`,
          keyword: 'maxBytes',
        };
        record({ api: null, operationId: null, body: undefined, status: 413, violations: [violation] });
        log?.(`${method} ${path} -> 413 too large`);
        send(413, { 'content-type': 'application/json', connection: 'close' }, { mockError: violation.message });
        return;
      }
      const result = mock.handle({ method, path: rawPath, headers: req.headers, body: body.length > 0 ? body : undefined });
      record({
        api: result.api,
        operationId: result.operationId,
        body: result.requestBody,
        status: result.status,
        violations: result.violations,
        ...(result.error === undefined ? {} : { error: result.error }),
      });
      log?.(formatLogLine(method, path, result));
      send(result.status, result.headers, result.body);
    } catch (error) {
      const message = `mock failure: ${(error as Error).message}`;
      log?.(`${method} ${path} -> 500 ${message}`);
      if (!res.headersSent) send(500, { 'content-type': 'application/json' }, { mockError: message });
      else res.destroy();
    }
  });
  // Idle keep-alive sockets are closed after 30 s (close() ends them at once). Not Node's 5 s default:
  // fetch (undici) reuses an idle socket for up to the server's advertised timeout minus one second,
  // with timers of about a second's resolution, so a client that idled about 5 s (a test suite busy
  // compiling between two requests) could send on a socket the server was closing ("fetch failed").
  server.keepAliveTimeout = 30_000;
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
      return requests.toArray();
    },
    violations: () => requests.toArray().flatMap((r) => r.violations),
    reset,
    state: () => mock.state(),
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
