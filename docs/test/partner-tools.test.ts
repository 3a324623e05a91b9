// The Postman collection and the .http file of each API: generated from the bundle, every operation
// present with its method, path and example body, and every .http request answered by the mock.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type MockServer, startMock } from '@mailapis/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonRequestBody, listOperations, parameterExample } from '../src/code-samples.mjs';
import { parseHttpFile, substitute } from '../src/partner-tools.mjs';
import { apis, builtSite, distDir } from './helpers.ts';

let mock: MockServer;
beforeAll(async () => {
  builtSite();
  mock = await startMock({ port: 0 });
});
afterAll(() => mock?.close());

/** The path of an operation with its path parameters' examples. */
function examplePath(doc: Record<string, any>, op: ReturnType<typeof listOperations>[number]) {
  let path = op.path;
  for (const p of op.parameters.filter((x) => x.in === 'path')) {
    path = path.replace(`{${p.name}}`, encodeURIComponent(String(parameterExample(doc, p))));
  }
  return path;
}

describe.each(apis)('$name', ({ name, doc }) => {
  const postman = () => JSON.parse(readFileSync(join(distDir, 'downloads', `${name}.postman_collection.json`), 'utf8'));
  const http = () => parseHttpFile(readFileSync(join(distDir, 'downloads', `${name}.http`), 'utf8'));

  it('the Postman collection is v2.1 and has every operation with its method, path and example body', () => {
    const collection = postman();
    expect(collection.info.schema).toBe('https://schema.getpostman.com/json/collection/v2.1.0/collection.json');
    const walk = (items: any[]): any[] => items.flatMap((i) => (i.item ? walk(i.item) : [i]));
    const requests = walk(collection.item);
    expect(requests).toHaveLength(listOperations(doc).length);
    for (const op of listOperations(doc)) {
      const path = op.path
        .replace(/\{([^}]+)\}/g, ':$1')
        .split('/')
        .filter(Boolean);
      const found = requests.find(
        (r) => r.request.method === op.method.toUpperCase() && r.request.url.path.join('/') === path.join('/'),
      );
      expect(found, `${op.operationId}`).toBeDefined();
      const body = jsonRequestBody(doc, op.operation);
      if (body) expect(JSON.parse(found.request.body.raw)).toEqual(body.example);
      else expect(found.request.body).toBeUndefined();
    }
    expect(JSON.stringify(collection.auth)).toContain('{{token}}');
    expect(collection.variable.map((v: { key: string }) => v.key).sort()).toEqual(['baseUrl', 'token']);
  });

  it('the .http file has every operation with its method, path and example body, with {{baseUrl}} and {{token}}', () => {
    const { variables, requests } = http();
    expect(Object.keys(variables).sort()).toEqual(['baseUrl', 'token']);
    expect(requests.map((r) => r.name)).toEqual(listOperations(doc).map((op) => op.operationId));
    for (const op of listOperations(doc)) {
      const request = requests.find((r) => r.name === op.operationId)!;
      expect(request.method).toBe(op.method.toUpperCase());
      expect(request.url.split('?')[0]).toBe(`{{baseUrl}}${examplePath(doc, op)}`);
      expect(Object.values(request.headers).filter((v) => v.includes('{{token}}'))).toHaveLength(1);
      const body = jsonRequestBody(doc, op.operation);
      expect(request.body === undefined ? undefined : JSON.parse(request.body)).toEqual(body?.example);
    }
  });

  it('every .http request, sent as written to the mock, gets the documented 200', async () => {
    const { requests } = http();
    const variables = { baseUrl: mock.url, token: 'partner-tools-test' };
    for (const request of requests) {
      const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, substitute(v, variables)]));
      const res = await fetch(substitute(request.url, variables), { method: request.method, headers, body: request.body });
      expect(`${request.name} ${res.status}`).toBe(`${request.name} 200`);
      await res.arrayBuffer();
    }
    expect(mock.violations()).toEqual([]);
  });
});
