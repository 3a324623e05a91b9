/**
 * The shape of the operation table `scripts/generate-operation-table.mjs` writes for each API
 * (`<client>/src/generated/operations.ts`), read from the OpenAPI document. The generic request path
 * (`request.ts`), the client factory (`client.ts`) and the typed methods are all driven by it.
 */

/** Limits of one parameter value (or of an array parameter's items), from its schema. */
export interface ValueSpec {
  readonly type: 'string' | 'integer' | 'number' | 'boolean';
  /** The schema's `format` (`date`, `date-time`...); an integer's (`int32`...) is folded into `minimum`/`maximum` instead. */
  readonly format?: string;
  /** Inclusive bounds (integers always have both: the schema's, else the int32 or safe-integer range). */
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly exclusiveMaximum?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  /** Allowed values (`enum`, or `[const]`). */
  readonly enum?: readonly (string | number | boolean)[];
}

/** A path or query parameter. */
export interface ParameterSpec extends Omit<ValueSpec, 'type'> {
  readonly name: string;
  readonly type: ValueSpec['type'] | 'array';
  /** A query parameter the call must give (absent: optional). Path parameters are always required. */
  readonly required?: boolean;
  /** Items of an array parameter. */
  readonly items?: ValueSpec;
  readonly minItems?: number;
  readonly maxItems?: number;
  /** `false` for a query array sent as `name=a,b` (style `form`, the only style supported, with `explode: false`); absent: `name=a&name=b`. */
  readonly explode?: boolean;
}

export type HttpMethod = 'GET' | 'HEAD' | 'PUT' | 'DELETE' | 'OPTIONS' | 'POST' | 'PATCH' | 'TRACE';

/** One operation of the table. */
export interface OperationSpec {
  readonly method: HttpMethod;
  /** Path template, e.g. `/api/delivery/accounts/{id}`. */
  readonly path: string;
  /** Path parameters in the order they appear in the path: the methods take them positionally in this order. */
  readonly pathParams: readonly ParameterSpec[];
  /** Query parameters: the methods take them as one object. */
  readonly query: readonly ParameterSpec[];
  /** `required` or `optional` when the operation has a JSON request body, else absent. */
  readonly body?: 'required' | 'optional';
  /** The first documented 2xx status. */
  readonly success: number;
  /** Whether the success response carries a JSON body (false: the method resolves to `undefined`). */
  readonly successJson: boolean;
  /** Every documented status; error bodies of the others are kept as raw text. */
  readonly statuses: readonly number[];
  /**
   * Whether a failed attempt may be repeated: GET, HEAD, PUT, DELETE and OPTIONS are; POST and PATCH
   * only when the spec says `x-idempotent: true` (which can also mark any other method `false`).
   * 408 and 429 are retried for every operation (the server did not process the request).
   */
  readonly retrySafe: boolean;
  /** The success body is the `{ resources, pagination }` envelope and there is a `page` query parameter. */
  readonly paginated?: true;
}

/** Operation specs by operationId. */
export type OperationTable = Readonly<Record<string, OperationSpec>>;
