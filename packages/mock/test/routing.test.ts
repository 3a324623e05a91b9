// Routing: unknown paths are 404, undocumented methods 405 with Allow; server base paths and
// query/header parameters come from the documents.
import { describe, expect, it } from 'vitest';
import { type MockServer, startMock } from '../src/index.ts';
import { copyOf, JSON_TYPE, QB, QB_AUTH, QB_PATH, SG_AUTH, SG_PATH, send, useMock } from './helpers.ts';

const ctx = useMock();

describe('404 and 405', () => {
  it.each(['/nope', '/v3/partners/accounts/x', '/api/delivery/accounts/1/', '/api/delivery/accounts/1/extra', '/'])(
    'PUT %s → 404',
    async (path) => {
      const answer = await send(ctx.mock, 'PUT', path, { headers: { ...QB_AUTH, ...JSON_TYPE }, body: {} });
      expect(answer.status).toBe(404);
      expect(answer.body).toEqual({
        mockError: `no documented operation matches PUT ${path}`,
        operations: [
          'GET /v3/partners/offerings',
          'GET /api/delivery/accounts',
          'GET /v3/partners/accounts/{accountID}/offerings',
          'PUT /v3/partners/accounts/{accountID}/offerings',
          'GET /api/delivery/accounts/{id}',
          'PUT /api/delivery/accounts/{id}',
        ],
      });
      expect(ctx.mock.requests[0]).toMatchObject({ api: null, operationId: null, status: 404, body: {} });
      expect(ctx.mock.violations()).toEqual([
        { location: 'route', field: '', message: `no documented operation matches PUT ${path}`, keyword: 'route' },
      ]);
      expect(ctx.lines).toEqual([`PUT ${path} -> 404 no route`]);
    },
  );

  it.each([
    ['POST', SG_PATH, 'sendgrid-provisioning', '/v3/partners/accounts/{accountID}/offerings', 'GET, PUT'],
    ['DELETE', SG_PATH, 'sendgrid-provisioning', '/v3/partners/accounts/{accountID}/offerings', 'GET, PUT'],
    ['DELETE', QB_PATH, 'qboxmail-delivery', '/api/delivery/accounts/{id}', 'GET, PUT'],
    ['PATCH', QB_PATH, 'qboxmail-delivery', '/api/delivery/accounts/{id}', 'GET, PUT'],
    ['PUT', '/api/delivery/accounts', 'qboxmail-delivery', '/api/delivery/accounts', 'GET'],
  ])('%s %s → 405 with Allow: %s', async (method, path, api, template, allow) => {
    const answer = await send(ctx.mock, method, path, { headers: SG_AUTH });
    expect(answer.status).toBe(405);
    expect(answer.headers.get('allow')).toBe(allow);
    expect(answer.body).toEqual({ mockError: `${method} is not documented for ${template}; allowed: ${allow}` });
    expect(ctx.mock.requests[0]).toMatchObject({ api, operationId: null, method, path, status: 405 });
    expect(ctx.mock.violations()).toEqual([
      {
        location: 'method',
        field: '',
        message: `${method} is not documented for ${template}; allowed: ${allow}`,
        keyword: 'method',
      },
    ]);
    expect(ctx.lines).toEqual([`${method} ${path} -> 405 method not allowed (${api})`]);
  });

  it('HEAD → 405 without a body', async () => {
    const answer = await send(ctx.mock, 'HEAD', QB_PATH);
    expect(answer.status).toBe(405);
    expect(answer.headers.get('allow')).toBe('GET, PUT');
    expect(answer.text).toBe('');
  });
});

async function withMock(documents: Record<string, object>, run: (mock: MockServer) => Promise<void>) {
  const mock = await startMock({ port: 0, apis: Object.keys(documents), documents });
  try {
    await run(mock);
  } finally {
    await mock.close();
  }
}

describe('server base paths', () => {
  it('serves under the path of the servers URL (with variables)', async () => {
    const doc = copyOf(QB);
    doc.servers = [
      { url: 'https://api.example.test/base/v1' },
      { url: 'https://{host}/{version}', variables: { host: { default: 'h.example.test' }, version: { default: 'v2' } } },
    ];
    await withMock({ [QB]: doc }, async (mock) => {
      const headers = { ...QB_AUTH, ...JSON_TYPE };
      expect((await send(mock, 'PUT', `/base/v1${QB_PATH}`, { headers, body: {} })).status).toBe(200);
      expect((await send(mock, 'PUT', `/v2${QB_PATH}`, { headers, body: {} })).status).toBe(200);
      expect((await send(mock, 'PUT', QB_PATH, { headers, body: {} })).status).toBe(404);
      expect(mock.requests[0]).toMatchObject({ api: QB, operationId: 'updateDeliveryAccount', path: `/base/v1${QB_PATH}` });
    });
  });
});

describe('query and header parameters', () => {
  it('validates required, coerced query and header parameters', async () => {
    const doc = copyOf(QB);
    doc.paths['/api/delivery/accounts/{id}'].put.parameters = [
      { name: 'dryRun', in: 'query', required: true, schema: { type: 'boolean' } },
      { name: 'tags', in: 'query', schema: { type: 'array', items: { type: 'integer' }, maxItems: 2 } },
      { name: 'X-Request-Id', in: 'header', required: true, schema: { type: 'string', format: 'uuid' } },
    ];
    await withMock({ [QB]: doc }, async (mock) => {
      const headers = { ...QB_AUTH, ...JSON_TYPE };
      const uuid = { 'x-request-id': '6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f' };
      let answer = await send(mock, 'PUT', QB_PATH, { headers, body: {} });
      expect(answer.status).toBe(422);
      expect(mock.requests.at(-1)!.violations).toEqual([
        { location: 'query', field: 'dryRun', message: 'is required', keyword: 'required' },
        { location: 'header', field: 'X-Request-Id', message: 'is required', keyword: 'required' },
      ]);
      answer = await send(mock, 'PUT', `${QB_PATH}?dryRun=maybe&tags=1,x,3`, {
        headers: { ...headers, 'x-request-id': 'nope' },
        body: {},
      });
      expect(answer.status).toBe(422);
      expect(mock.requests.at(-1)!.violations).toEqual([
        { location: 'query', field: 'dryRun', message: 'must be boolean', keyword: 'type' },
        { location: 'query', field: 'tags', message: 'must have at most 2 items', keyword: 'maxItems' },
        { location: 'query', field: 'tags[1]', message: 'must be integer', keyword: 'type' },
        { location: 'header', field: 'X-Request-Id', message: 'must be a valid UUID', keyword: 'format' },
      ]);
      answer = await send(mock, 'PUT', `${QB_PATH}?dryRun=true&tags=1&tags=2`, { headers: { ...headers, ...uuid }, body: {} });
      expect(answer.status).toBe(200);
    });
  });
});
