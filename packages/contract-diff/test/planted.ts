// Planted changes for the tests: each takes a fresh deep copy of a real bundle (never the files
// in specs/) and changes one thing. The specs grow (more operations share a schema, the version
// moves with every release), so expectations that depend on them are derived here from the
// document, never written down as counts.
import { loadSpec } from '@mailapis/specs';
import type { OperationRef } from '../src/classify.ts';

export type Doc = Record<string, any>;
export type Api = 'sendgrid-provisioning' | 'qboxmail-delivery';

/**
 * A fresh deep copy of the real bundled document; with `version`, its `info.version` is set to
 * it, for tests that need a known released version whatever the real one is.
 */
export function bundle(api: Api, version?: string): Doc {
  const doc = structuredClone(loadSpec(api)) as Doc;
  if (version !== undefined) doc.info.version = version;
  return doc;
}

export function planted(api: Api, change: (doc: Doc) => void, version?: string): { before: Doc; after: Doc } {
  const before = bundle(api, version);
  const after = structuredClone(before);
  change(after);
  return { before, after };
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** Every operation of the document, in document order, with its path item. */
export function operationsOf(doc: Doc): { ref: OperationRef; op: Doc; item: Doc }[] {
  const out: { ref: OperationRef; op: Doc; item: Doc }[] = [];
  for (const [path, item] of Object.entries<Doc>(doc.paths ?? {})) {
    for (const [method, op] of Object.entries<Doc>(item)) {
      if (!METHODS.includes(method)) continue;
      out.push({ ref: { method: method.toUpperCase(), path, operationId: op.operationId }, op, item });
    }
  }
  return out;
}

function resolve(doc: Doc, ref: string): unknown {
  return ref
    .slice(2)
    .split('/')
    .reduce((node: any, key) => node?.[key.replaceAll('~1', '/').replaceAll('~0', '~')], doc);
}

/** Whether `node` is, or reaches through `$ref`s, the component `target` (e.g. `#/components/schemas/Offering`). */
export function reaches(doc: Doc, node: unknown, target: string, seen = new Set<string>()): boolean {
  if (node === null || typeof node !== 'object') return false;
  const ref = (node as Doc).$ref;
  if (typeof ref === 'string') {
    if (ref === target) return true;
    if (seen.has(ref)) return false;
    seen.add(ref);
    return reaches(doc, resolve(doc, ref), target, seen);
  }
  return Object.values(node).some((child) => reaches(doc, child, target, seen));
}

/** The part of an operation a planted change is expected to surface in. */
export const PARTS = {
  requestBody: ({ op }: { op: Doc }) => op.requestBody,
  response200: ({ op }: { op: Doc }) => op.responses?.['200'],
  parameters: ({ op, item }: { op: Doc; item: Doc }) => [...(item.parameters ?? []), ...(op.parameters ?? [])],
};

/**
 * The operations whose `part` uses the component `target`, in document order: a change planted
 * in a shared component is reported once for each of them.
 */
export function operationsUsing(doc: Doc, target: string, part: (o: { op: Doc; item: Doc }) => unknown): OperationRef[] {
  const found = operationsOf(doc)
    .filter((o) => reaches(doc, part(o), target))
    .map((o) => o.ref);
  if (found.length === 0) throw new Error(`no operation uses ${target}: the planted change would test nothing`);
  return found;
}

/** Where a planted change should surface: a part of the operations that use a component. */
export interface Surfaces<T> {
  part: keyof typeof PARTS;
  /** The component the change was planted in, e.g. `#/components/schemas/Offering`. */
  uses: string;
  /** What is reported for each operation whose `part` uses it. */
  findings: T[];
}

/**
 * The exact findings expected from a change planted in shared components: for every operation
 * in document order (the order the diff reports in), the findings of each entry of `surfaces`
 * (in the order given) whose part uses its component, tagged with the operationId. Throws when
 * an entry matches no operation, so an expectation cannot silently become empty.
 */
export function perOperation<T extends object>(doc: Doc, surfaces: Surfaces<T>[]): (T & { operation: string | undefined })[] {
  for (const s of surfaces) operationsUsing(doc, s.uses, PARTS[s.part]);
  return operationsOf(doc).flatMap((o) =>
    surfaces
      .filter((s) => reaches(doc, PARTS[s.part](o), s.uses))
      .flatMap((s) => s.findings.map((f) => ({ operation: o.ref.operationId, ...f }))),
  );
}

export const schema = (name: string) => `#/components/schemas/${name}`;
