// @ts-check
// A small static file server for the built site (used by `npm start` and by the tests): GET and
// HEAD only, correct content types, 404 for anything missing, `/dir` → `/dir/` redirects and
// `index.html` for directories, and no way out of the root (no traversal, no symlinks leaving it).
// Every file carries an ETag (size and modification time) and a matching `If-None-Match` gets 304,
// so a browser downloads the shared assets (Redoc's code, the styles) once for the whole site.
import { createReadStream, realpathSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';

/** Content types by file extension. Anything else is served as application/octet-stream. */
export const CONTENT_TYPES = Object.freeze({
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.yaml': 'application/yaml; charset=utf-8',
  '.yml': 'application/yaml; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
});

/**
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {string} message
 * @param {Record<string, string>} [headers]
 */
function sendText(res, status, message, headers = {}) {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff', ...headers });
  res.end(`${message}\n`);
}

/**
 * Maps a request path to a file under `root`, or explains why it cannot.
 * @param {string} root absolute real path of the site root
 * @param {string} rawPath the request URL's path (still percent-encoded)
 * @returns {{ file: string } | { redirect: string } | { status: number, message: string }}
 */
export function resolveRequestPath(root, rawPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return { status: 400, message: 'Bad Request: malformed percent-encoding' };
  }
  if (decoded.includes('\0')) return { status: 400, message: 'Bad Request: NUL in path' };
  const segments = decoded.split('/');
  if (segments.some((s) => s === '..' || s.includes('\\'))) return { status: 403, message: 'Forbidden' };
  let target = resolve(join(root, ...segments));
  if (target !== root && !target.startsWith(root + sep)) return { status: 403, message: 'Forbidden' };
  let stats;
  try {
    stats = statSync(target);
  } catch {
    return { status: 404, message: `Not Found: ${decoded}` };
  }
  if (stats.isDirectory()) {
    if (!rawPath.endsWith('/')) return { redirect: `${rawPath}/` };
    target = join(target, 'index.html');
    try {
      if (!statSync(target).isFile()) return { status: 404, message: `Not Found: ${decoded}` };
    } catch {
      return { status: 404, message: `Not Found: ${decoded}` };
    }
  } else if (!stats.isFile()) {
    return { status: 404, message: `Not Found: ${decoded}` };
  }
  const real = realpathSync(target);
  if (!real.startsWith(root + sep)) return { status: 403, message: 'Forbidden' };
  return { file: real };
}

/**
 * Starts serving `root` on `host:port` (port 0 picks a free one).
 * @param {{ root: string, port?: number, host?: string }} options
 * @returns {Promise<{ url: string, port: number, close: () => Promise<void> }>}
 */
export async function startStaticServer({ root, port = 0, host = '127.0.0.1' }) {
  const realRoot = realpathSync(root);
  const server = createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendText(res, 405, 'Method Not Allowed', { Allow: 'GET, HEAD' });
      return;
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    const result = resolveRequestPath(realRoot, url.pathname);
    if ('redirect' in result) {
      res.writeHead(301, { Location: `${result.redirect}${url.search}` });
      res.end();
      return;
    }
    if ('status' in result) {
      sendText(res, result.status, result.message);
      return;
    }
    const type = CONTENT_TYPES[/** @type {keyof typeof CONTENT_TYPES} */ (extname(result.file).toLowerCase())];
    const { size, mtimeMs } = statSync(result.file);
    const etag = `"${size.toString(36)}-${Math.trunc(mtimeMs).toString(36)}"`;
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { ETag: etag, 'Cache-Control': 'no-cache' });
      res.end();
      return;
    }
    res.writeHead(200, {
      ETag: etag,
      'Content-Type': type ?? 'application/octet-stream',
      'Content-Length': String(size),
      'Cache-Control': 'no-cache',
      'X-Content-Type-Options': 'nosniff',
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    createReadStream(result.file)
      .on('error', () => res.destroy())
      .pipe(res);
  });
  server.keepAliveTimeout = 1000;
  await new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolvePromise(undefined));
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('server has no TCP address');
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${address.port}/`,
    port: address.port,
    close: () =>
      new Promise((resolvePromise) => {
        server.close(() => resolvePromise(undefined));
        server.closeAllConnections();
      }),
  };
}
