// Stateful mode: resources seeded from the examples, changed only by valid writes, every stored
// value and answer validated; /__mock/reset and /__mock/state; bounds.
import { describe, expect, it } from 'vitest';
import { loadMockApis, type MockServer, type StartMockOptions, startMock } from '../src/index.ts';
import {
  copyOf,
  docs,
  firstExample,
  putQboxmail,
  putSendgrid,
  QB,
  QB_AUTH,
  responseOf,
  SG,
  SG_AUTH,
  SG_PATH,
  send,
  useMock,
  validatesAgainstResponse,
  withServer,
} from './helpers.ts';

const SG_ACCOUNT = 'sg2a2bcd3ef4ab5c67d8efab91c01de2fa';
const ACCOUNTS = '/api/delivery/accounts';
const ctx = useMock({ stateful: true });

/** The accounts of the list example, which seed the stateful mock. */
const seededAccounts = (firstExample(QB, responseOf(QB, 'listDeliveryAccounts', '200')) as any).resources as any[];

const getSendgrid = (mock: MockServer, account: string) =>
  send(mock, 'GET', `/v3/partners/accounts/${account}/offerings`, { headers: SG_AUTH });
const getQboxmail = (mock: MockServer, path: string) => send(mock, 'GET', path, { headers: QB_AUTH });

const withMock = (options: StartMockOptions, run: (mock: MockServer, lines: string[]) => Promise<void>) =>
  withServer({ stateful: true, ...options }, run);

describe('SendGrid offerings', () => {
  it('seeds the account of the examples and answers 404 for any other', async () => {
    const seeded = await getSendgrid(ctx.mock, SG_ACCOUNT);
    expect(seeded.status).toBe(200);
    expect(seeded.body).toEqual(firstExample(SG, responseOf(SG, 'getAccountOfferings', '200')));
    expect(seeded.headers.get('x-ratelimit-limit')).toBe('600');
    const missing = await getSendgrid(ctx.mock, 'sg-never-written');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual(firstExample(SG, responseOf(SG, 'getAccountOfferings', '404')));
    expect(ctx.lines[1]).toBe(
      'GET /v3/partners/accounts/sg-never-written/offerings -> 404 not found (no accountOfferings "sg-never-written") (sendgrid-provisioning getAccountOfferings)',
    );
  });

  it('PUT replaces the whole list and the next GET returns it; an invalid PUT changes nothing', async () => {
    const first = { offerings: [{ name: 'org.ei.pro.v1', type: 'package', quantity: 1 }] };
    const put = await putSendgrid(ctx.mock, first, {}, '/v3/partners/accounts/sg-new/offerings');
    expect(put.status).toBe(200);
    expect(put.body).toEqual(first);
    const second = { offerings: [{ name: 'org.dedicated_ip.v1', type: 'addon', quantity: 2 }] };
    await putSendgrid(ctx.mock, second, {}, '/v3/partners/accounts/sg-new/offerings');
    const invalid = await putSendgrid(
      ctx.mock,
      {
        offerings: [
          { name: 'a', type: 'package' },
          { name: 'b', type: 'package' },
        ],
      },
      {},
      '/v3/partners/accounts/sg-new/offerings',
    );
    expect(invalid.status).toBe(400);
    expect((await getSendgrid(ctx.mock, 'sg-new')).body).toEqual(second);
    expect(ctx.mock.state()[SG]!.accountOfferings!['sg-new']).toEqual(second);
  });

  it('the catalogue is the example, in both modes', async () => {
    const answer = await send(ctx.mock, 'GET', '/v3/partners/offerings', { headers: SG_AUTH });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual(firstExample(SG, responseOf(SG, 'listOfferings', '200')));
  });

  it('Prefer answers the documented response and leaves the state alone', async () => {
    const answer = await putSendgrid(ctx.mock, { offerings: [] }, { prefer: 'code=200' });
    expect(answer.body).toEqual(firstExample(SG, responseOf(SG, 'updateAccountOfferings', '200')));
    expect((await getSendgrid(ctx.mock, SG_ACCOUNT)).body).toEqual(
      firstExample(SG, responseOf(SG, 'getAccountOfferings', '200')),
    );
    const limited = await getSendgrid(ctx.mock, 'sg-never-written').then(() =>
      send(ctx.mock, 'GET', `/v3/partners/accounts/${SG_ACCOUNT}/offerings`, { headers: { ...SG_AUTH, prefer: 'code=429' } }),
    );
    expect(limited.status).toBe(429);
  });
});

