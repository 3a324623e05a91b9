import { describe, expect, it } from 'vitest';
import { expectThrown } from '../../client-core/test/helpers/expect-thrown.ts';
import { scriptedFetch } from '../../client-core/test/helpers/scripted-fetch.ts';
import { auth } from '../src/generated/operations.ts';
import {
  createQboxmailDeliveryClient,
  operations,
  QBOXMAIL_SERVERS,
  type QboxmailDeliveryClientOptions,
  RequestValidationError,
} from '../src/index.ts';
import { idParameter, operation, path, responseExamples, serverUrl, spec } from './spec.ts';

const rejection = (fn: () => unknown) => expectThrown(fn, RequestValidationError);

const ok = () => new Response(JSON.stringify(responseExamples['200']), { status: 200 });

describe('constants from the spec', () => {
  it('match the shipped document', () => {
    expect(QBOXMAIL_SERVERS).toEqual({ production: serverUrl('Production'), sandbox: serverUrl('Sandbox') });
    expect(QBOXMAIL_SERVERS.production).toBe(spec.servers[0].url);
    expect(operations.updateDeliveryAccount.path).toBe(path);
    expect(operations.updateDeliveryAccount.statuses).toEqual(Object.keys(operation.responses).map(Number));
    expect(spec.components.securitySchemes.api_key).toMatchObject({ type: 'apiKey', in: 'header', name: 'X-Api-Token' });
    expect(auth).toEqual({ header: 'X-Api-Token', prefix: '' });
    expect(operations.updateDeliveryAccount.pathParams[0]).toEqual({
      name: 'id',
      type: 'integer',
      minimum: idParameter.schema.minimum,
      maximum: idParameter.schema.maximum,
    });
  });

  it.each([
    [undefined, 'https://api.qboxmail.com'],
    ['production', 'https://api.qboxmail.com'],
    ['sandbox', 'https://sandbox.qboxmail.com'],
  ] as const)('environment %s calls %s', async (environment, base) => {
    const { fetch, calls } = scriptedFetch(ok());
    const client = createQboxmailDeliveryClient({ apiToken: 't', environment, fetch });
    expect(client.baseUrl).toBe(base);
    await client.updateDeliveryAccount(1042, {});
    expect(calls[0]!.request.url).toBe(`${base}/api/delivery/accounts/1042`);
    expect(calls[0]!.request.headers.get('x-api-token')).toBe('t');
  });
});

describe('factory validation', () => {
  it.each([
    [{}, 'apiToken'],
    [{ apiToken: '' }, 'apiToken'],
    [{ apiToken: 't', environment: 'staging' }, 'environment'],
    [{ apiToken: 't', baseUrl: 'ftp://x' }, 'baseUrl'],
    [{ apiToken: 't', headers: { 'x-api-token': 'other' } }, 'headers.x-api-token'],
  ])('rejects %o naming %s', (options, parameter) => {
    expect(rejection(() => createQboxmailDeliveryClient(options as QboxmailDeliveryClientOptions)).parameter).toBe(parameter);
  });

  it('X-Api-Token cannot be overridden per call', async () => {
    const { fetch, calls } = scriptedFetch(ok());
    const client = createQboxmailDeliveryClient({ apiToken: 't', fetch });
    const error = await client.updateDeliveryAccount(1, {}, { headers: { 'X-API-TOKEN': 'x' } }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'RequestValidationError', parameter: 'options.headers.x-api-token' });
    expect(calls).toHaveLength(0);
  });
});

describe('local checks before any I/O', () => {
  it.each([[0], [-1], [1.5], [2 ** 31], ['7'], [Number.NaN], [undefined], [null], [Number.POSITIVE_INFINITY]])(
    'id %j is rejected',
    async (id) => {
      const { fetch, calls } = scriptedFetch(ok());
      const client = createQboxmailDeliveryClient({ apiToken: 't', fetch });
      const error = await client.updateDeliveryAccount(id as number, {}).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RequestValidationError);
      expect(error).toMatchObject({ parameter: 'id' });
      expect((error as RequestValidationError).reason).toMatch(/^must be an integer from 1 to 2147483647, got /);
      expect(calls).toHaveLength(0);
    },
  );

  it.each([[null], [[]], ['{}'], [5]])('body %o is rejected', async (body) => {
    const { fetch, calls } = scriptedFetch(ok());
    const client = createQboxmailDeliveryClient({ apiToken: 't', fetch });
    const error = await client.updateDeliveryAccount(1, body as never).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'RequestValidationError', parameter: 'body' });
    expect(calls).toHaveLength(0);
  });
});
