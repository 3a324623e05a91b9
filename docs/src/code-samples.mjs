// @ts-check
// Produces the `x-codeSamples` of every operation from two sources, never by hand:
// - curl: generated from the bundled document (first server, method, path with the parameters'
//   examples, the security scheme's header, the request body's first named example);
// - TypeScript: generated from the same document in the client's call shape (path parameters in
//   path order, then the body or the query object), written to samples/generated/ and type-checked
//   by `tsc -p samples` against the built client packages before the site is written.

/** @typedef {Record<string, any>} OpenApiDocument */
/**
 * @typedef {object} OperationRef
 * @property {string} path
 * @property {string} method lower case, as in the document
 * @property {string} operationId
 * @property {Record<string, any>} operation
 * @property {Record<string, any>[]} parameters path-level and operation-level parameters, refs resolved
 */
/** @typedef {{ lang: string, label: string, source: string }} CodeSample */

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** Comment lines at the top of a sample file starting with this marker are not shown on the site. */
export const HIDDEN_COMMENT = '// docs:';

/**
 * What the TypeScript samples need to know about an API's client, read from the built package
 * (see `clientFacts` in clients.mjs), never written per API.
 * @typedef {object} ClientFacts
 * @property {string} packageName npm name, e.g. `@mailapis/sendgrid-provisioning-client`
 * @property {string} factory exported factory, e.g. `createSendGridProvisioningClient`
 * @property {string} credentialOption the factory option holding the credential, e.g. `apiKey`
 */

/**
 * Resolves a local `#/...` reference (repeatedly) inside `doc`.
 * @param {OpenApiDocument} doc
 * @param {any} node
 * @returns {any}
 */
export function deref(doc, node) {
  let current = node;
  const seen = new Set();
  while (current && typeof current === 'object' && typeof current.$ref === 'string') {
    /** @type {string} */
    const ref = current.$ref;
    if (seen.has(ref)) throw new Error(`Circular $ref ${ref}`);
    seen.add(ref);
    if (!ref.startsWith('#/')) throw new Error(`Only local references are supported, got ${ref}`);
    current = ref
      .slice(2)
      .split('/')
      .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce((value, key) => (value == null ? undefined : value[key]), /** @type {any} */ (doc));
    if (current === undefined) throw new Error(`Unresolvable $ref ${ref}`);
  }
  return current;
}

/**
 * Every operation of the document, in document order.
 * @param {OpenApiDocument} doc
 * @returns {OperationRef[]}
 */
export function listOperations(doc) {
  /** @type {OperationRef[]} */
  const operations = [];
  for (const [path, rawItem] of Object.entries(doc.paths ?? {})) {
    const item = deref(doc, rawItem);
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!operation) continue;
      if (typeof operation.operationId !== 'string') throw new Error(`${method.toUpperCase()} ${path} has no operationId`);
      /** @type {Map<string, Record<string, any>>} */
      const byKey = new Map();
      for (const p of [...(item.parameters ?? []), ...(operation.parameters ?? [])]) {
        const param = deref(doc, p);
        byKey.set(`${param.in}:${param.name}`, param);
      }
      operations.push({ path, method, operationId: operation.operationId, operation, parameters: [...byKey.values()] });
    }
  }
  return operations;
}

/**
 * The example value of a parameter: `example`, the first of `examples`, or the schema's.
 * @param {OpenApiDocument} doc
 * @param {Record<string, any>} param
 */
export function parameterExample(doc, param) {
  if (param.example !== undefined) return param.example;
  const first = Object.values(param.examples ?? {})[0];
  if (first !== undefined) return deref(doc, first).value;
  const schema = deref(doc, param.schema ?? {});
  if (schema.example !== undefined) return schema.example;
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0];
  if (schema.default !== undefined) return schema.default;
  throw new Error(`Parameter "${param.name}" (in ${param.in}) has no example to build a code sample from`);
}

/**
 * The JSON request body of an operation and its first named example (or `example`), if any.
 * @param {OpenApiDocument} doc
 * @param {Record<string, any>} operation
 * @returns {{ schema: Record<string, any>, example: unknown, hasExample: boolean } | undefined}
 */
export function jsonRequestBody(doc, operation) {
  if (!operation.requestBody) return undefined;
  const body = deref(doc, operation.requestBody);
  const media = body.content?.['application/json'];
  if (!media) return undefined;
  const schema = deref(doc, media.schema ?? {});
  if (media.example !== undefined) return { schema, example: media.example, hasExample: true };
  const first = Object.values(media.examples ?? {})[0];
  if (first !== undefined) return { schema, example: deref(doc, first).value, hasExample: true };
  return { schema, example: undefined, hasExample: false };
}

