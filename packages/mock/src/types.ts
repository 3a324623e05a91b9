// Public types of @mailapis/mock.

/** Where in the request a violation was found. */
export type ViolationLocation = 'route' | 'method' | 'security' | 'path' | 'query' | 'header' | 'content-type' | 'body';

/** One way a request breaks the OpenAPI document. */
export interface Violation {
  location: ViolationLocation;
  /** e.g. `offerings[1].quantity`, `accountID`, `Authorization`, `Content-Type`; `''` for the whole body. */
  field: string;
  /** Human reason, e.g. `must be one of package, addon`. */
  message: string;
  /** Ajv keyword (`required`, `enum`, `maximum`, `maxContains`, `const`, `type`, `additionalProperties`, `format`, …)
   * or a mock keyword (`security`, `contentType`, `parse`, `route`, `method`). */
  keyword: string;
}

/** One request the mock server received, as recorded. */
export interface RecordedRequest {
  /** Spec folder name, e.g. `sendgrid-provisioning`; `null` when no API's path matched. */
  api: string | null;
  operationId: string | null;
  method: string;
  /** Path including the query string, as received (credentials sent in the query are redacted). */
  path: string;
  /** Lower-case names; `authorization` and every security-scheme header are `[REDACTED]`. */
  headers: Record<string, string>;
  /** Parsed JSON, the raw string if it is not JSON, `undefined` if no body was sent. */
  body: unknown;
  /** Status the mock answered with. */
  status: number;
  violations: Violation[];
  /** Why the mock answered 500 or 507 in stateful mode (a value the spec forbids, a full collection). */
  error?: string;
}

/** The stateful mode's resources: API name → resource collection → key → stored value. */
export type ResourceState = Record<string, Record<string, Record<string, unknown>>>;

/** Which documents to serve. */
export interface LoadMockOptions {
  /** API names of the shipped documents (or keys of `documents`); default: every bundled API plus every key of `documents`. */
  apis?: string[];
  /** name → bundled OpenAPI document; overrides the shipped document of that name (dist/specs) (e.g. a modified copy in a test). */
  documents?: Record<string, object>;
  /**
   * Keep resources in memory, as each operation's `x-mailapis-mock` extension says: writes change
   * them, reads return them. Default false: every valid request gets the documented example.
   */
  stateful?: boolean;
  /** Stateful mode: most resources one collection may hold (default 10 000); a write of one more gets 507. */
  maxResources?: number;
  /** Stateful mode: starting resources (api → resource → key → value) instead of the examples', per collection named. */
  seed?: ResourceState;
}

/** CORS for browser consoles (the docs site's try-it): only these origins get CORS headers. */
export interface CorsOptions {
  /** Exact origins such as `http://127.0.0.1:8080`; `*` allows every origin (each answer names the caller's). */
  origins: string[];
}

export interface StartMockOptions extends LoadMockOptions {
  /** Default 4010; 0 picks a free port. */
  port?: number;
  /** Default `127.0.0.1`. */
  host?: string;
  /** Called with one line per request: method, path, status, verdict (and violations). */
  log?: (line: string) => void;
  /** Answer CORS preflights and add CORS headers for these origins. Default: no CORS. */
  cors?: CorsOptions;
  /** Bodies larger than this get 413 (default 1 MiB). */
  maxBodyBytes?: number;
  /** How many requests `requests` keeps, newest last (default 1000); older ones are dropped. */
  requestLogSize?: number;
}

export interface MockServer {
  /** e.g. `http://127.0.0.1:41234` */
  readonly url: string;
  readonly port: number;
  /** The most recent requests (at most `requestLogSize`), oldest first. */
  readonly requests: readonly RecordedRequest[];
  /** Every violation of every recorded request. */
  violations(): Violation[];
  /** Forgets the recorded requests and, in stateful mode, restores the seeded resources. */
  reset(): void;
  /** Stateful mode: a copy of every stored resource (`{}` when stateless). */
  state(): ResourceState;
  /** Closes the server and every open (keep-alive) connection. */
  close(): Promise<void>;
}

/** A request given to the pure functions of {@link MockApis}. */
export interface MockRequest {
  method: string;
  /** Path with optional query string, e.g. `/api/delivery/accounts/1042?x=1`. */
  path: string;
  /** Header names in any case. */
  headers?: Record<string, string | readonly string[] | undefined>;
  /**
   * A `string` or `Uint8Array` is the raw body (parsed as JSON when the Content-Type is JSON);
   * any other value except `undefined` is an already-parsed JSON body, for which a missing
   * Content-Type counts as `application/json`. `undefined` = no body.
   */
  body?: unknown;
}

export interface ValidationResult {
  api: string | null;
  operationId: string | null;
  violations: Violation[];
}

/** What the mock answers to a request. */
export interface MockResult extends ValidationResult {
  status: number;
  /** Lower-case names. */
  headers: Record<string, string>;
  /** JSON body (already parsed), or `undefined` for none. */
  body: unknown;
  /** Short human verdict, e.g. `ok`, `invalid`, `unauthorized`, `no route`. */
  verdict: string;
  /** Parsed request body (or raw string if unparseable, `undefined` if none), for recording. */
  requestBody: unknown;
  /** Why the mock answered 500 or 507 in stateful mode. */
  error?: string;
}

/** One operation the mock serves. */
export interface MockOperation {
  api: string;
  operationId: string | null;
  /** Upper case, e.g. `PUT`. */
  method: string;
  /** Path template including any server base path, e.g. `/api/delivery/accounts/{id}`. */
  path: string;
  /** Documented status codes in document order, e.g. `['200', '400', '401']`. */
  statuses: string[];
}

/** The loaded documents with the mock's request logic, usable without a server. */
export interface MockApis {
  /** Names of the served APIs. */
  readonly apis: readonly string[];
  readonly operations: readonly MockOperation[];
  /** Routes and validates one request: which operation it is and every violation. */
  validateRequest(request: MockRequest): ValidationResult;
  /** Routes, validates and answers one request exactly as the server does. */
  handle(request: MockRequest): MockResult;
  /** Whether resources are kept (option `stateful`). */
  readonly stateful: boolean;
  /** Restores the seeded resources (stateful mode; nothing otherwise). */
  reset(): void;
  /** A copy of every stored resource (`{}` when stateless). */
  state(): ResourceState;
  /** The documented methods of the path (upper case), `[]` when no path matches. */
  methodsFor(path: string): string[];
  /** Lower-case header names whose values are credentials (recorded as `[REDACTED]`). */
  readonly credentialHeaders: readonly string[];
  /** Query parameter names that carry credentials. */
  readonly credentialQueryParams: readonly string[];
}
