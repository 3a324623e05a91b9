// The mock's request logic, independent of any socket: route, check security, validate, answer.
import { apiRoutes, type Json, loadApis, type OperationSpec, type Route } from './model.js';
import {
  availableResponses,
  documentedReply,
  parsePrefer,
  preferredReply,
  type Reply,
  responseFor,
  validationEnvelope,
} from './respond.js';
import { createStateEngine, type StateEngine } from './state.js';
import type { LoadMockOptions, MockApis, MockOperation, MockRequest, MockResult, ValidationResult, Violation } from './types.js';
import { bodyViolations, type NormalizedRequest, parameterViolations, securityViolations } from './validate.js';

/** The mock's own endpoints live under this prefix; no spec path may. */
export const CONTROL_PREFIX = '/__mock';
/** Default of the `maxResources` option. */
export const DEFAULT_MAX_RESOURCES = 10_000;

/** Statuses a validation failure may use, in order of preference. */
const VALIDATION_STATUSES = [400, 422];
/** Statuses an authentication failure may use, in order of preference. */
const AUTH_STATUSES = [401];

type Routed =
  | { kind: 'operation'; op: OperationSpec; params: Record<string, string> }
  | { kind: 'method'; api: string; template: string; allow: string[] }
  | { kind: 'none' };

interface Evaluation {
  normalized: NormalizedRequest;
  routed: Routed;
  violations: Violation[];
  /** The violations are security failures (checked first). */
  unauthorized: boolean;
  recordedBody: unknown;
}

function mockReply(
  status: number,
  message: string,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Reply {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: { mockError: message, ...extra } };
}

function normalize(request: MockRequest): NormalizedRequest {
  // Origin-form paths are appended (so `//x` stays a path); absolute-form ones are parsed as URLs.
  const url = request.path.startsWith('/')
    ? new URL(`http://mock.invalid${request.path}`)
    : new URL(request.path, 'http://mock.invalid/');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers ?? {})) {
    if (value === undefined) continue;
    headers[name.toLowerCase()] = typeof value === 'string' ? value : value.join(', ');
  }
  let body: NormalizedRequest['body'];
  const raw = request.body;
  if (raw === undefined) body = { kind: 'none' };
  else if (typeof raw === 'string') body = raw.length === 0 ? { kind: 'none' } : { kind: 'raw', text: raw };
  else if (raw instanceof Uint8Array)
    body = raw.length === 0 ? { kind: 'none' } : { kind: 'raw', text: new TextDecoder().decode(raw) };
  else body = { kind: 'parsed', value: raw };
  return { method: request.method.toUpperCase(), pathname: url.pathname, search: url.searchParams, headers, body };
}

function recordedBodyOf(body: NormalizedRequest['body']): unknown {
  if (body.kind === 'none') return undefined;
  if (body.kind === 'parsed') return body.value;
  try {
    return JSON.parse(body.text);
  } catch {
    return body.text;
  }
}

function describe(v: Violation): string {
  return v.field === '' ? v.message : `${v.field} ${v.message}`;
}

