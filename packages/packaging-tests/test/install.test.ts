// Installs the packed tarballs into a fresh consumer project outside the monorepo and uses
// them the way a partner would: ESM import, CommonJS require, and tsc under node16 and bundler.
import { execFile, spawn } from 'node:child_process';
import { accessSync, constants, cpSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { loadSpec, specPath } from '@mailapis/specs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { childEnv, packageDir } from './support/workspace.ts';

const run = promisify(execFile);
const require = createRequire(import.meta.url);
const tsc = require.resolve('typescript/bin/tsc');
const tarballs = inject('tarballs');
const sendgridSpec = loadSpec('sendgrid-provisioning');
const qboxmailSpec = loadSpec('qboxmail-delivery');
/** Every operationId of a spec: each is a client method. */
const operationIds = (spec: typeof sendgridSpec): string[] =>
  Object.values(spec.paths ?? {}).flatMap((item) =>
    Object.values(item as Record<string, { operationId?: string }>).flatMap((op) => (op?.operationId ? [op.operationId] : [])),
  );

let consumer: string;

beforeAll(async () => {
  consumer = realpathSync(mkdtempSync(join(tmpdir(), 'mailapis-consumer-')));
  cpSync(join(packageDir, 'test', 'fixtures', 'consumer'), consumer, { recursive: true });
  writeFileSync(
    join(consumer, 'package.json'),
    `${JSON.stringify({ name: 'consumer', private: true, type: 'module' }, null, 2)}\n`,
  );
  // The tarballs come from disk; their third-party dependencies (openapi-fetch) from the npm cache when it
  // has them, else from the configured registry (a fresh machine's cache holds tarballs, not packuments).
  await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', ...Object.values(tarballs)], {
    cwd: consumer,
    env: childEnv(),
    timeout: 180_000,
  });
});

afterAll(() => {
  if (consumer) rmSync(consumer, { recursive: true, force: true });
});

async function node(file: string): Promise<any> {
  const { stdout } = await run(process.execPath, [file], { cwd: consumer, timeout: 30_000, maxBuffer: 16 * 1024 * 1024 });
  return JSON.parse(stdout);
}

/** Follows local `$ref`s (`#/components/...`) of a bundled document. */
function resolve(spec: any, node: any): any {
  let current = node;
  while (typeof current?.$ref === 'string') {
    current = current.$ref
      .slice(2)
      .split('/')
      .reduce((target: any, key: string) => target?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], spec);
  }
  return current;
}

/** `METHOD /path` of every operation of a document, as the mock lists them. */
function operationsOf(api: string, spec: any): string[] {
  return Object.entries<any>(spec.paths).flatMap(([path, item]) =>
    ['get', 'put', 'post', 'delete', 'patch']
      .filter((method) => item[method])
      .map((method) => `${api} ${method.toUpperCase()} ${path}`),
  );
}

/** The first path of a document that has an operation with this method. */
function pathWith(spec: any, method: string): string {
  const path = Object.keys(spec.paths).find((candidate) => spec.paths[candidate][method]);
  if (!path) throw new Error(`no ${method} operation in ${spec.info.title}`);
  return path;
}

/** The value of the first documented example of a media type object (what the mock answers with). */
function firstExample(spec: any, media: any): unknown {
  const examples = Object.values<any>(resolve(spec, media).examples);
  return resolve(spec, examples[0]).value;
}

/** Resolves with how a child exited, or rejects after `ms` (the caller kills it). */
function exitWithin(child: ReturnType<typeof spawn>, ms: number): Promise<{ code: number | null; signal: string | null }> {
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`mailapis-mock did not exit within ${ms} ms`)), ms);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolvePromise({ code, signal });
    });
  });
}

async function typecheck(tsconfig: string): Promise<{ code: number; output: string }> {
  try {
    const { stdout } = await run(process.execPath, [tsc, '-p', tsconfig, '--pretty', 'false'], {
      cwd: consumer,
      timeout: 120_000,
    });
    return { code: 0, output: stdout };
  } catch (error: any) {
    return { code: error.code, output: `${error.stdout}${error.stderr}` };
  }
}