/**
 * Name of the environment variable the samples of an API read the credential from, e.g.
 * `SENDGRID_API_KEY` for `sendgrid-provisioning` with an HTTP bearer scheme and
 * `QBOXMAIL_API_TOKEN` for `qboxmail-delivery` with an API-key header.
 * @param {string} apiName
 * @param {Record<string, any>} scheme
 */
export function credentialVariable(apiName, scheme) {
  const vendor = (apiName.split('-')[0] ?? apiName).toUpperCase();
  return `${vendor}_${scheme.type === 'apiKey' ? 'API_TOKEN' : 'API_KEY'}`;
}

/** @param {string} text */
function shellSingleQuote(text) {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/**
 * The security scheme that applies to an operation (its own `security`, else the document's).
 * @param {OpenApiDocument} doc
 * @param {Record<string, any>} operation
 * @returns {{ name: string, scheme: Record<string, any> } | undefined}
 */
export function securitySchemeOf(doc, operation) {
  const requirements = operation.security ?? doc.security ?? [];
  const first = requirements.find((/** @type {object} */ r) => Object.keys(r).length > 0);
  if (!first) return undefined;
  const name = Object.keys(first)[0] ?? '';
  const scheme = deref(doc, doc.components?.securitySchemes?.[name]);
  if (!scheme) throw new Error(`Security scheme "${name}" is not declared in components.securitySchemes`);
  return { name, scheme };
}

/**
 * A curl command for one operation, built from the document alone.
 * @param {OpenApiDocument} doc
 * @param {string} apiName
 * @param {OperationRef} op
 */
export function curlSample(doc, apiName, op) {
  const server = doc.servers?.[0]?.url;
  if (typeof server !== 'string') throw new Error(`${apiName}: the document declares no server`);
  let path = op.path;
  const query = new URLSearchParams();
  /** @type {string[]} */
  const headers = [];
  for (const param of op.parameters) {
    if (param.in === 'path') {
      path = path.replace(`{${param.name}}`, encodeURIComponent(String(parameterExample(doc, param))));
    } else if (param.in === 'query' && param.required) {
      query.append(param.name, String(parameterExample(doc, param)));
    } else if (param.in === 'header' && param.required) {
      headers.push(`${param.name}: ${parameterExample(doc, param)}`);
    }
  }
  const qs = query.toString();
  const url = `${server.replace(/\/+$/, '')}${path}${qs ? `?${qs}` : ''}`;
  const lines = [`curl --request ${op.method.toUpperCase()} \\`, `  --url ${shellSingleQuote(url)} \\`];
  const security = securitySchemeOf(doc, op.operation);
  if (security) {
    const variable = credentialVariable(apiName, security.scheme);
    const { scheme } = security;
    if (scheme.type === 'http' && String(scheme.scheme).toLowerCase() === 'bearer') {
      lines.push(`  --header "Authorization: Bearer $${variable}" \\`);
    } else if (scheme.type === 'http' && String(scheme.scheme).toLowerCase() === 'basic') {
      lines.push(`  --user "$${variable}" \\`);
    } else if (scheme.type === 'apiKey' && scheme.in === 'header') {
      lines.push(`  --header "${scheme.name}: $${variable}" \\`);
    } else {
      throw new Error(
        `${apiName}: security scheme "${security.name}" (${scheme.type}) is not supported by the curl sample generator`,
      );
    }
  }
  for (const header of headers) lines.push(`  --header ${shellSingleQuote(header)} \\`);
  const body = jsonRequestBody(doc, op.operation);
  if (body) {
    lines.push(`  --header 'Content-Type: application/json' \\`);
    const json = JSON.stringify(body.hasExample ? body.example : {}, null, 2);
    lines.push(`  --data ${shellSingleQuote(json)}`);
  } else {
    lines[lines.length - 1] = (lines[lines.length - 1] ?? '').replace(/ \\$/, '');
  }
  return lines.join('\n');
}

/**
 * The example values of an operation's query parameters that declare one (`example` or `examples`
 * on the parameter itself; defaults are not examples), in document order.
 * @param {OpenApiDocument} doc
 * @param {OperationRef} op
 * @returns {Record<string, unknown>}
 */
export function queryExample(doc, op) {
  /** @type {Record<string, unknown>} */
  const query = {};
  for (const param of op.parameters) {
    if (param.in !== 'query') continue;
    if (param.required || param.example !== undefined || Object.keys(param.examples ?? {}).length > 0) {
      query[param.name] = parameterExample(doc, param);
    }
  }
  return query;
}

/**
 * The arguments of a client method call for one operation, as TypeScript source: the path parameters'
 * examples in path order, then the request body's first example (operations with a body) or the query
 * object (operations with query parameters).
 * @param {OpenApiDocument} doc
 * @param {OperationRef} op
 * @returns {string[]}
 */
export function callArguments(doc, op) {
  const pathNames = [...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
  const args = pathNames.map((name) => {
    const param = op.parameters.find((p) => p.in === 'path' && p.name === name);
    if (!param) throw new Error(`${op.operationId}: path parameter {${name}} is not declared`);
    return tsLiteral(parameterExample(doc, param), 0);
  });
  const body = jsonRequestBody(doc, op.operation);
  if (body) {
    args.push(tsLiteral(body.hasExample ? body.example : {}, 0));
  } else if (op.parameters.some((p) => p.in === 'query')) {
    const query = queryExample(doc, op);
    if (Object.keys(query).length > 0) args.push(tsLiteral(query, 0));
  }
  return args;
}

/**
 * A JSON value as a TypeScript literal: single-quoted strings, unquoted identifier keys, 2-space indent.
 * @param {unknown} value
 * @param {number} depth
 * @returns {string}
 */
export function tsLiteral(value, depth) {
  const pad = '  '.repeat(depth + 1);
  const end = '  '.repeat(depth);
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((v) => `${pad}${tsLiteral(v, depth + 1)},`).join('\n')}\n${end}]`;
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 0) return '{}';
    const key = (/** @type {string} */ k) => (/^[A-Za-z_$][\w$]*$/.test(k) ? k : tsLiteral(k, 0));
    return `{\n${entries.map(([k, v]) => `${pad}${key(k)}: ${tsLiteral(v, depth + 1)},`).join('\n')}\n${end}}`;
  }
  return JSON.stringify(value);
}

/**
 * The TypeScript sample of one operation: a complete module calling the operation's client method with
 * the document's examples. The leading `// docs:` lines (generated-file notice) are not shown on the site.
 * @param {OpenApiDocument} doc
 * @param {string} apiName
 * @param {OperationRef} op
 * @param {ClientFacts} client
 */
export function typeScriptSample(doc, apiName, op, client) {
  const security = securitySchemeOf(doc, op.operation);
  const variable = security ? credentialVariable(apiName, security.scheme) : credentialVariable(apiName, { type: 'http' });
  const cred = client.credentialOption;
  const title = doc.info?.title ?? apiName;
  const call = `client.${op.operationId}(${callArguments(doc, op).join(', ')})`;
  return [
    `${HIDDEN_COMMENT} GENERATED by docs/src/code-samples.mjs from specs/dist/${apiName}.openapi.json: do not edit.`,
    `${HIDDEN_COMMENT} The TypeScript x-codeSample of \`${op.operationId}\`; \`tsc -p samples\` type-checks it against the built client.`,
    `import { ApiError, ${client.factory} } from '${client.packageName}';`,
    '',
    `const ${cred} = process.env.${variable};`,
    `if (!${cred}) throw new Error('Set ${variable} to your credential');`,
    '',
    `const client = ${client.factory}({ ${cred} });`,
    '',
    'try {',
    `  const result = await ${call.replace(/\n/g, '\n  ')};`,
    '  console.log(result);',
    '} catch (error) {',
    '  if (error instanceof ApiError) {',
    '    // error.body is the documented error envelope of this status',
    `    console.error(\`${title.replace(/[`$\\]/g, '')} answered \${error.status}\`, error.body);`,
    '  } else {',
    '    throw error; // RequestError (timeout, network) or RequestValidationError (names the bad argument)',
    '  }',
    '}',
    '',
  ].join('\n');
}

