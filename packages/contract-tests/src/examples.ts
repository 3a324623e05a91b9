/**
 * Finds every example a bundled document holds and the schema it must satisfy: named and inline
 * examples of request and response media types (against the media type's schema), of parameters and
 * headers (against their schema), and `examples`/`example` inside schemas. Each is validated with
 * the spec's own Ajv (`createSpecAjv`), and again with every object schema closed, so an example
 * with a misspelled property fails even where the response schema is open.
 */
import { createSpecAjv } from '@mailapis/specs/ajv';
import { clone, deref, HTTP_METHODS, type OpenApiDocument } from './spec-model.ts';

export type ExampleSiteKind = 'request body' | 'response body' | 'parameter' | 'header' | 'schema';

export interface ExampleSite {
  kind: ExampleSiteKind;
  /** JSON pointer of the object holding the example (media type, parameter, header or schema). */
  pointer: string;
  /** The example's name (`examples` key, `example`, or `examples[i]` for schema examples). */
  name: string;
  /** `#/components/examples/...` when the example is a reference. */
  ref?: string;
  value: unknown;
  /** The schema the value must satisfy (may contain component `$ref`s). */
  schema: unknown;
}

export interface ExampleProblem {
  site: ExampleSite;
  /** `open` = the schema as written; `closed` = every object schema with `additionalProperties: false`. */
  mode: 'open' | 'closed';
  errors: string[];
}

const esc = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/** Every example site of `doc`, each reported where it is defined (references are not visited twice). */
export function exampleSites(doc: OpenApiDocument): ExampleSite[] {
  const sites: ExampleSite[] = [];

  const fromHolder = (kind: ExampleSiteKind, holder: any, pointer: string) => {
    if (!holder || typeof holder !== 'object' || '$ref' in holder) return;
    const schema = holder.schema;
    for (const [name, entry] of Object.entries<any>(holder.examples ?? {})) {
      const resolved = deref(doc, entry);
      if (resolved && 'value' in resolved) {
        sites.push({
          kind,
          pointer,
          name,
          ...(typeof entry?.$ref === 'string' ? { ref: entry.$ref } : {}),
          value: resolved.value,
          schema,
        });
      }
    }
    if ('example' in holder) sites.push({ kind, pointer, name: 'example', value: holder.example, schema });
  };
  const content = (kind: ExampleSiteKind, body: any, pointer: string) => {
    if (!body || '$ref' in body) return;
    for (const [type, media] of Object.entries<any>(body.content ?? {})) {
      fromHolder(kind, media, `${pointer}/content/${esc(type)}`);
    }
  };
  const headers = (response: any, pointer: string) => {
    if (!response || '$ref' in response) return;
    for (const [name, header] of Object.entries<any>(response.headers ?? {})) {
      fromHolder('header', header, `${pointer}/headers/${esc(name)}`);
    }
  };
  const parameters = (list: any[] | undefined, pointer: string) => {
    (list ?? []).forEach((param, i) => {
      fromHolder('parameter', param, `${pointer}/parameters/${i}`);
    });
  };

  for (const [path, item] of Object.entries<any>(doc.paths ?? {})) {
    if ('$ref' in item) continue;
    const base = `#/paths/${esc(path)}`;
    parameters(item.parameters, base);
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!op) continue;
      parameters(op.parameters, `${base}/${method}`);
      content('request body', op.requestBody, `${base}/${method}/requestBody`);
      for (const [status, response] of Object.entries<any>(op.responses ?? {})) {
        content('response body', response, `${base}/${method}/responses/${status}`);
        headers(response, `${base}/${method}/responses/${status}`);
      }
    }
  }
  const components = doc.components ?? {};
  for (const [name, param] of Object.entries<any>(components.parameters ?? {})) {
    fromHolder('parameter', param, `#/components/parameters/${esc(name)}`);
  }
  for (const [name, header] of Object.entries<any>(components.headers ?? {})) {
    fromHolder('header', header, `#/components/headers/${esc(name)}`);
  }
  for (const [name, body] of Object.entries<any>(components.requestBodies ?? {})) {
    content('request body', body, `#/components/requestBodies/${esc(name)}`);
  }
  for (const [name, response] of Object.entries<any>(components.responses ?? {})) {
    content('response body', response, `#/components/responses/${esc(name)}`);
    headers(response, `#/components/responses/${esc(name)}`);
  }
  const walkSchema = (schema: any, pointer: string) => {
    if (!schema || typeof schema !== 'object') return;
    if (Array.isArray(schema)) {
      schema.forEach((entry, i) => {
        walkSchema(entry, `${pointer}/${i}`);
      });
      return;
    }
    if (Array.isArray(schema.examples)) {
      schema.examples.forEach((value: unknown, i: number) => {
        sites.push({ kind: 'schema', pointer, name: `examples[${i}]`, value, schema });
      });
    }
    if ('example' in schema) sites.push({ kind: 'schema', pointer, name: 'example', value: schema.example, schema });
    for (const [key, sub] of Object.entries<any>(schema)) {
      if (key !== 'examples' && key !== 'example' && key !== 'enum' && key !== 'const' && !key.startsWith('x-')) {
        walkSchema(sub, `${pointer}/${esc(key)}`);
      }
    }
  };
  for (const [name, schema] of Object.entries<any>(components.schemas ?? {})) {
    walkSchema(schema, `#/components/schemas/${esc(name)}`);
  }
  return sites;
}

/** Names of `components/examples` entries that no media type, parameter or header references. */
export function unreferencedExamples(doc: OpenApiDocument): string[] {
  const used = new Set(exampleSites(doc).flatMap((site) => (site.ref ? [site.ref] : [])));
  return Object.keys(doc.components?.examples ?? {}).filter((name) => !used.has(`#/components/examples/${esc(name)}`));
}

/** A copy of `doc` in which every object schema that declares `properties` is closed. */
export function closeObjectSchemas(doc: OpenApiDocument): OpenApiDocument {
  const copy = clone(doc);
  const walk = (node: any) => {
    if (Array.isArray(node)) {
      for (const item of node) walk(item);
      return;
    }
    if (!node || typeof node !== 'object') return;
    if (node.properties && typeof node.properties === 'object' && !('additionalProperties' in node)) {
      node.additionalProperties = false;
    }
    for (const [key, value] of Object.entries(node)) if (key !== 'example' && key !== 'examples') walk(value);
  };
  walk(copy.components?.schemas);
  for (const path of Object.values<any>(copy.paths ?? {})) walk(path);
  walk(copy.components?.responses);
  walk(copy.components?.requestBodies);
  return copy;
}

/** Validates every example of `doc` (open and closed); returns one entry per failing (site, mode). */
export function validateExamples(doc: OpenApiDocument): { sites: ExampleSite[]; problems: ExampleProblem[] } {
  const problems: ExampleProblem[] = [];
  const sites = exampleSites(doc);
  const closedDoc = closeObjectSchemas(doc);
  const closedSites = exampleSites(closedDoc);
  const open = createSpecAjv(doc);
  const closed = createSpecAjv(closedDoc);
  sites.forEach((site, i) => {
    for (const [mode, ajv, schema] of [
      ['open', open, site.schema],
      ['closed', closed, closedSites[i]?.schema],
    ] as const) {
      if (schema === undefined) {
        problems.push({ site, mode, errors: ['no schema to validate the example against'] });
        continue;
      }
      const validate = ajv.compile(schema);
      if (!validate(site.value)) {
        problems.push({
          site,
          mode,
          errors: (validate.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message} ${JSON.stringify(e.params)}`),
        });
      }
    }
  });
  return { sites, problems };
}