describe('Qboxmail accounts', () => {
  it('GET returns a seeded account in the envelope, 404 when absent', async () => {
    const answer = await getQboxmail(ctx.mock, `${ACCOUNTS}/1043`);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ resources: [seededAccounts[1]], pagination: {} });
    expect(validatesAgainstResponse(QB, 'getDeliveryAccount', '200', answer.body)).toEqual([]);
    const missing = await getQboxmail(ctx.mock, `${ACCOUNTS}/77`);
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual(firstExample(QB, responseOf(QB, 'getDeliveryAccount', '404')));
  });

  it('PUT changes only the fields sent, mapped as the extension says; 404 for an unknown account', async () => {
    const body = {
      description: 'Changed',
      domain_codes: ['D1', 'D2', 'D3'],
      bounce_notification_to_sender: true,
      num_messages: 7,
      allow_nets: ['10.0.0.1', '10.0.0.0/8'],
      payment_method: 'paypal',
      volume: 3,
    };
    const put = await putQboxmail(ctx.mock, body, {}, `${ACCOUNTS}/01042`);
    expect(put.status).toBe(200);
    const expected = {
      ...seededAccounts[0],
      description: 'Changed',
      domains: 'D1, D2, D3',
      domains_count: '3',
      bounce_notification_to_sender: 'true',
      num_messages: '7',
      allow_nets: '10.0.0.1, 10.0.0.0/8',
    };
    expect(put.body).toEqual({ resources: [expected], pagination: {} });
    expect((await getQboxmail(ctx.mock, `${ACCOUNTS}/1042`)).body.resources).toEqual([expected]);
    const unknown = await putQboxmail(ctx.mock, { description: 'x' }, {}, `${ACCOUNTS}/99`);
    expect(unknown.status).toBe(404);
    expect(Object.keys(ctx.mock.state()[QB]!.accounts!)).toEqual(['1042', '1043']);
  });

  it('lists with page/per, filters status/type/plan/ids/query and fills pagination', async () => {
    const all = await getQboxmail(ctx.mock, ACCOUNTS);
    // Seeded from that example, the unfiltered list is the example itself.
    expect(all.body).toEqual(firstExample(QB, responseOf(QB, 'listDeliveryAccounts', '200')));
    const second = await getQboxmail(ctx.mock, `${ACCOUNTS}?per=1&page=2&status=enabled`);
    expect(second.body.resources).toEqual([seededAccounts[1]]);
    expect(second.body.pagination).toMatchObject({ per: 1, page: 2, total_pages: 2, total_records: 2, status: 'enabled' });
    const cases: [string, string[]][] = [
      ['type=promotional', ['1043']],
      ['type=transactional', ['1042']],
      ['plan=prepaid', ['1043']],
      ['status=disabled', []],
      ['status=all', ['1042', '1043']],
      ['ids=1043,999', ['1043']],
      ['query=NEWSLETTER', ['1043']],
      ['page=3&per=1', []],
    ];
    for (const [query, ids] of cases) {
      const answer = await getQboxmail(ctx.mock, `${ACCOUNTS}?${query}`);
      expect(answer.status, query).toBe(200);
      expect(
        answer.body.resources.map((a: any) => a.id),
        query,
      ).toEqual(ids);
      expect(validatesAgainstResponse(QB, 'listDeliveryAccounts', '200', answer.body)).toEqual([]);
    }
    expect((await getQboxmail(ctx.mock, `${ACCOUNTS}?query=web`)).body.pagination.query).toBe('web');
  });
});

