// The loopback HTTP server every contestant calls. It answers each operation of the bundled specs
// with its documented success example (status, headers, body), and drains the request body.
//
// Run as a child process (see startLoopbackServer): its CPU work (HTTP parsing, writing) then happens
// on the other core and in another V8 heap, so it neither queues behind the client's event loop nor
// triggers GC pauses that would be charged to whichever contestant happens to be running. The same
// server answers every contestant, so what is left of its cost is one constant added to every
// contestant's time (it makes ratios closer to 1, never favours one contestant).
import { fork } from 'node:child_process';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { specOperations } from './spec-operations.mjs';

/** Builds the route table: method → [{ regex, status, headers, body }], bodies serialised once. */
export function buildRoutes(operations = specOperations()) {
  const routes = new Map();
  for (const op of operations) {
    const source = op.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '[^/]+');
    const body = op.success.body === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(op.success.body));
    const headers = { ...op.success.headers, 'content-length': String(body.length) };
    if (body.length > 0) headers['content-type'] = 'application/json';
    const list = routes.get(op.method) ?? [];
    list.push({ regex: new RegExp(`^${source}$`), status: op.success.status, headers, body, operationId: op.operationId });
    routes.set(op.method, list);
  }
  return routes;
}

/** Starts the server in this process; resolves with `{ server, port }`. */
export function listen(routes = buildRoutes()) {
  const server = createServer((req, res) => {
    const path = req.url.split('?', 1)[0];
    const route = routes.get(req.method)?.find((r) => r.regex.test(path));
    req.resume();
    req.on('end', () => {
      if (!route) {
        const body = JSON.stringify({ error: `no operation for ${req.method} ${path}` });
        res.writeHead(404, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
        res.end(body);
        return;
      }
      res.writeHead(route.status, route.headers);
      res.end(route.body);
    });
  });
  // Contestants run one after another; keep idle keep-alive connections open across rounds so that
  // no contestant pays a reconnect that another one did not.
  server.keepAliveTimeout = 60_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve({ server, port: server.address().port }));
  });
}

/**
 * Forks this file as a separate process listening on 127.0.0.1:<ephemeral>. The child exits by
 * itself when the parent goes away (IPC disconnect), so it can never outlive the benchmark.
 * @returns {Promise<{ baseUrl: string, pid: number, stop(): Promise<void> }>}
 */
export function startLoopbackServer() {
  const child = fork(fileURLToPath(import.meta.url), ['--child'], {
    execArgv: [],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error('loopback server did not start within 10 s'));
    }, 10_000);
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`loopback server exited early (code ${code})`)));
    child.once('message', (message) => {
      clearTimeout(timer);
      child.removeAllListeners('exit');
      resolve({
        baseUrl: `http://127.0.0.1:${message.port}`,
        pid: child.pid,
        stop: () =>
          new Promise((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.disconnect();
          }),
      });
    });
  });
}

if (process.argv[2] === '--child' && process.send) {
  const { server, port } = await listen();
  process.on('disconnect', () => {
    server.close();
    server.closeAllConnections();
    process.exit(0);
  });
  process.send({ port });
}
