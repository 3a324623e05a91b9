// The server's lifecycle, recording, the documents override and the pure request functions.
import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { loadMockApis, startMock } from '../src/index.ts';
import {
  copyOf,
  JSON_TYPE,
  putQboxmail,
  putSendgrid,
  QB,
  QB_AUTH,
  QB_PATH,
  SG,
  SG_AUTH,
  SG_PATH,
  send,
  validatesAgainstResponse,
  withServer,
} from './helpers.ts';

const withMock = withServer;

describe('lifecycle', () => {
  it('listens on 127.0.0.1 on an ephemeral port', async () => {
    await withMock({}, async (mock) => {
      expect(mock.port).toBeGreaterThan(0);
      expect(mock.url).toBe(`http://127.0.0.1:${mock.port}`);
    });
  });

  it('close() is prompt with an idle keep-alive connection and with a request still sending its body', async () => {
    const mock = await startMock({ port: 0 });
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${mock.url}${QB_PATH}`, { method: 'PUT', agent, headers: { ...QB_AUTH, ...JSON_TYPE } }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
      req.end('{}');
    });
    expect(status).toBe(200);
    const idle = Object.values(agent.freeSockets).flat();
    expect(idle).toHaveLength(1);
    const idleClosed = new Promise<void>((resolve) => idle[0]!.once('close', () => resolve()));

    // A second client that sent headers and half a body, then stalls.
    const stalled = connect(mock.port, '127.0.0.1');
    await new Promise<void>((resolve) => stalled.once('connect', () => resolve()));
    stalled.write(
      `PUT ${QB_PATH} HTTP/1.1\r\nHost: x\r\nX-Api-Token: t\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"vol`,
    );
    stalled.on('error', () => {});
    const stalledClosed = new Promise<void>((resolve) => stalled.once('close', () => resolve()));
    await new Promise((resolve) => setTimeout(resolve, 50));

    const started = Date.now();
    await mock.close();
    await Promise.all([idleClosed, stalledClosed]);
    expect(Date.now() - started).toBeLessThan(1000);
    await mock.close(); // idempotent
    agent.destroy();
  });

  it('rejects unknown API names and routes defined by two documents', async () => {
    await expect(startMock({ port: 0, apis: ['nope'] })).rejects.toThrow(/Unknown API "nope"/);
    expect(() => loadMockApis({ documents: { copy: copyOf(QB) } })).toThrow(
      'GET /api/delivery/accounts is defined by both qboxmail-delivery and copy; serve them separately (option apis)',
    );
  });

  it('rejects a busy port', async () => {
    await withMock({}, async (mock) => {
      await expect(startMock({ port: mock.port })).rejects.toThrow(/EADDRINUSE/);
    });
  });
});

describe('recording', () => {
  it('records every request with its verdict, and reset() forgets them', async () => {
    await withMock({}, async (mock, lines) => {
      await putSendgrid(mock, { offerings: [] });
      await putQboxmail(mock, { volume: 'x' }, { 'x-trace': 'abc' });
      await send(mock, 'GET', '/nope?x=1');
      expect(mock.requests).toEqual([
        expect.objectContaining({
          api: SG,
          operationId: 'updateAccountOfferings',
          method: 'PUT',
          path: SG_PATH,
          body: { offerings: [] },
          status: 200,
          violations: [],
        }),
        expect.objectContaining({
          api: QB,
          operationId: 'updateDeliveryAccount',
          path: QB_PATH,
          body: { volume: 'x' },
          status: 422,
        }),
        expect.objectContaining({ api: null, operationId: null, method: 'GET', path: '/nope?x=1', body: undefined, status: 404 }),
      ]);
      expect(mock.requests[1]!.headers).toMatchObject({
        'x-trace': 'abc',
        'content-type': 'application/json',
        'x-api-token': '[REDACTED]',
      });
      expect(mock.violations()).toEqual([
        { location: 'body', field: 'volume', message: 'must be integer (got string)', keyword: 'type' },
        { location: 'route', field: '', message: 'no documented operation matches GET /nope', keyword: 'route' },
      ]);
      expect(lines).toHaveLength(3);
      mock.reset();
      expect(mock.requests).toEqual([]);
      expect(mock.violations()).toEqual([]);
    });
  });
});

