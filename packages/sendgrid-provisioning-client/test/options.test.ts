import { describe, expect, it } from 'vitest';
import { expectThrown } from '../../client-core/test/helpers/expect-thrown.ts';
import { scriptedFetch } from '../../client-core/test/helpers/scripted-fetch.ts';
import { auth } from '../src/generated/operations.ts';
import {
  createSendGridProvisioningClient,
  operations,
  RATE_LIMIT_RESET_HEADER,
  RequestValidationError,
  SENDGRID_SERVERS,
  type SendGridProvisioningClientOptions,
} from '../src/index.ts';
import { operation, path, responseExamples, serverUrl, spec } from './spec.ts';

const rejection = (fn: () => unknown) => expectThrown(fn, RequestValidationError);

const ok = () => new Response(JSON.stringify(responseExamples['200']), { status: 200 });

describe('servers from the spec', () => {
  it('the generated constants match the shipped document', () => {
    expect(SENDGRID_SERVERS).toEqual({ global: serverUrl('Global region'), eu: serverUrl('European Union') });
    expect(SENDGRID_SERVERS.global).toBe(spec.servers[0].url);
    expect(operations.updateAccountOfferings.path).toBe(path);
    expect(operations.updateAccountOfferings.method).toBe('PUT');
    expect(operations.updateAccountOfferings.statuses).toEqual(Object.keys(operation.responses).map(Number));
    expect(spec.components.securitySchemes.BearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(auth).toEqual({ header: 'Authorization', prefix: 'Bearer ' });
    expect(Object.keys(spec.components.responses.TooManyRequests.headers)).toContain(RATE_LIMIT_RESET_HEADER);
  });

  it.each([
    [undefined, 'https://api.sendgrid.com'],
    ['global', 'https://api.sendgrid.com'],
    ['eu', 'https://api.eu.sendgrid.com'],
  ] as const)('region %s calls %s', async (region, base) => {
    const { fetch, calls } = scriptedFetch(ok());
    const client = createSendGridProvisioningClient({ apiKey: 'k', region, fetch });
    expect(client.baseUrl).toBe(base);
    await client.updateAccountOfferings('acc', { offerings: [] });
    expect(calls[0]!.request.url).toBe(`${base}/v3/partners/accounts/acc/offerings`);
  });

  it('baseUrl overrides the region', async () => {
    const { fetch, calls } = scriptedFetch(ok());
    const client = createSendGridProvisioningClient({ apiKey: 'k', region: 'eu', baseUrl: 'http://localhost:4010/sg/', fetch });
    await client.updateAccountOfferings('acc', { offerings: [] });
    expect(calls[0]!.request.url).toBe('http://localhost:4010/sg/v3/partners/accounts/acc/offerings');
  });
});

describe('factory validation', () => {
  it.each([
    [{}, 'apiKey'],
    [{ apiKey: '' }, 'apiKey'],
    [{ apiKey: 'has space' }, 'apiKey'],
    [{ apiKey: 'k', region: 'us' }, 'region'],
    [{ apiKey: 'k', baseUrl: 'not a url' }, 'baseUrl'],
    [{ apiKey: 'k', timeoutMs: 0 }, 'timeoutMs'],
    [{ apiKey: 'k', maxRetries: -1 }, 'maxRetries'],
    [{ apiKey: 'k', headers: { Authorization: 'Bearer other' } }, 'headers.authorization'],
  ])('rejects %o naming %s', (options, parameter) => {
    expect(rejection(() => createSendGridProvisioningClient(options as SendGridProvisioningClientOptions)).parameter).toBe(
      parameter,
    );
  });

  it('the Authorization header cannot be overridden per call either', async () => {
    const { fetch, calls } = scriptedFetch(ok());
    const client = createSendGridProvisioningClient({ apiKey: 'k', fetch });
    const error = await client
      .updateAccountOfferings('acc', { offerings: [] }, { headers: { authorization: 'Bearer x' } })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'RequestValidationError', parameter: 'options.headers.authorization' });
    expect(calls).toHaveLength(0);
  });
});

describe('local checks before any I/O', () => {
  it.each([[''], ['.'], ['..'], [42], [undefined], [null]])('accountID %j is rejected', async (accountID) => {
    const { fetch, calls } = scriptedFetch(ok());
    const client = createSendGridProvisioningClient({ apiKey: 'k', fetch });
    const error = await client.updateAccountOfferings(accountID as string, { offerings: [] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestValidationError);
    expect((error as RequestValidationError).parameter).toBe('accountID');
    expect(calls).toHaveLength(0);
  });

  it.each([[null], [[]], ['{"offerings":[]}'], [new Date()]])('body %o is rejected', async (body) => {
    const { fetch, calls } = scriptedFetch(ok());
    const client = createSendGridProvisioningClient({ apiKey: 'k', fetch });
    const error = await client.updateAccountOfferings('acc', body as never).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'RequestValidationError', parameter: 'body' });
    expect(calls).toHaveLength(0);
  });
});