/**
 * The text of a TypeScript sample as the site shows it: the file minus its leading `// docs:` lines.
 * @param {string} fileText
 */
export function displayedTypeScript(fileText) {
  const lines = fileText.replace(/\r\n?/g, '\n').split('\n');
  while (lines.length > 0 && (lines[0] ?? '').startsWith(HIDDEN_COMMENT)) lines.shift();
  while (lines.length > 0 && (lines[0] ?? '').trim() === '') lines.shift();
  return lines.join('\n').trimEnd();
}

/**
 * A copy of `doc` whose every operation carries `x-codeSamples` (curl, then TypeScript).
 * @param {OpenApiDocument} doc
 * @param {string} apiName
 * @param {ClientFacts} client
 * @returns {OpenApiDocument}
 */
export function withCodeSamples(doc, apiName, client) {
  const copy = structuredClone(doc);
  for (const op of listOperations(copy)) {
    /** @type {CodeSample[]} */
    const samples = [
      { lang: 'curl', label: 'curl', source: curlSample(copy, apiName, op) },
      {
        lang: 'TypeScript',
        label: typeScriptLabel(client),
        source: displayedTypeScript(typeScriptSample(doc, apiName, op, client)),
      },
    ];
    op.operation['x-codeSamples'] = samples;
  }
  return copy;
}

/** The label of the TypeScript samples (Redoc lists it in `codeSamples.languages`). */
/** @param {ClientFacts} client */
export function typeScriptLabel(client) {
  return `TypeScript (${client.packageName})`;
}
