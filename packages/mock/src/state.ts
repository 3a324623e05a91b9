// The stateful mode's one engine: in-memory resource collections, seeded from the documents'
// examples, read and written as each operation's `x-mailapis-mock` plan says (src/extension.ts).
// Every value is validated against the spec before it is stored, and every answer before it is sent.
import { ExtensionError, type MockPlan, planOf } from './extension.js';
import { derefSchema, type Json, type OperationSpec } from './model.js';
import { documentedReply, exampleBody, type Reply, responseFor, responseHeaders, statusOf, successResponse } from './respond.js';
import type { ResourceState } from './types.js';
import { coerce, type NormalizedRequest } from './validate.js';

/** What the engine answers: the reply, the log verdict and, for a 500, why. */
export interface StateAnswer {
  reply: Reply;
  verdict: string;
  /** Set when the mock refused to store or send a value the spec forbids. */
  error?: string;
}

export interface StateOptions {
  /** Most resources one collection may hold. */
  maxResources: number;
  /** api → resource → key → value; a collection named here starts with exactly these values instead of the examples'. */
  seed?: ResourceState;
}

interface Collection {
  api: string;
  name: string;
  schema: Json;
  /** The property of a resource that holds its key, when the resource schema has one named like the key parameter. */
  keyProperty: string | undefined;
  initial: Map<string, Json>;
  items: Map<string, Json>;
}

export interface StateEngine {
  /** The plan of an operation in stateful mode, or undefined (the operation answers with its examples). */
  planFor(op: OperationSpec): MockPlan | undefined;
  answer(plan: MockPlan, pathParams: Record<string, string>, request: NormalizedRequest, body: Json): StateAnswer;
  reset(): void;
  snapshot(): ResourceState;
}

function collectionKey(api: string, name: string): string {
  return `${api}\u0000${name}`;
}

function getAt(value: Json, segments: string[]): Json {
  let current = value;
  for (const segment of segments) current = current?.[segment];
  return current;
}

function setAt(root: Json, segments: string[], value: Json): Json {
  if (segments.length === 0) return value;
  const base = root !== null && typeof root === 'object' && !Array.isArray(root) ? root : {};
  let container = base;
  for (const segment of segments.slice(0, -1)) {
    if (container[segment] === null || typeof container[segment] !== 'object') container[segment] = {};
    container = container[segment];
  }
  container[segments.at(-1)!] = value;
  return base;
}

function problems(validate: { errors?: Json }): string {
  return ((validate.errors ?? []) as Json[]).map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ');
}

