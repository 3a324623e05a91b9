// The test suite of a generated types package (@mailapis/<api>-types), shared by every such package:
// each package's test/package.test.ts calls describeTypesPackage(its own folder). It checks what the
// package ships against the OpenAPI document it is generated from; the API name comes from the
// package's package.json ("config.api"), so nothing about an API is listed here.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { loadSpec, specPath } from '@mailapis/specs';
import openapiTS, { astToString, COMMENT_HEADER } from 'openapi-typescript';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/** @param packageDir URL of the types package's folder, ending in `/`. */
export function describeTypesPackage(packageDir: URL): void {
  const pkg = JSON.parse(readFileSync(new URL('package.json', packageDir), 'utf8'));
  const api: string = pkg.config.api;
  const require = createRequire(new URL('package.json', packageDir));
  const spec = loadSpec(api);

  describe(`${pkg.name} ships the ${api} OpenAPI document`, () => {
    it('./openapi.json resolves through the exports map and deep-equals the bundle in @mailapis/specs', () => {
      const file = require.resolve(`${pkg.name}/openapi.json`);
      expect(file).toBe(fileURLToPath(new URL('openapi.json', packageDir)));
      expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(spec);
    });

    it('./openapi.yaml resolves through the exports map and is byte-identical to the bundle', () => {
      const file = require.resolve(`${pkg.name}/openapi.yaml`);
      expect(readFileSync(file, 'utf8')).toBe(readFileSync(specPath(api, 'yaml'), 'utf8'));
    });
  });

  describe('src/generated/aliases.ts', () => {
    it('says in its first lines that it is generated, from which document and by what', () => {
      const lines = readFileSync(new URL('src/generated/aliases.ts', packageDir), 'utf8').split('\n');
      expect(lines[0]).toBe('// GENERATED FILE - DO NOT EDIT. Change the OpenAPI document instead and rebuild.');
      expect(lines[1]).toBe(`// Source: @mailapis/specs dist/${api}.openapi.json (bundled from specs/${api}/).`);
      expect(lines[2]).toBe('// Generator: scripts/generate-type-aliases.mjs (the generate script of this package; run by build).');
    });
  });

  describe('src/generated/openapi.ts', () => {
    const generated = readFileSync(new URL('src/generated/openapi.ts', packageDir), 'utf8');
    const lines = generated.split('\n');

    it('says in its first lines that it is generated, from which document and by what', () => {
      expect(lines[0]).toBe('// GENERATED FILE - DO NOT EDIT. Change the OpenAPI document instead and rebuild.');
      expect(lines[1]).toBe(`// Source: @mailapis/specs dist/${api}.openapi.json (bundled from specs/${api}/).`);
      expect(lines[2]).toBe('// Generator: openapi-typescript (the generate script of this package; run by build).');
    });

    it('is exactly what openapi-typescript generates from the bundle today (no drift, no hand edits)', async () => {
      const fresh = COMMENT_HEADER + astToString(await openapiTS(new URL(`file://${specPath(api, 'json')}`), { silent: true }));
      expect(lines.slice(3).join('\n')).toBe(fresh);
    });
  });

  describe('dist/index.d.ts', () => {
    it('exports paths, components, operations, one alias per schema and the per-operation helpers, nothing else', () => {
      const entry = fileURLToPath(new URL('dist/index.d.ts', packageDir));
      const program = ts.createProgram([entry], { noEmit: true, strict: true });
      const checker = program.getTypeChecker();
      const module = checker.getSymbolAtLocation(program.getSourceFile(entry)!)!;
      const exported = checker.getExportsOfModule(module).map((symbol) => symbol.name);

      const parameterIn = (parameter: any): string =>
        (parameter.$ref ? spec.components.parameters[parameter.$ref.split('/').pop()] : parameter).in;
      const helpers = Object.values<any>(spec.paths).flatMap((item) =>
        Object.values<any>(item)
          .filter((operation) => operation?.operationId)
          .flatMap((operation) => {
            const op = operation.operationId[0].toUpperCase() + operation.operationId.slice(1);
            const locations = [...(item.parameters ?? []), ...(operation.parameters ?? [])].map(parameterIn);
            return [
              `${op}Status`,
              `${op}Responses`,
              ...(locations.includes('path') ? [`${op}PathParams`] : []),
              ...(locations.includes('query') ? [`${op}Query`] : []),
            ];
          }),
      );
      const expected = [
        'paths',
        'components',
        'operations',
        ...Object.keys(spec.components.schemas),
        ...helpers,
        ...(pkg.config.extraExports ?? []),
      ];
      expect(exported.sort()).toEqual(expected.sort());
    });
  });
}
