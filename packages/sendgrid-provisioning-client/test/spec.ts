/** The OpenAPI document shipped by the types package: the tests' source of expected values. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
export const spec = JSON.parse(readFileSync(require.resolve('@mailapis/sendgrid-provisioning-types/openapi.json'), 'utf8'));

const deref = (node: any): any =>
  node?.$ref
    ? deref(
        node.$ref
          .slice(2)
          .split('/')
          .reduce((acc: any, k: string) => acc[k], spec),
      )
    : node;

export const path = '/v3/partners/accounts/{accountID}/offerings';
export const operation = spec.paths[path].put;
export const accountIdExample: string = deref(spec.paths[path].parameters[0]).example;
export const requestExample = deref(Object.values(operation.requestBody.content['application/json'].examples)[0]).value;
/** status → example body of that response. */
export const responseExamples: Record<string, unknown> = Object.fromEntries(
  Object.entries(operation.responses).map(([status, response]) => [
    status,
    deref(Object.values(deref(response).content['application/json'].examples)[0]).value,
  ]),
);
export const serverUrl = (descriptionStart: string): string =>
  spec.servers.find((s: { description: string }) => s.description.startsWith(descriptionStart)).url;
