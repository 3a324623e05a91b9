// Installs the packed tarballs into a fresh consumer project outside the monorepo and uses
// them the way a partner would: ESM import, CommonJS require, and tsc under node16 and bundler.
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
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
    ]);
    expect(out.typesRuntimeExports).toEqual([[], []]);
    expect(out.specs.sendgrid).toEqual(sendgridSpec);
    expect(out.specs.qboxmail).toEqual(qboxmailSpec);
  });

  it('CJS: requires every package, builds both clients and reads the shipped documents', async () => {
    const out = await node('cjs.cjs');
    const validationError = { name: 'RequestValidationError', isRequestValidationError: true, isMailapisError: true };
    expect(out.sendgrid.defaultBaseUrl).toBe(sendgridSpec.servers[0].url);
    expect(out.sendgrid.methods).toEqual(['baseUrl', 'updateAccountOfferings']);
    expect(out.sendgrid.raw).toEqual(['createSendGridProvisioningRawClient']);
    expect(out.sendgrid.rawMethods).toEqual(['PUT']);
    expect(out.sendgrid.validation).toEqual(validationError);
    expect(out.sendgrid.errorClassesAreCore).toEqual([true, true, true, true]);
    expect(out.qboxmail.defaultBaseUrl).toBe(qboxmailSpec.servers[0].url);
    expect(out.qboxmail.methods).toEqual(['baseUrl', 'updateDeliveryAccount']);
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
});
