#!/usr/bin/env node
// mailapis-mock: serve the bundled OpenAPI documents as a validating mock server.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { checkOrigin, DOCS_ORIGINS } from './cors.js';
import { DEFAULT_MAX_RESOURCES, loadMockApis } from './mock.js';
import { DEFAULT_MAX_BODY_BYTES, startMock } from './server.js';
import type { MockServer, ResourceState } from './types.js';

const USAGE = `Usage: mailapis-mock [--port <n>] [--host <address>] [--api <name>]... [--stateful [--seed <file>]]
                     [--cors-origin <origin>]... [--no-cors]

Serves the mailapis OpenAPI documents bundled into this package as an HTTP mock server that validates
every request with full JSON Schema 2020-12 and answers with the documented examples.

Options:
  --port <n>               port to listen on (default 4010; 0 picks a free port)
  --host <address>         address to listen on (default 127.0.0.1)
  --api <name>             serve only this API; repeat for several (default: all)
  --stateful               keep resources in memory: writes change them, reads return them
  --seed <file>            stateful: JSON file { api: { resource: { key: value } } } replacing the examples' seed
  --max-resources <n>      stateful: most resources per collection (default ${DEFAULT_MAX_RESOURCES})
  --max-body-bytes <n>     larger request bodies get 413 (default ${DEFAULT_MAX_BODY_BYTES})
  --cors-origin <origin>   allow this browser origin (CORS); repeat for several, * for any
                           (default ${DOCS_ORIGINS.join(' and ')})
  --no-cors                no CORS headers for any origin
  -h, --help               print this help

Pick a documented response with the Prefer header: "Prefer: code=429", "Prefer: example=<name>".
GET /__mock/state dumps the stored resources; POST /__mock/reset restores the seed and clears the request log.`;

function fail(message: string): never {
  process.stderr.write(`mailapis-mock: ${message}\n\n${USAGE}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  let values: {
    port?: string;
    host?: string;
    api?: string[];
    stateful?: boolean;
    seed?: string;
    'max-resources'?: string;
    'max-body-bytes'?: string;
    'cors-origin'?: string[];
    'no-cors'?: boolean;
    help?: boolean;
  };
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        api: { type: 'string', multiple: true },
        stateful: { type: 'boolean' },
        seed: { type: 'string' },
        'max-resources': { type: 'string' },
        'max-body-bytes': { type: 'string' },
        'cors-origin': { type: 'string', multiple: true },
        'no-cors': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: false,
      strict: true,
    }));
  } catch (error) {
    fail((error as Error).message);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  let port = 4010;
  if (values.port !== undefined) {
    if (!/^\d+$/.test(values.port) || Number(values.port) > 65535)
      fail(`--port must be an integer from 0 to 65535, got "${values.port}"`);
    port = Number(values.port);
  }
  const host = values.host ?? '127.0.0.1';
  if (host === '') fail('--host must not be empty');
  const count = (name: 'max-resources' | 'max-body-bytes'): number | undefined => {
    const raw = values[name];
    if (raw === undefined) return undefined;
    if (!/^\d+$/.test(raw) || Number(raw) < 1 || !Number.isSafeInteger(Number(raw)))
      fail(`--${name} must be a positive integer, got "${raw}"`);
    return Number(raw);
  };
  const maxResources = count('max-resources');
  const maxBodyBytes = count('max-body-bytes');
  if (!values.stateful && (values.seed !== undefined || maxResources !== undefined))
    fail('--seed and --max-resources need --stateful');
  let seed: ResourceState | undefined;
  if (values.seed !== undefined) {
    try {
      seed = JSON.parse(readFileSync(values.seed, 'utf8')) as ResourceState;
    } catch (error) {
      fail(`--seed ${values.seed}: ${(error as Error).message}`);
    }
  }
  if (values['no-cors'] && values['cors-origin']) fail('--no-cors and --cors-origin exclude each other');
  const origins = values['no-cors'] ? [] : (values['cors-origin'] ?? [...DOCS_ORIGINS]);
  for (const origin of origins) {
    try {
      checkOrigin(origin);
    } catch (error) {
      fail(`--cors-origin: ${(error as Error).message}`);
    }
  }

  let server: MockServer;
  try {
    server = await startMock({
      port,
      host,
      apis: values.api,
      stateful: values.stateful === true,
      seed,
      maxResources,
      maxBodyBytes,
      cors: origins.length > 0 ? { origins } : undefined,
      log: (line) => process.stdout.write(`${line}\n`),
    });
  } catch (error) {
    const message = (error as Error).message;
    if (/^Unknown API/.test(message)) fail(message);
    process.stderr.write(`mailapis-mock: ${message}\n`);
    process.exit(1);
  }

  const { operations } = loadMockApis({ apis: values.api });
  const mode = values.stateful ? 'stateful' : 'stateless';
  const corsLine = origins.length > 0 ? `CORS for ${origins.join(', ')}` : 'no CORS';
  const lines = [`mailapis mock listening on ${server.url}`];
  for (const op of operations) lines.push(`  ${op.method} ${op.path} (${op.api} ${op.operationId ?? '-'})`);
  lines.push(`${mode}; ${corsLine}`);
  process.stdout.write(`${lines.join('\n')}\n`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(130);
    stopping = true;
    server.close().then(
      () => {
        process.stdout.write(`mailapis mock stopped (${signal})\n`);
        process.exitCode = 0;
      },
      (error: Error) => {
        process.stderr.write(`mailapis-mock: ${error.message}\n`);
        process.exitCode = 1;
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: Error) => {
  process.stderr.write(`mailapis-mock: ${error.stack ?? error.message}\n`);
  process.exit(1);
});
