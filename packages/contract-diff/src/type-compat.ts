// Type-level compatibility: generates the TypeScript types of both documents with
// openapi-typescript (the generator the types packages use) and compiles, with the repository's
// TypeScript, a file asserting per operation that
//   - the old request body type is assignable to the new one (old requests still compile),
//   - the old parameters type is assignable to the new one,
//   - every new response body and header type is assignable to the old one (old readers still compile).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import type { OperationRef } from './classify.ts';

export interface TypeFinding {
  rule: 'types.request-body-not-assignable' | 'types.parameters-not-assignable' | 'types.response-not-assignable';
  operation: OperationRef;
  location: string;
  /** What had to compile, e.g. `old request body → new request body`. */
  assertion: string;
  /** The TypeScript diagnostic, flattened. */
  diagnostic: string;
}

export interface TypeCheckResult {
  findings: TypeFinding[];
  /** How many assignability assertions were compiled. */
  assertions: number;
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

interface Assertion {
  rule: TypeFinding['rule'];
  operation: OperationRef;
  location: string;
  assertion: string;
  from: string;
  to: string;
}

function operationsOf(doc: any): Map<string, { ref: OperationRef; op: any }> {
  const out = new Map<string, { ref: OperationRef; op: any }>();
  for (const [path, item] of Object.entries<any>(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op = item?.[method];
      if (op?.operationId)
        out.set(op.operationId, { ref: { method: method.toUpperCase(), path, operationId: op.operationId }, op });
    }
  }
  return out;
}

function deref(doc: any, node: any): any {
  let current = node;
  for (let i = 0; i < 20 && current && typeof current.$ref === 'string' && current.$ref.startsWith('#/'); i++) {
    current = current.$ref
      .slice(2)
      .split('/')
      .reduce((n: any, key: string) => n?.[key.replaceAll('~1', '/').replaceAll('~0', '~')], doc);
  }
  return current;
}

const lit = (s: string) => JSON.stringify(s);

function buildAssertions(oldDoc: any, newDoc: any): Assertion[] {
  const out: Assertion[] = [];
  const oldOps = operationsOf(oldDoc);
  const newOps = operationsOf(newDoc);
  for (const [id, { ref, op: oldOp }] of oldOps) {
    const current = newOps.get(id);
    if (!current) continue; // a removed operation is reported by the structural diff
    const newOp = current.op;
    const O = `Old[${lit(id)}]`;
    const N = `New[${lit(id)}]`;
    out.push({
      rule: 'types.parameters-not-assignable',
      operation: ref,
      location: 'parameters',
      assertion: 'old parameters → new parameters',
      from: `${O}['parameters']`,
      to: `${N}['parameters']`,
    });
    const oldBody = deref(oldDoc, oldOp.requestBody);
    const newBody = deref(newDoc, newOp.requestBody);
    for (const mediaType of Object.keys(oldBody?.content ?? {})) {
      if (!newBody?.content?.[mediaType]) continue;
      out.push({
        rule: 'types.request-body-not-assignable',
        operation: ref,
        location: `request body (${mediaType})`,
        assertion: 'old request body → new request body',
        from: `NonNullable<${O}['requestBody']>['content'][${lit(mediaType)}]`,
        to: `NonNullable<${N}['requestBody']>['content'][${lit(mediaType)}]`,
      });
    }
    for (const [status, oldResponseNode] of Object.entries<any>(oldOp.responses ?? {})) {
      const newResponse = deref(newDoc, newOp.responses?.[status]);
      const oldResponse = deref(oldDoc, oldResponseNode);
      if (!newResponse) continue; // a removed status is reported by the structural diff
      const key = /^\d+$/.test(status) ? status : lit(status);
      for (const mediaType of Object.keys(oldResponse?.content ?? {})) {
        if (!newResponse.content?.[mediaType]) continue;
        out.push({
          rule: 'types.response-not-assignable',
          operation: ref,
          location: `response ${status} body (${mediaType})`,
          assertion: `new response ${status} body → old response ${status} body`,
          from: `${N}['responses'][${key}]['content'][${lit(mediaType)}]`,
          to: `${O}['responses'][${key}]['content'][${lit(mediaType)}]`,
        });
      }
      out.push({
        rule: 'types.response-not-assignable',
        operation: ref,
        location: `response ${status} headers`,
        assertion: `new response ${status} headers → old response ${status} headers`,
        from: `${N}['responses'][${key}]['headers']`,
        to: `${O}['responses'][${key}]['headers']`,
      });
    }
  }
  return out;
}

async function generate(doc: unknown): Promise<string> {
  const ast = await openapiTS(structuredClone(doc) as any, { silent: true });
  return astToString(ast);
}

/** Runs the type-level check of `newDoc` against `oldDoc`. Temporary files are removed afterwards. */
export async function checkTypeCompatibility(oldDoc: unknown, newDoc: unknown, label = 'api'): Promise<TypeCheckResult> {
  const assertions = buildAssertions(oldDoc, newDoc);
  const dir = mkdtempSync(join(tmpdir(), 'mailapis-contract-types-'));
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'old.ts'), await generate(oldDoc));
    writeFileSync(join(dir, 'new.ts'), await generate(newDoc));
    const lines = [
      `// Generated by @mailapis/contract-diff: type-level compatibility of ${label}. Do not edit.`,
      "import type { operations as Old } from './old.ts';",
      "import type { operations as New } from './new.ts';",
    ];
    const lineOf = new Map<number, Assertion>();
    assertions.forEach((a, i) => {
      lines.push(`// ${a.operation.operationId}: ${a.assertion}`);
      lineOf.set(lines.length, a); // 0-based index of the next line
      lines.push(`export const check${i} = (value: ${a.from}): ${a.to} => value;`);
    });
    const compatFile = join(dir, 'compat.ts');
    writeFileSync(compatFile, `${lines.join('\n')}\n`);
    const program = ts.createProgram([compatFile], {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      allowImportingTsExtensions: true,
      skipLibCheck: true,
      types: [],
      lib: ['lib.es2022.d.ts'],
    });
    const findings: TypeFinding[] = [];
    const generatedProblems: string[] = [];
    for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
      const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
      const assertion =
        diagnostic.file?.fileName === compatFile && diagnostic.start !== undefined
          ? lineOf.get(diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start).line)
          : undefined;
      if (assertion) {
        findings.push({
          rule: assertion.rule,
          operation: assertion.operation,
          location: assertion.location,
          assertion: assertion.assertion,
          diagnostic: text,
        });
      } else {
        generatedProblems.push(`${diagnostic.file?.fileName ?? ''}: ${text}`);
      }
    }
    if (generatedProblems.length > 0) {
      throw new Error(`type-level check of ${label}: the generated types do not compile:\n${generatedProblems.join('\n')}`);
    }
    return { findings, assertions: assertions.length };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
