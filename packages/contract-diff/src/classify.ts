// Classifies the differences between two bundled OpenAPI 3.1 documents as breaking,
// non-breaking, deprecated or annotation. The diff engine is api-smart-diff (pinned); the
// few places where it is wrong or silent for our specs are corrected by the narrowly scoped
// rules in ./rules.ts, each of which names itself in the change it reclassifies.
import { apiCompare, type Diff } from 'api-smart-diff';
import { reclassify } from './rules.ts';

export type Severity = 'breaking' | 'non-breaking' | 'deprecated' | 'annotation';
export type Direction = 'request' | 'response' | 'document';

export interface OperationRef {
  method: string;
  path: string;
  operationId?: string;
}

export interface Change {
  severity: Severity;
  /** Which side of the exchange the change affects: what partners send, or what they receive. */
  direction: Direction;
  /** Rule id, e.g. `response.property-removed`; listed in docs/compatibility-policy.md. */
  rule: string;
  /** Who classified it: the diff engine, or one of our rules that corrected it. */
  classifiedBy: 'api-smart-diff' | 'mailapis';
  action: Diff['action'];
  /** The changed node as a JSON Pointer into the (dereferenced) document. */
  pointer: string;
  operation?: OperationRef;
  /** Where in the operation: `request body (application/json)`, `response 200 body (application/json)`, `path parameter id`. */
  location?: string;
  /** Field path inside the body or parameter, e.g. `offerings[].quantity`. */
  field?: string;
  /** One partner-facing sentence describing the change. */
  message: string;
  /** Why the rule gives this severity. */
  why: string;
  before?: unknown;
  after?: unknown;
  /** For a new deprecation: the `x-sunset` date (YYYY-MM-DD) found next to `deprecated: true`. */
  sunset?: string;
}

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);
/** Top-level sections whose changes are reported; `components` surface through the operations using them. */
const REPORTED_ROOTS = new Set(['openapi', 'info', 'servers', 'security', 'tags', 'externalDocs', 'paths', 'webhooks']);

export function toPointer(path: readonly (string | number)[]): string {
  return `/${path.map((s) => String(s).replaceAll('~', '~0').replaceAll('/', '~1')).join('/')}`;
}

/** Walks the merged (dereferenced) document along a diff path; undefined when a step is missing. */
export function nodeAt(root: unknown, path: readonly (string | number)[]): any {
  let node: any = root;
  for (const segment of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = node[segment];
  }
  return node;
}

/** Describes where a diff path points inside an operation. */
export interface PathContext {
  direction: Direction;
  operation?: OperationRef;
  location?: string;
  /** Index in the diff path where the schema starts (after `schema`), if the change is inside one. */
  schemaStart?: number;
  field?: string;
}

export function describePath(path: readonly (string | number)[], merged: unknown): PathContext {
  if (path[0] === 'components' && path[1] === 'securitySchemes') {
    return { direction: 'request', location: `security scheme ${String(path[2] ?? '')}`.trim() };
  }
  if (path[0] !== 'paths' || path.length < 3 || !HTTP_METHODS.has(String(path[2]))) {
    const direction: Direction = path[0] === 'security' || path[0] === 'servers' ? 'request' : 'document';
    return { direction, location: path[0] === 'paths' && path[1] ? `path ${String(path[1])}` : undefined };
  }
  const operationNode = nodeAt(merged, path.slice(0, 3));
  const operation: OperationRef = {
    method: String(path[2]).toUpperCase(),
    path: String(path[1]),
    operationId: typeof operationNode?.operationId === 'string' ? operationNode.operationId : undefined,
  };
  const section = path[3];
  if (section === 'requestBody') {
    const mediaType = path[4] === 'content' ? path[5] : undefined;
    const schemaStart = mediaType !== undefined && path[6] === 'schema' ? 7 : undefined;
    return {
      direction: 'request',
      operation,
      location: mediaType === undefined ? 'request body' : `request body (${String(mediaType)})`,
      schemaStart,
      field: schemaStart === undefined ? undefined : fieldName(path.slice(schemaStart)),
    };
  }
  if (section === 'parameters' && typeof path[4] === 'number') {
    const parameter = nodeAt(merged, path.slice(0, 5));
    const where = parameter ? `${String(parameter.in)} parameter ${String(parameter.name)}` : `parameter #${path[4]}`;
    const schemaStart = path[5] === 'schema' ? 6 : undefined;
    return {
      direction: 'request',
      operation,
      location: where,
      schemaStart,
      field: schemaStart === undefined ? undefined : fieldName(path.slice(schemaStart)),
    };
  }
  if (section === 'responses' && path[4] !== undefined) {
    const status = String(path[4]);
    if (path[5] === 'content' && path[6] !== undefined) {
      const schemaStart = path[7] === 'schema' ? 8 : undefined;
      return {
        direction: 'response',
        operation,
        location: `response ${status} body (${String(path[6])})`,
        schemaStart,
        field: schemaStart === undefined ? undefined : fieldName(path.slice(schemaStart)),
      };
    }
    if (path[5] === 'headers' && path[6] !== undefined) {
      const schemaStart = path[7] === 'schema' ? 8 : undefined;
      return {
        direction: 'response',
        operation,
        location: `response ${status} header ${String(path[6])}`,
        schemaStart,
        field: schemaStart === undefined ? undefined : fieldName(path.slice(schemaStart)),
      };
    }
    return { direction: 'response', operation, location: `response ${status}` };
  }
  if (section === 'security' || section === 'servers') return { direction: 'request', operation, location: String(section) };
  return { direction: 'document', operation };
}

