// The check's verdicts and the release flow, on planted changes of the real bundles, in a
// temporary directory (baselines, changelogs and changesets never touch the repository).
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { type ContractPaths, defaultPaths, readBaseline, writeBaseline } from '../src/baseline.ts';
import { GENERATED_MARKER } from '../src/changelog.ts';
import { checkApi, MINIMUM_NOTICE_DAYS } from '../src/check.ts';
import { main } from '../src/cli.ts';
import { publishedPackages, releaseApi } from '../src/release.ts';
import { bundle, type Doc, operationsOf, perOperation, planted, schema } from './planted.ts';

let dir: string;
let paths: ContractPaths;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'contract-diff-test-'));
  paths = {
    baselineDir: join(dir, 'baselines'),
    changelogRoot: join(dir, 'specs'),
    changesetDir: join(dir, '.changeset'),
    packagesDir: defaultPaths.packagesDir,
  };
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const DATE = '2026-11-22';
// The released version the planted changes start from, whatever the real specs are at: the
// messages below quote it.
const RELEASED = '1.0.0';
const removeOfferings = (doc: Doc) => {
  delete doc.components.schemas.OfferingList.properties.offerings;
  doc.components.schemas.OfferingList.required = [];
};

async function runCli(argv: string[], current: Record<string, Doc>) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    apis: () => Object.keys(current),
    loadCurrent: (api) => current[api]!,
    paths,
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('done when: a removed field fails, the same change with a major bump passes and reaches the changelog', () => {
  test('remove OfferingList.offerings → fails naming field and rule; 2.0.0 passes; release writes changelog, changeset, baseline', async () => {
    const released = bundle('sendgrid-provisioning', RELEASED);
    expect((await releaseApi('sendgrid-provisioning', released, paths, { date: '2026-01-10' })).status).toBe('released');

    const { after } = planted('sendgrid-provisioning', removeOfferings, RELEASED);
    const failing = await runCli(['check'], { 'sendgrid-provisioning': after });
    expect(failing.code).toBe(1);
    expect(failing.err).toContain(
      'sendgrid-provisioning: [response.property-removed] PUT /v3/partners/accounts/{accountID}/offerings (updateAccountOfferings), response 200 body (application/json), field `offerings`: removed property `offerings` in response 200 body (application/json)',
    );
    expect(failing.err).toContain('why: partners that read this field stop receiving it');
    expect(failing.err).toContain(
      'fix: keep the old behaviour (deprecate first: deprecated: true plus x-sunset), or bump info.version to 2.0.0',
    );
    expect(failing.err).toContain('[types.response-not-assignable]');

    // a release of the same change without the bump is refused too
    const refused = await releaseApi('sendgrid-provisioning', after, paths, { date: DATE });
    expect(refused.status).toBe('refused');
    expect(refused.written).toEqual([]);

    after.info.version = '2.0.0';
    const passing = await runCli(['check'], { 'sendgrid-provisioning': after });
    expect(passing.err).toBe('');
    expect(passing.code).toBe(0);
    expect(passing.out).toContain('breaking changes approved by the major version bump 1.0.0 → 2.0.0');

    const result = await releaseApi('sendgrid-provisioning', after, paths, { date: DATE });
    expect(result.status).toBe('released');
    const changelog = readFileSync(join(paths.changelogRoot, 'sendgrid-provisioning', 'CHANGELOG.md'), 'utf8');
    expect(changelog.startsWith(GENERATED_MARKER)).toBe(true);
    const entry = changelog.slice(changelog.indexOf('## 2.0.0 (2026-11-22)'), changelog.indexOf('## 1.0.0 (2026-01-10)'));
    expect(entry).toContain(
      '- **PUT /v3/partners/accounts/{accountID}/offerings** (`updateAccountOfferings`): removed property `offerings` in response 200 body (application/json). _Why it breaks: partners that read this field stop receiving it; a documented response field is removed only in a major version, after deprecation (rule `response.property-removed`)._',
    );
    // and once for every other operation that returns an OfferingList
    const readers = perOperation(released, [{ part: 'response200', uses: schema('OfferingList'), findings: [{}] }]);
    expect(readers.length).toBeGreaterThan(1);
    for (const { operation } of readers) {
      expect(entry).toContain(`(\`${operation}\`): removed property \`offerings\` in response 200 body (application/json).`);
    }
    expect(entry).toContain('Major release: contains breaking changes since 1.0.0.');
    expect(changelog.indexOf('## 2.0.0')).toBeLessThan(changelog.indexOf('## 1.0.0'));

    const changeset = readFileSync(join(paths.changesetDir, 'sendgrid-provisioning-2-0-0.md'), 'utf8');
    expect(changeset.split('\n').slice(0, 5)).toEqual([
      '---',
      '"@mailapis/mock": major',
      '"@mailapis/sendgrid-provisioning-client": major',
      '"@mailapis/sendgrid-provisioning-types": major',
      '---',
    ]);
    expect(changeset).toContain(
      'SendGrid Account Provisioning API — Account Offerings 2.0.0: contract changes since 1.0.0, see specs/sendgrid-provisioning/CHANGELOG.md.',
    );
    expect(changeset).toContain(
      '- **Breaking**: `updateAccountOfferings` removed property `offerings` in response 200 body (application/json).',
    );

    expect(readBaseline(paths, 'sendgrid-provisioning')).toMatchObject({ version: '2.0.0', released: DATE });
    const after2 = await runCli(['check'], { 'sendgrid-provisioning': after });
    expect(after2.code).toBe(0);
    expect(after2.out).toContain('sendgrid-provisioning 2.0.0 (released 2.0.0): no changes');
  }, 90_000); // five type-level checks of every operation (tsc): about 5 s each on a busy 2-core machine
});

