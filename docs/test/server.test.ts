import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStaticServer } from '../src/server.mjs';

let root: string;
let outside: string;
let server: Awaited<ReturnType<typeof startStaticServer>>;

beforeAll(async () => {
  const base = mkdtempSync(join(tmpdir(), 'docs-server-'));
  root = join(base, 'site');
  outside = join(base, 'secret.txt');
  mkdirSync(join(root, 'api'), { recursive: true });
  mkdirSync(join(root, 'empty'));
  writeFileSync(join(root, 'index.html'), '<h1>home</h1>');
  writeFileSync(join(root, 'api', 'index.html'), '<h1>api</h1>');
  writeFileSync(join(root, 'spec.yaml'), 'openapi: 3.1.0\n');
  writeFileSync(join(root, 'spec.json'), '{}');
  writeFileSync(join(root, 'style.css'), 'body{}');
  writeFileSync(join(root, 'file.bin'), 'x');
  writeFileSync(outside, 'top secret');
  symlinkSync(outside, join(root, 'link.txt'));
  server = await startStaticServer({ root });
});
afterAll(async () => {
  await server.close();
  rmSync(join(root, '..'), { recursive: true, force: true });
});

/** Raw HTTP request, so paths like /../x reach the server unnormalised. */
function raw(
  path: string,
  method = 'GET',
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, method }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('static server', () => {
  it('listens on 127.0.0.1 with an ephemeral port and reports its URL', () => {
    expect(server.port).toBeGreaterThan(0);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
  });

  it.each([
    ['/', 'text/html; charset=utf-8', '<h1>home</h1>'],
    ['/index.html', 'text/html; charset=utf-8', '<h1>home</h1>'],
    ['/api/', 'text/html; charset=utf-8', '<h1>api</h1>'],
    ['/spec.yaml', 'application/yaml; charset=utf-8', 'openapi: 3.1.0\n'],
    ['/spec.json', 'application/json; charset=utf-8', '{}'],
    ['/style.css', 'text/css; charset=utf-8', 'body{}'],
    ['/file.bin', 'application/octet-stream', 'x'],
    ['/index.html?v=1#x', 'text/html; charset=utf-8', '<h1>home</h1>'],
  ])('serves %s as %s', async (path, type, body) => {
    const res = await raw(path);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(type);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.body).toBe(body);
  });

  it('redirects a directory without its trailing slash, keeping the query', async () => {
    const res = await raw('/api?x=1');
    expect(res.status).toBe(301);
    expect(res.headers.location).toBe('/api/?x=1');
  });

  it('answers HEAD with headers only and refuses other methods', async () => {
    const head = await raw('/spec.json', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe('2');
    expect(head.body).toBe('');
    const post = await raw('/spec.json', 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD');
  });

  it.each([
    ['/missing.html', 404],
    ['/empty/', 404],
    // URL parsing resolves dot segments (also percent-encoded ones) inside the root: /secret.txt is not there.
    ['/../secret.txt', 404],
    ['/%2e%2e/secret.txt', 404],
    ['/api/%2e%2e/%2e%2e/secret.txt', 404],
    ['/..%5csecret.txt', 403],
    ['/link.txt', 403],
    ['/%E0%A4%A', 400],
    ['/a%00b', 400],
  ])('refuses %s with %i and never leaks outside the root', async (path, status) => {
    const res = await raw(path);
    expect(res.status).toBe(status);
    expect(res.body).not.toContain('top secret');
  });
});

describe('resolveRequestPath', () => {
  it('refuses dot segments and backslashes even when the URL was not normalised first', async () => {
    const { resolveRequestPath } = await import('../src/server.mjs');
    const { realpathSync } = await import('node:fs');
    const real = realpathSync(root);
    expect(resolveRequestPath(real, '/../secret.txt')).toEqual({ status: 403, message: 'Forbidden' });
    expect(resolveRequestPath(real, '/api/%2e%2e/%2e%2e/secret.txt')).toEqual({ status: 403, message: 'Forbidden' });
    expect(resolveRequestPath(real, '/api')).toEqual({ redirect: '/api/' });
    expect(resolveRequestPath(real, '/api/')).toEqual({ file: join(real, 'api', 'index.html') });
  });
});