describe('the mock never serves a value the spec forbids', () => {
  it('a merge that would make an invalid account is a 500, logged, and nothing is stored', async () => {
    const doc = copyOf(QB);
    // A deliberately wrong mapping: the text description onto the integer status.
    doc.paths['/api/delivery/accounts/{id}'].put['x-mailapis-mock'].fields.description = 'status';
    await withMock({ apis: [QB], documents: { [QB]: doc } }, async (mock, lines) => {
      const answer = await putQboxmail(mock, { description: 'oops' }, {}, `${ACCOUNTS}/1042`);
      expect(answer.status).toBe(500);
      expect(answer.body).toEqual(firstExample(QB, responseOf(QB, 'updateDeliveryAccount', '500')));
      expect(lines.at(-1)).toBe(
        'PUT /api/delivery/accounts/1042 -> 500 refused to serve a value the spec forbids (qboxmail-delivery updateDeliveryAccount): qboxmail-delivery updateDeliveryAccount would store an invalid accounts "1042" (not stored): /status must be integer',
      );
      expect(mock.requests.at(-1)!.error).toContain('/status must be integer');
      expect((mock.state()[QB]!.accounts!['1042'] as any).status).toBe(1);
    });
  });

  it('an answer that would not match the response schema is a 500', async () => {
    const doc = copyOf(QB);
    // The list envelope requires `pagination`; point the pagination writer somewhere that breaks the answer.
    doc.components.schemas.Pagination.properties.total_records = { type: 'string', description: 'broken on purpose' };
    await withMock({ apis: [QB], documents: { [QB]: doc } }, async (mock, lines) => {
      const answer = await getQboxmail(mock, ACCOUNTS);
      expect(answer.status).toBe(500);
      expect(lines.at(-1)).toBe(
        'GET /api/delivery/accounts -> 500 refused to serve a value the spec forbids (qboxmail-delivery listDeliveryAccounts): the 200 answer of qboxmail-delivery listDeliveryAccounts does not match its response schema: /pagination/total_records must be string',
      );
    });
  });

  it('a seed value that does not match its schema is refused at startup', async () => {
    await expect(
      startMock({ port: 0, stateful: true, seed: { [QB]: { accounts: { '5': { id: '5', status: 'on' } } } } }),
    ).rejects.toThrow('seed: qboxmail-delivery accounts "5" does not match its schema: /status must be integer');
    expect(() => loadMockApis({ stateful: true, seed: { [QB]: { nope: {} } } })).toThrow(
      'seed: there is no resource "nope" in qboxmail-delivery (stateful resources: qboxmail-delivery accounts, sendgrid-provisioning accountOfferings)',
    );
  });
});

describe('extension data is checked at startup', () => {
  it.each([
    [
      (op: any) => (op.action = 'patch'),
      'x-mailapis-mock of qboxmail-delivery updateDeliveryAccount.action must be one of read, list, replace, merge',
    ],
    [
      (op: any) => (op.key = 'accountId'),
      'x-mailapis-mock of qboxmail-delivery updateDeliveryAccount.key: "accountId" is not a path parameter of the operation',
    ],
    [
      (op: any) => delete op.fields.volume,
      'x-mailapis-mock of qboxmail-delivery updateDeliveryAccount.fields must list every request field (use [] for one that is not stored); missing: volume',
    ],
    [
      (op: any) => (op.fields.volume = 'volumes'),
      'x-mailapis-mock of qboxmail-delivery updateDeliveryAccount.fields.volume: the resource schema has no property "volumes"',
    ],
    [
      (op: any) => (op.at = '/accounts'),
      'x-mailapis-mock of qboxmail-delivery updateDeliveryAccount.at: the schema has no property "accounts"',
    ],
  ])('%#: %s', (change, message) => {
    const doc = copyOf(QB);
    change(doc.paths['/api/delivery/accounts/{id}'].put['x-mailapis-mock']);
    expect(() => loadMockApis({ apis: [QB], documents: { [QB]: doc }, stateful: true })).toThrow(message);
    // Stateless mode does not read the extension.
    expect(() => loadMockApis({ apis: [QB], documents: { [QB]: doc } })).not.toThrow();
  });

  it('no spec path may collide with /__mock', () => {
    const doc = copyOf(QB);
    doc.paths['/__mock/{what}'] = doc.paths['/api/delivery/accounts/{id}'];
    expect(() => loadMockApis({ apis: [QB], documents: { [QB]: doc } })).toThrow(
      "qboxmail-delivery documents /__mock/{what}, which collides with the mock's own /__mock endpoints",
    );
  });
});

