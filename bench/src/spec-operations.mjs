// Reads every operation of the bundled OpenAPI documents (@mailapis/specs dist/) into the plain
// facts the benchmark needs: method, path template, example path parameters, the first named
// request-body example, the documented success response (status, example body, example headers)
// and how the API authenticates. Nothing here is hand-copied from a spec.
import { listApis, loadSpec } from '@mailapis/specs';

const METHODS = ['get', 'put', 'post', 'patch', 'delete'];

/** Follows internal `#/…` references of a bundled document until a non-reference object. */
export function deref(doc, node) {
  let current = node;
  const seen = new Set();
  while (current && typeof current === 'object' && typeof current.$ref === 'string') {
    if (seen.has(current.$ref)) throw new Error(`circular $ref ${current.$ref}`);
    seen.add(current.$ref);
    if (!current.$ref.startsWith('#/')) throw new Error(`external $ref ${current.$ref} in a bundled document`);
    current = current.$ref
      .slice(2)
      .split('/')
      .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
      .reduce((acc, key) => acc?.[key], doc);
    if (current === undefined) throw new Error(`unresolved $ref ${[...seen].at(-1)}`);
  }
  return current;
}

function firstExampleValue(doc, mediaType, where) {
  const examples = mediaType?.examples ? Object.values(mediaType.examples) : [];
  if (examples.length > 0) return deref(doc, examples[0]).value;
  if (mediaType && 'example' in mediaType) return mediaType.example;
  throw new Error(`${where} has no example`);
}

function parameterExample(doc, parameter) {
  const p = deref(doc, parameter);
  if ('example' in p) return p.example;
  if (p.examples) return deref(doc, Object.values(p.examples)[0]).value;
  const schema = deref(doc, p.schema ?? {});
  if ('example' in schema) return schema.example;
  throw new Error(`parameter ${p.name} has no example`);
}

/** How to authenticate, from the first security requirement: `{ header, prefix }`. */
function authOf(doc, operation) {
  const requirement = (operation.security ?? doc.security ?? [])[0];
  if (!requirement) return undefined;
  const scheme = deref(doc, doc.components.securitySchemes[Object.keys(requirement)[0]]);
  if (scheme.type === 'http' && scheme.scheme.toLowerCase() === 'bearer') return { header: 'Authorization', prefix: 'Bearer ' };
  if (scheme.type === 'apiKey' && scheme.in === 'header') return { header: scheme.name, prefix: '' };
  throw new Error(`unsupported security scheme ${JSON.stringify(scheme)}`);
}

/**
 * @typedef {object} SpecOperation
 * @property {string} api            folder name, e.g. `sendgrid-provisioning`
 * @property {string} operationId
 * @property {string} method         upper case
 * @property {string} path           template, e.g. `/v3/partners/accounts/{accountID}/offerings`
 * @property {Record<string, string | number>} pathParams  example value of each path parameter
 * @property {string[]} pathOrder    path parameter names in path-template order
 * @property {boolean} hasQuery      whether the operation has query parameters
 * @property {Record<string, unknown> | undefined} query  example value of each query parameter that has one
 * @property {unknown} requestBody   first named example of the request body (undefined if none)
 * @property {{ header: string, prefix: string } | undefined} auth
 * @property {{ status: number, body: unknown, headers: Record<string, string> }} success
 */

/** @returns {SpecOperation[]} every operation of every bundled API */
export function specOperations() {
  const result = [];
  for (const api of listApis()) {
    const doc = loadSpec(api.name);
    for (const [path, rawItem] of Object.entries(doc.paths)) {
      const item = deref(doc, rawItem);
      for (const method of METHODS) {
        const operation = item[method];
        if (!operation) continue;
        const where = `${api.name} ${method.toUpperCase()} ${path}`;
        const parameters = [...(item.parameters ?? []), ...(operation.parameters ?? [])].map((p) => deref(doc, p));
        const pathParams = Object.fromEntries(
          parameters.filter((p) => p.in === 'path').map((p) => [p.name, parameterExample(doc, p)]),
        );
        // The query parameters that have an example (the benchmark sends exactly those).
        const withExample = parameters.filter((p) => p.in === 'query' && ('example' in p || p.examples));
        const query =
          withExample.length > 0 ? Object.fromEntries(withExample.map((p) => [p.name, parameterExample(doc, p)])) : undefined;
        const body = operation.requestBody ? deref(doc, operation.requestBody) : undefined;
        const requestBody = body ? firstExampleValue(doc, body.content['application/json'], `${where} request body`) : undefined;
        const [status, rawResponse] = Object.entries(operation.responses).find(([code]) => /^2\d\d$/.test(code)) ?? [];
        if (!status) throw new Error(`${where} documents no success response`);
        const response = deref(doc, rawResponse);
        const headers = {};
        for (const [name, rawHeader] of Object.entries(response.headers ?? {})) {
          const header = deref(doc, rawHeader);
          const example = header.example ?? deref(doc, header.schema ?? {}).example;
          if (example !== undefined) headers[name] = String(example);
        }
        const responseBody = response.content
          ? firstExampleValue(doc, response.content['application/json'], `${where} ${status} response`)
          : undefined;
        result.push({
          api: api.name,
          operationId: operation.operationId,
          method: method.toUpperCase(),
          path,
          pathParams,
          pathOrder: [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]),
          hasQuery: parameters.some((p) => p.in === 'query'),
          query,
          requestBody,
          auth: authOf(doc, operation),
          success: { status: Number(status), body: responseBody, headers },
        });
      }
    }
  }
  return result;
}

/** `?a=1&b=x` for a flat query object (scalars, form style, explode), '' for none. */
export function queryString(query) {
  if (!query) return '';
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined) search.append(name, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** Expands a path template with (URL-encoded) parameter values. */
export function expandPath(template, params) {
  return template.replace(/\{([^}]+)\}/g, (_, name) => {
    if (!(name in params)) throw new Error(`missing path parameter ${name}`);
    return encodeURIComponent(String(params[name]));
  });
}
