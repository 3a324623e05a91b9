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
}

/** Which documents to serve. */
export interface LoadMockOptions {
  /** API names of the shipped documents (or keys of `documents`); default: every bundled API plus every key of `documents`. */
  apis?: string[];
  /** name → bundled OpenAPI document; overrides the shipped document of that name (dist/specs) (e.g. a modified copy in a test). */
  documents?: Record<string, object>;
}

export interface StartMockOptions extends LoadMockOptions {
  /** Default 4010; 0 picks a free port. */
  port?: number;
  /** Default `127.0.0.1`. */
  host?: string;
  /** Called with one line per request: method, path, status, verdict (and violations). */
  log?: (line: string) => void;
}

export interface MockServer {
  /** e.g. `http://127.0.0.1:41234` */
  readonly url: string;
  readonly port: number;
  readonly requests: readonly RecordedRequest[];
  /** Every violation of every recorded request. */
  violations(): Violation[];
  /** Forgets the recorded requests. */
  reset(): void;
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
  /** Lower-case header names whose values are credentials (recorded as `[REDACTED]`). */
  readonly credentialHeaders: readonly string[];
  /** Query parameter names that carry credentials. */
  readonly credentialQueryParams: readonly string[];
}
