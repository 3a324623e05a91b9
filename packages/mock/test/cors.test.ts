// CORS for the docs site's try-it console: preflights and response headers for the allowed
// origins only; every other origin is answered as without CORS.
import { describe, expect, it } from 'vitest';
import { DOCS_ORIGINS, startMock } from '../src/index.ts';
import { JSON_TYPE, QB_AUTH, QB_PATH, SG_AUTH, SG_PATH, send, useMock } from './helpers.ts';

const ALLOWED = 'http://127.0.0.1:8080';
const ctx = useMock({ cors: { origins: [ALLOWED, 'http://localhost:8080'] } });

const preflight = (origin: string, path: string, method = 'PUT') =>
  send(ctx.mock, 'OPTIONS', path, {
    headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': 'authorization,content-type' },
  });

describe('CORS', () => {
  it('answers a preflight for an allowed origin with 204 and the path’s methods', async () => {
    const answer = await preflight(ALLOWED, SG_PATH);
    expect(answer.status).toBe(204);
    expect(answer.text).toBe('');
    expect(answer.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(answer.headers.get('vary')).toBe('Origin');
    expect(answer.headers.get('access-control-allow-methods')).toBe('GET, PUT');
    expect(answer.headers.get('access-control-allow-headers')).toBe('authorization, content-type, prefer, x-api-token');
    expect(answer.headers.get('access-control-max-age')).toBe('600');
    expect(ctx.lines).toEqual([`OPTIONS ${SG_PATH} -> 204 CORS preflight (origin ${ALLOWED}; GET, PUT)`]);
    const list = await preflight('http://localhost:8080', '/api/delivery/accounts?page=2', 'GET');
    expect(list.headers.get('access-control-allow-origin')).toBe('http://localhost:8080');
    expect(list.headers.get('access-control-allow-methods')).toBe('GET');
    expect((await preflight(ALLOWED, '/__mock/reset', 'POST')).headers.get('access-control-allow-methods')).toBe('POST');
  });

  it('adds Allow-Origin and exposes the documented headers on actual answers, errors included', async () => {
    const ok = await send(ctx.mock, 'GET', SG_PATH, { headers: { ...SG_AUTH, origin: ALLOWED } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(ok.headers.get('vary')).toBe('Origin');
    expect(ok.headers.get('access-control-expose-headers')).toBe('x-ratelimit-limit, x-ratelimit-remaining, x-ratelimit-reset');
    const invalid = await send(ctx.mock, 'PUT', QB_PATH, {
      headers: { ...QB_AUTH, ...JSON_TYPE, origin: ALLOWED },
      body: { volume: 'x' },
    });
    expect(invalid.status).toBe(422);
    expect(invalid.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(invalid.headers.get('access-control-expose-headers')).toBeNull();
  });

  it('gives a not-allowed origin no CORS headers: OPTIONS stays 405', async () => {
    const answer = await preflight('http://evil.example', SG_PATH);
    expect(answer.status).toBe(405);
    expect(answer.headers.get('allow')).toBe('GET, PUT');
    expect([...answer.headers.keys()].filter((h) => h.startsWith('access-control-'))).toEqual([]);
    const actual = await send(ctx.mock, 'GET', SG_PATH, { headers: { ...SG_AUTH, origin: 'http://evil.example' } });
    expect(actual.status).toBe(200);
    expect(actual.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('an OPTIONS without Access-Control-Request-Method, or for an unknown path, is not a preflight', async () => {
    expect((await send(ctx.mock, 'OPTIONS', SG_PATH, { headers: { origin: ALLOWED } })).status).toBe(405);
    expect((await preflight(ALLOWED, '/nope')).status).toBe(404);
  });

  it('is off by default; * allows any origin; a malformed origin is refused', async () => {
    const plain = await startMock({ port: 0 });
    const star = await startMock({ port: 0, cors: { origins: ['*'] } });
    try {
      const headers = { origin: 'http://anything.example:3000', 'access-control-request-method': 'PUT' };
      expect((await send(plain, 'OPTIONS', SG_PATH, { headers })).status).toBe(405);
      const answer = await send(star, 'OPTIONS', SG_PATH, { headers });
      expect(answer.status).toBe(204);
      expect(answer.headers.get('access-control-allow-origin')).toBe('http://anything.example:3000');
    } finally {
      await Promise.all([plain.close(), star.close()]);
    }
    await expect(startMock({ port: 0, cors: { origins: ['http://127.0.0.1:8080/docs'] } })).rejects.toThrow(
      'CORS origin "http://127.0.0.1:8080/docs" must be a bare origin such as http://127.0.0.1:8080',
    );
    expect(DOCS_ORIGINS).toEqual(['http://127.0.0.1:8080', 'http://localhost:8080']);
  });
});
