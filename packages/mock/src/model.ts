// Turns bundled OpenAPI 3.1 documents into a routing table of operations. Nothing here knows
// about a particular API: everything comes from the documents.
// `@mailapis/specs/ajv` is bundled into dist (tsup noExternal), so the installed package needs only ajv and ajv-formats.
import { createSpecAjv, type SpecAjv } from '@mailapis/specs/ajv';
import { listBundledApis, loadBundledSpec, type OpenApiDocument } from './bundled.js';
import type { LoadMockOptions } from './types.js';

export type Json = any;

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

export interface ParameterSpec {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  /** The parameter's schema (from `schema` or from its single `content` entry). */
  schema: Json;
  /** True when the value is JSON-encoded (`content: application/json`). */
  json: boolean;
  /** The documented example value (`example`, else the first of `examples`), if any. */
  example: Json;
}

export interface ExampleEntry {
  /** Key in the `examples` map (or `example` for a single `example`). */
  name: string;
  /** Name of the component example it references, if any. */
  componentName: string | undefined;
  value: Json;
}

export interface MediaSpec {
  mediaType: string;
  schema: Json | undefined;
  examples: ExampleEntry[];
}

export interface ResponseSpec {
  /** Key in `responses`: `200`, `4XX` or `default`. */
  code: string;
  headers: Record<string, Json>;
  /** The JSON media type (or the first one), undefined when the response has no body. */
  media: MediaSpec | undefined;
}

export interface RequestBodySpec {
  required: boolean;
  content: MediaSpec[];
}

export interface OperationSpec {
  api: string;
  doc: OpenApiDocument;
  ajv: SpecAjv;
  method: string;
  /** Template including the server base path. */
  path: string;
  operationId: string | null;
  parameters: ParameterSpec[];
  /** Alternatives (OR) of requirements (AND of scheme names). Empty array = no security. */
  security: Record<string, string[]>[];
  requestBody: RequestBodySpec | undefined;
  responses: ResponseSpec[];
  /** The operation's `x-mailapis-mock` extension (the stateful mode's description of it), if any. */
  extension: Json;
}

export interface Route {
  api: string;
  template: string;
  regex: RegExp;
  paramNames: string[];
  /** Upper-case method → operation. */
  operations: Map<string, OperationSpec>;
}

export interface LoadedApi {
  name: string;
  doc: OpenApiDocument;
  ajv: SpecAjv;
}

/** Resolves a local `$ref` (`#/components/...`), following chains. */
export function deref(doc: OpenApiDocument, node: Json): Json {
  let current = node;
  for (let hops = 0; current && typeof current === 'object' && typeof current.$ref === 'string'; hops++) {
    if (hops > 64) throw new Error(`$ref cycle at ${node.$ref}`);
    const ref: string = current.$ref;
    if (!ref.startsWith('#/')) throw new Error(`Only local $refs are supported in a bundled document, got ${ref}`);
    let target: Json = doc;
    for (const raw of ref.slice(2).split('/')) {
      const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
      target = target?.[key];
    }
    if (target === undefined) throw new Error(`Unresolvable $ref ${ref}`);
    current = target;
  }
  return current;
}

/** Resolves a schema's top-level `$ref` to `#/components/schemas/...` (for type coercion only). */
export function derefSchema(doc: OpenApiDocument, schema: Json): Json {
  let current = schema;
  for (let hops = 0; hops < 64 && current && typeof current === 'object' && typeof current.$ref === 'string'; hops++) {
    try {
      current = deref(doc, current);
    } catch {
      return current;
    }
  }
  return current;
}

export function isJsonMediaType(mediaType: string): boolean {
  return /^application\/(?:[\w.+-]+\+)?json$/i.test(mediaType.trim());
}

function mediaSpec(doc: OpenApiDocument, mediaType: string, raw: Json): MediaSpec {
  const media = deref(doc, raw) ?? {};
  const examples: ExampleEntry[] = [];
  if (media.examples && typeof media.examples === 'object') {
    for (const [name, ref] of Object.entries<Json>(media.examples)) {
      const componentName =
        typeof ref?.$ref === 'string' && ref.$ref.startsWith('#/components/examples/')
          ? decodeURIComponent(ref.$ref.slice('#/components/examples/'.length))
          : undefined;
      const example = deref(doc, ref);
      if (example && 'value' in example) examples.push({ name, componentName, value: example.value });
    }
  } else if (media.example !== undefined) {
    examples.push({ name: 'example', componentName: undefined, value: media.example });
  }
  return { mediaType, schema: media.schema, examples };
}

function pickMedia(doc: OpenApiDocument, content: Json): MediaSpec | undefined {
  if (!content || typeof content !== 'object') return undefined;
  const types = Object.keys(content);
  const chosen = types.find(isJsonMediaType) ?? types[0];
  return chosen === undefined ? undefined : mediaSpec(doc, chosen, content[chosen]);
}

