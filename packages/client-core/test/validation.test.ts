import { describe, expect, it } from 'vitest';
import {
  baseUrlOption,
  choiceOption,
  credentialOption,
  execute,
  headersOption,
  integerOption,
  integerPathSegment,
  jsonObjectBody,
  pathSegment,
  RequestValidationError,
} from '../src/index.ts';
import { expectThrown } from './helpers/expect-thrown.ts';
import { scriptedFetch } from './helpers/scripted-fetch.ts';
import { OP, testTransport } from './helpers/transport.ts';

const rejection = (fn: () => unknown) => expectThrown(fn, RequestValidationError);

describe('pathSegment', () => {
  it.each([
    ['', 'must be a string of at least 1 character(s), got ""'],
    ['.', `must not be the dot-segment "."`],
    ['..', `must not be the dot-segment ".."`],
    [undefined, 'must be a string of at least 1 character(s), got undefined'],
    [42, 'must be a string of at least 1 character(s), got 42'],
    [null, 'must be a string of at least 1 character(s), got null'],
    [{}, 'must be a string of at least 1 character(s), got an object'],
  ])('rejects %j', (value, reason) => {
    const error = rejection(() => pathSegment('accountID', value));
    expect(error.parameter).toBe('accountID');
    expect(error.reason).toBe(reason);
    expect(error.message).toBe(`Invalid accountID: ${reason}`);
  });

  it.each([
    ['sg2a2bcd3ef4', 'sg2a2bcd3ef4'],
    ['a/b', 'a%2Fb'],
    ['?x', '%3Fx'],
    ['#f', '%23f'],
    ['%2e', '%252e'],
    ['../admin', '..%2Fadmin'],
    ['...', '...'],
    ['a b', 'a%20b'],
  ])('encodes %j as one segment %j', (value, encoded) => {
    expect(pathSegment('accountID', value)).toBe(encoded);
  });
});

describe('integerPathSegment', () => {
  it.each([
    [0, 'got 0'],
    [-1, 'got -1'],
    [1.5, 'got 1.5'],
    [2 ** 31, 'got 2147483648'],
    ['7', 'got "7"'],
    [Number.NaN, 'got NaN'],
    [undefined, 'got null'],
    [Number.POSITIVE_INFINITY, 'got Infinity'],
  ])('rejects %j', (value, got) => {
    const error = rejection(() => integerPathSegment('id', value, 1, 2147483647));
    expect(error.parameter).toBe('id');
    expect(error.reason).toBe(`must be an integer from 1 to 2147483647, ${got}`);
  });

  it('accepts the bounds', () => {
    expect(integerPathSegment('id', 1, 1, 2147483647)).toBe('1');
    expect(integerPathSegment('id', 2147483647, 1, 2147483647)).toBe('2147483647');
  });
});

