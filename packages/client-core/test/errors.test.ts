import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  ApiError,
  MailapisError,
  REDACTED,
  RequestError,
  RequestValidationError,
  safeHeaders,
  scrub,
  scrubCause,
} from '../src/index.ts';

const apiError = new ApiError<{ message: string }>('PUT http://x/y failed with 400: bad', {
  status: 400,
  body: { message: 'bad' },
  headers: { 'x-request-id': 'req-1' },
  requestId: 'req-1',
  retryAfterMs: undefined,
  method: 'PUT',
  url: 'http://x/y',
  attempts: 1,
});

describe('error classes', () => {
  it('have stable names and codes, on the prototype, and share MailapisError', () => {
    const requestError = new RequestError('m', { kind: 'network', method: 'PUT', url: 'u', attempts: 2 }, new TypeError('t'));
    const validationError = new RequestValidationError('accountID', 'must not be empty');
    expect([apiError.name, apiError.code]).toEqual(['ApiError', 'API_ERROR']);
    expect([requestError.name, requestError.code]).toEqual(['RequestError', 'REQUEST_ERROR']);
    expect([validationError.name, validationError.code]).toEqual(['RequestValidationError', 'REQUEST_VALIDATION_ERROR']);
    for (const error of [apiError, requestError, validationError]) {
      expect(error).toBeInstanceOf(MailapisError);
      expect(error).toBeInstanceOf(Error);
      expect(Object.keys(error)).not.toContain('name');
      expect(Object.keys(error)).not.toContain('code');
    }
    expect(String(validationError)).toBe('RequestValidationError: Invalid accountID: must not be empty');
    expect(validationError).toMatchObject({ parameter: 'accountID', reason: 'must not be empty' });
    expect(requestError.cause).toEqual(new TypeError('t'));
  });

  it('toJSON returns the plain fields', () => {
    expect(JSON.parse(JSON.stringify(apiError))).toEqual({
      name: 'ApiError',
      code: 'API_ERROR',
      message: 'PUT http://x/y failed with 400: bad',
      status: 400,
      body: { message: 'bad' },
      headers: { 'x-request-id': 'req-1' },
      requestId: 'req-1',
      method: 'PUT',
      url: 'http://x/y',
      attempts: 1,
    });
    const requestError = new RequestError('m', { kind: 'timeout', method: 'PUT', url: 'u', attempts: 1 }, new Error('inner'));
    expect(requestError.toJSON()).toEqual({
      name: 'RequestError',
      code: 'REQUEST_ERROR',
      message: 'm',
      kind: 'timeout',
      method: 'PUT',
      url: 'u',
      attempts: 1,
      cause: 'Error: inner',
    });
    expect(new RequestValidationError('id', 'must be an integer').toJSON()).toEqual({
      name: 'RequestValidationError',
      code: 'REQUEST_VALIDATION_ERROR',
      message: 'Invalid id: must be an integer',
      parameter: 'id',
      reason: 'must be an integer',
      cause: undefined,
    });
  });
});

describe('redaction helpers', () => {
  const secret = 'sk-SECRET';
  it('scrub replaces every occurrence', () => {
    expect(scrub('a sk-SECRET b sk-SECRET', secret)).toBe(`a ${REDACTED} b ${REDACTED}`);
    expect(scrub('nothing here', secret)).toBe('nothing here');
  });

  it('scrubCause keeps clean causes and replaces leaking ones', () => {
    const clean = new TypeError('fetch failed');
    expect(scrubCause(clean, secret)).toBe(clean);
    const leaking = new TypeError('bad header Bearer sk-SECRET');
    const replaced = scrubCause(leaking, secret) as Error;
    expect(replaced).not.toBe(leaking);
    expect(replaced.message).toBe(`TypeError: bad header Bearer ${REDACTED}`);
    expect(inspect(replaced)).not.toContain(secret);
    const nested = new Error('outer', { cause: new Error('inner sk-SECRET') });
    expect(inspect(scrubCause(nested, secret), { depth: 5 })).not.toContain(secret);
    expect(scrubCause('reason sk-SECRET', secret)).toBe(`reason ${REDACTED}`);
    expect(scrubCause(undefined, secret)).toBe(undefined);
  });

  it('safeHeaders lower-cases and redacts credential-bearing headers', () => {
    const headers = new Headers({
      Authorization: 'Bearer x',
      'X-Api-Token': 't',
      'Set-Cookie': 'a=b',
      Cookie: 'c=d',
      'X-Request-Id': 'r',
    });
    expect(safeHeaders(headers)).toEqual({
      authorization: REDACTED,
      'x-api-token': REDACTED,
      'set-cookie': REDACTED,
      cookie: REDACTED,
      'x-request-id': 'r',
    });
  });
});