/** Loads the documents and returns the mock's request logic (see {@link MockApis}). */
export function loadMockApis(options: LoadMockOptions = {}): MockApis {
  const loaded = loadApis(options);
  const routes: Route[] = loaded.flatMap(apiRoutes);

  const owners = new Map<string, string>();
  for (const route of routes) {
    for (const method of route.operations.keys()) {
      const key = `${method} ${route.template.replace(/\{[^}]+\}/g, '{}')}`;
      const owner = owners.get(key);
      if (owner !== undefined && owner !== route.api) {
        throw new Error(
          `${method} ${route.template} is defined by both ${owner} and ${route.api}; serve them separately (option apis)`,
        );
      }
      owners.set(key, route.api);
    }
  }
  // Concrete paths win over templated ones.
  routes.sort((a, b) => a.paramNames.length - b.paramNames.length);
  for (const route of routes) {
    const probes = [CONTROL_PREFIX, `${CONTROL_PREFIX}/reset`, `${CONTROL_PREFIX}/state`];
    if (route.template.startsWith(`${CONTROL_PREFIX}/`) || probes.some((p) => route.regex.test(p)))
      throw new Error(`${route.api} documents ${route.template}, which collides with the mock's own ${CONTROL_PREFIX} endpoints`);
  }
  const engine: StateEngine | undefined = options.stateful
    ? createStateEngine(
        routes.flatMap((r) => [...r.operations.values()]),
        { maxResources: options.maxResources ?? DEFAULT_MAX_RESOURCES, seed: options.seed },
      )
    : undefined;

  const credentialHeaders = new Set(['authorization', 'proxy-authorization']);
  const credentialQueryParams = new Set<string>();
  for (const { doc } of loaded) {
    for (const scheme of Object.values<Json>(doc.components?.securitySchemes ?? {})) {
      if (scheme?.type !== 'apiKey' || typeof scheme.name !== 'string') continue;
      if (scheme.in === 'header') credentialHeaders.add(scheme.name.toLowerCase());
      else if (scheme.in === 'query') credentialQueryParams.add(scheme.name);
      else if (scheme.in === 'cookie') credentialHeaders.add('cookie');
    }
  }

  const operations: MockOperation[] = routes.flatMap((route) =>
    [...route.operations.values()].map((op) => ({
      api: op.api,
      operationId: op.operationId,
      method: op.method,
      path: op.path,
      statuses: op.responses.map((r) => r.code),
    })),
  );

  function route(method: string, pathname: string): Routed {
    const matches: { route: Route; match: RegExpExecArray }[] = [];
    for (const candidate of routes) {
      const match = candidate.regex.exec(pathname);
      if (match) matches.push({ route: candidate, match });
    }
    for (const { route: r, match } of matches) {
      const op = r.operations.get(method);
      if (op) {
        const params: Record<string, string> = {};
        r.paramNames.forEach((name, i) => {
          params[name] = match[i + 1] ?? '';
        });
        return { kind: 'operation', op, params };
      }
    }
    const first = matches[0];
    if (!first) return { kind: 'none' };
    const allow = [...new Set(matches.flatMap((m) => [...m.route.operations.keys()]))];
    return { kind: 'method', api: first.route.api, template: first.route.template, allow };
  }

  function evaluate(request: MockRequest): Evaluation {
    const normalized = normalize(request);
    const recordedBody = recordedBodyOf(normalized.body);
    const routed = route(normalized.method, normalized.pathname);
    if (routed.kind === 'none') {
      const violations: Violation[] = [
        {
          location: 'route',
          field: '',
          message: `no documented operation matches ${normalized.method} ${normalized.pathname}`,
          keyword: 'route',
        },
      ];
      return { normalized, routed, violations, unauthorized: false, recordedBody };
    }
    if (routed.kind === 'method') {
      const violations: Violation[] = [
        {
          location: 'method',
          field: '',
          message: `${normalized.method} is not documented for ${routed.template}; allowed: ${routed.allow.join(', ')}`,
          keyword: 'method',
        },
      ];
      return { normalized, routed, violations, unauthorized: false, recordedBody };
    }
    const security = securityViolations(routed.op, normalized);
    if (security.length > 0) return { normalized, routed, violations: security, unauthorized: true, recordedBody };
    const violations = [
      ...parameterViolations(routed.op, routed.params, normalized),
      ...bodyViolations(routed.op, normalized).violations,
    ];
    return { normalized, routed, violations, unauthorized: false, recordedBody };
  }

  function validateRequest(request: MockRequest): ValidationResult {
    const { routed, violations } = evaluate(request);
    return {
      api: routed.kind === 'operation' ? routed.op.api : routed.kind === 'method' ? routed.api : null,
      operationId: routed.kind === 'operation' ? routed.op.operationId : null,
      violations,
    };
  }

  function handle(request: MockRequest): MockResult {
    const { normalized, routed, violations, unauthorized, recordedBody } = evaluate(request);
    const result = (
      api: string | null,
      operationId: string | null,
      reply: Reply,
      verdict: string,
      error?: string,
    ): MockResult => ({
      api,
      operationId,
      violations,
      status: reply.status,
      headers: reply.headers,
      body: reply.body,
      verdict,
      requestBody: recordedBody,
      ...(error === undefined ? {} : { error }),
    });

    if (routed.kind === 'none') {
      const known = operations.map((o) => `${o.method} ${o.path}`);
      return result(null, null, mockReply(404, violations[0]!.message, { operations: known }), 'no route');
    }
    if (routed.kind === 'method') {
      return result(
        routed.api,
        null,
        mockReply(405, violations[0]!.message, {}, { allow: routed.allow.join(', ') }),
        'method not allowed',
      );
    }

    const { op } = routed;
    const preference = parsePrefer(normalized.headers.prefer);
    const preferred = preference.code !== undefined || preference.example !== undefined;

    if (unauthorized) {
      const status = AUTH_STATUSES.find((s) => op.responses.some((r) => r.code === String(s)));
      const reply =
        status === undefined
          ? mockReply(401, `${op.operationId ?? op.path} requires credentials: ${violations.map(describe).join('; ')}`)
          : documentedReply(op, responseFor(op, status)!, status);
      return result(op.api, op.operationId, reply, preferred ? 'unauthorized (Prefer ignored)' : 'unauthorized');
    }

    if (violations.length > 0) {
      const status = VALIDATION_STATUSES.find((s) => op.responses.some((r) => r.code === String(s)));
      if (status === undefined) {
        return result(
          op.api,
          op.operationId,
          mockReply(400, `the request violates the spec (which documents no 400 or 422 response)`, { violations }),
          preferred ? 'invalid (Prefer ignored)' : 'invalid',
        );
      }
      const { reply, fallback } = validationEnvelope(op, responseFor(op, status)!, status, violations);
      const verdict = `invalid${preferred ? ' (Prefer ignored)' : ''}${fallback ? ` (documented example sent: ${fallback})` : ''}`;
      return result(op.api, op.operationId, reply, verdict);
    }

    const plan = preferred ? undefined : engine?.planFor(op);
    if (plan) {
      const answer = engine!.answer(plan, routed.params, normalized, recordedBody);
      return result(op.api, op.operationId, answer.reply, answer.verdict, answer.error);
    }

    const outcome = preferredReply(op, preference);
    if ('error' in outcome) {
      return result(
        op.api,
        op.operationId,
        mockReply(501, outcome.error, { available: availableResponses(op) }),
        'unknown Prefer',
      );
    }
    return result(op.api, op.operationId, outcome.reply, outcome.note ? `ok (${outcome.note})` : 'ok');
  }

  function methodsFor(path: string): string[] {
    const routed = route('', normalize({ method: 'GET', path }).pathname);
    return routed.kind === 'method' ? routed.allow : [];
  }

  return {
    apis: loaded.map((a) => a.name),
    operations,
    validateRequest,
    handle,
    stateful: engine !== undefined,
    reset: () => engine?.reset(),
    state: () => engine?.snapshot() ?? {},
    methodsFor,
    credentialHeaders: [...credentialHeaders],
    credentialQueryParams: [...credentialQueryParams],
  };
}

/** One log line: `PUT /api/delivery/accounts/0 -> 422 invalid (qboxmail-delivery updateDeliveryAccount): id must be >= 1`. */
export function formatLogLine(
  method: string,
  path: string,
  result: Pick<MockResult, 'status' | 'verdict' | 'api' | 'operationId' | 'violations' | 'error'>,
): string {
  const where = result.operationId ? ` (${result.api} ${result.operationId})` : result.api ? ` (${result.api})` : '';
  const problems =
    result.violations.length > 0 && result.status !== 404 && result.status !== 405
      ? `: ${result.violations.map(describe).join('; ')}`
      : result.error
        ? `: ${result.error}`
        : '';
  return `${method.toUpperCase()} ${path} -> ${result.status} ${result.verdict}${where}${problems}`;
}
