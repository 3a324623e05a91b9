/**
 * Expected values for a client's tests, read from the OpenAPI document its types package ships:
 * the operation at `path`, its first path parameter, first request example and, per status, the
 * first example of each response. Shared by the client packages' tests (imported by relative path).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export function specFixture(typesPackage: string, path: string) {
  const spec = JSON.parse(readFileSync(require.resolve(`${typesPackage}/openapi.json`), 'utf8'));
  const deref = (node: any): any =>
    node?.$ref
      ? deref(
          node.$ref
            .slice(2)
            .split('/')
            .reduce((acc: any, k: string) => acc[k], spec),
        )
      : node;
  const operation = spec.paths[path].put;
  const firstExample = (content: any) => deref(Object.values(content['application/json'].examples)[0]).value;
  return {
    spec,
    path,
    operation,
    pathParameter: deref(spec.paths[path].parameters[0]),
    requestExample: firstExample(operation.requestBody.content),
    /** status → example body of that response. */
    responseExamples: Object.fromEntries(
      Object.entries(operation.responses).map(([status, response]) => [status, firstExample(deref(response).content)]),
    ) as Record<string, unknown>,
    serverUrl: (descriptionStart: string): string =>
      spec.servers.find((s: { description: string }) => s.description.startsWith(descriptionStart)).url,
  };
}
