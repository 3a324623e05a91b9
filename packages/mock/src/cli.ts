#!/usr/bin/env node
// mailapis-mock: serve the bundled OpenAPI documents as a validating mock server.
import { parseArgs } from 'node:util';
import { loadMockApis } from './mock.js';
import { startMock } from './server.js';
import type { MockServer } from './types.js';

const USAGE = `Usage: mailapis-mock [--port <n>] [--host <address>] [--api <name>]...

Serves the mailapis OpenAPI documents bundled into this package as an HTTP mock server that validates
every request with full JSON Schema 2020-12 and answers with the documented examples.

Options:
  --port <n>        port to listen on (default 4010; 0 picks a free port)
  --host <address>  address to listen on (default 127.0.0.1)
  --api <name>      serve only this API; repeat for several (default: all)
  -h, --help        print this help

Pick a documented response with the Prefer header: "Prefer: code=429", "Prefer: example=<name>".`;

function fail(message: string): never {
  process.stderr.write(`mailapis-mock: ${message}\n\n${USAGE}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  let values: { port?: string; host?: string; api?: string[]; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        api: { type: 'string', multiple: true },
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

  let server: MockServer;
  try {
    server = await startMock({ port, host, apis: values.api, log: (line) => process.stdout.write(`${line}\n`) });
  } catch (error) {
    const message = (error as Error).message;
    if (/^Unknown API/.test(message)) fail(message);
    process.stderr.write(`mailapis-mock: ${message}\n`);
    process.exit(1);
  }

  const { operations } = loadMockApis({ apis: values.api });
  const lines = [`mailapis mock listening on ${server.url}`];
  for (const op of operations) lines.push(`  ${op.method} ${op.path} (${op.api} ${op.operationId ?? '-'})`);
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