describe('installed from the tarballs', () => {
  it('installs every public package from its tarball, nothing from a workspace link', () => {
    const manifest = JSON.parse(readFileSync(join(consumer, 'package.json'), 'utf8'));
    expect(Object.keys(manifest.dependencies).sort()).toEqual(Object.keys(tarballs).sort());
    for (const spec of Object.values(manifest.dependencies)) expect(spec).toMatch(/^file:.*\.tgz$/);
    const lock = JSON.parse(readFileSync(join(consumer, 'package-lock.json'), 'utf8'));
    expect(lock.packages['node_modules/openapi-fetch'].version).toBe('0.17.0');
    // @mailapis/mock's only runtime dependencies; @mailapis/specs (private) is bundled or shipped, never installed.
    expect(lock.packages['node_modules/ajv'].version).toBe('8.20.0');
    expect(lock.packages['node_modules/ajv-formats'].version).toBe('3.0.1');
    expect(lock.packages['node_modules/@mailapis/specs']).toBeUndefined();
  });

  it('ESM: imports every package, calls both clients over HTTP and reads the shipped documents', async () => {
    const out = await node('esm.mjs');
    const validationError = { name: 'RequestValidationError', isRequestValidationError: true, isMailapisError: true };
    const sendgridServers = sendgridSpec.servers.map((s: { url: string }) => s.url);
    expect([out.sendgrid.defaultBaseUrl, out.sendgrid.euBaseUrl]).toEqual(sendgridServers);
    const offerings = { offerings: [{ name: 'org.ei.free.v1', type: 'package', quantity: 1 }] };
    expect(out.sendgrid.result).toEqual(offerings);
    expect(out.sendgrid.rawStatus).toBe(200);
    expect(out.sendgrid.rawData).toEqual({ offerings: [] });
    expect(out.sendgrid.validation).toEqual(validationError);
    expect(out.sendgrid.errorClassesAreCore).toEqual([true, true, true, true]);

    const qboxmailServers = qboxmailSpec.servers.map((s: { url: string }) => s.url);
    expect([out.qboxmail.defaultBaseUrl, out.qboxmail.sandboxBaseUrl]).toEqual(qboxmailServers);
    const change = { description: 'Newsletters', payment_method: 'paypal' };
    expect(out.qboxmail.result).toEqual({ resources: [{ id: '1042', ...change }], pagination: {} });
    expect(out.qboxmail.validation).toEqual(validationError);
    expect(out.qboxmail.errorClassesAreCore).toEqual([true, true, true, true]);

    expect(out.seen).toEqual([
      {
        method: 'PUT',
        url: '/v3/partners/accounts/sg2a2bcd3ef4ab5c67d8efab91c01de2fa/offerings',
        auth: 'Bearer SG.consumer-test-key',
        body: offerings,
      },
      { method: 'PUT', url: '/v3/partners/accounts/sg1/offerings', auth: 'Bearer SG.consumer-test-key', body: { offerings: [] } },
      { method: 'PUT', url: '/api/delivery/accounts/1042', auth: 'qbox-consumer-token', body: change },
      { method: 'GET', url: '/api/delivery/accounts?page=2&per=1&status=enabled', auth: 'qbox-consumer-token', body: null },
    ]);
    expect(out.qboxmail.list).toEqual({
      resources: [{ id: '7' }],
      pagination: { page: 2, per: 1, total_pages: 2, total_records: 2 },
    });
    expect(out.typesRuntimeExports).toEqual([[], []]);
    expect(out.specs.sendgrid).toEqual(sendgridSpec);
    expect(out.specs.qboxmail).toEqual(qboxmailSpec);
  });

  it('CJS: requires every package, builds both clients and reads the shipped documents', async () => {
    const out = await node('cjs.cjs');
    const validationError = { name: 'RequestValidationError', isRequestValidationError: true, isMailapisError: true };
    expect(out.sendgrid.defaultBaseUrl).toBe(sendgridSpec.servers[0].url);
    expect(out.sendgrid.methods).toEqual(['baseUrl', 'modifyAccountOfferings', ...operationIds(sendgridSpec)].sort());
    expect(out.sendgrid.raw).toEqual(['createSendGridProvisioningRawClient']);
    expect(out.sendgrid.rawMethods).toEqual(['PUT']);
    expect(out.sendgrid.validation).toEqual(validationError);
    expect(out.sendgrid.errorClassesAreCore).toEqual([true, true, true, true]);
    expect(out.qboxmail.defaultBaseUrl).toBe(qboxmailSpec.servers[0].url);
    expect(out.qboxmail.methods).toEqual(['baseUrl', ...operationIds(qboxmailSpec)].sort());
    expect(out.qboxmail.raw).toEqual(['createQboxmailDeliveryRawClient']);
    expect(out.qboxmail.rawMethods).toEqual(['PUT']);
    expect(out.qboxmail.validation).toEqual(validationError);
    expect(out.qboxmail.errorClassesAreCore).toEqual([true, true, true, true]);
    expect(out.typesRuntimeExports).toEqual([[], []]);
    expect(out.specs.sendgrid).toEqual(sendgridSpec);
    expect(out.specs.qboxmail).toEqual(qboxmailSpec);
    expect(out.yaml.sendgrid).toBe(join(consumer, 'node_modules/@mailapis/sendgrid-provisioning-types/openapi.yaml'));
    expect(readFileSync(out.yaml.sendgrid, 'utf8')).toBe(readFileSync(specPath('sendgrid-provisioning', 'yaml'), 'utf8'));
    expect(readFileSync(out.yaml.qboxmail, 'utf8')).toBe(readFileSync(specPath('qboxmail-delivery', 'yaml'), 'utf8'));
  });

  it.each(['tsconfig.node16.json', 'tsconfig.bundler.json'])(
    'tsc -p %s: valid calls compile, every @ts-expect-error line is an error',
    async (tsconfig) => {
      expect(await typecheck(tsconfig)).toEqual({ code: 0, output: '' });
    },
  );

  it('tsc really rejects the invalid calls: without the @ts-expect-error markers, exactly the marked lines fail', async () => {
    const source = readFileSync(join(consumer, 'consumer.ts'), 'utf8');
    const marked = source.split('\n').flatMap((line, index) => (/^\s*\/\/ @ts-expect-error /.test(line) ? [index + 2] : []));
    expect(marked.length).toBeGreaterThanOrEqual(6);
    writeFileSync(join(consumer, 'consumer.ts'), source.replaceAll('// @ts-expect-error ', '// expected error: '));
    try {
      const { code, output } = await typecheck('tsconfig.bundler.json');
      expect(code).toBe(2);
      const failing = new Set([...output.matchAll(/^consumer\.ts\((\d+),\d+\): error TS/gm)].map((m) => Number(m[1])));
      expect([...failing].sort((a, b) => a - b)).toEqual(marked);
    } finally {
      writeFileSync(join(consumer, 'consumer.ts'), source);
    }
  });

  it('mock library: ESM import and CommonJS require of @mailapis/mock serve the shipped documents', async () => {
    const out = await node('mock.mjs');
    expect(out.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(out.status).toBe(422);
    expect(out.fields).toEqual(['id']);
    expect(out.violations).toEqual(['path id']);
    const operations = [
      ...operationsOf('sendgrid-provisioning', sendgridSpec),
      ...operationsOf('qboxmail-delivery', qboxmailSpec),
    ];
    expect(out.operations.slice().sort()).toEqual(operations.slice().sort());
    expect(out.operations).toHaveLength(6);
    expect(out.esmExports).toEqual(['DOCS_ORIGINS', 'formatLogLine', 'loadMockApis', 'startMock']);
    expect(out.cjs.exports).toEqual(out.esmExports);
    expect(out.cjs.operations).toEqual(out.operations);
  });

  it('mock bin: node_modules/.bin/mailapis-mock serves both APIs from the tarball and stops on SIGTERM with 0', async () => {
    const bin = join(consumer, 'node_modules', '.bin', 'mailapis-mock');
    expect(realpathSync(bin)).toBe(join(consumer, 'node_modules/@mailapis/mock/dist/cli.js'));
    accessSync(bin, constants.X_OK);
    // Spawned directly (not through node): the shebang and the executable bit are part of what is tested.
    const child = spawn(bin, ['--port', '0'], { cwd: consumer, env: childEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    const exited = exitWithin(child, 20_000);
    exited.catch(() => {});
    try {
      const url = await new Promise<string>((resolveUrl, reject) => {
        const timer = setTimeout(() => reject(new Error(`no URL within 10 s; stdout: ${stdout} stderr: ${stderr}`)), 10_000);
        const check = () => {
          const match = /^mailapis mock listening on (http:\/\/127\.0\.0\.1:\d+)$/m.exec(stdout);
          if (match) {
            clearTimeout(timer);
            resolveUrl(match[1]!);
          }
        };
        child.stdout.on('data', check);
        child.once('exit', () => {
          clearTimeout(timer);
          reject(new Error(`mailapis-mock exited early; stdout: ${stdout} stderr: ${stderr}`));
        });
        check();
      });

      const sendgridPath = pathWith(sendgridSpec, 'put');
      const sendgridOperation = sendgridSpec.paths[sendgridPath].put;
      const valid = await fetch(`${url}${sendgridPath.replace('{accountID}', 'sg1')}`, {
        method: 'PUT',
        headers: { Authorization: 'Bearer SG.consumer-test-key', 'Content-Type': 'application/json' },
        body: JSON.stringify(
          firstExample(sendgridSpec, resolve(sendgridSpec, sendgridOperation.requestBody).content['application/json']),
        ),
        signal: AbortSignal.timeout(10_000),
      });
      expect(valid.status).toBe(200);
      expect(await valid.json()).toEqual(
        firstExample(sendgridSpec, resolve(sendgridSpec, sendgridOperation.responses['200']).content['application/json']),
      );

      const qboxmailPath = pathWith(qboxmailSpec, 'put');
      const invalid = await fetch(`${url}${qboxmailPath.replace('{id}', '1042')}`, {
        method: 'PUT',
        headers: { 'X-Api-Token': 'qbox-consumer-token', 'Content-Type': 'application/json' },
        body: JSON.stringify({ volume: 2147483648 }),
        signal: AbortSignal.timeout(10_000),
      });
      expect(invalid.status).toBe(422);
      const envelope = await invalid.json();
      expect(envelope.errors).toEqual([expect.objectContaining({ field: 'volume' })]);

      child.kill('SIGTERM');
      expect(await exited).toEqual({ code: 0, signal: null });
      expect(stdout).toContain('-> 200 ok (sendgrid-provisioning updateAccountOfferings)');
      expect(stdout).toContain('-> 422 invalid (qboxmail-delivery updateDeliveryAccount): volume must be <= 2147483647');
      expect(stdout).toContain('mailapis mock stopped (SIGTERM)');
      expect(stderr).toBe('');
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  });
});