/**
 * Readable field path of a node inside a schema: `offerings[].quantity`. Keywords that are not
 * navigation (enum, type, required…) are left out; conditional subschemas are shown as `(then)`.
 */
export function fieldName(schemaPath: readonly (string | number)[]): string {
  let out = '';
  for (let i = 0; i < schemaPath.length; i++) {
    const segment = schemaPath[i];
    // A navigation keyword that is itself the changed node is not part of the field path.
    if (i === schemaPath.length - 1) break;
    if (segment === 'properties') {
      out += `${out ? '.' : ''}${String(schemaPath[++i])}`;
    } else if (segment === 'items') out += '[]';
    else if (segment === 'additionalProperties') out += '{*}';
    else if (segment === 'if' || segment === 'then' || segment === 'else' || segment === 'contains') out += `(${segment})`;
    else if ((segment === 'allOf' || segment === 'oneOf' || segment === 'anyOf') && typeof schemaPath[i + 1] === 'number') {
      out += `(${segment}[${schemaPath[++i]}])`;
    } else break;
  }
  return out;
}

const ENGINE_SEVERITY: Record<string, Severity | undefined> = {
  breaking: 'breaking',
  'non-breaking': 'non-breaking',
  deprecated: 'deprecated',
  annotation: 'annotation',
};

/** Compares two bundled OpenAPI documents and returns every reported change, classified. */
export function classifyChanges(before: unknown, after: unknown): Change[] {
  const metaKey = Symbol('diff');
  const { diffs, merged } = apiCompare(structuredClone(before), structuredClone(after), { metaKey });
  const changes: Change[] = [];
  for (const diff of diffs) {
    const root = String(diff.path[0]);
    const isSecurityScheme = root === 'components' && diff.path[1] === 'securitySchemes';
    if (!REPORTED_ROOTS.has(root) && !isSecurityScheme) continue;
    const context = describePath(diff.path, merged);
    const engine = ENGINE_SEVERITY[diff.type];
    const base = {
      action: diff.action,
      pointer: toPointer(diff.path),
      direction: context.direction,
      operation: context.operation,
      location: context.location,
      field: context.field,
      before: diff.before,
      after: diff.after,
      ...deprecation(diff, merged),
    };
    const override = reclassify(diff, context, merged, metaKey);
    if (override) {
      changes.push({ ...base, ...override, classifiedBy: 'mailapis' });
    } else if (engine) {
      changes.push({ ...base, ...engineRule(diff, context, engine), severity: engine, classifiedBy: 'api-smart-diff' });
    } else {
      changes.push({
        ...base,
        severity: 'breaking',
        rule: 'unclassified',
        classifiedBy: 'mailapis',
        message: describeChange(diff, context, nodeKind(diff, context)),
        why: 'the diff engine could not classify this change, so it is treated as breaking until a rule covers it',
      });
    }
  }
  return changes;
}

