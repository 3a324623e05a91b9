/**
 * A small read model of a bundled OpenAPI 3.1 document: its operations, their parameters, request
 * body, documented responses, declared response headers and named examples, with every local `$ref`
 * resolved. Everything the suite tests is enumerated from here, never hardcoded.
 */
import { listApis, loadSpec, type OpenApiDocument } from '@mailapis/specs';

export type { OpenApiDocument };

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** One named example: `components/examples` entries keep the name they have in the `examples` map. */
export interface NamedExample {
  /** Key in the media type's `examples` map, or `example` for a single inline `example`. */
  name: string;
  value: unknown;
  /** JSON pointer of the component the example came from, if it is a `$ref`. */
  ref?: string;
}

export interface MediaModel {
  contentType: string;
  schema: unknown;
  examples: NamedExample[];
}

export interface HeaderModel {
  name: string;
  required: boolean;
  schema: any;
}

export interface ResponseModel {
  /** The key of the `responses` map: `200`, `429`, … */
  status: string;
  description: string;
  /** The JSON media type of the response, if it has a body. */
  content: MediaModel | undefined;
  headers: HeaderModel[];
}

export interface ParameterModel {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  schema: any;
  /** The parameter's documented example (`example` or the first of `examples`), if any. */
  example: unknown;
  hasExample: boolean;
  /** Serialisation (`style`, `explode`), with the OpenAPI defaults filled in. */
  style: string;
  explode: boolean;
}

/** How an operation authenticates: the header of its first security requirement and the value's prefix. */
export interface AuthModel {
  /** Lower case, e.g. `authorization`, `x-api-token`. */
  header: string;
  /** `Bearer ` for an HTTP bearer scheme, empty for an API key header. */
  prefix: string;
}

export interface OperationModel {
  api: string;
  operationId: string;
  /** Upper-case HTTP method. */
  method: string;
  /** Path template, e.g. `/api/delivery/accounts/{id}`. */
  path: string;
  parameters: ParameterModel[];
  requestBody: (MediaModel & { required: boolean }) | undefined;
  responses: ResponseModel[];
  auth: AuthModel | undefined;
  /**
   * Whether a failed attempt may be repeated: the spec's `x-idempotent` if it says, else true for
   * GET, HEAD, PUT, DELETE and OPTIONS.
   */
  retrySafe: boolean;
}

const RETRY_SAFE_METHODS = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);

/** Resolves a local JSON pointer (`#/components/...`) in `doc`. */
export function resolvePointer(doc: OpenApiDocument, ref: string): any {
  if (!ref.startsWith('#/')) throw new Error(`Only local $refs are supported, got ${ref}`);
  return ref
    .slice(2)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((node: any, key) => {
      if (node === undefined || node === null || !(key in node)) throw new Error(`Unresolvable $ref ${ref}`);
      return node[key];
    }, doc);
}

/** Follows `$ref`s until a non-reference object is reached. */
export function deref(doc: OpenApiDocument, node: any): any {
  let current = node;
  for (let depth = 0; current && typeof current === 'object' && typeof current.$ref === 'string'; depth++) {
    if (depth > 32) throw new Error(`$ref cycle at ${current.$ref}`);
    current = resolvePointer(doc, current.$ref);
  }
  return current;
}

/** Named examples of a media type, parameter or header object (`examples` map, else a single `example`). */
export function namedExamples(doc: OpenApiDocument, holder: any): NamedExample[] {
  const out: NamedExample[] = [];
  for (const [name, entry] of Object.entries<any>(holder?.examples ?? {})) {
    const resolved = deref(doc, entry);
    if (resolved && 'value' in resolved) {
      out.push({ name, value: resolved.value, ...(typeof entry?.$ref === 'string' ? { ref: entry.$ref } : {}) });
    }
  }
  if (holder && 'example' in holder) out.push({ name: 'example', value: holder.example });
  return out;
}

function jsonMedia(doc: OpenApiDocument, content: any): MediaModel | undefined {
  if (!content) return undefined;
  const contentType = Object.keys(content).find((type) => /^application\/(.+\+)?json\b/i.test(type));
  if (!contentType) return undefined;
  const media = content[contentType];
  return { contentType, schema: media.schema, examples: namedExamples(doc, media) };
}

function authOf(doc: OpenApiDocument, op: any): AuthModel | undefined {
  const requirement = (op.security ?? doc.security ?? [])[0];
  if (!requirement || Object.keys(requirement).length === 0) return undefined;
  const scheme = deref(doc, doc.components?.securitySchemes?.[Object.keys(requirement)[0]!]);
  if (scheme?.type === 'http' && String(scheme.scheme).toLowerCase() === 'bearer')
    return { header: 'authorization', prefix: 'Bearer ' };
  if (scheme?.type === 'apiKey' && scheme.in === 'header') return { header: String(scheme.name).toLowerCase(), prefix: '' };
  throw new Error(`Unsupported security scheme ${JSON.stringify(scheme)}`);
}

