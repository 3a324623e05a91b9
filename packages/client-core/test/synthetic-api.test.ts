// Proof that the spec is the only edit (issue 12 part 5): a small synthetic OpenAPI 3.1 API goes through
// the same generators as the real clients (openapi-typescript for the types, the operation-table
// generator, the same client factory) into a temporary folder; a program calling every generated
// method is type-checked with tsc, and a control run without the @ts-expect-error markers shows that
// exactly the marked lines fail; then every method is called against a loopback server.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import openapiTS, { astToString } from 'openapi-typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operationTableSource } from '../scripts/generate-operation-table.mjs';
import { type LoopbackServer, sendJson, startLoopbackServer } from './helpers/loopback-server.ts';

const require = createRequire(import.meta.url);
const core = new URL('../src/index.ts', import.meta.url).pathname;
const tsc = require.resolve('typescript/bin/tsc');

const widget = { type: 'object', required: ['id', 'name'], properties: { id: { type: 'string' }, name: { type: 'string' } } };
const int32 = (minimum: number) => ({ type: 'integer', format: 'int32', minimum });
const doc = {
  openapi: '3.1.0',
  info: { title: 'Widgets', version: '1.0.0' },
  servers: [{ url: 'https://widgets.example', description: 'Main server' }],
  security: [{ key: [] }],
  components: { securitySchemes: { key: { type: 'apiKey', in: 'header', name: 'X-Widget-Key' } } },
  paths: {
    '/shops/{shopId}/widgets/{widgetId}': {
      parameters: [
        { name: 'shopId', in: 'path', required: true, schema: int32(1) },
        { name: 'widgetId', in: 'path', required: true, schema: { type: 'string', minLength: 3 } },
      ],
      get: {
        operationId: 'getWidget',
        responses: { 200: { description: 'ok', content: { 'application/json': { schema: widget } } } },
      },
      put: {
        operationId: 'putWidget',
        requestBody: { required: true, content: { 'application/json': { schema: widget } } },
        responses: { 204: { description: 'stored' }, 404: { description: 'no such widget' } },
      },
    },
    '/widgets': {
      get: {
        operationId: 'listWidgets',
        parameters: [
          { name: 'page', in: 'query', schema: int32(1) },
          { name: 'per', in: 'query', schema: int32(1) },
          { name: 'tags', in: 'query', explode: false, schema: { type: 'array', items: { type: 'string' } } },
          { name: 'color', in: 'query', schema: { type: 'string', enum: ['red', 'blue'] } },
        ],
        responses: {
          200: {
            description: 'a page',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['resources', 'pagination'],
                  properties: {
                    resources: { type: 'array', items: widget },
                    pagination: { type: 'object', properties: { page: { type: 'integer' }, total_pages: { type: 'integer' } } },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
};

const client = `import { createApiClient, createTransport, type BaseClientOptions } from ${JSON.stringify(core)};
import type { operations as Ops } from './openapi.ts';
import { auth, defaultServer, operations, servers } from './operations.ts';
export const createWidgetClient = (options: BaseClientOptions & { apiKey: string }) =>
  createApiClient<Ops, typeof operations>(operations, createTransport(options, options.apiKey, { option: 'apiKey', ...auth }, servers[defaultServer]));
`;

// Every line that follows a marker must fail to compile without it.
const program = `import { createWidgetClient } from './client.ts';
const c = createWidgetClient({ apiKey: 'k' });
export async function calls(): Promise<string[]> {
  const w: { id: string; name: string } = await c.getWidget(1, 'abc');
  const stored: undefined = await c.putWidget(1, 'abc', { id: 'abc', name: 'A' }, { timeoutMs: 1000 });
  const page = await c.listWidgets({ page: 1, per: 2, tags: ['a', 'b'], color: 'red' });
  const names: string[] = page.resources.map((r) => r.name);
  for await (const item of c.listWidgets.all({ color: 'blue' })) names.push(item.id);
  await c.listWidgets();
  // @ts-expect-error the shop id is a number
  await c.getWidget('1', 'abc');
  // @ts-expect-error the widget id is a string
  await c.getWidget(1, 2);
  // @ts-expect-error both path parameters are required
  await c.getWidget(1);
  // @ts-expect-error the body is required
  await c.putWidget(1, 'abc');
  // @ts-expect-error the body's name is missing
  await c.putWidget(1, 'abc', { id: 'abc' });
  // @ts-expect-error an unknown colour
  await c.listWidgets({ color: 'green' });
  // @ts-expect-error tags are an array of strings
  await c.listWidgets({ tags: 'a' });
  // @ts-expect-error an unknown query key
  await c.listWidgets({ sort: 'name' });
  // @ts-expect-error an unknown operation
  await c.deleteWidget(1, 'abc');
  // @ts-expect-error getWidget is not paginated
  c.getWidget.all();
  return [w.name, String(stored), ...names];
}
`;

const tsconfig: Record<string, unknown> = {
  compilerOptions: {
    strict: true,
    noEmit: true,
    target: 'ES2022',
    module: 'ESNext',
    moduleResolution: 'Bundler',
    allowImportingTsExtensions: true,
    verbatimModuleSyntax: true,
    lib: ['ES2022', 'DOM', 'DOM.Iterable'],
    types: [],
    skipLibCheck: true,
  },
};

let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mailapis-synthetic-'));
  writeFileSync(join(dir, 'openapi.ts'), astToString(await openapiTS(doc as never)));
  writeFileSync(
    join(dir, 'operations.ts'),
    operationTableSource(doc, { source: 'synthetic', servers: { main: 'Main' }, coreModule: core }),
  );
  writeFileSync(join(dir, 'client.ts'), client);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs tsc on one program of the folder and returns the lines it reports errors on ([] when it passes). */
async function typeCheck(name: string, source: string): Promise<number[]> {
  writeFileSync(join(dir, `${name}.ts`), source);
  writeFileSync(join(dir, `tsconfig.${name}.json`), JSON.stringify({ ...tsconfig, files: [`${name}.ts`] }));
  const result = await promisify(execFile)(process.execPath, [tsc, '-p', join(dir, `tsconfig.${name}.json`)], { cwd: dir }).catch(
    (error: { stdout: string }) => error,
  );
  return [...result.stdout.matchAll(new RegExp(`^${name}\\.ts\\((\\d+),\\d+\\): error`, 'gm'))].map((m) => Number(m[1]));
}

describe('a synthetic API through the same generators', () => {
  it('the generated table describes the three operations', async () => {
    const { operations } = await import(pathToFileURL(join(dir, 'operations.ts')).href);
    expect(Object.keys(operations)).toEqual(['getWidget', 'putWidget', 'listWidgets']);
    expect(operations.getWidget.pathParams.map((p: { name: string }) => p.name)).toEqual(['shopId', 'widgetId']);
    expect(operations.putWidget).toMatchObject({
      method: 'PUT',
      body: 'required',
      success: 204,
      successJson: false,
      retrySafe: true,
    });
    expect(operations.listWidgets).toMatchObject({
      paginated: true,
      query: expect.arrayContaining([expect.objectContaining({ name: 'tags', explode: false })]),
    });
  });

  it('the program type-checks, and without the markers exactly the marked lines fail', { timeout: 60_000 }, async () => {
    const marked = program.split('\n').flatMap((line, i) => (line.includes('@ts-expect-error') ? [i + 2] : []));
    expect(marked).toHaveLength(10);
    // Both runs at once; the control is the same program with the markers turned into plain comments.
    const [withMarkers, control] = await Promise.all([
      typeCheck('program', program),
      typeCheck('control', program.replaceAll('// @ts-expect-error', '// (marker removed)')),
    ]);
    expect(withMarkers).toEqual([]);
    expect(control).toEqual(marked);
  });

  describe('each method over HTTP', () => {
    let server: LoopbackServer;
    let widgets: any;
    beforeAll(async () => {
      server = await startLoopbackServer((req, res) => {
        if (req.method === 'PUT') return res.writeHead(204).end();
        if (req.url.startsWith('/widgets')) {
          const page = Number(new URL(req.url, server.url).searchParams.get('page') ?? 1);
          return sendJson(res, 200, { resources: [{ id: `w${page}`, name: 'W' }], pagination: { page, total_pages: 3 } });
        }
        return sendJson(res, 200, { id: 'abc', name: 'A' });
      });
      const { createWidgetClient } = await import(pathToFileURL(join(dir, 'client.ts')).href);
      widgets = createWidgetClient({ apiKey: 'key-1', baseUrl: server.url });
    });
    afterAll(() => server.close());

    it('getWidget(shopId, widgetId): GET with both path parameters in path order', async () => {
      await expect(widgets.getWidget(7, 'a/b c')).resolves.toEqual({ id: 'abc', name: 'A' });
      const req = server.requests.at(-1)!;
      expect([req.method, req.url, req.body]).toEqual(['GET', '/shops/7/widgets/a%2Fb%20c', '']);
      expect(req.headers['x-widget-key']).toBe('key-1');
      expect(req.headers.accept).toBe('application/json');
      expect(req.headers['content-type']).toBeUndefined();
    });

    it('putWidget(shopId, widgetId, body): PUT with the JSON body; the documented 204 resolves to undefined', async () => {
      await expect(
        widgets.putWidget(7, 'abc', { id: 'abc', name: 'B' }, { headers: { 'X-Trace': 't' } }),
      ).resolves.toBeUndefined();
      const req = server.requests.at(-1)!;
      expect([req.method, req.url, req.body]).toEqual(['PUT', '/shops/7/widgets/abc', '{"id":"abc","name":"B"}']);
      expect(req.headers['content-type']).toBe('application/json');
      expect(req.headers['x-trace']).toBe('t');
      expect(req.headers['x-widget-key']).toBe('key-1');
    });

    it('listWidgets(query): form style, tags with explode false, in the spec order', async () => {
      await widgets.listWidgets({ color: 'red', tags: ['a,b', 'c'], per: 2, page: 1 });
      const req = server.requests.at(-1)!;
      expect([req.method, req.url]).toEqual(['GET', '/widgets?page=1&per=2&tags=a%2Cb,c&color=red']);
      expect(req.headers['content-type']).toBeUndefined();
    });

    it('listWidgets.all(query): every item of the three pages', async () => {
      const before = server.requests.length;
      const ids: string[] = [];
      for await (const item of widgets.listWidgets.all({ color: 'blue' })) ids.push(item.id);
      expect(ids).toEqual(['w1', 'w2', 'w3']);
      expect(server.requests.slice(before).map((r) => r.url)).toEqual([
        '/widgets?color=blue',
        '/widgets?page=2&color=blue',
        '/widgets?page=3&color=blue',
      ]);
    });

    it.each([
      [() => widgets.getWidget(0, 'abc'), 'shopId'],
      [() => widgets.getWidget(1, 'ab'), 'widgetId'],
      [() => widgets.getWidget(1, '..'), 'widgetId'],
      [() => widgets.listWidgets({ tags: ['a', 3] }), 'tags[1]'],
      [() => widgets.listWidgets({ page: 2 ** 31 }), 'page'],
    ])('refuses bad parameters before any I/O (%#: %s)', async (call, parameter) => {
      const before = server.requests.length;
      await expect(call()).rejects.toMatchObject({ name: 'RequestValidationError', parameter });
      expect(server.requests.length).toBe(before);
    });
  });
});
