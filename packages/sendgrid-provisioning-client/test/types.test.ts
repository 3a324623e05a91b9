// Compile-time checks (enforced by `tsc --noEmit` in lint) plus a runtime smoke check.
import type {
  ErrorResponse,
  OfferingList,
  RateLimitErrorResponse,
  UpdateAccountOfferingsRequest,
} from '@mailapis/sendgrid-provisioning-types';
import { describe, expectTypeOf, it } from 'vitest';
import type {
  createSendGridProvisioningClient,
  SendGridRegion,
  UpdateAccountOfferingsBody,
  UpdateAccountOfferingsError,
  UpdateAccountOfferingsErrorBody,
  UpdateAccountOfferingsResult,
} from '../src/index.ts';

type Client = ReturnType<typeof createSendGridProvisioningClient>;

describe('types come from the generated spec types', () => {
  it('request, result and error bodies', () => {
    expectTypeOf<UpdateAccountOfferingsBody>().toEqualTypeOf<UpdateAccountOfferingsRequest>();
    expectTypeOf<UpdateAccountOfferingsResult>().toEqualTypeOf<OfferingList>();
    expectTypeOf<UpdateAccountOfferingsErrorBody>().toEqualTypeOf<ErrorResponse | RateLimitErrorResponse>();
    expectTypeOf<UpdateAccountOfferingsError['body']>().toEqualTypeOf<ErrorResponse | RateLimitErrorResponse | string>();
    expectTypeOf<SendGridRegion>().toEqualTypeOf<'global' | 'eu'>();
    expectTypeOf<Client['updateAccountOfferings']>().returns.resolves.toEqualTypeOf<OfferingList>();
    expectTypeOf<Client['updateAccountOfferings']>().parameter(0).toEqualTypeOf<string>();
  });
});
