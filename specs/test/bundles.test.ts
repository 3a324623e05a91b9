import { readFileSync } from 'node:fs';
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createSpecAjv } from '../lib/ajv.js';
import { listApis, loadSpec, specPath } from '../lib/index.js';

const apis = listApis();

describe('bundled documents', () => {
  it('lists both APIs in dist/apis.json', () => {
    expect(apis.map((api) => api.name).sort()).toEqual(['qboxmail-delivery', 'sendgrid-provisioning']);
  });

  describe.each(apis)('$name', (api) => {
    const doc = loadSpec(api.name);

    it('has identical YAML and JSON bundles', () => {
      expect(parse(readFileSync(specPath(api.name, 'yaml'), 'utf8'))).toEqual(doc);
    });

    it('is a valid OpenAPI 3.1.0 document according to @seriousme/openapi-schema-validator', async () => {
      const validator = new Validator();
      const result = await validator.validate(doc);
      expect(result.errors ?? []).toEqual([]);
      expect(result.valid).toBe(true);
      expect(validator.version).toBe('3.1');
      expect(doc.openapi).toBe('3.1.0');
    });

    it('compiles every component schema with Ajv 2020 in strict mode', () => {
      const specAjv = createSpecAjv(doc);
      const names = Object.keys(doc.components.schemas);
      expect(names.length).toBeGreaterThan(4);
      for (const name of names) expect(() => specAjv.component(name), name).not.toThrow();
    });

    it('validates every named example against the schema it documents', () => {
      const specAjv = createSpecAjv(doc);
      let checked = 0;
      for (const pathItem of Object.values<any>(doc.paths)) {
        for (const op of Object.values<any>(pathItem)) {
          if (!op || typeof op !== 'object' || !op.responses) continue;
          const media = [op.requestBody, ...Object.values<any>(op.responses)]
            .map((r) => (r?.$ref ? doc.components.responses[r.$ref.split('/').pop()] : r))
            .flatMap((r) => Object.values<any>(r?.content ?? {}));
          for (const m of media) {
            for (const ex of Object.values<any>(m.examples)) {
              const example = ex.$ref ? doc.components.examples[ex.$ref.split('/').pop()] : ex;
              const validate = specAjv.compile(m.schema);
              expect(validate(example.value), JSON.stringify(validate.errors)).toBe(true);
              checked += 1;
            }
          }
        }
      }
      expect(checked).toBeGreaterThanOrEqual(Object.keys(doc.components.examples).length);
    });

    it('has info, servers, global security, one described tag and externalDocs', () => {
      expect(doc.info.description.length).toBeGreaterThan(200);
      expect(doc.info.license.identifier).toBe('MIT');
      expect(doc.info.contact.email).toMatch(/@/);
      expect(doc.servers).toHaveLength(2);
      expect(doc.security).toHaveLength(1);
      expect(doc.tags).toHaveLength(1);
      expect(doc.tags[0].description.length).toBeGreaterThan(20);
      expect(doc.externalDocs.url).toMatch(/^https:\/\//);
    });
  });
});
