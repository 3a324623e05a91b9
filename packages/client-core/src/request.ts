/**
 * The one generic request path: turns a method's arguments into a checked request, as the
 * operation's table entry describes it, and sends it with `execute`. Also the pagination iterator.
 */
import { ApiError } from './errors.ts';
import { pathValue, queryString } from './params.ts';
import type { OperationSpec } from './table.ts';
import { abortedError, type CallOptions, execute, type Transport } from './transport.ts';
import { jsonObjectBody } from './validate.ts';

/** A method's arguments: path parameters in path order, then the body (if any), the query (if any), the call options. */
export type MethodArgs = readonly unknown[];

interface Prepared {
  path: string;
  body: string | undefined;
  query: unknown;
  options: CallOptions | undefined;
}

/** Checks and serialises the arguments; throws `RequestValidationError` naming the first bad one. */
function prepare(op: OperationSpec, args: MethodArgs, queryOverride?: Record<string, unknown>): Prepared {
  const params = op.pathParams;
  let path = op.path;
  for (let i = 0; i < params.length; i++) {
    const spec = params[i]!;
    path = path.replace(`{${spec.name}}`, pathValue(spec, args[i]));
  }
  let at = params.length;
  let body: string | undefined;
  if (op.body) {
    const value = args[at++];
    if (value !== undefined || op.body === 'required') body = jsonObjectBody('body', value);
  }
  let query: unknown;
  if (op.query.length > 0) {
    query = args[at++];
    path += queryString(op.query, queryOverride ? { ...(query as object), ...queryOverride } : query);
  }
  return { path, body, query, options: args[at] as CallOptions | undefined };
}

/** Calls the operation with a method's arguments; resolves to the success body (or `undefined`). */
export async function invoke<T>(t: Transport, op: OperationSpec, args: MethodArgs): Promise<T> {
  const { path, body, options } = prepare(op, args); // a RequestValidationError becomes the rejection
  return execute<T>(t, op, path, body, options);
}

interface Envelope {
  resources?: unknown;
  pagination?: { page?: unknown; total_pages?: unknown };
}

/**
 * Every item of every page of a paginated operation (its success body is `{ resources, pagination }`).
 * Starts at the query's `page` (default 1), keeps every other query parameter (`per` included) and
 * stops after `pagination.total_pages` (or when it is missing) or at an empty page. Rejects with an
 * `ApiError` rather than loop forever when the answer is not such a page, is a different page than
 * the one asked for, or repeats the previous page; with `RequestError` kind `aborted` as soon as the
 * signal aborts, even between the items of a page.
 */
export async function* paginate<T>(t: Transport, op: OperationSpec, args: MethodArgs): AsyncGenerator<T, void, undefined> {
  const first = prepare(op, args); // checks everything once, before any I/O
  const signal = first.options?.signal;
  let page = ((first.query as { page?: number } | undefined)?.page ?? 1) as number;
  let previous: string | undefined;
  for (let path = first.path; ; path = prepare(op, args, { page }).path) {
    const body = await execute<Envelope>(t, op, path, first.body, first.options);
    const url = t.baseUrl + path;
    const resources = body?.resources;
    const pagination = body?.pagination;
    const text = JSON.stringify(resources);
    if (!Array.isArray(resources) || pagination?.page !== page || (resources.length > 0 && text === previous)) {
      const got = text === previous ? 'the previous page again' : `page ${pagination?.page} of ${text?.slice(0, 40)}`;
      throw new ApiError(
        `${op.method} ${url}: asked for page ${page} of a { resources, pagination } list, got ${got}; stopped paging`,
        {
          status: op.success,
          body,
          headers: {},
          method: op.method,
          url,
        },
      );
    }
    previous = text;
    for (const item of resources) {
      if (signal?.aborted) throw abortedError(t, op.method, url, signal, 1);
      yield item as T;
    }
    if (resources.length === 0 || !(page < (pagination.total_pages as number))) return;
    page++;
  }
}
