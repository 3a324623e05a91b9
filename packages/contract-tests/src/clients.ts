/**
 * How the suite calls any operation through the real clients. Nothing here is written per operation
 * or per API; every fact is derived:
 *
 * - which client package serves which bundle: each dependency of this package whose package.json has
 *   `config.client.types` is a client, and that types package's `config.api` names the bundle;
 * - the factories: the main entry's one export named `create…Client` and the `./raw` entry's one
 *   export named `create…RawClient`;
 * - the credential option: the one the factory names when it is called without options (the
 *   `RequestValidationError`'s `parameter`), and the header it travels in: the spec's security scheme;
 * - the call, from the operation model and the uniform call shape: through the operation-named
 *   method, the path parameters positionally in path-template order, then the request body (an
 *   operation with a body) or the query object (an operation with query parameters), then the call
 *   options; through `./raw`, openapi-fetch's `raw.<METHOD>(pathTemplate, { params: { path, query }, body })`.
 *
 * An operation of a bundle whose client has no such method fails the table and the coverage gate.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { OperationModel } from './spec-model.ts';

/** The two ways a client package is called: its operation-named methods (`.`) and the openapi-fetch client (`./raw`). */
export const ENTRY_POINTS = ['methods', 'raw'] as const;
export type EntryPoint = (typeof ENTRY_POINTS)[number];

/** The options of either client factory that the suite uses (the credential is added by the suite). */
export interface ClientSettings {
  baseUrl: string;
  fetch?: (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;
  timeoutMs?: number;
  maxRetries?: number;
  headers?: Record<string, string>;
}

/** Per-call options (the methods' last argument; `headers` and `signal` are passed to openapi-fetch too). */
export interface CallSettings {
  signal?: AbortSignal;
  timeoutMs?: number;
  maxRetries?: number;
  headers?: Record<string, string>;
}

/** What one call sends: path parameters by name, and the query object or the body the operation takes. */
export interface CallInput {
  path: Record<string, unknown>;
  query?: Record<string, unknown> | undefined;
  body?: unknown;
}

type ErrorClass = abstract new (...args: any[]) => Error;

export interface ClientPackage {
  /** Spec folder name of the bundle the client serves, e.g. `qboxmail-delivery`. */
  api: string;
  /** npm name of the client package. */
  packageName: string;
  /** The credential option of both factories, e.g. `apiKey`. */
  credentialOption: string;
  /** The credential the suite uses (one for every client). */
  credential: string;
  createClient(options: Record<string, unknown>): Record<string, any>;
  createRawClient(options: Record<string, unknown>): Record<string, any>;
  ApiError: ErrorClass;
  RequestError: ErrorClass;
  RequestValidationError: ErrorClass;
}

/** The suite's credential, for every client (printable ASCII, as every factory requires). */
export const CREDENTIAL = 'contract-suite-credential-0123456789';

const require = createRequire(import.meta.url);
const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8'));

function onlyExport(module: Record<string, unknown>, pattern: RegExp, where: string): (options: any) => any {
  const names = Object.keys(module).filter((name) => pattern.test(name) && typeof module[name] === 'function');
  if (names.length !== 1)
    throw new Error(`${where}: expected one export matching ${pattern}, found ${names.join(', ') || 'none'}`);
  return module[names[0]!] as (options: any) => any;
}

async function loadClientPackage(packageName: string, types: string): Promise<ClientPackage> {
  const api = readJson(require.resolve(`${types}/package.json`)).config?.api;
  if (typeof api !== 'string') throw new Error(`${types}: package.json has no config.api`);
  const main = (await import(packageName)) as Record<string, any>;
  const raw = (await import(`${packageName}/raw`)) as Record<string, any>;
  const createClient = onlyExport(main, /^create\w+(?<!Raw)Client$/, packageName);
  const createRawClient = onlyExport(raw, /^create\w+RawClient$/, `${packageName}/raw`);
  let credentialOption: string | undefined;
  try {
    createClient({});
  } catch (error) {
    if (error instanceof main.RequestValidationError) credentialOption = (error as unknown as { parameter: string }).parameter;
  }
  if (!credentialOption)
    throw new Error(`${packageName}: the factory did not name its credential option when called without one`);
  return {
    api,
    packageName,
    credentialOption,
    credential: CREDENTIAL,
    createClient: (options) => createClient({ [credentialOption]: CREDENTIAL, ...options }),
    createRawClient: (options) => createRawClient({ [credentialOption]: CREDENTIAL, ...options }),
    ApiError: main.ApiError,
    RequestError: main.RequestError,
    RequestValidationError: main.RequestValidationError,
  };
}

async function discoverClientPackages(): Promise<ClientPackage[]> {
  const own = readJson(new URL('../package.json', import.meta.url).pathname);
  const found: ClientPackage[] = [];
  for (const name of Object.keys({ ...own.dependencies, ...own.devDependencies })) {
    const types = readJson(require.resolve(`${name}/package.json`)).config?.client?.types;
    if (typeof types === 'string') found.push(await loadClientPackage(name, types));
  }
  return found;
}

/** Every client package this suite depends on, with the bundle it serves. */
export const clientPackages: readonly ClientPackage[] = await discoverClientPackages();

/** The client package serving `api`'s bundle, if any. */
export function clientFor(api: string): ClientPackage | undefined {
  return clientPackages.find((pkg) => pkg.api === api);
}

/** Like `clientFor`, but throws naming the API when no client serves it. */
export function requireClient(op: OperationModel): ClientPackage {
  const pkg = clientFor(op.api);
  if (!pkg) throw new Error(`no client package serves ${op.api} (no dependency with config.client.types for it)`);
  return pkg;
}

/** The header value the client sends for its credential (for raw `fetch` requests that imitate it). */
export function authHeaders(op: OperationModel): Record<string, string> {
  return op.auth ? { [op.auth.header]: op.auth.prefix + CREDENTIAL } : {};
}

/** The positional arguments of the operation-named method, per the uniform call shape. */
export function methodArguments(op: OperationModel, input: CallInput, options?: CallSettings): unknown[] {
  const args: unknown[] = [...op.path.matchAll(/\{([^}]+)\}/g)].map((match) => input.path[match[1]!]);
  if (op.requestBody) args.push(input.body);
  else if (op.parameters.some((p) => p.in === 'query')) args.push(input.query);
  if (options !== undefined) args.push(options);
  return args;
}

