/**
 * The real clients against the stateful mock (`startMock({ stateful: true })`) over loopback HTTP:
 * a read-modify-write scenario per API, a walk over three pages of seeded accounts with the
 * pagination iterator, and a model-based property test (fast-check, fixed seed) that interleaves
 * random valid and invalid writes with reads and checks the mock against a simple model: the last
 * valid write wins, an invalid write changes nothing.
 */
import { type MockServer, startMock } from '@mailapis/mock';
import {
  createQboxmailDeliveryClient,
  type DeliveryAccount,
  ApiError as QboxmailApiError,
} from '@mailapis/qboxmail-delivery-client';
import { createSendGridProvisioningClient, type Offering, RequestValidationError } from '@mailapis/sendgrid-provisioning-client';
import { loadSpec } from '@mailapis/specs';
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

const SG = 'sendgrid-provisioning';
const QB = 'qboxmail-delivery';
const SEED = 20_261_202;
/** The account of the Qboxmail examples, copied to make the seeded accounts. */
const template = (loadSpec(QB) as any).components.examples.DeliveryAccount.value.resources[0] as DeliveryAccount;
/** Seven accounts: three pages of three (3, 3, 1). */
const PER = 3;
const ACCOUNT_IDS = [2001, 2002, 2003, 2004, 2005, 2006, 2007];
const seededAccount = (id: number): DeliveryAccount => ({
  ...template,
  id: String(id),
  username: `delivery-${id}`,
  type: id % 2 === 0 ? 'newsletter' : 'transactional',
});

let mock: MockServer;
const sendgrid = () => createSendGridProvisioningClient({ apiKey: 'SG.contract-test', baseUrl: mock.url, maxRetries: 0 });
const qboxmail = () => createQboxmailDeliveryClient({ apiToken: 'qbox-contract-test', baseUrl: mock.url, maxRetries: 0 });

beforeAll(async () => {
  mock = await startMock({
    port: 0,
    stateful: true,
    seed: { [QB]: { accounts: Object.fromEntries(ACCOUNT_IDS.map((id) => [String(id), seededAccount(id)])) } },
  });
});
afterAll(() => mock?.close());
beforeEach(() => mock.reset());

/** The account the SendGrid examples seed (the accountID parameter's example). */
const sendgridAccount = () => Object.keys(mock.state()[SG]!.accountOfferings!)[0]!;
const writes = () => mock.requests.filter((r) => r.method === 'PUT');

describe('SendGrid: modifyAccountOfferings against the stateful mock', () => {
  const addon: Offering = { name: 'org.mc.basic.v1', type: 'addon', quantity: 1 };

  it('adds an add-on; a following getAccountOfferings returns the merged list', async () => {
    const client = sendgrid();
    const account = sendgridAccount();
    const before = await client.getAccountOfferings(account);
    expect(before.offerings).toEqual([{ name: 'org.ei.free.v1', type: 'package', quantity: 1 }]);
    const written = await client.modifyAccountOfferings(account, (current) => [...current, addon]);
    expect(written).toEqual({ offerings: [...before.offerings, addon] });
    expect(await client.getAccountOfferings(account)).toEqual({ offerings: [...before.offerings, addon] });
    expect(mock.requests.map((r) => `${r.method} ${r.status} ${r.operationId}`)).toEqual([
      'GET 200 getAccountOfferings',
      'GET 200 getAccountOfferings',
      'PUT 200 updateAccountOfferings',
      'GET 200 getAccountOfferings',
    ]);
  });

  it('a second package is refused locally and the stored list is unchanged', async () => {
    const client = sendgrid();
    const account = sendgridAccount();
    await client.modifyAccountOfferings(account, (current) => [...current, addon]);
    const stored = await client.getAccountOfferings(account);
    const refused = client.modifyAccountOfferings(account, (current) => [
      ...current,
      { name: 'org.ei.pro.v1', type: 'package', quantity: 1 },
    ]);
    await expect(refused).rejects.toBeInstanceOf(RequestValidationError);
    await expect(refused).rejects.toMatchObject({ parameter: 'offerings' });
    expect(writes()).toHaveLength(1);
    expect(await client.getAccountOfferings(account)).toEqual(stored);
  });

  it('an account never written is a 404 ApiError', async () => {
    await expect(sendgrid().getAccountOfferings('sg-never-written')).rejects.toMatchObject({ name: 'ApiError', status: 404 });
  });
});

