// Redocly plugin: lints the `x-mailapis-mock` operation extension that the stateful mock
// (@mailapis/mock, packages/mock/README.md "Stateful mode") interprets. The shape is checked
// with the JSON Schema below, and every parameter the extension names must be a parameter of
// the operation. The mock checks the rest (schemas, request fields) when it starts.
import Ajv2020Module from 'ajv/dist/2020.js';

const Ajv2020 = Ajv2020Module.default ?? Ajv2020Module;

const name = { type: 'string', minLength: 1 };
const pointer = { type: 'string', pattern: '^(/.*)?$' };
const target = {
  oneOf: [
    name,
    {
      type: 'object',
      additionalProperties: false,
      required: ['field'],
      properties: { field: name, as: { enum: ['value', 'join', 'count'] } },
    },
  ],
};

/** The extension's schema: one of the four actions, each with only its own keys. */
const EXTENSION_SCHEMA = {
  type: 'object',
  required: ['resource', 'action'],
  properties: {
    resource: name,
    action: { enum: ['read', 'list', 'replace', 'merge'] },
    key: name,
    at: pointer,
  },
  allOf: [
    {
      if: { properties: { action: { const: 'read' } } },
      // biome-ignore lint/suspicious/noThenProperty: `then` is the JSON Schema keyword
      then: { required: ['key'], propertyNames: { enum: ['resource', 'action', 'key', 'at'] } },
    },
    {
      if: { properties: { action: { const: 'replace' } } },
      // biome-ignore lint/suspicious/noThenProperty: `then` is the JSON Schema keyword
      then: {
        required: ['key'],
        properties: { value: pointer },
        propertyNames: { enum: ['resource', 'action', 'key', 'at', 'value'] },
      },
    },
    {
      if: { properties: { action: { const: 'merge' } } },
      // biome-ignore lint/suspicious/noThenProperty: `then` is the JSON Schema keyword
      then: {
        required: ['key', 'fields'],
        properties: { fields: { type: 'object', additionalProperties: { oneOf: [target, { type: 'array', items: target }] } } },
        propertyNames: { enum: ['resource', 'action', 'key', 'at', 'fields'] },
      },
    },
    {
      if: { properties: { action: { const: 'list' } } },
      // biome-ignore lint/suspicious/noThenProperty: `then` is the JSON Schema keyword
      then: {
        properties: {
          page: name,
          per: name,
          keys: name,
          search: {
            type: 'object',
            additionalProperties: false,
            required: ['parameter', 'fields'],
            properties: { parameter: name, fields: { type: 'array', minItems: 1, items: name } },
          },
          filters: {
            type: 'object',
            additionalProperties: {
              oneOf: [
                name,
                {
                  type: 'object',
                  additionalProperties: false,
                  required: ['field'],
                  properties: {
                    field: name,
                    any: { type: 'array', items: { type: 'string' } },
                    values: { type: 'object', additionalProperties: { type: 'array' } },
                  },
                },
              ],
            },
          },
          pagination: {
            type: 'object',
            additionalProperties: false,
            required: ['at'],
            properties: {
              at: pointer,
              set: { type: 'object', additionalProperties: { enum: ['page', 'per', 'pages', 'records'] } },
              echo: { type: 'object', additionalProperties: name },
            },
          },
        },
        propertyNames: { enum: ['resource', 'action', 'at', 'page', 'per', 'keys', 'search', 'filters', 'pagination'] },
      },
    },
  ],
};

const validate = new Ajv2020({ allErrors: true, strict: true, strictRequired: false }).compile(EXTENSION_SCHEMA);
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

function MockExtension() {
  return {
    PathItem: {
      enter(pathItem, { report, location, resolve }) {
        const shared = (pathItem.parameters ?? []).map((p) => resolve(p).node);
        for (const method of METHODS) {
          const extension = pathItem[method]?.['x-mailapis-mock'];
          if (extension === undefined) continue;
          const at = location.child([method, 'x-mailapis-mock']);
          if (!validate(extension)) {
            for (const error of validate.errors ?? []) {
              if (error.keyword === 'if' || error.schemaPath.includes('/propertyNames/')) continue;
              const where = error.instancePath === '' ? '' : ` at ${error.instancePath}`;
              const message =
                error.keyword === 'propertyNames'
                  ? `key "${error.params.propertyName}" is not used by action ${extension.action}`
                  : `${error.message}${error.params?.additionalProperty ? ` (${error.params.additionalProperty})` : ''}`;
              report({ message: `x-mailapis-mock${where}: ${message}.`, location: at });
            }
            continue;
          }
          const params = [...shared, ...(pathItem[method].parameters ?? []).map((p) => resolve(p).node)];
          const has = (name, where) => params.some((p) => p?.name === name && p?.in === where);
          const named = [];
          if (extension.key !== undefined) named.push([extension.key, 'path', 'key']);
          for (const k of ['page', 'per', 'keys']) if (extension[k] !== undefined) named.push([extension[k], 'query', k]);
          if (extension.search) named.push([extension.search.parameter, 'query', 'search.parameter']);
          for (const p of Object.keys(extension.filters ?? {})) named.push([p, 'query', `filters.${p}`]);
          for (const [k, p] of Object.entries(extension.pagination?.echo ?? {})) named.push([p, 'query', `pagination.echo.${k}`]);
          for (const [param, where, key] of named) {
            if (!has(param, where))
              report({
                message: `x-mailapis-mock ${key}: "${param}" is not a ${where} parameter of this operation.`,
                location: at,
              });
          }
        }
      },
    },
  };
}

export default function mailapisPlugin() {
  return { id: 'mailapis', rules: { oas3: { 'mock-extension': MockExtension } } };
}