describe('the check', () => {
  test('an additive change passes and notes the minor bump the release will need', async () => {
    const { before, after } = planted(
      'qboxmail-delivery',
      (doc) => doc.components.schemas.PaymentMethod.enum.push('sepa'),
      RELEASED,
    );
    const report = await checkApi('qboxmail-delivery', before, after, { date: DATE });
    expect(report.violations).toEqual([]);
    expect(report.requiredBump).toBe('minor');
    expect(report.actualBump).toBeUndefined();
  });

  test('a version that goes backwards fails', async () => {
    const { before, after } = planted(
      'qboxmail-delivery',
      (doc) => {
        doc.info.version = '0.9.0';
      },
      RELEASED,
    );
    const report = await checkApi('qboxmail-delivery', before, after, { date: DATE, skipTypes: true });
    expect(report.violations.map((v) => [v.rule, v.message])).toEqual([
      ['version.backwards', 'info.version 0.9.0 is lower than the released 1.0.0'],
    ]);
  });

  test('a version that is not semver fails', async () => {
    const { before, after } = planted(
      'qboxmail-delivery',
      (doc) => {
        doc.info.version = 'v2';
      },
      RELEASED,
    );
    const report = await checkApi('qboxmail-delivery', before, after, { date: DATE });
    expect(report.violations.map((v) => v.rule)).toEqual(['version.semver']);
    expect(report.violations[0]!.message).toBe(
      'qboxmail-delivery: info.version must be a semantic version MAJOR.MINOR.PATCH (for example 1.2.0), got "v2"',
    );
  });

  test.each([
    [undefined, 'deprecation.sunset-required'],
    ['2027-01-01', 'deprecation.notice-too-short'],
  ])('a new deprecation with x-sunset %s fails with %s', async (sunset, rule) => {
    const { before, after } = planted(
      'qboxmail-delivery',
      (doc) => {
        const volume = doc.components.schemas.UpdateDeliveryAccountRequest.properties.volume;
        volume.deprecated = true;
        if (sunset) volume['x-sunset'] = sunset;
      },
      RELEASED,
    );
    const report = await checkApi('qboxmail-delivery', before, after, { date: DATE, skipTypes: true });
    expect(report.violations.map((v) => [v.rule, v.fix])).toEqual([
      [rule, expect.stringContaining('2027-05-21')], // DATE + 180 days
    ]);
    expect(MINIMUM_NOTICE_DAYS).toBe(180);
  });

  test('a deprecation with enough notice passes and goes into the changelog with its sunset date', async () => {
    const { before, after } = planted(
      'qboxmail-delivery',
      (doc) => {
        Object.assign(doc.components.schemas.UpdateDeliveryAccountRequest.properties.volume, {
          deprecated: true,
          'x-sunset': '2027-06-01',
        });
        doc.info.version = '1.1.0';
      },
      RELEASED,
    );
    writeBaseline(paths, 'qboxmail-delivery', before, '2026-01-10');
    const result = await releaseApi('qboxmail-delivery', after, paths, { date: DATE });
    expect(result.reasons).toEqual([]);
    expect(result.entry).toContain('### Deprecations');
    expect(result.entry).toContain(
      'added `deprecated` `true` to `volume` in request body (application/json). Sunset: 2027-06-01.',
    );
    expect(readFileSync(join(paths.changesetDir, 'qboxmail-delivery-1-1-0.md'), 'utf8')).toContain(
      '"@mailapis/qboxmail-delivery-types": minor',
    );
  });

  test('a new API without a baseline passes', async () => {
    const report = await checkApi('qboxmail-delivery', undefined, bundle('qboxmail-delivery', RELEASED));
    expect(report.violations).toEqual([]);
    expect(report.changes).toEqual([]);
  });
});