describe('documents override', () => {
  it('serves a modified copy: a new status with a Retry-After header becomes selectable', async () => {
    const doc = copyOf(SG);
    const op = doc.paths['/v3/partners/accounts/{accountID}/offerings'].put;
    op.responses['409'] = {
      description: 'Conflict.',
      headers: { 'Retry-After': { schema: { type: 'integer' }, example: 30 } },
      content: {
        'application/json': {
          schema: { $ref: '#/components/schemas/ErrorResponse' },
          examples: { conflict: { value: { errors: [{ message: 'conflict', field: '', error_id: '10-40900' }] } } },
        },
      },
    };
    await withMock({}, async (mock) => {
      expect((await putSendgrid(mock, { offerings: [] }, { prefer: 'code=409' })).status).toBe(501);
    });
    await withMock({ documents: { [SG]: doc } }, async (mock) => {
      const answer = await putSendgrid(mock, { offerings: [] }, { prefer: 'code=409' });
      expect(answer.status).toBe(409);
      expect(answer.headers.get('retry-after')).toBe('30');
      expect(answer.body).toEqual({ errors: [{ message: 'conflict', field: '', error_id: '10-40900' }] });
      // The other API is still served from the bundle.
      expect((await putQboxmail(mock, {})).status).toBe(200);
    });
  });

  it('sends the documented example unchanged when no error-item array can be found', async () => {
    const doc = copyOf(QB);
    doc.components.responses.ValidationFailed.content['application/json'] = {
      schema: { type: 'object', required: ['message'], properties: { message: { type: 'string' } } },
      examples: { plain: { value: { message: 'Validation failed' } } },
    };
    await withMock({ apis: [QB], documents: { [QB]: doc } }, async (mock, lines) => {
      const answer = await putQboxmail(mock, { volume: 'x' });
      expect(answer.status).toBe(422);
      expect(answer.body).toEqual({ message: 'Validation failed' });
      expect(mock.violations()).toHaveLength(1);
      expect(lines[0]).toBe(
        `PUT ${QB_PATH} -> 422 invalid (documented example sent: no array of error items with a field and a reason in the response schema) (qboxmail-delivery updateDeliveryAccount): volume must be integer (got string)`,
      );
    });
  });

  it('uses 422 when the operation documents no 400, a mock 400 when neither, and no auth without security', async () => {
    const doc = copyOf(SG);
    const op = doc.paths['/v3/partners/accounts/{accountID}/offerings'].put;
    op.responses['422'] = op.responses['400'];
    delete op.responses['400'];
    await withMock({ apis: [SG], documents: { [SG]: doc } }, async (mock) => {
      const answer = await putSendgrid(mock, {});
      expect(answer.status).toBe(422);
      expect(answer.body).toEqual({ errors: [{ message: 'offerings is required', field: 'offerings', error_id: '10-40000' }] });
    });
    delete op.responses['422'];
    op.security = [];
    await withMock({ apis: [SG], documents: { [SG]: doc } }, async (mock) => {
      const answer = await send(mock, 'PUT', SG_PATH, { headers: JSON_TYPE, body: {} });
      expect(answer.status).toBe(400);
      expect(answer.body).toEqual({
        mockError: 'the request violates the spec (which documents no 400 or 422 response)',
        violations: [{ location: 'body', field: 'offerings', message: 'is required', keyword: 'required' }],
      });
      expect((await send(mock, 'PUT', SG_PATH, { headers: JSON_TYPE, body: { offerings: [] } })).status).toBe(200);
    });
  });

  it('redacts an API key sent in the query string', async () => {
    const doc = copyOf(QB);
    doc.components.securitySchemes.api_key = { type: 'apiKey', in: 'query', name: 'token' };
    await withMock({ apis: [QB], documents: { [QB]: doc } }, async (mock, lines) => {
      expect((await send(mock, 'PUT', `${QB_PATH}?token=secret-query-token&x=1`, { headers: JSON_TYPE, body: {} })).status).toBe(
        200,
      );
      expect((await send(mock, 'PUT', `${QB_PATH}?x=1`, { headers: JSON_TYPE, body: {} })).status).toBe(401);
      expect(mock.requests.map((r) => r.path)).toEqual([`${QB_PATH}?token=%5BREDACTED%5D&x=1`, `${QB_PATH}?x=1`]);
      expect(mock.requests[1]!.violations).toEqual([
        { location: 'security', field: 'token', message: 'is required (query parameter token)', keyword: 'security' },
      ]);
      expect(JSON.stringify(mock.requests) + lines.join('\n')).not.toContain('secret-query-token');
    });
  });

  it('serves only the APIs asked for', async () => {
    await withMock({ apis: [QB] }, async (mock) => {
      expect((await putSendgrid(mock, { offerings: [] })).status).toBe(404);
      expect((await putQboxmail(mock, {})).status).toBe(200);
    });
  });
});

