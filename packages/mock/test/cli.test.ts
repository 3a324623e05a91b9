// The mailapis-mock CLI, spawned as a real process (from dist/, which `npm run build` writes).
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { JSON_TYPE, QB_AUTH, SG_AUTH } from './helpers.ts';

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const children: ChildProcess[] = [];

interface Run {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  waitFor: (pattern: RegExp) => Promise<RegExpMatchArray>;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function run(args: string[]): Run {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  let err = '';
  const waiters: (() => void)[] = [];
  child.stdout!.on('data', (chunk: Buffer) => {
    out += chunk.toString('utf8');
    for (const wake of waiters.splice(0)) wake();
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    err += chunk.toString('utf8');
  });
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      resolve({ code, signal });
      for (const wake of waiters.splice(0)) wake();
    });
  });
  const waitFor = (pattern: RegExp) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`timed out waiting for ${pattern}; stdout:\n${out}\nstderr:\n${err}`)),
        10_000,
      );
      const check = () => {
        const match = out.match(pattern);
        if (match) {
          clearTimeout(timer);
          resolve(match);
        } else if (child.exitCode !== null || child.signalCode !== null) {
          clearTimeout(timer);
          reject(new Error(`exited before ${pattern}; stdout:\n${out}\nstderr:\n${err}`));
        } else waiters.push(check);
      };
      check();
    });
  return { child, stdout: () => out, stderr: () => err, waitFor, exit };
}

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what} took over ${ms} ms`)), ms)),
  ]);
}

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` (turbo builds it before the tests)`);
});

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

describe('mailapis-mock', () => {
  it('serves both APIs, logs each request with its verdict and stops cleanly on SIGTERM', async () => {
    const cli = run(['--port', '0']);
    const [, url] = await cli.waitFor(/^mailapis mock listening on (http:\/\/127\.0\.0\.1:\d+)\n(?:.*\n){7}/);

    const valid = await fetch(`${url}/v3/partners/accounts/sg1/offerings`, {
      method: 'PUT',
      headers: { ...SG_AUTH, ...JSON_TYPE },
      body: JSON.stringify({ offerings: [{ name: 'org.ei.free.v1', type: 'package' }] }),
    });
    expect(valid.status).toBe(200);
    await valid.arrayBuffer();
    const invalid = await fetch(`${url}/api/delivery/accounts/0`, {
      method: 'PUT',
      headers: { ...QB_AUTH, ...JSON_TYPE },
      body: JSON.stringify({ volume: 2147483648 }),
    });
    expect(invalid.status).toBe(422);
    expect(await invalid.json()).toEqual({
      message: 'Validation failed',
      errors: [
        { field: 'id', description: 'must be >= 1' },
        { field: 'volume', description: 'must be <= 2147483647' },
      ],
    });
    await cli.waitFor(/-> 422 .*\n/);

    cli.child.kill('SIGTERM');
    expect(await within(cli.exit, 5000, 'SIGTERM shutdown')).toEqual({ code: 0, signal: null });
    expect(cli.stdout()).toBe(
      [
        `mailapis mock listening on ${url}`,
        '  GET /v3/partners/offerings (sendgrid-provisioning listOfferings)',
        '  GET /api/delivery/accounts (qboxmail-delivery listDeliveryAccounts)',
        '  GET /v3/partners/accounts/{accountID}/offerings (sendgrid-provisioning getAccountOfferings)',
        '  PUT /v3/partners/accounts/{accountID}/offerings (sendgrid-provisioning updateAccountOfferings)',
        '  GET /api/delivery/accounts/{id} (qboxmail-delivery getDeliveryAccount)',
        '  PUT /api/delivery/accounts/{id} (qboxmail-delivery updateDeliveryAccount)',
        'stateless; CORS for http://127.0.0.1:8080, http://localhost:8080',
        'PUT /v3/partners/accounts/sg1/offerings -> 200 ok (sendgrid-provisioning updateAccountOfferings)',
        'PUT /api/delivery/accounts/0 -> 422 invalid (qboxmail-delivery updateDeliveryAccount): id must be >= 1; volume must be <= 2147483647',
        'mailapis mock stopped (SIGTERM)',
        '',
      ].join('\n'),
    );
    expect(cli.stderr()).toBe('');
    expect(cli.stdout()).not.toContain('test-secret');
  });

  it('stops on SIGINT even with an open keep-alive connection; --api selects the APIs', async () => {
    const cli = run(['--api', 'qboxmail-delivery', '--port=0', '--host', '127.0.0.1']);
    const [, url] = await cli.waitFor(/^mailapis mock listening on (http:\/\/127\.0\.0\.1:\d+)\n(?:.*\n){4}/);
    const answer = await fetch(`${url}/api/delivery/accounts/7`, {
      method: 'PUT',
      headers: { ...QB_AUTH, ...JSON_TYPE },
      body: '{}',
    });
    expect(answer.status).toBe(200);
    await answer.arrayBuffer();
    cli.child.kill('SIGINT');
    expect(await within(cli.exit, 5000, 'SIGINT shutdown')).toEqual({ code: 0, signal: null });
    expect(cli.stdout().split('\n').slice(1)).toEqual([
      '  GET /api/delivery/accounts (qboxmail-delivery listDeliveryAccounts)',
      '  GET /api/delivery/accounts/{id} (qboxmail-delivery getDeliveryAccount)',
      '  PUT /api/delivery/accounts/{id} (qboxmail-delivery updateDeliveryAccount)',
      'stateless; CORS for http://127.0.0.1:8080, http://localhost:8080',
      'PUT /api/delivery/accounts/7 -> 200 ok (qboxmail-delivery updateDeliveryAccount)',
      'mailapis mock stopped (SIGINT)',
      '',
    ]);
  });

  it('--stateful keeps writes for the next read; --no-cors turns CORS off', async () => {
    const cli = run(['--stateful', '--no-cors', '--port', '0', '--api', 'sendgrid-provisioning']);
    const [, url] = await cli.waitFor(/^mailapis mock listening on (http:\/\/127\.0\.0\.1:\d+)\n(?:.*\n){4}/);
    const body = { offerings: [{ name: 'org.mc.basic.v1', type: 'addon', quantity: 4 }] };
    const put = await fetch(`${url}/v3/partners/accounts/cli-1/offerings`, {
      method: 'PUT',
      headers: { ...SG_AUTH, ...JSON_TYPE },
      body: JSON.stringify(body),
    });
    expect(put.status).toBe(200);
    await put.arrayBuffer();
    const get = await fetch(`${url}/v3/partners/accounts/cli-1/offerings`, { headers: SG_AUTH });
    expect(await get.json()).toEqual(body);
    const options = await fetch(`${url}/v3/partners/accounts/cli-1/offerings`, {
      method: 'OPTIONS',
      headers: { origin: 'http://127.0.0.1:8080', 'access-control-request-method': 'PUT' },
    });
    expect(options.status).toBe(405);
    await options.arrayBuffer();
    cli.child.kill('SIGTERM');
    expect(await within(cli.exit, 5000, 'SIGTERM shutdown')).toEqual({ code: 0, signal: null });
    expect(cli.stdout().split('\n')[4]).toBe('stateful; no CORS');
  });

  it('--cors-origin replaces the default origins', async () => {
    const cli = run(['--cors-origin', 'http://app.test:3000', '--cors-origin', 'http://other.test', '--port', '0']);
    const [, url] = await cli.waitFor(/^mailapis mock listening on (http:\/\/127\.0\.0\.1:\d+)\n(?:.*\n){7}/);
    const preflight = (origin: string) =>
      fetch(`${url}/api/delivery/accounts/1`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'PUT' } });
    const allowed = await preflight('http://app.test:3000');
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://app.test:3000');
    const dropped = await preflight('http://127.0.0.1:8080');
    expect(dropped.status).toBe(405);
    await dropped.arrayBuffer();
    cli.child.kill('SIGTERM');
    expect(await within(cli.exit, 5000, 'SIGTERM shutdown')).toEqual({ code: 0, signal: null });
    expect(cli.stdout()).toContain('\nstateless; CORS for http://app.test:3000, http://other.test\n');
  });

  it('--help prints the usage and exits 0', async () => {
    const cli = run(['--help']);
    expect(await within(cli.exit, 5000, '--help')).toEqual({ code: 0, signal: null });
    expect(cli.stdout()).toMatch(/^Usage: mailapis-mock \[--port <n>\] \[--host <address>\] \[--api <name>\]\.\.\. \[--stateful/);
    expect(cli.stdout()).toContain('Prefer: code=429');
  });

  it.each([
    [['--bogus'], "Unknown option '--bogus'"],
    [['--port', 'abc'], '--port must be an integer from 0 to 65535, got "abc"'],
    [['--port', '70000'], '--port must be an integer from 0 to 65535, got "70000"'],
    [['extra'], "Unexpected argument 'extra'"],
    [['--api', 'nope', '--port', '0'], 'Unknown API "nope"'],
    [['--cors-origin', 'localhost:8080'], '--cors-origin: CORS origin "localhost:8080" must be a bare origin'],
    [['--no-cors', '--cors-origin', 'http://a.test'], '--no-cors and --cors-origin exclude each other'],
    [['--seed', 'seed.json'], '--seed and --max-resources need --stateful'],
    [['--stateful', '--max-resources', '0'], '--max-resources must be a positive integer, got "0"'],
  ])('%j → usage and exit 2', async (args, message) => {
    const cli = run(args);
    expect(await within(cli.exit, 5000, 'bad flags')).toEqual({ code: 2, signal: null });
    expect(cli.stdout()).toBe('');
    expect(cli.stderr()).toContain(message);
    expect(cli.stderr()).toContain('Usage: mailapis-mock');
  });
});
