/**
 * Expected values for a client's tests, read from the OpenAPI document its types package ships:
 * the operation at `path`, its first path parameter, first request example and, per status, the
 * first example of each response. Shared by the client packages' tests (imported by relative path).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The document a types package ships, and a resolver of its local `$ref`s. */
function loadDocument(typesPackage: string) {
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
  return { spec, deref };
}

export function specFixture(typesPackage: string, path: string) {
  const { spec, deref } = loadDocument(typesPackage);
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

/**
 * Expected values for any operation of a types package's document, by operationId: method, path,
 * the first example of the request body and of each documented response.
 */
export function operationFixture(typesPackage: string, operationId: string) {
  const { spec, deref } = loadDocument(typesPackage);
  for (const [path, item] of Object.entries<any>(spec.paths)) {
    for (const [method, operation] of Object.entries<any>(item)) {
      if (operation?.operationId !== operationId) continue;
      const firstExample = (content: any) => {
        const media = content?.['application/json'];
        return media && deref(Object.values(media.examples ?? {})[0])?.value;
      };
      return {
        method: method.toUpperCase(),
        path,
        requestExample: firstExample(operation.requestBody && deref(operation.requestBody).content),
        /** status → example body of that response. */
        responseExamples: Object.fromEntries(
          Object.entries<any>(operation.responses).map(([status, response]) => [status, firstExample(deref(response).content)]),
        ) as Record<string, unknown>,
      };
    }
  }
  throw new Error(`${operationId} is not in ${typesPackage}`);
}

/** Every operationId of a types package's document, in document order. */
export function operationIds(typesPackage: string): string[] {
  const spec = JSON.parse(readFileSync(require.resolve(`${typesPackage}/openapi.json`), 'utf8'));
  return Object.values<any>(spec.paths).flatMap((item) =>
    Object.values<any>(item)
      .map((op) => op?.operationId)
      .filter(Boolean),
  );
}