function asText(value: Json): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Builds the engine for the operations of every served API; throws an ExtensionError on a mistake in the data. */
export function createStateEngine(operations: OperationSpec[], options: StateOptions): StateEngine {
  const plans = new Map<OperationSpec, MockPlan>();
  const collections = new Map<string, Collection>();
  const keyNames = new Map<string, string>();

  for (const op of operations) {
    const plan = planOf(op);
    if (!plan) continue;
    plans.set(op, plan);
    const id = collectionKey(op.api, plan.resource);
    const existing = collections.get(id);
    if (existing && JSON.stringify(existing.schema) !== JSON.stringify(plan.schema)) {
      throw new ExtensionError(
        `${plan.label}: resource "${plan.resource}" is ${JSON.stringify(plan.schema)} here but ${JSON.stringify(existing.schema)} elsewhere`,
      );
    }
    if (!existing) {
      collections.set(id, {
        api: op.api,
        name: plan.resource,
        schema: plan.schema,
        keyProperty: undefined,
        initial: new Map(),
        items: new Map(),
      });
    }
    if (plan.key !== undefined) {
      const known = keyNames.get(id);
      if (known !== undefined && known !== plan.key)
        throw new ExtensionError(
          `${plan.label}: resource "${plan.resource}" is keyed by "${known}" elsewhere, not "${plan.key}"`,
        );
      keyNames.set(id, plan.key);
    }
  }
  for (const [id, collection] of collections) {
    const keyName = keyNames.get(id);
    const op = [...plans.values()].find((p) => collectionKey(p.op.api, p.resource) === id)!.op;
    const props = derefSchema(op.doc, collection.schema)?.properties ?? {};
    if (keyName !== undefined && keyName in props) collection.keyProperty = keyName;
  }

  const validatorOf = (collection: Collection): { (data: Json): boolean; errors?: Json } => {
    const op = [...plans.values()].find((p) => p.op.api === collection.api && p.resource === collection.name)!.op;
    return op.ajv.compile(collection.schema);
  };

  const where = (c: Collection) => `${c.api} ${c.name}`;

  function seed(collection: Collection, key: string, value: Json, source: string): void {
    if (collection.initial.has(key)) return;
    const validate = validatorOf(collection);
    if (!validate(value))
      throw new ExtensionError(`${source}: ${where(collection)} "${key}" does not match its schema: ${problems(validate)}`);
    if (collection.keyProperty !== undefined && value?.[collection.keyProperty] !== undefined) {
      if (String(value[collection.keyProperty]) !== key)
        throw new ExtensionError(
          `${source}: ${where(collection)} "${key}" has ${collection.keyProperty} "${value[collection.keyProperty]}"`,
        );
    }
    if (collection.initial.size >= options.maxResources)
      throw new ExtensionError(`${source}: more than ${options.maxResources} ${where(collection)} (option maxResources)`);
    collection.initial.set(key, structuredClone(value));
  }

  // Seeds: the caller's, else every example of every read and list operation, in document order.
  const seeded = new Set<string>();
  for (const [api, resources] of Object.entries(options.seed ?? {})) {
    for (const [name, values] of Object.entries(resources ?? {})) {
      const collection = collections.get(collectionKey(api, name));
      if (!collection) {
        const known = [...collections.values()].map((c) => `${c.api} ${c.name}`).join(', ') || 'none';
        throw new ExtensionError(`seed: there is no resource "${name}" in ${api} (stateful resources: ${known})`);
      }
      seeded.add(collectionKey(api, name));
      for (const [key, value] of Object.entries(values ?? {})) seed(collection, key, value, 'seed');
    }
  }
  for (const plan of plans.values()) {
    if (plan.action !== 'read' && plan.action !== 'list') continue;
    const id = collectionKey(plan.op.api, plan.resource);
    if (seeded.has(id)) continue;
    const collection = collections.get(id)!;
    const success = successResponse(plan.op)!;
    for (const example of success.media?.examples ?? []) {
      const source = `${plan.label} example ${example.name}`;
      const found = getAt(example.value, plan.at);
      const values: Json[] = plan.many ? (Array.isArray(found) ? found : []) : found === undefined ? [] : [found];
      for (const value of values) {
        let key: Json = collection.keyProperty === undefined ? undefined : value?.[collection.keyProperty];
        if (key === undefined && plan.key !== undefined) key = plan.op.parameters.find((p) => p.name === plan.key)?.example;
        if (key === undefined)
          throw new ExtensionError(
            `${source}: cannot tell the key of the resource (no "${collection.keyProperty ?? plan.key}" property or parameter example)`,
          );
        seed(collection, String(key), value, source);
      }
    }
  }
  const reset = () => {
    for (const collection of collections.values())
      collection.items = new Map([...collection.initial].map(([k, v]) => [k, structuredClone(v)]));
  };
  reset();

  function failure(plan: MockPlan, error: string): StateAnswer {
    const documented = responseFor(plan.op, 500);
    const reply =
      documented && documented.code === '500'
        ? documentedReply(plan.op, documented, 500)
        : { status: 500, headers: { 'content-type': 'application/json' }, body: { mockError: error } };
    return { reply, verdict: 'refused to serve a value the spec forbids', error };
  }

  function notFound(plan: MockPlan, key: string): StateAnswer {
    const documented = responseFor(plan.op, 404);
    const reply =
      documented && documented.code === '404'
        ? documentedReply(plan.op, documented, 404)
        : { status: 404, headers: { 'content-type': 'application/json' }, body: { mockError: `no ${plan.resource} "${key}"` } };
    return { reply, verdict: `not found (no ${plan.resource} "${key}")` };
  }

  /** The success answer with `content` placed at the plan's pointer, validated against the response schema. */
  function respond(plan: MockPlan, content: Json, verdict: string, pagination?: Record<string, Json>): StateAnswer {
    const success = successResponse(plan.op)!;
    const placed = plan.action !== 'list' && plan.many ? [content] : content;
    let body = setAt(exampleBody(plan.op, success), plan.at, structuredClone(placed));
    if (pagination && plan.list?.pagination) {
      const current = getAt(body, plan.list.pagination.at);
      body = setAt(body, plan.list.pagination.at, { ...(current && typeof current === 'object' ? current : {}), ...pagination });
    }
    const validate = plan.op.ajv.compile(success.media!.schema);
    if (!validate(body))
      return failure(
        plan,
        `the ${statusOf(success.code)} answer of ${plan.label} does not match its response schema: ${problems(validate)}`,
      );
    return { reply: { status: statusOf(success.code), headers: responseHeaders(plan.op, success), body }, verdict };
  }

  function keyOf(plan: MockPlan, pathParams: Record<string, string>): string {
    const param = plan.op.parameters.find((p) => p.in === 'path' && p.name === plan.key)!;
    return asText(coerce(plan.op.doc, param.schema, decodeURIComponent(pathParams[plan.key!] ?? '')));
  }

  function store(plan: MockPlan, collection: Collection, key: string, value: Json, verdict: string): StateAnswer {
    const validate = validatorOf(collection);
    if (!validate(value))
      return failure(plan, `${plan.label} would store an invalid ${plan.resource} "${key}" (not stored): ${problems(validate)}`);
    if (!collection.items.has(key) && collection.items.size >= options.maxResources) {
      const message = `${where(collection)} already holds the maximum of ${options.maxResources} resources (option maxResources); POST /__mock/reset or raise the limit`;
      return {
        reply: { status: 507, headers: { 'content-type': 'application/json' }, body: { mockError: message } },
        verdict: 'collection full',
        error: message,
      };
    }
    const answer = respond(plan, value, verdict);
    if (answer.reply.status < 300) collection.items.set(key, structuredClone(value));
    return answer;
  }

  function list(plan: MockPlan, collection: Collection, search: URLSearchParams): StateAnswer {
    const spec = plan.list!;
    const param = (name: string | undefined) => plan.op.parameters.find((p) => p.in === 'query' && p.name === name);
    const numberOf = (name: string | undefined): number | undefined => {
      const p = param(name);
      if (!p) return undefined;
      const raw = search.get(p.name);
      const value = raw === null ? derefSchema(plan.op.doc, p.schema)?.default : coerce(plan.op.doc, p.schema, raw);
      return typeof value === 'number' && Number.isInteger(value) && value >= 1 ? value : undefined;
    };
    let entries = [...collection.items.entries()];
    if (spec.keys !== undefined && search.has(spec.keys)) {
      const wanted = new Set(search.getAll(spec.keys).flatMap((v) => v.split(',').map((s) => s.trim())));
      entries = entries.filter(([key]) => wanted.has(key));
    }
    for (const filter of spec.filters) {
      const value = search.get(filter.parameter);
      if (value === null || filter.any.includes(value)) continue;
      const matches = filter.values[value] ?? [value];
      entries = entries.filter(([, item]) => matches.some((m) => asText(m) === asText(item?.[filter.field])));
    }
    if (spec.search !== undefined) {
      const text = search.get(spec.search.parameter)?.toLowerCase();
      if (text) {
        const fields = spec.search.fields;
        entries = entries.filter(([, item]) =>
          fields.some((f) => item?.[f] !== undefined && asText(item[f]).toLowerCase().includes(text)),
        );
      }
    }
    const records = entries.length;
    const per = numberOf(spec.per) ?? Math.max(records, 1);
    const page = numberOf(spec.page) ?? 1;
    const items = entries.slice((page - 1) * per, page * per).map(([, item]) => item);
    const computed = { page, per, pages: Math.ceil(records / per), records };
    const pagination: Record<string, Json> = {};
    for (const [name, what] of Object.entries(spec.pagination?.set ?? {})) pagination[name] = computed[what];
    for (const [name, parameter] of Object.entries(spec.pagination?.echo ?? {})) pagination[name] = search.get(parameter) ?? null;
    return respond(plan, items, `ok (stateful: ${items.length} of ${records})`, pagination);
  }

  return {
    planFor: (op) => plans.get(op),
    answer(plan, pathParams, request, body) {
      const collection = collections.get(collectionKey(plan.op.api, plan.resource))!;
      if (plan.action === 'list') return list(plan, collection, request.search);
      const key = keyOf(plan, pathParams);
      const current = collection.items.get(key);
      if (plan.action === 'read') return current === undefined ? notFound(plan, key) : respond(plan, current, 'ok (stateful)');
      if (plan.action === 'replace')
        return store(plan, collection, key, structuredClone(getAt(body, plan.value)), 'ok (stateful: replaced)');
      if (current === undefined) return notFound(plan, key);
      const merged = structuredClone(current);
      const props = derefSchema(plan.op.doc, collection.schema)?.properties ?? {};
      for (const [name, targets] of plan.fields!) {
        if (body?.[name] === undefined) continue;
        for (const target of targets) {
          const sent = body[name];
          let value: Json =
            target.as === 'join'
              ? Array.isArray(sent)
                ? sent.map(asText).join(', ')
                : sent
              : target.as === 'count'
                ? Array.isArray(sent)
                  ? sent.length
                  : sent
                : sent;
          const types = derefSchema(plan.op.doc, props[target.field])?.type;
          const wantsText = types === 'string' || (Array.isArray(types) && types.length === 1 && types[0] === 'string');
          if (wantsText && (typeof value === 'number' || typeof value === 'boolean')) value = String(value);
          merged[target.field] = value;
        }
      }
      return store(plan, collection, key, merged, 'ok (stateful: merged)');
    },
    reset,
    snapshot() {
      const out: ResourceState = {};
      for (const c of collections.values()) {
        out[c.api] ??= {};
        out[c.api]![c.name] = Object.fromEntries([...c.items].map(([k, v]) => [k, structuredClone(v)]));
      }
      return out;
    },
  };
}