describe('loadMockApis (no server)', () => {
  const apis = loadMockApis();

  it('lists the served operations', () => {
    expect(apis.apis).toEqual([SG, QB]);
    const sg = ['200', '400', '401', '403', '404', '429', '500', '502', '503', '504'];
    const qb = ['200', '401', '403', '404', '422', '500'];
    expect(apis.operations).toEqual([
      { api: SG, operationId: 'listOfferings', method: 'GET', path: '/v3/partners/offerings', statuses: sg },
      { api: QB, operationId: 'listDeliveryAccounts', method: 'GET', path: '/api/delivery/accounts', statuses: qb },
      {
        api: SG,
        operationId: 'getAccountOfferings',
        method: 'GET',
        path: '/v3/partners/accounts/{accountID}/offerings',
        statuses: sg,
      },
      {
        api: SG,
        operationId: 'updateAccountOfferings',
        method: 'PUT',
        path: '/v3/partners/accounts/{accountID}/offerings',
        statuses: sg.filter((s) => s !== '404'),
      },
      { api: QB, operationId: 'getDeliveryAccount', method: 'GET', path: '/api/delivery/accounts/{id}', statuses: qb },
      { api: QB, operationId: 'updateDeliveryAccount', method: 'PUT', path: '/api/delivery/accounts/{id}', statuses: qb },
    ]);
    expect(apis.credentialHeaders).toEqual(['authorization', 'proxy-authorization', 'x-api-token']);
  });

  it('validateRequest takes parsed bodies (Content-Type optional) and raw ones', () => {
    expect(apis.validateRequest({ method: 'put', path: QB_PATH, headers: QB_AUTH, body: { volume: 1 } })).toEqual({
      api: QB,
      operationId: 'updateDeliveryAccount',
      violations: [],
    });
    expect(
      apis.validateRequest({
        method: 'PUT',
        path: SG_PATH,
        headers: { Authorization: 'Bearer k' },
        body: { offerings: [{ name: 'a', type: 'package', quantity: 3 }] },
      }),
    ).toEqual({
      api: SG,
      operationId: 'updateAccountOfferings',
      violations: [
        { location: 'body', field: 'offerings[0].quantity', message: 'must be 1 when type is package', keyword: 'const' },
      ],
    });
    expect(
      apis.validateRequest({
        method: 'PUT',
        path: QB_PATH,
        headers: { ...QB_AUTH, 'Content-Type': 'application/json' },
        body: '{"volume":-2147483649}',
      }).violations,
    ).toEqual([{ location: 'body', field: 'volume', message: 'must be >= -2147483648', keyword: 'minimum' }]);
    expect(apis.validateRequest({ method: 'GET', path: '/x' })).toEqual({
      api: null,
      operationId: null,
      violations: [{ location: 'route', field: '', message: 'no documented operation matches GET /x', keyword: 'route' }],
    });
  });

  it('handle answers like the server', () => {
    const result = apis.handle({ method: 'PUT', path: QB_PATH, headers: QB_AUTH, body: { payment_method: 'cash' } });
    expect(result.status).toBe(422);
    expect(result.verdict).toBe('invalid');
    expect(validatesAgainstResponse(QB, 'updateDeliveryAccount', '422', result.body)).toEqual([]);
    expect(apis.handle({ method: 'PUT', path: SG_PATH, headers: SG_AUTH, body: { offerings: [] } }).headers).toEqual({
      'x-ratelimit-limit': '600',
      'x-ratelimit-remaining': '599',
      'x-ratelimit-reset': '1767225600',
      'content-type': 'application/json',
    });
  });
});
