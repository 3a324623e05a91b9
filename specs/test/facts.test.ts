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
    expect(ids).toEqual(['10-40000', '10-40100', '10-40300', '10-50000', '10-50200', '10-50300', '10-50400']);
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
