import { describe, expect, it } from 'vitest';
import { landingPage } from '../src/site.mjs';
import { apis } from './helpers.ts';

const pages = apis.map(({ name, doc }) => ({
  name,
  doc,
  clientPackage: `@mailapis/${name}-client`,
  typeScriptSample: name.startsWith('sendgrid')
    ? "createSendGridProvisioningClient({ apiKey, region: 'global' })"
    : "createQboxmailDeliveryClient({ apiToken, environment: 'sandbox' })",
  curlSample: 'curl',
  recipe: 'for await (const x of y) {}',
  tools: [],
  downloads: [],
  changelogHtml: null,
}));

describe('landing page', () => {
  it('explains how to point each client at the mock server when the repository has one', () => {
    const html = landingPage({
      apis: pages,
      mock: { command: 'npx mailapis-mock --port 4010', script: 'npm run mock', port: 4010 },
      hasPolicy: false,
    });
    expect(html).toContain('id="mock-server"');
    expect(html).toContain('npx mailapis-mock --port 4010    # or, in the repository: npm run mock');
    expect(html).toContain("createSendGridProvisioningClient({ apiKey: 'any-key', baseUrl: 'http://127.0.0.1:4010' })");
    expect(html).toContain("createQboxmailDeliveryClient({ apiToken: 'any-token', baseUrl: 'http://127.0.0.1:4010' })");
    expect(html).not.toContain('compatibility-policy.html');
  });

  it('has no mock section without a mock server', () => {
    const html = landingPage({ apis: pages, mock: null, hasPolicy: true });
    expect(html).not.toContain('mock-server');
    expect(html).toContain('href="compatibility-policy.html"');
  });
});