describe('the release', () => {
  test('refuses an additive change without a minor bump, naming the version to use', async () => {
    const { before, after } = planted(
      'qboxmail-delivery',
      (doc) => doc.components.schemas.PaymentMethod.enum.push('sepa'),
      RELEASED,
    );
    writeBaseline(paths, 'qboxmail-delivery', before, '2026-01-10');
    const result = await releaseApi('qboxmail-delivery', after, paths, { date: DATE });
    expect(result.status).toBe('refused');
    expect(result.reasons).toEqual([
      'qboxmail-delivery: the changes since 1.0.0 need a minor version; info.version is 1.0.0. Set it to 1.1.0 (rule version.bump-required).',
    ]);
    expect(existsSync(join(paths.changelogRoot, 'qboxmail-delivery', 'CHANGELOG.md'))).toBe(false);
  });

  test('a documentation-only change is a patch release with a patch changeset', async () => {
    const { before, after } = planted(
      'qboxmail-delivery',
      (doc) => {
        doc.components.schemas.PaymentMethod.description = 'How plan changes are paid.';
        doc.info.version = '1.0.1';
      },
      RELEASED,
    );
    writeBaseline(paths, 'qboxmail-delivery', before, '2026-01-10');
    const result = await releaseApi('qboxmail-delivery', after, paths, { date: DATE });
    expect(result.status).toBe('released');
    expect(result.entry).toContain('Patch release');
    expect(result.entry).toContain('### Documentation');
    expect(readFileSync(join(paths.changesetDir, 'qboxmail-delivery-1-0-1.md'), 'utf8')).toContain(
      '"@mailapis/qboxmail-delivery-client": patch',
    );
  });

  test('an unchanged API has nothing to release, and --dry-run writes nothing', async () => {
    const doc = bundle('qboxmail-delivery', RELEASED);
    const dry = await runCli(['release', '--dry-run', '--date', DATE], { 'qboxmail-delivery': doc });
    expect(dry.code).toBe(0);
    expect(dry.out).toContain('qboxmail-delivery 1.0.0: would release');
    expect(existsSync(paths.baselineDir)).toBe(false);
    await releaseApi('qboxmail-delivery', doc, paths, { date: DATE });
    const again = await runCli(['release'], { 'qboxmail-delivery': doc });
    expect(again.out).toBe('qboxmail-delivery 1.0.0: nothing changed since 1.0.0; nothing to release');
  });

  test('the changelog refuses a second entry for the same version', async () => {
    const doc = bundle('qboxmail-delivery', RELEASED);
    mkdirSync(join(paths.changelogRoot, 'qboxmail-delivery'), { recursive: true });
    writeFileSync(
      join(paths.changelogRoot, 'qboxmail-delivery', 'CHANGELOG.md'),
      `${GENERATED_MARKER}\n\n# x\n\n## 1.0.0 (2026-01-01)\n\nInitial.\n`,
    );
    await expect(releaseApi('qboxmail-delivery', doc, paths, { date: DATE })).rejects.toThrow(
      'qboxmail-delivery: the changelog already has an entry for 1.0.0',
    );
  });

  test('the CLI rejects bad arguments with a clear message', async () => {
    expect(await runCli(['publish'], {})).toMatchObject({ code: 2, err: expect.stringContaining('unknown command "publish"') });
    expect(await runCli(['check', '--api', 'nope'], { 'qboxmail-delivery': {} })).toMatchObject({
      code: 2,
      err: 'contract-diff: unknown API nope; known: qboxmail-delivery',
    });
    expect(await runCli(['release', '--date', '22/11/2026'], {})).toMatchObject({
      code: 2,
      err: expect.stringContaining('--date must be YYYY-MM-DD, got 22/11/2026'),
    });
  });
});

describe('the changeset', () => {
  test('bumps every published package that ships the documents: types, client, mock and the specs package', () => {
    const specsManifest = join(paths.changelogRoot, 'package.json');
    mkdirSync(paths.changelogRoot, { recursive: true });
    writeFileSync(specsManifest, JSON.stringify({ name: '@mailapis/specs' }));
    expect(publishedPackages(paths, 'qboxmail-delivery')).toEqual([
      '@mailapis/mock',
      '@mailapis/qboxmail-delivery-client',
      '@mailapis/qboxmail-delivery-types',
      '@mailapis/specs',
    ]);
    writeFileSync(specsManifest, JSON.stringify({ name: '@mailapis/specs', private: true }));
    expect(publishedPackages(paths, 'qboxmail-delivery')).not.toContain('@mailapis/specs');
    // the real specs folder is the published @mailapis/specs
    expect(publishedPackages(defaultPaths, 'sendgrid-provisioning')).toEqual([
      '@mailapis/mock',
      '@mailapis/sendgrid-provisioning-client',
      '@mailapis/sendgrid-provisioning-types',
      '@mailapis/specs',
    ]);
  });
});