describe('/__mock endpoints and reset()', () => {
  it('GET /__mock/state dumps the resources; POST /__mock/reset and reset() restore the seed', async () => {
    await putSendgrid(ctx.mock, { offerings: [] }, {}, '/v3/partners/accounts/sg-tmp/offerings');
    const state = await send(ctx.mock, 'GET', '/__mock/state');
    expect(state.status).toBe(200);
    expect(state.body.stateful).toBe(true);
    expect(state.body.resources[SG].accountOfferings['sg-tmp']).toEqual({ offerings: [] });
    expect(Object.keys(state.body.resources[QB].accounts)).toEqual(['1042', '1043']);
    const reset = await send(ctx.mock, 'POST', '/__mock/reset');
    expect(reset.status).toBe(204);
    expect(ctx.mock.requests).toEqual([]);
    expect(Object.keys(ctx.mock.state()[SG]!.accountOfferings!)).toEqual([SG_ACCOUNT]);
    await putSendgrid(ctx.mock, { offerings: [] }, {}, '/v3/partners/accounts/sg-tmp/offerings');
    ctx.mock.reset();
    expect(Object.keys(ctx.mock.state()[SG]!.accountOfferings!)).toEqual([SG_ACCOUNT]);
  });

  it('other methods are 405, other paths 404; the stateless state is empty', async () => {
    const wrong = await send(ctx.mock, 'GET', '/__mock/reset');
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('POST');
    expect((await send(ctx.mock, 'GET', '/__mock/nope')).body).toEqual({
      mockError: 'no mock endpoint /__mock/nope',
      endpoints: ['POST /__mock/reset', 'GET /__mock/state'],
    });
    await withMock({ stateful: false }, async (mock) => {
      expect((await send(mock, 'GET', '/__mock/state')).body).toEqual({ stateful: false, resources: {} });
    });
  });
});

describe('bounds', () => {
  it('a collection holds at most maxResources; one more is a 507 and nothing is stored', async () => {
    await withMock({ apis: [SG], maxResources: 2 }, async (mock, lines) => {
      expect((await putSendgrid(mock, { offerings: [] }, {}, '/v3/partners/accounts/a/offerings')).status).toBe(200);
      const full = await putSendgrid(mock, { offerings: [] }, {}, '/v3/partners/accounts/b/offerings');
      expect(full.status).toBe(507);
      expect(full.body.mockError).toBe(
        'sendgrid-provisioning accountOfferings already holds the maximum of 2 resources (option maxResources); POST /__mock/reset or raise the limit',
      );
      expect(lines.at(-1)).toContain('-> 507 collection full');
      // Replacing one that exists is still fine.
      expect((await putSendgrid(mock, { offerings: [] }, {}, '/v3/partners/accounts/a/offerings')).status).toBe(200);
      expect(Object.keys(mock.state()[SG]!.accountOfferings!)).toEqual([SG_ACCOUNT, 'a']);
    });
    await expect(startMock({ port: 0, stateful: true, maxResources: 1 })).rejects.toThrow(
      'more than 1 qboxmail-delivery accounts (option maxResources)',
    );
  });

  it('a body over maxBodyBytes is a 413, by Content-Length or by counting', async () => {
    await withMock({ maxBodyBytes: 64 }, async (mock, lines) => {
      const big = { offerings: [{ name: 'x'.repeat(100), type: 'addon' }] };
      const answer = await putSendgrid(mock, big);
      expect(answer.status).toBe(413);
      expect(answer.body).toEqual({ mockError: 'request body exceeds 64 bytes' });
      expect(lines).toEqual([`PUT ${SG_PATH} -> 413 too large`]);
      expect((await putSendgrid(mock, { offerings: [] })).status).toBe(200);
    });
  });

  it('the request log is a ring of requestLogSize entries, oldest dropped first', async () => {
    await withMock({ stateful: false, requestLogSize: 3 }, async (mock) => {
      for (let i = 0; i < 5; i++) await send(mock, 'GET', `/nope/${i}`);
      expect(mock.requests.map((r) => r.path)).toEqual(['/nope/2', '/nope/3', '/nope/4']);
      expect(mock.violations()).toHaveLength(3);
    });
    await expect(startMock({ port: 0, requestLogSize: -1 })).rejects.toThrow('requestLogSize must be an integer >= 0, got -1');
  });

  it('the documents used here still declare what these tests rely on', () => {
    expect(docs[QB]!.paths[ACCOUNTS].get['x-mailapis-mock'].resource).toBe('accounts');
    expect(seededAccounts.map((a) => a.id)).toEqual(['1042', '1043']);
  });
});