describe('jsonObjectBody', () => {
  it.each([
    [null, 'must be a plain object, got null'],
    [[], 'must be a plain object, got an object'],
    ['{}', 'must be a plain object, got "{}"'],
    [new Date(0), 'must be a plain object, got an object'],
    [new Map(), 'must be a plain object, got an object'],
    [undefined, 'must be a plain object, got undefined'],
  ])('rejects %o', (value, reason) => {
    expect(rejection(() => jsonObjectBody('body', value))).toMatchObject({ parameter: 'body', reason });
  });

  it('rejects values JSON cannot serialise', () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(rejection(() => jsonObjectBody('body', circular)).reason).toMatch(/^cannot be serialised as JSON \(/);
    expect(rejection(() => jsonObjectBody('body', { n: 1n })).reason).toMatch(/^cannot be serialised as JSON \(.*BigInt/);
  });

  it('serialises plain objects, including null-prototype ones', () => {
    expect(jsonObjectBody('body', { a: [1, 'x'] })).toBe('{"a":[1,"x"]}');
    expect(jsonObjectBody('body', Object.assign(Object.create(null), { b: true }))).toBe('{"b":true}');
  });
});

describe('options', () => {
  it('integerOption falls back on undefined and checks bounds', () => {
    expect(integerOption('timeoutMs', undefined, 30000, 1, 10)).toBe(30000);
    expect(integerOption('timeoutMs', 5, 30000, 1, 10)).toBe(5);
    expect(rejection(() => integerOption('timeoutMs', 0, 1, 1, 10)).reason).toBe('must be an integer from 1 to 10, got 0');
  });

  it('headersOption lower-cases, accepts objects, Headers and pairs, refuses the auth header and bad values', () => {
    expect(headersOption('headers', { 'X-A': '1' }, 'authorization', 'apiKey')).toEqual({ 'x-a': '1' });
    expect(headersOption('headers', new Headers({ 'X-B': '2' }), 'authorization', 'apiKey')).toEqual({ 'x-b': '2' });
    expect(headersOption('headers', [['X-C', '3']], 'authorization', 'apiKey')).toEqual({ 'x-c': '3' });
    expect(rejection(() => headersOption('headers', { AUTHORIZATION: 'x' }, 'authorization', 'apiKey'))).toMatchObject({
      parameter: 'headers.authorization',
      reason: 'cannot be set; it comes from apiKey',
    });
    expect(rejection(() => headersOption('headers', { 'x-a': 'bad\r\nvalue' }, 'authorization', 'apiKey')).parameter).toBe(
      'headers',
    );
    expect(rejection(() => headersOption('headers', { 'bad name': 'v' }, 'authorization', 'apiKey')).parameter).toBe('headers');
    expect(rejection(() => headersOption('headers', 'x', 'authorization', 'apiKey')).parameter).toBe('headers');
  });

  it('credentialOption requires printable ASCII without spaces', () => {
    expect(credentialOption('apiKey', 'SG.abc-123')).toBe('SG.abc-123');
    for (const bad of [undefined, '', ' ', 'a b', 'a\n', 42]) {
      expect(rejection(() => credentialOption('apiKey', bad)).parameter).toBe('apiKey');
    }
  });

  it('baseUrlOption accepts http(s) URLs and strips trailing slashes', () => {
    expect(baseUrlOption('baseUrl', 'http://127.0.0.1:8080/')).toBe('http://127.0.0.1:8080');
    expect(baseUrlOption('baseUrl', 'https://proxy.example/sendgrid//')).toBe('https://proxy.example/sendgrid');
    for (const bad of ['ftp://x', 'api.sendgrid.com', 'https://user:pw@x', 'https://x/?q=1', 'https://x/#f', 7]) {
      const error = rejection(() => baseUrlOption('baseUrl', bad));
      expect(error.reason).toBe('must be an http(s) URL without credentials, query or fragment');
    }
    expect(rejection(() => baseUrlOption('baseUrl', 'https://user:pw@x')).message).not.toContain('pw');
  });

  it('choiceOption', () => {
    const servers = { global: 'g', eu: 'e' };
    expect(choiceOption('region', undefined, servers, 'global')).toBe('global');
    expect(choiceOption('region', 'eu', servers, 'global')).toBe('eu');
    expect(rejection(() => choiceOption('region', 'us', servers, 'global')).reason).toBe('must be one of global, eu, got "us"');
    expect(rejection(() => choiceOption('region', 'toString', servers, 'global')).parameter).toBe('region');
  });
});

describe('createTransport and per-call options', () => {
  it('rejects invalid client options', () => {
    expect(rejection(() => testTransport({ timeoutMs: 0 })).parameter).toBe('timeoutMs');
    expect(rejection(() => testTransport({ timeoutMs: 1.5 })).parameter).toBe('timeoutMs');
    expect(rejection(() => testTransport({ maxRetries: -1 })).parameter).toBe('maxRetries');
    expect(rejection(() => testTransport({ maxRetries: 11 })).parameter).toBe('maxRetries');
    expect(rejection(() => testTransport({ fetch: 'no' as never })).parameter).toBe('fetch');
    expect(rejection(() => testTransport({ headers: { Authorization: 'Bearer other' } })).parameter).toBe(
      'headers.authorization',
    );
    expect(rejection(() => testTransport({ baseUrl: 'nope' })).parameter).toBe('baseUrl');
  });

  it.each([
    [{ timeoutMs: -5 }, 'options.timeoutMs'],
    [{ maxRetries: 1.5 }, 'options.maxRetries'],
    [{ headers: { authorization: 'Bearer x' } }, 'options.headers.authorization'],
    [{ headers: { 'x-a': 'a\nb' } }, 'options.headers'],
    [{ signal: 'nope' }, 'options.signal'],
  ])('rejects call options %o before any I/O', async (options, parameter) => {
    const { fetch, calls } = scriptedFetch(new Response('{}'));
    const error = await execute(testTransport({ fetch }), OP, '/x', '{}', options as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestValidationError);
    expect((error as RequestValidationError).parameter).toBe(parameter);
    expect(calls).toHaveLength(0);
  });
});
