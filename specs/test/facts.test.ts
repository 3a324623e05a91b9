// Every name, type, enum value, format and status code from ../shared (seeds + facts sheet)
// must be present in the bundled documents.
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../lib/index.js';

const sendgrid = loadSpec('sendgrid-provisioning');
const qbox = loadSpec('qboxmail-delivery');
const sg = sendgrid.components.schemas;
const qb = qbox.components.schemas;

describe('SendGrid Account Provisioning facts', () => {
  const op = sendgrid.paths['/v3/partners/accounts/{accountID}/offerings'].put;

  it('documents the operation, servers and bearer auth', () => {
    expect(op.operationId).toBe('updateAccountOfferings');
    expect(sendgrid.servers.map((s: any) => s.url)).toEqual(['https://api.sendgrid.com', 'https://api.eu.sendgrid.com']);
    expect(sendgrid.components.securitySchemes.BearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(sendgrid.security).toEqual([{ BearerAuth: [] }]);
  });

  it('types accountID as a required non-empty string path parameter', () => {
    expect(sendgrid.components.parameters.AccountID).toMatchObject({
      name: 'accountID',
      in: 'path',
      required: true,
      schema: { type: 'string', minLength: 1 },
    });
  });

  it('models Offering with name, type enum and int64 quantity', () => {
    expect(sg.Offering.required).toEqual(['name', 'type']);
    expect(sg.Offering.properties.name.type).toBe('string');
    expect(sg.OfferingType.enum).toEqual(['package', 'addon']);
    expect(sg.Offering.properties.quantity).toMatchObject({ type: 'integer', format: 'int64', minimum: 1 });
    expect(sg.UpdateAccountOfferingsRequest.required).toEqual(['offerings']);
    expect(op.requestBody.required).toBe(true);
  });

  it('documents every status code with the right body schema', () => {
    expect(Object.keys(op.responses).sort()).toEqual(['200', '400', '401', '403', '429', '500', '502', '503', '504']);
    expect(sg.ErrorItem.required).toEqual(['message', 'field', 'error_id']);
    expect(sg.RateLimitErrorItem.properties.field.type).toBe('null');
    expect(sg.RateLimitErrorItem.properties).not.toHaveProperty('error_id');
    const ids = Object.values<any>(sendgrid.components.examples)
      .flatMap((e) => e.value?.errors ?? [])
      .map((e: any) => e.error_id)
      .filter(Boolean)
      .sort();
    expect(ids).toEqual(['10-40000', '10-40100', '10-40300', '10-40400', '10-50000', '10-50200', '10-50300', '10-50400']);
  });

  it('declares the X-RateLimit-* headers on every response', () => {
    const responses = Object.values<any>(op.responses).map((r) =>
      r.$ref ? sendgrid.components.responses[r.$ref.split('/').pop()] : r,
    );
    for (const response of responses) {
      expect(Object.keys(response.headers).sort()).toEqual(['X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset']);
    }
  });
});

describe('SendGrid companion read operations', () => {
  const path = sendgrid.paths['/v3/partners/accounts/{accountID}/offerings'];
  const catalog = sendgrid.paths['/v3/partners/offerings'];
  const statuses = ['200', '400', '401', '403', '404', '429', '500', '502', '503', '504'];

  it('reads an account with getAccountOfferings: same accountID parameter, OfferingList, no body', () => {
    expect(path.get.operationId).toBe('getAccountOfferings');
    expect(path.parameters).toEqual([{ $ref: '#/components/parameters/AccountID' }]);
    expect(path.get.requestBody).toBeUndefined();
    expect(path.get.parameters).toBeUndefined();
    expect(Object.keys(path.get.responses).sort()).toEqual(statuses);
    expect(path.get.responses['200'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/OfferingList' });
    expect(sendgrid.components.examples.NotFoundError.value.errors).toEqual([
      { message: 'No such endpoint', field: '', error_id: '10-40400' },
    ]);
  });

  it('lists the catalogue with listOfferings: catalog of {offering, entitlements} with four int64 entitlements', () => {
    expect(catalog.get.operationId).toBe('listOfferings');
    expect(catalog.get.parameters).toBeUndefined();
    expect(Object.keys(catalog.get.responses).sort()).toEqual(statuses);
    expect(sg.OfferingCatalog.required).toEqual(['catalog']);
    expect(sg.CatalogEntry.required).toBeUndefined();
    expect(sg.CatalogEntry.properties.offering).toEqual({ $ref: '#/components/schemas/Offering' });
    expect(Object.entries<any>(sg.Entitlements.properties).map(([k, v]) => `${k}:${v.type}/${v.format}`)).toEqual([
      'email_sends_max_monthly:integer/int64',
      'ip_count:integer/int64',
      'teammates_max_total:integer/int64',
      'users_max_total:integer/int64',
    ]);
    expect(sendgrid.components.examples.OfferingCatalog.value).toEqual({
      catalog: [
        {
          offering: { name: 'org.ei.free.v1', type: 'package', quantity: 1 },
          entitlements: { email_sends_max_monthly: 10000, ip_count: 0, teammates_max_total: 0, users_max_total: 0 },
        },
      ],
    });
  });
});

describe('Qboxmail Delivery facts', () => {
  const op = qbox.paths['/api/delivery/accounts/{id}'].put;

  it('documents the operation, servers and X-Api-Token auth', () => {
    expect(op.operationId).toBe('updateDeliveryAccount');
    expect(qbox.servers.map((s: any) => s.url)).toEqual(['https://api.qboxmail.com', 'https://sandbox.qboxmail.com']);
    expect(qbox.components.securitySchemes.api_key).toEqual(
      expect.objectContaining({ type: 'apiKey', in: 'header', name: 'X-Api-Token' }),
    );
    expect(qbox.security).toEqual([{ api_key: [] }]);
  });

  it('types id as an int32 path parameter of at least 1', () => {
    expect(qbox.components.parameters.DeliveryAccountId).toMatchObject({
      name: 'id',
      in: 'path',
      required: true,
      schema: { type: 'integer', format: 'int32', minimum: 1, maximum: 2147483647 },
    });
  });

  it('has the ten optional request fields with their types', () => {
    const props = qb.UpdateDeliveryAccountRequest.properties;
    expect(qb.UpdateDeliveryAccountRequest.required).toBeUndefined();
    expect(Object.keys(props)).toEqual([
      'description',
      'bounce_notification',
      'bounce_notification_to_sender',
      'domain_codes',
      'payment_method',
      'volume',
      'num_messages',
      'override_plan_num_messages',
      'ignore_suppression_list',
      'allow_nets',
    ]);
    expect(props.bounce_notification).toMatchObject({ type: 'string', format: 'email' });
    expect(props.volume.format).toBe('int32');
    expect(props.num_messages.format).toBe('int32');
    expect(props.domain_codes.items.type).toBe('string');
    expect(props.allow_nets.items.type).toBe('string');
    expect(qb.PaymentMethod.enum).toEqual(['stripe', 'lcwsoftpaypalbillingagreements', 'paypal']);
    expect(Object.keys(qb.PaymentMethod['x-enumDescriptions'])).toEqual(qb.PaymentMethod.enum);
  });

  it('models DeliveryAccount with exactly the 37 published fields and types', () => {
    const props = qb.DeliveryAccount.properties;
    expect(Object.keys(props)).toHaveLength(37);
    expect(props.status.type).toBe('integer');
    expect(qb.DeliveryAccountType.enum).toEqual(['transactional', 'newsletter']);
    expect(qb.DeliveryPlan.enum).toEqual(['free', 'prepaid', 'monthly']);
    const strings = Object.entries<any>(props)
      .filter(([, s]) => s.type === 'string')
      .map(([k]) => k);
    expect(strings).toHaveLength(34);
    expect(Object.keys(qb.Pagination.properties)).toEqual([
      'per',
      'page',
      'total_pages',
      'total_records',
      'query',
      'filter',
      'status',
      'sort_field',
      'sort',
    ]);
  });

  it('documents 200, 401, 403, 404, 422 and 500 with the shared error envelope', () => {
    expect(Object.keys(op.responses).sort()).toEqual(['200', '401', '403', '404', '422', '500']);
    expect(qb.ErrorEnvelope.required).toEqual(['message', 'errors']);
    expect(qb.ValidationErrorItem.required).toEqual(['field', 'description']);
    const messages = ['Unauthorized', 'Forbidden', 'NotFound', 'ValidationFailed'].map(
      (n) => qbox.components.examples[`${n}Error`].value.message,
    );
    expect(messages).toEqual(['Unauthorized', 'Forbidden', 'Not found', 'Validation failed']);
  });
});

describe('Qboxmail companion read operations', () => {
  const one = qbox.paths['/api/delivery/accounts/{id}'];
  const list = qbox.paths['/api/delivery/accounts'].get;
  const statuses = ['200', '401', '403', '404', '422', '500'];

  it('reads one account with getDeliveryAccount: the int32 id, the list envelope, an empty pagination', () => {
    expect(one.get.operationId).toBe('getDeliveryAccount');
    expect(one.parameters).toEqual([{ $ref: '#/components/parameters/DeliveryAccountId' }]);
    expect(Object.keys(one.get.responses).sort()).toEqual(statuses);
    const example = qbox.components.examples.DeliveryAccount.value;
    expect(Object.keys(example.resources[0])).toHaveLength(37);
    expect(Object.keys(example.resources[0]).sort()).toEqual(Object.keys(qb.DeliveryAccount.properties).sort());
    expect(example.pagination).toEqual({});
  });

  it('lists accounts with listDeliveryAccounts and its ten documented query parameters', () => {
    expect(list.operationId).toBe('listDeliveryAccounts');
    expect(Object.keys(list.responses).sort()).toEqual(statuses);
    const params = list.parameters.map((p: any) => qbox.components.parameters[p.$ref.split('/').pop()]);
    expect(
      params.map((p: any) => `${p.name}:${p.in}:${p.required}:${p.schema.type}${p.schema.format ? `/${p.schema.format}` : ''}`),
    ).toEqual([
      'page:query:false:integer/int32',
      'per:query:false:integer/int32',
      'query:query:false:string',
      'with_domains:query:false:string',
      'ids:query:false:string',
      'status:query:false:string',
      'type:query:false:string',
      'plan:query:false:string',
      'plan_messages_from:query:false:integer/int32',
      'plan_messages_to:query:false:integer/int32',
    ]);
    const byName = Object.fromEntries(params.map((p: any) => [p.name, p.schema]));
    // No maximum page size is documented, so only the int32 range bounds `per`.
    expect(byName.page).toEqual({ type: 'integer', format: 'int32', minimum: 1, maximum: 2147483647, default: 1 });
    expect(byName.per).toEqual({ type: 'integer', format: 'int32', minimum: 1, maximum: 2147483647, default: 25 });
    expect(byName.status.enum).toEqual(['all', 'enabled', 'wait_pay', 'disabled', 'blocked']);
    expect(byName.type.enum).toEqual(['transactional', 'newsletter', 'promotional']);
    expect(byName.plan.enum).toEqual(['free', 'prepaid', 'monthly']);
    expect(qbox.components.examples.DeliveryAccountPage.value.pagination).toEqual({
      per: 25,
      page: 1,
      total_pages: 1,
      total_records: 2,
      query: null,
      filter: null,
      status: null,
      sort_field: null,
      sort: null,
    });
  });
});
