// Compile-time checks (enforced by `tsc --noEmit` in lint) plus a runtime smoke check.
import type { DeliveryAccountList, ErrorEnvelope, UpdateDeliveryAccountRequest } from '@mailapis/qboxmail-delivery-types';
import { describe, expectTypeOf, it } from 'vitest';
import type {
  createQboxmailDeliveryClient,
  QboxmailEnvironment,
  UpdateDeliveryAccountBody,
  UpdateDeliveryAccountError,
  UpdateDeliveryAccountErrorBody,
  UpdateDeliveryAccountResult,
} from '../src/index.ts';

type Client = ReturnType<typeof createQboxmailDeliveryClient>;

describe('types come from the generated spec types', () => {
  it('request, result and error bodies', () => {
    expectTypeOf<UpdateDeliveryAccountBody>().toEqualTypeOf<UpdateDeliveryAccountRequest>();
    expectTypeOf<UpdateDeliveryAccountResult>().toEqualTypeOf<DeliveryAccountList>();
    expectTypeOf<UpdateDeliveryAccountErrorBody>().toEqualTypeOf<ErrorEnvelope>();
    expectTypeOf<UpdateDeliveryAccountError['body']>().toEqualTypeOf<ErrorEnvelope | string>();
    expectTypeOf<QboxmailEnvironment>().toEqualTypeOf<'production' | 'sandbox'>();
    expectTypeOf<Client['updateDeliveryAccount']>().returns.resolves.toEqualTypeOf<DeliveryAccountList>();
    expectTypeOf<Client['updateDeliveryAccount']>().parameter(0).toEqualTypeOf<number>();
  });
});
