/**
 * The client factory: one method per operation of the table, typed from openapi-typescript's
 * `operations`, with no method written by hand. Call shape of every method: the path parameters
 * positionally in path order, then the request body (operations with one), then the query object
 * (operations with query parameters), then the call options. Paginated operations also get `.all()`.
 */
import { invoke, paginate } from './request.ts';
import type { OperationSpec, OperationTable } from './table.ts';
import type { CallOptions, Transport } from './transport.ts';
import type { PathParamsOf, RequestBodyOf, SuccessBodyOf } from './types.ts';

type PathArgs<Op, Ps> = {
  -readonly [I in keyof Ps]: Ps[I] extends { name: infer N } ? PathParamsOf<Op>[N & keyof PathParamsOf<Op>] : never;
};

type BodyArgs<Op, S> = S extends { body: 'required' }
  ? [body: RequestBodyOf<Op>]
  : S extends { body: 'optional' }
    ? [body?: RequestBodyOf<Op>]
    : [];

/** The operation's query object, as openapi-typescript types it. */
export type QueryOf<Op> = Op extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

type QueryArgs<Op, S> = S extends { query: readonly [] }
  ? []
  : S extends { query: readonly (infer P)[] }
    ? [Extract<P, { required: true }>] extends [never]
      ? [query?: QueryOf<Op>]
      : [query: QueryOf<Op>]
    : [];

/** The arguments of an operation's method. */
export type OperationArgs<Op, S> = S extends { pathParams: infer Ps extends readonly unknown[] }
  ? [...PathArgs<Op, Ps>, ...BodyArgs<Op, S>, ...QueryArgs<Op, S>, options?: CallOptions]
  : never;

/** What an operation's method resolves to: the success body, or `undefined` when the spec documents none. */
export type OperationResult<Op, S> = S extends { successJson: true } ? SuccessBodyOf<Op> : undefined;

/** One item of a paginated operation's `resources`. */
export type PageItemOf<Op> = SuccessBodyOf<Op> extends { resources: readonly (infer I)[] } ? I : never;

/** The method of one operation; paginated ones also have `.all()` over every item of every page. */
export type OperationMethod<Op, S> = ((...args: OperationArgs<Op, S>) => Promise<OperationResult<Op, S>>) &
  (S extends { paginated: true }
    ? {
        /** Every item of every page, fetching page after page (same arguments as the method; `page` is the first page). */
        all(...args: OperationArgs<Op, S>): AsyncGenerator<PageItemOf<Op>, void, undefined>;
      }
    : unknown);

/** A client: a method per operationId of the table, typed from openapi-typescript's `operations`. */
export type ApiClient<Ops, Table> = {
  readonly [K in keyof Table & keyof Ops]: OperationMethod<Ops[K], Table[K]>;
} & {
  /** The server URL every call goes to. */
  readonly baseUrl: string;
};

/**
 * Builds a client from an operation table and a transport (see `createTransport`). `Ops` is
 * openapi-typescript's `operations` interface of the same document the table was generated from.
 */
export function createApiClient<Ops, const Table extends OperationTable>(table: Table, t: Transport): ApiClient<Ops, Table> {
  const client: Record<string, unknown> = { baseUrl: t.baseUrl };
  for (const id of Object.keys(table)) {
    const op: OperationSpec = table[id]!;
    const method = (...args: unknown[]) => invoke(t, op, args);
    if (op.paginated) Object.assign(method, { all: (...args: unknown[]) => paginate(t, op, args) });
    client[id] = method;
  }
  return client as ApiClient<Ops, Table>;
}
