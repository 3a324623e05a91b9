// Type-level tests: run by `vitest run` (typecheck mode) and by `tsc --noEmit -p .` in lint.
// Each @ts-expect-error sits on the one line that must not compile.
import { describe, expectTypeOf, it } from 'vitest';
import type {
  CatalogEntry,
  components,
  Entitlements,
  ErrorItem,
  ErrorResponse,
  GetAccountOfferingsPathParams,
  GetAccountOfferingsResponses,
  GetAccountOfferingsStatus,
  ListOfferingsResponses,
  ListOfferingsStatus,
  Offering,
  OfferingCatalog,
  OfferingList,
  OfferingType,
  operations,
  paths,
  RateLimitErrorItem,
  RateLimitErrorResponse,
  RateLimitHeaders,
  UpdateAccountOfferingsPathParams,
  UpdateAccountOfferingsRequest,
  UpdateAccountOfferingsResponses,
  UpdateAccountOfferingsStatus,
} from '../src/index.ts';

type Schemas = components['schemas'];
type Operation = operations['updateAccountOfferings'];

describe('aliases are the generated types', () => {
  it('equals the component schemas', () => {
    expectTypeOf<Offering>().toEqualTypeOf<Schemas['Offering']>();
    expectTypeOf<OfferingType>().toEqualTypeOf<Schemas['OfferingType']>();
    expectTypeOf<UpdateAccountOfferingsRequest>().toEqualTypeOf<Schemas['UpdateAccountOfferingsRequest']>();
    expectTypeOf<OfferingList>().toEqualTypeOf<Schemas['OfferingList']>();
    expectTypeOf<ErrorItem>().toEqualTypeOf<Schemas['ErrorItem']>();
    expectTypeOf<ErrorResponse>().toEqualTypeOf<Schemas['ErrorResponse']>();
    expectTypeOf<RateLimitErrorItem>().toEqualTypeOf<Schemas['RateLimitErrorItem']>();
    expectTypeOf<RateLimitErrorResponse>().toEqualTypeOf<Schemas['RateLimitErrorResponse']>();
    expectTypeOf<RateLimitHeaders>().toEqualTypeOf<components['headers']>();
  });

  it('derives the operation helpers from operations and paths', () => {
    expectTypeOf<paths['/v3/partners/accounts/{accountID}/offerings']['put']>().toEqualTypeOf<Operation>();
    expectTypeOf<UpdateAccountOfferingsPathParams>().toEqualTypeOf<Operation['parameters']['path']>();
    expectTypeOf<UpdateAccountOfferingsPathParams>().toEqualTypeOf<{ accountID: string }>();
    expectTypeOf<Operation['requestBody']['content']['application/json']>().toEqualTypeOf<UpdateAccountOfferingsRequest>();
    expectTypeOf<UpdateAccountOfferingsStatus>().toEqualTypeOf<200 | 400 | 401 | 403 | 429 | 500 | 502 | 503 | 504>();
    expectTypeOf<UpdateAccountOfferingsResponses[200]>().toEqualTypeOf<OfferingList>();
    expectTypeOf<UpdateAccountOfferingsResponses[429]>().toEqualTypeOf<RateLimitErrorResponse>();
    expectTypeOf<UpdateAccountOfferingsResponses[400 | 401 | 403 | 500 | 502 | 503 | 504]>().toEqualTypeOf<ErrorResponse>();
  });

  it('gives the companion read operations their helpers, generated from the document', () => {
    expectTypeOf<GetAccountOfferingsPathParams>().toEqualTypeOf<{ accountID: string }>();
    expectTypeOf<GetAccountOfferingsStatus>().toEqualTypeOf<200 | 400 | 401 | 403 | 404 | 429 | 500 | 502 | 503 | 504>();
    expectTypeOf<GetAccountOfferingsResponses[200]>().toEqualTypeOf<OfferingList>();
    expectTypeOf<ListOfferingsStatus>().toEqualTypeOf<GetAccountOfferingsStatus>();
    expectTypeOf<ListOfferingsResponses[200]>().toEqualTypeOf<OfferingCatalog>();
    expectTypeOf<OfferingCatalog['catalog'][number]>().toEqualTypeOf<CatalogEntry>();
    expectTypeOf<CatalogEntry>().toEqualTypeOf<{ offering?: Offering; entitlements?: Entitlements }>();
    expectTypeOf<Entitlements['email_sends_max_monthly']>().toEqualTypeOf<number | undefined>();
  });

  it('has the exact field types of the document', () => {
    expectTypeOf<OfferingType>().toEqualTypeOf<'package' | 'addon'>();
    expectTypeOf<Offering>().toEqualTypeOf<{ name: string; type: 'package' | 'addon'; quantity?: number }>();
    expectTypeOf<RateLimitErrorItem['field']>().toEqualTypeOf<null>();
    expectTypeOf<ErrorItem>().toEqualTypeOf<{ message: string; field: string; error_id: string }>();
    expectTypeOf<RateLimitHeaders['X-RateLimit-Reset']>().toEqualTypeOf<number>();
  });
});

describe('invalid shapes do not compile', () => {
  it('rejects bad offerings and request bodies', () => {
    const valid: UpdateAccountOfferingsRequest = {
      offerings: [
        { name: 'org.ei.free.v1', type: 'package', quantity: 1 },
        { name: 'x', type: 'addon' },
      ],
    };
    expectTypeOf(valid).toEqualTypeOf<UpdateAccountOfferingsRequest>();

    // @ts-expect-error unknown enum value
    const badType: Offering = { name: 'org.ei.free.v1', type: 'bundle' };
    // @ts-expect-error missing required field `name`
    const missingName: Offering = { type: 'addon' };
    // @ts-expect-error quantity is a number, not a string
    const stringQuantity: Offering = { name: 'x', type: 'addon', quantity: '2' };
    // @ts-expect-error extra property in a literal body
    const extra: UpdateAccountOfferingsRequest = { offerings: [], dryRun: true };
    // @ts-expect-error missing required `offerings`
    const empty: UpdateAccountOfferingsRequest = {};
    // @ts-expect-error accountID is required
    const noAccount: UpdateAccountOfferingsPathParams = {};
    // @ts-expect-error a 429 item's field is always null
    const rateLimited: RateLimitErrorItem = { message: 'too many requests', field: 'offerings' };
    // @ts-expect-error 404 is not a documented status of this operation
    type NotDocumented = UpdateAccountOfferingsResponses[404];

    expectTypeOf([badType, missingName, stringQuantity, extra, empty, noAccount, rateLimited]).toBeArray();
    expectTypeOf<NotDocumented>().toBeAny();
  });
});
