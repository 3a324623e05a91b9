// The written policy and the code agree: every rule the tool can report is explained in
// docs/compatibility-policy.md, and the notice period quoted there is the one enforced.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { defaultPaths } from '../src/baseline.ts';
import { MINIMUM_NOTICE_DAYS } from '../src/check.ts';
import { OWN_RULES } from '../src/rules.ts';

const policy = readFileSync(join(defaultPaths.changelogRoot, '..', 'docs', 'compatibility-policy.md'), 'utf8');

test.each(OWN_RULES.map((r) => [r]))('rule %s is documented in the compatibility policy', (rule) => {
  expect(policy).toContain(`\`${rule}\``);
});

test('the policy states the enforced minimum deprecation notice', () => {
  expect(policy).toContain(`${MINIMUM_NOTICE_DAYS} days`);
});
