// One way to turn a bundled OpenAPI 3.1 document into JSON Schema 2020-12 validators.
// Used by the spec tests, the mock server and the contract suite, so they all agree.
import Ajv2020Module from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

const Ajv2020 = Ajv2020Module.default ?? Ajv2020Module;
const addFormats = addFormatsModule.default ?? addFormatsModule;

const COMPONENT_REF = /^#\/components\/schemas\//;

function collectExtensionKeywords(node, found) {
  if (Array.isArray(node)) {
    for (const item of node) collectExtensionKeywords(item, found);
  } else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key.startsWith('x-')) found.add(key);
      collectExtensionKeywords(value, found);
    }
  }
  return found;
}

/**
 * Builds an Ajv 2020 instance (strict mode, all errors, formats incl. int32/int64/email)
 * that knows every `components.schemas` entry of `doc`.
 */
export function createSpecAjv(doc, options = {}) {
  const base = `urn:mailapis:spec:${encodeURIComponent(doc.info?.title ?? 'api')}:${doc.info?.version ?? '0'}`;
  const ajv = new Ajv2020({
    strict: true,
    allowUnionTypes: true,
    allErrors: true,
    coerceTypes: false,
    ...options,
  });
  addFormats(ajv);
  for (const keyword of collectExtensionKeywords(doc, new Set())) ajv.addKeyword(keyword);

  const rewrite = (node) => {
    if (Array.isArray(node)) return node.map(rewrite);
    if (node && typeof node === 'object') {
      const out = {};
      for (const [key, value] of Object.entries(node)) {
        out[key] =
          key === '$ref' && typeof value === 'string' && COMPONENT_REF.test(value)
            ? `${base}#/$defs/${value.replace(COMPONENT_REF, '')}`
            : rewrite(value);
      }
      return out;
    }
    return node;
  };
  ajv.addSchema({ $id: base, $defs: rewrite(doc.components?.schemas ?? {}) });

  const cache = new Map();
  return {
    ajv,
    /** Compiles any schema taken from the document (its component $refs are resolved). */
    compile(schema) {
      const key = JSON.stringify(schema);
      let validate = cache.get(key);
      if (!validate) {
        validate = ajv.compile(rewrite(schema));
        cache.set(key, validate);
      }
      return validate;
    },
    /** The validator of one named component schema. */
    component(name) {
      if (!doc.components?.schemas?.[name]) throw new Error(`No component schema named ${name}`);
      return this.compile({ $ref: `#/components/schemas/${name}` });
    },
  };
}