function deprecation(diff: Diff, merged: unknown): { sunset?: string } {
  if (diff.path[diff.path.length - 1] !== 'deprecated' || diff.after !== true) return {};
  const sunset = nodeAt(merged, diff.path.slice(0, -1))?.['x-sunset'];
  return typeof sunset === 'string' ? { sunset } : {};
}

/** What kind of node a diff touches, for rule ids: `property`, `enum-value`, `required`, `status`… */
export function nodeKind(diff: Diff, context: PathContext): string {
  const path = diff.path;
  const last = path[path.length - 1];
  const parent = path[path.length - 2];
  if (path[0] === 'paths' && path.length === 2) return 'path';
  if (path[0] === 'paths' && path.length === 3) return 'operation';
  if (path[3] === 'responses' && path.length === 5) return 'status';
  if (path[3] === 'parameters' && path.length === 5) return 'parameter';
  if (path[3] === 'requestBody' && path.length === 4) return 'request-body';
  if (path[5] === 'headers' && path.length === 7) return 'header';
  if ((path[3] === 'requestBody' && path.length === 6) || (path[3] === 'responses' && path.length === 7)) return 'media-type';
  if (parent === 'properties') return 'property';
  if (parent === 'enum') return 'enum-value';
  if (parent === 'required') return 'required';
  if (last === 'required' && typeof parent === 'number' && path[3] === 'parameters') return 'parameter-required';
  if (context.schemaStart !== undefined) return `keyword-${String(typeof last === 'number' ? parent : last)}`;
  return String(typeof last === 'number' ? parent : last);
}

const PAST: Record<Diff['action'], string> = { add: 'added', remove: 'removed', replace: 'changed', rename: 'renamed' };

function engineRule(diff: Diff, context: PathContext, severity: Severity): Pick<Change, 'rule' | 'message' | 'why'> {
  const kind = nodeKind(diff, context);
  const rule = `${context.direction}.${kind}-${PAST[diff.action]}`;
  return { rule, message: describeChange(diff, context, kind), why: engineWhy(context.direction, kind, diff.action, severity) };
}

const QUOTE_LIMIT = 80;

/** Short inline rendering of a value for messages; values longer than 80 characters are cut. */
export function quote(value: unknown): string {
  const oneLine = oneLineText(value);
  return `\`${oneLine.length > QUOTE_LIMIT ? `${oneLine.slice(0, QUOTE_LIMIT - 3)}…` : oneLine}\``;
}