describe('Qboxmail: three pages of seeded accounts', () => {
  it('listDeliveryAccounts.all() walks every page once, in order', async () => {
    const seen: string[] = [];
    for await (const account of qboxmail().listDeliveryAccounts.all({ per: PER })) seen.push(account.id!);
    expect(seen).toEqual(ACCOUNT_IDS.map(String));
    expect(mock.requests.map((r) => r.path)).toEqual([
      '/api/delivery/accounts?per=3',
      '/api/delivery/accounts?page=2&per=3',
      '/api/delivery/accounts?page=3&per=3',
    ]);
  });

  it('the filters narrow the walk and pagination counts what they keep', async () => {
    const client = qboxmail();
    const seen: string[] = [];
    for await (const account of client.listDeliveryAccounts.all({ per: 2, type: 'promotional', status: 'enabled' }))
      seen.push(account.id!);
    expect(seen).toEqual(['2002', '2004', '2006']);
    const page = await client.listDeliveryAccounts({ per: 2, page: 2, type: 'newsletter' });
    expect(page.pagination).toMatchObject({ per: 2, page: 2, total_pages: 2, total_records: 3 });
    expect(page.resources.map((a) => a.id)).toEqual(['2006']);
  });

  it('updateDeliveryAccount changes only the fields sent; getDeliveryAccount reads it back', async () => {
    const client = qboxmail();
    const changed = await client.updateDeliveryAccount(2005, {
      description: 'Renamed by the contract suite',
      domain_codes: ['D111', 'D222'],
      ignore_suppression_list: true,
      volume: 2,
    });
    const expected: DeliveryAccount = {
      ...seededAccount(2005),
      description: 'Renamed by the contract suite',
      domains: 'D111, D222',
      domains_count: '2',
      ignore_suppression_list: 'true',
    };
    expect(changed.resources).toEqual([expected]);
    expect(await client.getDeliveryAccount(2005)).toEqual({ resources: [expected], pagination: {} });
    expect((await client.getDeliveryAccount(2004)).resources).toEqual([seededAccount(2004)]);
  });

  it('an unknown account is a 404 for reads and writes, and nothing is created', async () => {
    const client = qboxmail();
    await expect(client.getDeliveryAccount(9999)).rejects.toBeInstanceOf(QboxmailApiError);
    await expect(client.updateDeliveryAccount(9999, { description: 'x' })).rejects.toMatchObject({ status: 404 });
    expect(Object.keys(mock.state()[QB]!.accounts!)).toEqual(ACCOUNT_IDS.map(String));
  });
});

// ---- the model-based property test ----

const offeringName = fc.constantFrom('org.ei.free.v1', 'org.ei.pro.v1', 'org.mc.basic.v1', 'org.dedicated_ip.v1');
const addonOffering = fc.record({
  name: offeringName,
  type: fc.constant('addon' as const),
  quantity: fc.integer({ min: 1, max: 5 }),
});
const packageOffering = fc.record({ name: offeringName, type: fc.constant('package' as const), quantity: fc.constant(1) });
/** At most one package, quantity 1; any add-ons. */
const validOfferings = fc
  .tuple(fc.option(packageOffering, { nil: undefined }), fc.array(addonOffering, { maxLength: 3 }))
  .map(([pkg, addons]) => (pkg ? [pkg, ...addons] : addons));
/** Each breaks one rule of the request schema. */
const invalidOfferings = fc.oneof(
  fc.tuple(packageOffering, packageOffering).map(([a, b]) => [a, b]),
  packageOffering.map((p) => [{ ...p, quantity: 2 }]),
  addonOffering.map((a) => [{ ...a, quantity: 0 }]),
  addonOffering.map((a) => [{ ...a, type: 'bundle' }]),
);
const sgAccount = fc.constantFrom('sg-a', 'sg-b', 'sg-c');
const qbAccount = fc.constantFrom(2001, 2002, 2003, 9999);
/** Fields whose stored form is the simple rule of the model below. */
const validChange = fc.record(
  {
    description: fc.string({ maxLength: 12 }),
    bounce_notification: fc.constantFrom('a@example.com', 'bounces@shop.example.com'),
    ignore_suppression_list: fc.boolean(),
    allow_nets: fc.array(fc.constantFrom('203.0.113.10', '198.51.100.0/24', '10.0.0.1'), { maxLength: 3 }),
  },
  { requiredKeys: [] },
);
const invalidChange = fc.oneof(
  fc.constant({ bounce_notification: 'not-an-email' }),
  fc.constant({ volume: 2_147_483_648 }),
  fc.constant({ description: 42 }),
  fc.constant({ unknown_field: true }),
);

