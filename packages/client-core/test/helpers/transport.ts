/** A transport and operation for client-core's own, API-agnostic tests. */
import { type BaseClientOptions, createTransport, type OperationInfo } from '../../src/index.ts';

export const SECRET = 'sk-TEST.Secret_123';
export const BASE = 'http://api.test';
export const OP: OperationInfo = { method: 'PUT', statuses: [200, 400, 429, 500, 503], successJson: true, retrySafe: true };

export function testTransport(options: BaseClientOptions = {}, credential: unknown = SECRET) {
  return createTransport(
    { baseUrl: BASE, ...options },
    credential,
    { option: 'apiKey', header: 'Authorization', prefix: 'Bearer ' },
    'http://default.test',
    'X-RateLimit-Reset',
  );
}