function oneLineText(value: unknown): string {
  return String(typeof value === 'string' ? value : JSON.stringify(value))
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * A rewritten prose keyword (`description`, `summary`, `title`, `x-enumDescriptions.<value>`)
 * whose old or new text is too long to quote: cut texts would only show the same first words
 * on both sides, so the message says that the text was reworded instead.
 */
function isLongProseRewrite(diff: Diff, keyword: string): boolean {
  const prose = /^(description|summary|title)$/.test(keyword) || keyword.startsWith('x-enumDescriptions.');
  return (
    prose &&
    diff.action === 'replace' &&
    typeof diff.before === 'string' &&
    typeof diff.after === 'string' &&
    (oneLineText(diff.before).length > QUOTE_LIMIT || oneLineText(diff.after).length > QUOTE_LIMIT)
  );
}

/** What the change is about, for messages: the field, or the document node outside operations. */
function subject(diff: Diff, context: PathContext): string {
  if (context.field) return `\`${context.field}\``;
  if (context.schemaStart !== undefined) return 'the schema';
  if (context.location) return context.location;
  if (!context.operation) {
    return `\`${diff.path
      .slice(0, -1)
      .map((s) => (typeof s === 'number' ? `[${s}]` : `.${s}`))
      .join('')
      .replace(/^\./, '')}\``;
  }
  return 'the operation';
}

function keywordName(diff: Diff): string {
  const first = diff.path.findIndex((s) => typeof s === 'string' && s.startsWith('x-'));
  if (first >= 0) return diff.path.slice(first).join('.');
  const last = diff.path[diff.path.length - 1];
  return typeof last === 'number' ? `${String(diff.path[diff.path.length - 2])}[${last}]` : String(last);
}

export function describeChange(diff: Diff, context: PathContext, kind: string): string {
  const where = context.location ? ` in ${context.location}` : '';
  const last = diff.path[diff.path.length - 1];
  switch (kind) {
    case 'path':
      return `${PAST[diff.action]} path \`${String(last)}\``;
    case 'operation':
      return `${PAST[diff.action]} operation ${String(diff.path[2]).toUpperCase()} ${String(diff.path[1])}`;
    case 'status':
      return `${PAST[diff.action]} response status ${String(last)}`;
    case 'parameter':
    case 'header':
    case 'request-body':
      return `${PAST[diff.action]} ${context.location ?? kind}`;
    case 'media-type':
      return `${PAST[diff.action]} media type \`${String(last)}\`${where}`;
    case 'property':
      return `${PAST[diff.action]} property \`${context.field}\`${where}`;
    case 'enum-value':
      return diff.action === 'add'
        ? `added value ${quote(diff.after)} to \`${context.field}\`${where}`
        : diff.action === 'remove'
          ? `removed value ${quote(diff.before)} from \`${context.field}\`${where}`
          : `replaced value ${quote(diff.before)} of \`${context.field}\` by ${quote(diff.after)}${where}`;
    case 'required': {
      const name = diff.action === 'remove' ? diff.before : diff.after;
      const full = context.field ? `${context.field}.${String(name)}` : String(name);
      return diff.action === 'add'
        ? `\`${full}\` is now required${where}`
        : diff.action === 'remove'
          ? `\`${full}\` is no longer required${where}`
          : `required property ${quote(diff.before)} replaced by ${quote(diff.after)}${where}`;
    }
    default: {
      const keyword = keywordName(diff);
      const of = subject(diff, context);
      if (isLongProseRewrite(diff, keyword)) return `reworded the \`${keyword}\` of ${of}${of === context.location ? '' : where}`;
      if (of === context.location) {
        if (diff.action === 'replace')
          return `changed \`${keyword}\` of ${of} from ${quote(diff.before)} to ${quote(diff.after)}`;
        if (diff.action === 'add') return `added \`${keyword}\` ${quote(diff.after)} to ${of}`;
        if (diff.action === 'remove') return `removed \`${keyword}\` ${quote(diff.before)} from ${of}`;
      }
      if (diff.action === 'replace')
        return `changed \`${keyword}\` of ${of} from ${quote(diff.before)} to ${quote(diff.after)}${where}`;
      if (diff.action === 'add') return `added \`${keyword}\` ${quote(diff.after)} to ${of}${where}`;
      if (diff.action === 'remove') return `removed \`${keyword}\` ${quote(diff.before)} from ${of}${where}`;
      return `renamed \`${keyword}\` of ${of}${where}`;
    }
  }
}

function engineWhy(direction: Direction, kind: string, action: Diff['action'], severity: Severity): string {
  if (severity === 'annotation') return 'documentation only: no effect on what is sent or received';
  if (severity === 'deprecated') return 'still works; announced for removal after its sunset date';
  const key = `${direction}.${kind}-${PAST[action]}`;
  const known: Record<string, string> = {
    'request.required-added': 'requests that omit this property, valid until now, are refused',
    'request.property-added': 'an optional request property is additive; existing requests stay valid',
    'request.enum-value-removed': 'requests that send this value, valid until now, are refused',
    'request.enum-value-added': 'a new accepted value is additive; existing requests stay valid',
    'response.enum-value-added': 'partners that switch over every documented value meet a value they do not handle',
    'response.enum-value-removed': 'the response sends a subset of the values partners already handle',
    'response.required-removed': 'partners that rely on the field being present may find it missing',
    'response.status-removed': 'partners that handle this status lose a documented outcome',
    'response.status-added': 'a new documented status; partners must already handle undocumented statuses generically',
    'request.keyword-type-changed': 'values valid under the old type are refused',
    'document.operation-removed': 'calls to this operation stop working',
    'document.path-removed': 'calls to this path stop working',
  };
  return (
    known[key] ??
    (severity === 'breaking'
      ? 'a request valid until now may be refused, or a response may carry what partners do not expect'
      : 'existing requests stay valid and responses stay within what partners already handle')
  );
}