describe('the changelog entry a partner reads', () => {
  const notFound = { $ref: '#/components/responses/NotFound' };
  const addOperations = (doc: Doc) => {
    doc.paths['/api/delivery/accounts/{id}'].delete = {
      operationId: 'deleteDeliveryAccount',
      summary: 'Delete Delivery account.',
      responses: { '204': { description: 'Deleted.' }, '404': notFound },
    };
    doc.paths['/api/delivery/domains'] = {
      get: { operationId: 'listDomains', summary: 'List domains', responses: { '200': { description: 'The domains.' } } },
      post: { operationId: 'createDomain', responses: { '201': { description: 'Created.' }, '404': notFound } },
    };
    doc.info.version = '1.1.0';
  };

  test('new operations get their own section, with summary and statuses, and a changeset line each', async () => {
    const { before, after } = planted('qboxmail-delivery', addOperations, RELEASED);
    writeBaseline(paths, 'qboxmail-delivery', before, '2026-01-10');
    const result = await releaseApi('qboxmail-delivery', after, paths, { date: DATE });
    expect(result.status).toBe('released');
    expect(result.entry).toBe(
      [
        '## 1.1.0 (2026-11-22)',
        '',
        'Minor release: additive changes since 1.0.0; existing integrations keep working.',
        '',
        '### New operations',
        '',
        '- **DELETE /api/delivery/accounts/{id}** (`deleteDeliveryAccount`): Delete Delivery account. Responses: 204, 404.',
        '- **GET /api/delivery/domains** (`listDomains`): List domains. Responses: 200.',
        '- **POST /api/delivery/domains** (`createDomain`): Responses: 201, 404.',
        '',
      ].join('\n'),
    );
    const changeset = readFileSync(join(paths.changesetDir, 'qboxmail-delivery-1-1-0.md'), 'utf8');
    expect(changeset.split('\n').slice(-4)).toEqual([
      '- **New operation**: `deleteDeliveryAccount` (DELETE /api/delivery/accounts/{id}): Delete Delivery account.',
      '- **New operation**: `listDomains` (GET /api/delivery/domains): List domains.',
      '- **New operation**: `createDomain` (POST /api/delivery/domains).',
      '',
    ]);
  });

  test('a long description rewritten is "reworded", a short one quoted; tooling hints get one line', async () => {
    const { before, after } = planted(
      'qboxmail-delivery',
      (doc) => {
        const update = doc.paths['/api/delivery/accounts/{id}'].put;
        update.description = `${update.description} One more sentence at the end.`;
        update.summary = 'Change a Delivery account';
        update['x-mailapis-mock'] = { resource: 'accounts', action: 'replace', key: 'id' };
        doc.info.version = '1.0.1';
      },
      RELEASED,
    );
    writeBaseline(paths, 'qboxmail-delivery', before, '2026-01-10');
    const result = await releaseApi('qboxmail-delivery', after, paths, { date: DATE });
    const label = '**PUT /api/delivery/accounts/{id}** (`updateDeliveryAccount`)';
    const oldSummary = before.paths['/api/delivery/accounts/{id}'].put.summary;
    expect(result.entry!.split('\n').slice(4)).toEqual([
      '### Documentation',
      '',
      `- ${label}: changed \`summary\` of the operation from \`${oldSummary}\` to \`Change a Delivery account\`.`,
      `- ${label}: reworded the \`description\` of the operation.`,
      `- Hints for the mailapis tooling (\`x-mailapis-mock\`) changed on \`updateDeliveryAccount\`; they do not change what is sent or received.`,
      '',
    ]);
  });

  test('the first release lists every operation with its summary and statuses', async () => {
    const doc = bundle('sendgrid-provisioning', RELEASED);
    const result = await releaseApi('sendgrid-provisioning', doc, paths, { date: DATE });
    const put = doc.paths['/v3/partners/accounts/{accountID}/offerings'].put;
    expect(result.entry).toContain(
      `- **PUT /v3/partners/accounts/{accountID}/offerings** (\`updateAccountOfferings\`): Update Account Offerings. Responses: ${Object.keys(put.responses).join(', ')}.\n`,
    );
    expect(result.entry!.match(/^- \*\*[A-Z]+ \//gm)).toHaveLength(operationsOf(doc).length);
  });
});
