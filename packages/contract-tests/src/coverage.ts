/**
 * The coverage gate. `requiredCoverage` derives, from the bundled documents alone, every item the
 * contract table must prove through each entry point of the clients: each (operationId, status)
 * pair, each (operationId, status, example) triple of a documented response example and each
 * request-body example. The table records what it
 * proved in a `CoverageRegistry`; `evaluateGate` compares the two and renders the report.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { allOperations, type OpenApiDocument } from './spec-model.ts';

export type CoverageKind = 'status' | 'response-example' | 'request-example';

export interface CoverageItem {
  kind: CoverageKind;
  /** The entry point the item must be proven through, e.g. `methods` or `raw`. */
  entry: string;
  api: string;
  operationId: string;
  /** The response status (`status`, `response-example`). */
  status?: string;
  /** The example's name in its `examples` map (`response-example`, `request-example`). */
  example?: string;
  /** Stable identity, e.g. `raw updateAccountOfferings 429` or `methods updateAccountOfferings 429 example=tooManyRequestsError`. */
  key: string;
}

export const statusKey = (entry: string, operationId: string, status: string): string => `${entry} ${operationId} ${status}`;
export const responseExampleKey = (entry: string, operationId: string, status: string, example: string): string =>
  `${entry} ${operationId} ${status} example=${example}`;
export const requestExampleKey = (entry: string, operationId: string, example: string): string =>
  `${entry} ${operationId} request example=${example}`;

/** Every item the suite must cover, through every one of `entries`, in document order. */
export function requiredCoverage(docs: Record<string, OpenApiDocument>, entries: readonly string[]): CoverageItem[] {
  const items: CoverageItem[] = [];
  for (const op of allOperations(docs)) {
    const { api, operationId } = op;
    for (const entry of entries) {
      for (const example of op.requestBody?.examples ?? []) {
        items.push({
          kind: 'request-example',
          entry,
          api,
          operationId,
          example: example.name,
          key: requestExampleKey(entry, operationId, example.name),
        });
      }
      for (const response of op.responses) {
        items.push({
          kind: 'status',
          entry,
          api,
          operationId,
          status: response.status,
          key: statusKey(entry, operationId, response.status),
        });
        for (const example of response.content?.examples ?? []) {
          items.push({
            kind: 'response-example',
            entry,
            api,
            operationId,
            status: response.status,
            example: example.name,
            key: responseExampleKey(entry, operationId, response.status, example.name),
          });
        }
      }
    }
  }
  return items;
}

/** What the suite proved during this run (filled by the contract table, one key per passed check). */
export class CoverageRegistry {
  readonly #keys = new Set<string>();
  add(...keys: string[]): void {
    for (const key of keys) this.#keys.add(key);
  }
  has(key: string): boolean {
    return this.#keys.has(key);
  }
  get keys(): ReadonlySet<string> {
    return this.#keys;
  }
}

export interface GateResult {
  required: CoverageItem[];
  covered: CoverageItem[];
  missing: CoverageItem[];
  /** Required keys that were exercised (any kind), as a percentage, one decimal. */
  percent: number;
  /** (entry point, operationId, status) items only. */
  pairs: { total: number; covered: number };
  /** Examples only (request and response). */
  examples: { total: number; covered: number };
  ok: boolean;
  /** Human-readable report naming every required item. */
  report: string;
}

const percentOf = (covered: number, total: number): number => (total === 0 ? 100 : Math.floor((covered / total) * 1000) / 10);

/** Compares the required items with the exercised keys. Extra exercised keys are ignored. */
export function evaluateGate(required: CoverageItem[], exercised: Iterable<string>): GateResult {
  const seen = new Set(exercised);
  const covered = required.filter((item) => seen.has(item.key));
  const missing = required.filter((item) => !seen.has(item.key));
  const statuses = required.filter((item) => item.kind === 'status');
  const examples = required.filter((item) => item.kind !== 'status');
  const pairs = { total: statuses.length, covered: statuses.filter((item) => seen.has(item.key)).length };
  const ex = { total: examples.length, covered: examples.filter((item) => seen.has(item.key)).length };
  const percent = percentOf(covered.length, required.length);

  const lines = ['Contract coverage (computed from the bundled specs)'];
  let currentGroup = '';
  for (const item of required) {
    const group = `  ${item.api} ${item.operationId} through ${item.entry}`;
    if (group !== currentGroup) {
      currentGroup = group;
      lines.push(group);
    }
    const mark = seen.has(item.key) ? 'ok     ' : 'MISSING';
    const label =
      item.kind === 'status'
        ? `status ${item.status}`
        : item.kind === 'response-example'
          ? `  ${item.status} example ${item.example}`
          : `request example ${item.example}`;
    lines.push(`    [${mark}] ${label}`);
  }
  lines.push(
    `  (entry point, operationId, status) triples: ${pairs.covered}/${pairs.total} (${percentOf(pairs.covered, pairs.total)}%)`,
    `  documented examples: ${ex.covered}/${ex.total} (${percentOf(ex.covered, ex.total)}%)`,
    `  total: ${covered.length}/${required.length} (${percent}%)`,
  );
  if (missing.length > 0) lines.push(`  missing: ${missing.map((item) => item.key).join('; ')}`);
  return { required, covered, missing, percent, pairs, examples: ex, ok: missing.length === 0, report: lines.join('\n') };
}

/** Writes the gate result as JSON (e.g. test-results/contract-coverage.json). */
export function writeCoverageReport(file: string, result: GateResult): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(
    file,
    `${JSON.stringify(
      {
        ok: result.ok,
        percent: result.percent,
        pairs: result.pairs,
        examples: result.examples,
        items: result.required.map((item) => ({ ...item, covered: !result.missing.includes(item) })),
        missing: result.missing.map((item) => item.key),
      },
      null,
      2,
    )}\n`,
  );
}