type Command =
  | { kind: 'sg-write'; account: string; offerings: unknown[]; valid: boolean }
  | { kind: 'sg-read'; account: string }
  | { kind: 'qb-write'; id: number; change: Record<string, unknown>; valid: boolean }
  | { kind: 'qb-read'; id: number };

const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({ kind: fc.constant('sg-write' as const), account: sgAccount, offerings: validOfferings, valid: fc.constant(true) }),
  fc.record({
    kind: fc.constant('sg-write' as const),
    account: sgAccount,
    offerings: invalidOfferings,
    valid: fc.constant(false),
  }),
  fc.record({ kind: fc.constant('sg-read' as const), account: sgAccount }),
  fc.record({ kind: fc.constant('qb-write' as const), id: qbAccount, change: validChange, valid: fc.constant(true) }),
  fc.record({ kind: fc.constant('qb-write' as const), id: qbAccount, change: invalidChange, valid: fc.constant(false) }),
  fc.record({ kind: fc.constant('qb-read' as const), id: qbAccount }),
);

/** The model's rule for the Qboxmail fields the test writes: text as sent, a boolean as text, a list joined with ", ". */
function applyChange(account: DeliveryAccount, change: Record<string, unknown>): DeliveryAccount {
  const next: Record<string, unknown> = { ...account };
  for (const [name, value] of Object.entries(change)) {
    next[name] = Array.isArray(value) ? value.join(', ') : typeof value === 'boolean' ? String(value) : value;
  }
  return next as DeliveryAccount;
}

/** Sends a body the client would refuse locally straight to the mock, which must refuse it too. */
async function sendRaw(method: string, path: string, headers: Record<string, string>, body: unknown): Promise<number> {
  const response = await fetch(mock.url + path, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(5000),
  });
  await response.arrayBuffer();
  return response.status;
}

describe('model-based property: the last valid write wins, an invalid write changes nothing', () => {
  it('holds for random interleavings of writes and reads (fixed seed, bounded runs)', async () => {
    const sg = sendgrid();
    const qb = qboxmail();
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 12 }), async (commands) => {
        mock.reset();
        const offerings = new Map<string, unknown[]>();
        const accounts = new Map(ACCOUNT_IDS.map((id) => [id, seededAccount(id)]));
        for (const c of commands) {
          if (c.kind === 'sg-write' && c.valid) {
            expect(await sg.updateAccountOfferings(c.account, { offerings: c.offerings as Offering[] })).toEqual({
              offerings: c.offerings,
            });
            offerings.set(c.account, c.offerings);
          } else if (c.kind === 'sg-write') {
            const path = `/v3/partners/accounts/${c.account}/offerings`;
            expect(await sendRaw('PUT', path, { authorization: 'Bearer SG.contract-test' }, { offerings: c.offerings })).toBe(
              400,
            );
          } else if (c.kind === 'sg-read') {
            const stored = offerings.get(c.account);
            const read = sg.getAccountOfferings(c.account);
            if (stored === undefined) await expect(read).rejects.toMatchObject({ status: 404 });
            else expect(await read).toEqual({ offerings: stored });
          } else if (c.kind === 'qb-write') {
            const current = accounts.get(c.id);
            if (!c.valid) {
              const status = await sendRaw(
                'PUT',
                `/api/delivery/accounts/${c.id}`,
                { 'x-api-token': 'qbox-contract-test' },
                c.change,
              );
              expect(status).toBe(422);
            } else if (current === undefined) {
              await expect(qb.updateDeliveryAccount(c.id, c.change)).rejects.toMatchObject({ status: 404 });
            } else {
              const next = applyChange(current, c.change);
              expect((await qb.updateDeliveryAccount(c.id, c.change)).resources).toEqual([next]);
              accounts.set(c.id, next);
            }
          } else {
            const stored = accounts.get(c.id);
            const read = qb.getDeliveryAccount(c.id);
            if (stored === undefined) await expect(read).rejects.toMatchObject({ status: 404 });
            else expect((await read).resources).toEqual([stored]);
          }
        }
        // The whole state agrees with the model too.
        const state = mock.state();
        expect(Object.fromEntries(Object.entries(state[SG]!.accountOfferings!).filter(([key]) => offerings.has(key)))).toEqual(
          Object.fromEntries([...offerings].map(([key, list]) => [key, { offerings: list }])),
        );
        expect(state[QB]!.accounts).toEqual(Object.fromEntries([...accounts].map(([id, a]) => [String(id), a])));
      }),
      { seed: SEED, numRuns: 40, endOnFailure: true },
    );
  }, 30_000);
});