/** The operation-named method of a client made from `settings` (throws when the client lacks it); `.all` on paginated ones. */
export function operationMethod(op: OperationModel, settings: ClientSettings): any {
  const client = requireClient(op).createClient({ ...settings });
  const method = client[op.operationId];
  if (typeof method !== 'function') throw new Error(`${requireClient(op).packageName} has no method ${op.operationId}`);
  return method;
}

/** Calls the operation through its operation-named method: resolves or rejects as the method does. */
export function callMethod(
  op: OperationModel,
  settings: ClientSettings,
  input: CallInput,
  options?: CallSettings,
): Promise<unknown> {
  try {
    return Promise.resolve(operationMethod(op, settings)(...methodArguments(op, input, options)));
  } catch (error) {
    return Promise.reject(error);
  }
}

/** What openapi-fetch resolves with. */
export interface RawResult {
  data?: unknown;
  error?: unknown;
  response: Response;
}

/** Calls the operation through the `./raw` openapi-fetch client: `raw.<METHOD>(pathTemplate, { params, body, headers, signal })`. */
export function callRaw(
  op: OperationModel,
  settings: ClientSettings,
  input: CallInput,
  options: CallSettings = {},
): Promise<RawResult> {
  try {
    const raw = requireClient(op).createRawClient({ ...settings });
    const init: Record<string, unknown> = {
      params: { path: input.path, ...(input.query === undefined ? {} : { query: input.query }) },
    };
    if (op.requestBody) init.body = input.body;
    if (options.headers) init.headers = options.headers;
    if (options.signal) init.signal = options.signal;
    return Promise.resolve(raw[op.method](op.path, init));
  } catch (error) {
    return Promise.reject(error);
  }
}

/** A call's result, the same shape for both entry points. */
export type Outcome =
  /** A 2xx: what the method resolved to, or openapi-fetch's `data`. */
  | { kind: 'resolved'; value: unknown }
  /** A documented or undocumented error status: the method's `ApiError` (`error`), or openapi-fetch's `error` and `response`. */
  | { kind: 'api-error'; status: number; body: unknown; headers: Record<string, string>; error: unknown }
  /** Anything else thrown or rejected (`RequestError`, `RequestValidationError`, a `TypeError` from fetch…). */
  | { kind: 'thrown'; error: unknown };

function headersOf(response: Response): Record<string, string> {
  const out: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    out[name] = value;
  });
  return out;
}

/** Calls the operation through `entry` and normalises the result. */
export async function invoke(
  op: OperationModel,
  entry: EntryPoint,
  settings: ClientSettings,
  input: CallInput,
  options?: CallSettings,
): Promise<Outcome> {
  const pkg = requireClient(op);
  try {
    if (entry === 'methods') return { kind: 'resolved', value: await callMethod(op, settings, input, options) };
    const { data, error, response } = await callRaw(op, settings, input, options);
    if (response.ok) return { kind: 'resolved', value: data };
    return { kind: 'api-error', status: response.status, body: error, headers: headersOf(response), error: undefined };
  } catch (error) {
    if (error instanceof pkg.ApiError) {
      const e = error as unknown as { status: number; body: unknown; headers: Record<string, string> };
      return { kind: 'api-error', status: e.status, body: e.body, headers: e.headers, error };
    }
    return { kind: 'thrown', error };
  }
}
