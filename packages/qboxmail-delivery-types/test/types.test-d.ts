// Type-level tests: run by `vitest run` (typecheck mode) and by `tsc --noEmit -p .` in lint.
// Each @ts-expect-error sits on the one line that must not compile.
import { describe, expectTypeOf, it } from 'vitest';
import type {
  components,
  DeliveryAccount,
  DeliveryAccountList,
  DeliveryAccountType,
  DeliveryPlan,
  ErrorEnvelope,
  GetDeliveryAccountPathParams,
  GetDeliveryAccountResponses,
  ListDeliveryAccountsQuery,
  ListDeliveryAccountsResponses,
  ListDeliveryAccountsStatus,
  operations,
  Pagination,
  PaymentMethod,
  paths,
  UpdateDeliveryAccountPathParams,
  UpdateDeliveryAccountRequest,
  UpdateDeliveryAccountResponses,
  UpdateDeliveryAccountStatus,
  ValidationErrorItem,
} from '../src/index.ts';

type Schemas = components['schemas'];
type Operation = operations['updateDeliveryAccount'];

describe('the companion read operations get their helpers from the document', () => {
  it('types getDeliveryAccount and listDeliveryAccounts', () => {
    expectTypeOf<GetDeliveryAccountPathParams>().toEqualTypeOf<{ id: number }>();
    expectTypeOf<GetDeliveryAccountResponses[200]>().toEqualTypeOf<DeliveryAccountList>();
    expectTypeOf<ListDeliveryAccountsStatus>().toEqualTypeOf<200 | 401 | 403 | 404 | 422 | 500>();
    expectTypeOf<ListDeliveryAccountsResponses[200]>().toEqualTypeOf<DeliveryAccountList>();
    expectTypeOf<ListDeliveryAccountsQuery['status']>().toEqualTypeOf<
      'all' | 'enabled' | 'wait_pay' | 'disabled' | 'blocked' | undefined
    >();
    expectTypeOf<ListDeliveryAccountsQuery['type']>().toEqualTypeOf<'transactional' | 'newsletter' | 'promotional' | undefined>();
    expectTypeOf<ListDeliveryAccountsQuery['page']>().toEqualTypeOf<number | undefined>();
    // @ts-expect-error `archived` is not a documented status filter
    const badFilter: ListDeliveryAccountsQuery = { status: 'archived' };
    // @ts-expect-error `page` is a number
    const badPage: ListDeliveryAccountsQuery = { page: '2' };
    expectTypeOf([badFilter, badPage]).toBeArray();
  });
});

describe('aliases are the generated types', () => {
  it('equals the component schemas', () => {
    expectTypeOf<DeliveryAccount>().toEqualTypeOf<Schemas['DeliveryAccount']>();
    expectTypeOf<DeliveryAccountType>().toEqualTypeOf<Schemas['DeliveryAccountType']>();
    expectTypeOf<DeliveryPlan>().toEqualTypeOf<Schemas['DeliveryPlan']>();
    expectTypeOf<PaymentMethod>().toEqualTypeOf<Schemas['PaymentMethod']>();
    expectTypeOf<Pagination>().toEqualTypeOf<Schemas['Pagination']>();
    expectTypeOf<DeliveryAccountList>().toEqualTypeOf<Schemas['DeliveryAccountList']>();
    expectTypeOf<UpdateDeliveryAccountRequest>().toEqualTypeOf<Schemas['UpdateDeliveryAccountRequest']>();
    expectTypeOf<ErrorEnvelope>().toEqualTypeOf<Schemas['ErrorEnvelope']>();
    expectTypeOf<ValidationErrorItem>().toEqualTypeOf<Schemas['ValidationErrorItem']>();
  });

  it('derives the operation helpers from operations and paths', () => {
    expectTypeOf<paths['/api/delivery/accounts/{id}']['put']>().toEqualTypeOf<Operation>();
    expectTypeOf<UpdateDeliveryAccountPathParams>().toEqualTypeOf<Operation['parameters']['path']>();
    expectTypeOf<UpdateDeliveryAccountPathParams>().toEqualTypeOf<{ id: number }>();
    expectTypeOf<Operation['requestBody']['content']['application/json']>().toEqualTypeOf<UpdateDeliveryAccountRequest>();
    expectTypeOf<UpdateDeliveryAccountStatus>().toEqualTypeOf<200 | 401 | 403 | 404 | 422 | 500>();
    expectTypeOf<UpdateDeliveryAccountResponses[200]>().toEqualTypeOf<DeliveryAccountList>();
    expectTypeOf<UpdateDeliveryAccountResponses[401 | 403 | 404 | 422 | 500]>().toEqualTypeOf<ErrorEnvelope>();
  });

  it('has the exact field types of the document', () => {
    expectTypeOf<DeliveryAccountType>().toEqualTypeOf<'transactional' | 'newsletter'>();
    expectTypeOf<DeliveryPlan>().toEqualTypeOf<'free' | 'prepaid' | 'monthly'>();
    expectTypeOf<PaymentMethod>().toEqualTypeOf<'stripe' | 'lcwsoftpaypalbillingagreements' | 'paypal'>();
    expectTypeOf<DeliveryAccount['id']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<DeliveryAccountList['resources']>().toEqualTypeOf<DeliveryAccount[]>();
    expectTypeOf<ErrorEnvelope>().toEqualTypeOf<{ message: string; errors: { field: string; description: string }[] }>();
    expectTypeOf<UpdateDeliveryAccountRequest['allow_nets']>().toEqualTypeOf<string[] | undefined>();
  });
});

describe('invalid shapes do not compile', () => {
  it('rejects bad path parameters and request bodies', () => {
    const valid: UpdateDeliveryAccountRequest = { description: 'Newsletters', payment_method: 'paypal', volume: 2 };
    const empty: UpdateDeliveryAccountRequest = {};
    expectTypeOf([valid, empty]).toEqualTypeOf<UpdateDeliveryAccountRequest[]>();

    // @ts-expect-error the account id is a number, not a string
    const stringId: UpdateDeliveryAccountPathParams = { id: '1042' };
    // @ts-expect-error the account id is required
    const noId: UpdateDeliveryAccountPathParams = {};
    // @ts-expect-error unknown enum value
    const cash: UpdateDeliveryAccountRequest = { payment_method: 'cash' };
    // @ts-expect-error volume is a number, not a string
    const stringVolume: UpdateDeliveryAccountRequest = { volume: '2' };
    // @ts-expect-error extra property in a literal body
    const extra: UpdateDeliveryAccountRequest = { description: 'x', plan: 'free' };
    // @ts-expect-error allow_nets is a list in requests
    const netString: UpdateDeliveryAccountRequest = { allow_nets: '10.0.0.0/8' };
    // @ts-expect-error a validation error item needs a description
    const item: ValidationErrorItem = { field: 'volume' };
    // @ts-expect-error unknown account type
    const kind: DeliveryAccountType = 'marketing';

    expectTypeOf([stringId, noId, cash, stringVolume, extra, netString, item, kind]).toBeArray();
  });
});