function parameterSpec(doc: OpenApiDocument, raw: Json): ParameterSpec {
  const param = deref(doc, raw);
  let schema = param.schema;
  let json = false;
  if (schema === undefined && param.content && typeof param.content === 'object') {
    const [mediaType, media] = Object.entries<Json>(param.content)[0] ?? [];
    schema = deref(doc, media)?.schema;
    json = mediaType !== undefined && isJsonMediaType(mediaType);
  }
  const first = param.examples && typeof param.examples === 'object' ? Object.values<Json>(param.examples)[0] : undefined;
  const example = param.example !== undefined ? param.example : first === undefined ? undefined : deref(doc, first)?.value;
  return {
    name: param.name,
    in: param.in,
    required: param.in === 'path' || param.required === true,
    schema: schema ?? {},
    json,
    example,
  };
}

function serverPrefixes(servers: Json): string[] {
  const list: Json[] = Array.isArray(servers) && servers.length > 0 ? servers : [{ url: '/' }];
  const prefixes = new Set<string>();
  for (const server of list) {
    let url = String(server?.url ?? '/');
    url = url.replace(/\{([^}]+)\}/g, (_, name: string) => String(server?.variables?.[name]?.default ?? ''));
    let pathname: string;
    try {
      pathname = new URL(url, 'http://mock.invalid').pathname;
    } catch {
      pathname = '/';
    }
    prefixes.add(pathname.replace(/\/+$/, ''));
  }
  return [...prefixes];
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function routeRegex(prefix: string, template: string): { regex: RegExp; paramNames: string[] } {
  const paramNames: string[] = [];
  let source = escapeRegex(prefix);
  let last = 0;
  for (const match of template.matchAll(/\{([^}]+)\}/g)) {
    source += escapeRegex(template.slice(last, match.index));
    source += '([^/]*)';
    paramNames.push(match[1]!);
    last = match.index! + match[0].length;
  }
  source += escapeRegex(template.slice(last));
  return { regex: new RegExp(`^${source}$`), paramNames };
}

function operationSpec(api: LoadedApi, pathItem: Json, method: string, path: string): OperationSpec {
  const { doc } = api;
  const op = pathItem[method];
  const params = new Map<string, ParameterSpec>();
  for (const raw of [...(pathItem.parameters ?? []), ...(op.parameters ?? [])]) {
    const spec = parameterSpec(doc, raw);
    params.set(`${spec.in}:${spec.in === 'header' ? spec.name.toLowerCase() : spec.name}`, spec);
  }
  let requestBody: RequestBodySpec | undefined;
  if (op.requestBody) {
    const body = deref(doc, op.requestBody);
    requestBody = {
      required: body.required === true,
      content: Object.entries<Json>(body.content ?? {}).map(([type, media]) => mediaSpec(doc, type, media)),
    };
  }
  const responses: ResponseSpec[] = Object.entries<Json>(op.responses ?? {}).map(([code, raw]) => {
    const response = deref(doc, raw) ?? {};
    const headers: Record<string, Json> = {};
    for (const [name, header] of Object.entries<Json>(response.headers ?? {})) headers[name] = deref(doc, header);
    return { code, headers, media: pickMedia(doc, response.content) };
  });
  return {
    api: api.name,
    doc,
    ajv: api.ajv,
    method: method.toUpperCase(),
    path,
    operationId: typeof op.operationId === 'string' ? op.operationId : null,
    parameters: [...params.values()],
    security: op.security ?? doc.security ?? [],
    requestBody,
    responses,
    extension: op['x-mailapis-mock'],
  };
}

/** Builds the routes of one API (one route per path template and server base path). */
export function apiRoutes(api: LoadedApi): Route[] {
  const routes: Route[] = [];
  for (const [template, rawItem] of Object.entries<Json>(api.doc.paths ?? {})) {
    const pathItem = deref(api.doc, rawItem);
    for (const method of HTTP_METHODS) {
      if (!pathItem?.[method]) continue;
      const servers = pathItem[method].servers ?? pathItem.servers ?? api.doc.servers;
      for (const prefix of serverPrefixes(servers)) {
        const full = prefix + template;
        let route = routes.find((r) => r.template === full);
        if (!route) {
          route = { api: api.name, template: full, ...routeRegex(prefix, template), operations: new Map() };
          routes.push(route);
        }
        route.operations.set(method.toUpperCase(), operationSpec(api, pathItem, method, full));
      }
    }
  }
  return routes;
}

/** Loads the documents to serve: the ones this package ships (dist/specs), overridden by `options.documents`. */
export function loadApis(options: LoadMockOptions = {}): LoadedApi[] {
  const documents = options.documents ?? {};
  let names = options.apis;
  if (!names) {
    let bundled: string[] = [];
    try {
      bundled = listBundledApis().map((entry) => entry.name);
    } catch (error) {
      if (Object.keys(documents).length === 0) {
        throw new Error(`No bundled specs found (run \`npm run build\` first): ${(error as Error).message}`);
      }
    }
    names = [...new Set([...bundled, ...Object.keys(documents)])];
  }
  if (names.length === 0) throw new Error('No API to serve');
  return names.map((name) => {
    const doc = (documents[name] as OpenApiDocument | undefined) ?? loadBundledSpec(name);
    return { name, doc, ajv: createSpecAjv(doc, { verbose: true }) };
  });
}