/** Every operation of one bundled document, in document order. */
export function operationsOf(api: string, doc: OpenApiDocument): OperationModel[] {
  const ops: OperationModel[] = [];
  for (const [path, rawItem] of Object.entries<any>(doc.paths ?? {})) {
    const item = deref(doc, rawItem);
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!op) continue;
      // Operation-level parameters override path-level ones with the same name and location.
      const params = new Map<string, any>();
      for (const raw of [...(item.parameters ?? []), ...(op.parameters ?? [])]) {
        const param = deref(doc, raw);
        params.set(`${param.in}:${param.name}`, param);
      }
      const body = op.requestBody ? deref(doc, op.requestBody) : undefined;
      const bodyMedia = body ? jsonMedia(doc, body.content) : undefined;
      ops.push({
        api,
        operationId: op.operationId ?? `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        parameters: [...params.values()].map((param) => {
          const examples = namedExamples(doc, param);
          const style: string = param.style ?? (param.in === 'query' || param.in === 'cookie' ? 'form' : 'simple');
          return {
            name: param.name,
            in: param.in,
            required: param.required === true,
            schema: param.schema ?? {},
            example: examples[0]?.value,
            hasExample: examples.length > 0,
            style,
            explode: param.explode ?? style === 'form',
          };
        }),
        requestBody: bodyMedia && { ...bodyMedia, required: body.required === true },
        responses: Object.entries<any>(op.responses ?? {}).map(([status, raw]) => {
          const response = deref(doc, raw);
          return {
            status,
            description: response.description ?? '',
            content: jsonMedia(doc, response.content),
            headers: Object.entries<any>(response.headers ?? {}).map(([name, rawHeader]) => {
              const header = deref(doc, rawHeader);
              return { name, required: header.required === true, schema: header.schema ?? {} };
            }),
          };
        }),
        auth: authOf(doc, op),
        retrySafe: typeof op['x-idempotent'] === 'boolean' ? op['x-idempotent'] : RETRY_SAFE_METHODS.has(method.toUpperCase()),
      });
    }
  }
  return ops;
}

/** The names of the path parameters in the order they appear in the path template. */
export function pathParameterNames(op: OperationModel): string[] {
  return [...op.path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]!);
}

/** The operation's query parameters, in document order. */
export function queryParameters(op: OperationModel): ParameterModel[] {
  return op.parameters.filter((p) => p.in === 'query');
}

/**
 * The item schema of a paginated operation, or `undefined`: its success body is the
 * `{ resources: [...], pagination: {...} }` envelope and it has a `page` query parameter.
 */
export function paginatedItemSchema(doc: OpenApiDocument, op: OperationModel): unknown {
  const schema = deref(doc, successResponse(op).content?.schema);
  const resources = deref(doc, schema?.properties?.resources);
  const pagination = deref(doc, schema?.properties?.pagination);
  const hasPage = op.parameters.some((p) => p.in === 'query' && p.name === 'page');
  return resources?.type === 'array' && pagination && hasPage ? resources.items : undefined;
}

/** The bundled document of every API that `@mailapis/specs` lists (fresh copies). */
export function loadAllSpecs(): Record<string, OpenApiDocument> {
  return Object.fromEntries(listApis().map((api) => [api.name, loadSpec(api.name)]));
}

/** Every operation of every given document. */
export function allOperations(docs: Record<string, OpenApiDocument>): OperationModel[] {
  return Object.entries(docs).flatMap(([api, doc]) => operationsOf(api, doc));
}

/** A status key that names one concrete HTTP status (not `default` or a `4XX` range). */
export function isConcreteStatus(status: string): boolean {
  return /^[1-5]\d\d$/.test(status);
}

/** The status an API uses for request validation failures: its documented 400 or 422. */
export function validationStatus(op: OperationModel): number {
  const found = op.responses.find((r) => r.status === '400' || r.status === '422');
  if (!found) throw new Error(`${op.operationId} documents neither 400 nor 422`);
  return Number(found.status);
}

/** The first documented 2xx response (what a valid request gets by default). */
export function successResponse(op: OperationModel): ResponseModel {
  const found = op.responses.find((r) => /^2\d\d$/.test(r.status));
  if (!found) throw new Error(`${op.operationId} documents no 2xx response`);
  return found;
}

/** A deep copy (documents are plain JSON). */
export function clone<T>(value: T): T {
  return structuredClone(value);
}
