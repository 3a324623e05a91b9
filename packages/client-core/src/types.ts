/**
 * Type helpers that read request and response bodies out of an openapi-typescript `operations[...]`
 * entry, so no client ever writes an API shape by hand.
 */

type SuccessStatus = 200 | 201 | 202 | 203 | 204 | 206 | '2XX';

type JsonContent<R> = R extends { content: { 'application/json': infer B } } ? B : never;

type ResponsesOf<Op> = Op extends { responses: infer R } ? R : never;

/** The JSON body of the operation's success response(s). */
export type SuccessBodyOf<Op> = {
  [S in keyof ResponsesOf<Op>]: S extends SuccessStatus ? JsonContent<ResponsesOf<Op>[S]> : never;
}[keyof ResponsesOf<Op>];

/** Union of the JSON bodies of the operation's documented error responses. */
export type ErrorBodyOf<Op> = {
  [S in keyof ResponsesOf<Op>]: S extends SuccessStatus ? never : JsonContent<ResponsesOf<Op>[S]>;
}[keyof ResponsesOf<Op>];

/** The operation's JSON request body. */
export type RequestBodyOf<Op> = Op extends { requestBody?: infer RB } ? JsonContent<NonNullable<RB>> : never;

/** The operation's path parameters. */
export type PathParamsOf<Op> = Op extends { parameters: { path: infer P } } ? P : never;
