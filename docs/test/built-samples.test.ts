// The built site: every operation of every bundle carries curl and TypeScript x-codeSamples, the
// reference page renders exactly that document, and the TypeScript samples compile (and the check bites).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  credentialVariable,
  deref,
  jsonRequestBody,
  listOperations,
  parameterExample,
  securitySchemeOf,
} from '../src/code-samples.mjs';
import { apis, artifactsDir, builtSite, distDir, docsDir, documentedSpec, embeddedDefinition, samplesDir } from './helpers.ts';

const tsc = join(createRequire(import.meta.url).resolve('typescript/package.json'), '..', 'bin', 'tsc');

beforeAll(builtSite);

describe.each(apis)('$name', ({ name, doc }) => {
  it('has at least one operation', () => {
    expect(listOperations(doc).length).toBeGreaterThan(0);
  });

  it('downloads: the plain bundles are byte-identical to specs/dist, the documented copy differs only by x-codeSamples', () => {
    const specsDist = join(docsDir, '..', 'specs', 'dist');
    for (const ext of ['json', 'yaml']) {
      expect(readFileSync(join(distDir, 'downloads', `${name}.openapi.${ext}`), 'utf8')).toBe(
        readFileSync(join(specsDist, `${name}.openapi.${ext}`), 'utf8'),
      );
    }
    const documented = documentedSpec(name);
    expect(parse(readFileSync(join(distDir, 'downloads', `${name}.openapi.with-code-samples.yaml`), 'utf8'))).toEqual(documented);
    const stripped = structuredClone(documented);
    for (const op of listOperations(stripped)) delete op.operation['x-codeSamples'];
    expect(stripped).toEqual(doc);
  });

  it('the reference page renders the documented copy', () => {
    expect(embeddedDefinition(name)).toEqual(documentedSpec(name));
  });

  describe.each(listOperations(doc).map((op) => ({ ...op, label: `${op.method.toUpperCase()} ${op.path}` })))('$label', (op) => {
    const documented = () => {
      const built = listOperations(documentedSpec(name)).find((o) => o.operationId === op.operationId);
      if (!built) throw new Error(`${op.operationId} is missing from the built document`);
      return built.operation['x-codeSamples'] as { lang: string; label: string; source: string }[];
    };

    it('has a curl and a TypeScript sample, in that order', () => {
      expect(documented().map((s) => s.lang)).toEqual(['curl', 'TypeScript']);
      expect(documented()[1]?.label).toBe(`TypeScript (@mailapis/${name}-client)`);
    });

    it('the TypeScript sample is the type-checked file, minus its "// docs:" lines, and calls this operation', () => {
      const file = readFileSync(join(samplesDir, 'generated', name, `${op.operationId}.ts`), 'utf8');
      const source = documented()[1]!.source;
      expect(source).toBe(
        file
          .split('\n')
          .filter((line) => !line.startsWith('// docs:'))
          .join('\n')
          .trim(),
      );
      expect(source).toContain(`from '@mailapis/${name}-client'`);
      expect(source).toContain(`.${op.operationId}(`);
      const security = securitySchemeOf(doc, op.operation);
      if (security) expect(source).toContain(`process.env.${credentialVariable(name, security.scheme)}`);
      for (const param of op.parameters.filter((p) => p.in === 'path')) {
        expect(source).toContain(JSON.stringify(parameterExample(doc, param)).replace(/"/g, "'"));
      }
    });

    it('the curl sample calls the first server with the path example, the auth header and the request example', () => {
      const curl = documented()[0]!.source;
      let path = op.path;
      for (const param of op.parameters.filter((p) => p.in === 'path')) {
        path = path.replace(`{${param.name}}`, encodeURIComponent(String(parameterExample(doc, param))));
      }
      expect(curl.split('\n')[0]).toBe(`curl --request ${op.method.toUpperCase()} \\`);
      expect(curl).toContain(`--url '${doc.servers[0].url}${path}'`);
      const security = securitySchemeOf(doc, op.operation);
      const scheme = security?.scheme;
      if (scheme?.type === 'apiKey') expect(curl).toContain(`--header "${scheme.name}: $${credentialVariable(name, scheme)}"`);
      if (scheme?.type === 'http')
        expect(curl).toContain(`--header "Authorization: Bearer $${credentialVariable(name, scheme)}"`);
      const body = jsonRequestBody(doc, op.operation);
      if (body) {
        const data = /--data '([\s\S]*)'$/.exec(curl)?.[1];
        expect(JSON.parse((data ?? '').replace(/'\\''/g, "'"))).toEqual(body.example);
        expect(deref(doc, op.operation.requestBody).content['application/json']).toBeDefined();
      }
    });
  });
});

describe('TypeScript samples type-check against the built clients', () => {
  function runTsc(project: string) {
    return spawnSync(process.execPath, [tsc, '-p', project], { cwd: docsDir, encoding: 'utf8' });
  }

  it('tsc -p samples passes', () => {
    const result = runTsc(join(samplesDir, 'tsconfig.json'));
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('a sample that does not match the client fails the same check, naming the file and the error', () => {
    const dir = join(artifactsDir, 'broken-sample');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    try {
      const [first] = apis;
      const op = listOperations(first!.doc)[0]!;
      cpSync(join(samplesDir, 'generated', first!.name, `${op.operationId}.ts`), join(dir, 'sample.ts'));
      // Call an operation the client does not have.
      const text = readFileSync(join(dir, 'sample.ts'), 'utf8').replace(`.${op.operationId}(`, `.${op.operationId}DoesNotExist(`);
      writeFileSync(join(dir, 'sample.ts'), text);
      writeFileSync(
        join(dir, 'tsconfig.json'),
        JSON.stringify({ extends: '../../samples/tsconfig.json', include: ['sample.ts'] }),
      );
      const result = runTsc(join(dir, 'tsconfig.json'));
      expect(result.status).toBe(2);
      expect(result.stdout).toContain(`sample.ts(`);
      expect(result.stdout).toContain(`Property '${op.operationId}DoesNotExist' does not exist`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
