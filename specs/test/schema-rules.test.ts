// Table-driven accept/reject checks of the request schemas on real payloads,
// using the same Ajv 2020 factory the mock server uses.
import { describe, expect, it } from 'vitest';
import { createSpecAjv } from '../lib/ajv.js';
import { loadSpec } from '../lib/index.js';

const sendgrid = loadSpec('sendgrid-provisioning');
const qbox = loadSpec('qboxmail-delivery');
const sgRequest = createSpecAjv(sendgrid).component('UpdateAccountOfferingsRequest');
const sgResponse = createSpecAjv(sendgrid).component('OfferingList');
const sgParam = createSpecAjv(sendgrid).compile(sendgrid.components.parameters.AccountID.schema);
const qbRequest = createSpecAjv(qbox).component('UpdateDeliveryAccountRequest');
const qbResponse = createSpecAjv(qbox).component('DeliveryAccountList');
const qbParam = createSpecAjv(qbox).compile(qbox.components.parameters.DeliveryAccountId.schema);

type Row = [name: string, payload: unknown, valid: boolean, offendingPath?: string];

const pkg = (quantity?: number) => ({ name: 'org.ei.free.v1', type: 'package', ...(quantity === undefined ? {} : { quantity }) });
const addon = (quantity = 1) => ({ name: 'org.mc.basic.v1', type: 'addon', quantity });

const sendgridRows: Row[] = [
  ['seed example: a package with quantity 1 and an add-on', { offerings: [pkg(1), addon(2)] }, true],
  ['a package without quantity', { offerings: [pkg()] }, true],
  ['add-ons only, repeated', { offerings: [addon(1), addon(5), { name: 'org.ip.v1', type: 'addon' }] }, true],
  ['an empty list (removes every offering)', { offerings: [] }, true],
  ['a package with quantity 2', { offerings: [pkg(2)] }, false, '/offerings/0/quantity'],
  ['two packages in one request', { offerings: [pkg(1), { name: 'org.ei.pro.v1', type: 'package' }] }, false, '/offerings'],
  ['an unknown offering type', { offerings: [{ name: 'x', type: 'bundle' }] }, false, '/offerings/0/type'],
  ['type in the wrong case', { offerings: [{ name: 'x', type: 'Package' }] }, false, '/offerings/0/type'],
  ['quantity 0', { offerings: [addon(0)] }, false, '/offerings/0/quantity'],
  ['a fractional quantity', { offerings: [addon(1.5)] }, false, '/offerings/0/quantity'],
  ['a string where an integer is required', { offerings: [{ ...addon(), quantity: '2' }] }, false, '/offerings/0/quantity'],
  ['missing offerings', {}, false, ''],
  ['an offering without name', { offerings: [{ type: 'addon' }] }, false, '/offerings/0'],
  ['an offering without type', { offerings: [{ name: 'x' }] }, false, '/offerings/0'],
  ['an empty name', { offerings: [{ name: '', type: 'addon' }] }, false, '/offerings/0/name'],
  ['an unknown property on an offering', { offerings: [{ ...addon(), price: 3 }] }, false, '/offerings/0'],
  ['an unknown top-level property', { offerings: [], account: 'x' }, false, ''],
  ['offerings not an array', { offerings: pkg(1) }, false, '/offerings'],
];

const qboxRows: Row[] = [
  ['seed example: an empty body', {}, true],
  [
    'every field set',
    {
      description: 'Shop',
      bounce_notification: 'bounces@example.com',
      bounce_notification_to_sender: true,
      domain_codes: ['D123456789'],
      payment_method: 'paypal',
      volume: 3,
      num_messages: 100000,
      override_plan_num_messages: true,
      ignore_suppression_list: false,
      allow_nets: ['10.0.0.0/8'],
    },
    true,
  ],
  ...(['stripe', 'lcwsoftpaypalbillingagreements', 'paypal'].map((m) => [
    `payment method ${m}`,
    { payment_method: m },
    true,
  ]) as Row[]),
  ['volume at the int32 maximum', { volume: 2147483647 }, true],
  ['volume int32 overflow (2147483648)', { volume: 2147483648 }, false, '/volume'],
  ['num_messages int32 underflow', { num_messages: -2147483649 }, false, '/num_messages'],
  ['an unknown payment method', { payment_method: 'bitcoin' }, false, '/payment_method'],
  ['a payment method in the wrong case', { payment_method: 'Stripe' }, false, '/payment_method'],
  ['a string where an integer is required', { volume: '3' }, false, '/volume'],
  ['a fractional volume', { volume: 1.5 }, false, '/volume'],
  ['a bounce notification that is not an email', { bounce_notification: 'not-an-email' }, false, '/bounce_notification'],
  ['a boolean given as a string', { ignore_suppression_list: 'true' }, false, '/ignore_suppression_list'],
  ['domain codes not an array', { domain_codes: 'D123456789' }, false, '/domain_codes'],
  ['allow_nets with a number', { allow_nets: [10] }, false, '/allow_nets/0'],
  ['an unknown property', { name: 'x' }, false, ''],
];

function expectVerdict(validate: any, payload: unknown, valid: boolean, path?: string) {
  const ok = validate(payload);
  expect(ok, JSON.stringify(validate.errors)).toBe(valid);
  if (!valid) expect(validate.errors.map((e: any) => e.instancePath)).toContain(path);
}

describe('SendGrid UpdateAccountOfferingsRequest', () => {
  it.each(sendgridRows)('%s → valid: %s', (_name, payload, valid, path) => expectVerdict(sgRequest, payload, valid, path));
});

describe('Qboxmail UpdateDeliveryAccountRequest', () => {
  it.each(qboxRows)('%s → valid: %s', (_name, payload, valid, path) => expectVerdict(qbRequest, payload, valid, path));
});

describe('path parameters', () => {
  it.each([
    ['sg2a2bcd3ef4ab5c67d8efab91c01de2fa', true],
    ['', false],
    [42, false],
  ])('accountID %j → %s', (value, valid) => expect(sgParam(value)).toBe(valid));

  it.each([
    [1, true],
    [2147483647, true],
    [0, false],
    [-1, false],
    [2147483648, false],
    [1.5, false],
    ['7', false],
  ])('id %j → %s', (value, valid) => expect(qbParam(value)).toBe(valid));
});

describe('response schemas', () => {
  it('accept the seed-shaped Qboxmail response and reject an unknown plan', () => {
    const body = qbox.components.examples.DeliveryAccountList.value;
    expect(qbResponse(body)).toBe(true);
    expect(qbResponse({ ...body, resources: [{ ...body.resources[0], plan: 'yearly' }] })).toBe(false);
    expect(qbResponse({ ...body, resources: [{ ...body.resources[0], type: 'promotional' }] })).toBe(false);
    expect(
      qbResponse({
        resources: [],
        pagination: {
          per: 20,
          page: 1,
          total_pages: 1,
          total_records: 0,
          query: null,
          filter: null,
          status: null,
          sort_field: null,
          sort: null,
        },
      }),
    ).toBe(true);
  });

  it('accept a SendGrid offering list and enforce the package rule on it too', () => {
    expect(sgResponse({ offerings: [pkg(1), addon(3)] })).toBe(true);
    expect(sgResponse({ offerings: [pkg(3)] })).toBe(false);
  });
});
