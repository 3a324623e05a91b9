// @ts-check
// Facts about an API's built client that the TypeScript samples need, read from the package itself:
// its factory is the one export named `create…Client` (the `./raw` entry is not imported), and the
// option holding the credential is the one the factory names when it is called without options.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);

/**
 * @param {string} packageName e.g. `@mailapis/sendgrid-provisioning-client`
 * @returns {Promise<import('./code-samples.mjs').ClientFacts>}
 */
export async function clientFacts(packageName) {
  const module = await import(pathToFileURL(require.resolve(packageName)).href);
  const factories = Object.keys(module).filter((name) => /^create\w+Client$/.test(name) && !/Raw/.test(name));
  if (factories.length !== 1) {
    throw new Error(`${packageName} must export exactly one create…Client factory, found: ${factories.join(', ') || 'none'}`);
  }
  const factory = /** @type {string} */ (factories[0]);
  try {
    module[factory]({});
  } catch (error) {
    const parameter = /** @type {{ parameter?: unknown }} */ (error).parameter;
    if (typeof parameter === 'string' && /^[A-Za-z_$][\w$]*$/.test(parameter)) {
      return { packageName, factory, credentialOption: parameter };
    }
    throw new Error(`${packageName}: ${factory}({}) did not name its credential option (${String(error)})`);
  }
  throw new Error(`${packageName}: ${factory}({}) accepted options without a credential`);
}
