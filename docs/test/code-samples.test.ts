import { describe, expect, it } from 'vitest';
import { curlSample, displayedTypeScript, listOperations, typeScriptSample, withCodeSamples } from '../src/code-samples.mjs';

const doc = {
  openapi: '3.1.0',
  info: { title: 'T', version: '1.0.0' },
  servers: [{ url: 'https://api.example.com/' }],
  security: [{ token: [] }],
  paths: {
    '/things/{thingId}': {
      parameters: [{ $ref: '#/components/parameters/ThingId' }],
      put: {
        operationId: 'putThing',
        parameters: [{ name: 'dryRun', in: 'query', required: true, schema: { type: 'boolean', default: false } }],
        requestBody: {
          content: { 'application/json': { schema: { type: 'object' }, examples: { a: { $ref: '#/components/examples/A' } } } },
        },
        responses: { '204': { description: 'ok' } },
      },
      delete: { operationId: 'deleteThing', security: [{ bearer: [] }], responses: { '204': { description: 'ok' } } },
    },
  },
  components: {
    parameters: { ThingId: { name: 'thingId', in: 'path', required: true, schema: { type: 'string', example: 'a b/c' } } },
    examples: { A: { value: { name: "O'Brien" } } },
    securitySchemes: { token: { type: 'apiKey', in: 'header', name: 'X-Token' }, bearer: { type: 'http', scheme: 'bearer' } },
  },
};

describe('curl samples', () => {
  it('are built from the server, path example, required query, security scheme and request example', () => {
    const [put, del] = listOperations(doc);
    expect(curlSample(doc, 'acme-things', put!)).toBe(
      [
        'curl --request PUT \\',
        "  --url 'https://api.example.com/things/a%20b%2Fc?dryRun=false' \\",
        '  --header "X-Token: $ACME_API_TOKEN" \\',
        "  --header 'Content-Type: application/json' \\",
        `  --data '{\n  "name": "O'\\''Brien"\n}'`,
      ].join('\n'),
    );
    expect(curlSample(doc, 'acme-things', del!)).toBe(
      [
        'curl --request DELETE \\',
        "  --url 'https://api.example.com/things/a%20b%2Fc' \\",
        '  --header "Authorization: Bearer $ACME_API_KEY"',
      ].join('\n'),
    );
  });

  it('name the parameter that has no example', () => {
    const broken = structuredClone(doc);
    delete (broken.components.parameters.ThingId.schema as { example?: string }).example;
    expect(() => curlSample(broken, 'acme', listOperations(broken)[0]!)).toThrow('Parameter "thingId" (in path) has no example');
  });
});

describe('TypeScript samples', () => {
  it('hide the leading "// docs:" lines only', () => {
    expect(displayedTypeScript('// docs: hidden\n// docs: hidden too\n\n// shown\nconst a = 1;\n')).toBe(
      '// shown\nconst a = 1;',
    );
  });

  it('are generated in the client call shape: path parameters, then the body, from the examples', () => {
    const client = { packageName: '@acme/client', factory: 'createAcmeClient', credentialOption: 'apiToken' };
    const [put] = listOperations(doc);
    const sample = typeScriptSample(doc, 'acme-things', put!, client);
    expect(sample.split('\n')[0]).toContain('GENERATED');
    expect(displayedTypeScript(sample)).toContain('const client = createAcmeClient({ apiToken });');
    expect(displayedTypeScript(sample)).toContain(
      `const result = await client.putThing('a b/c', {\n    name: 'O\\'Brien',\n  });`,
    );
    const out = withCodeSamples(doc, 'acme', client);
    expect(out.paths['/things/{thingId}'].delete['x-codeSamples'][1]).toEqual({
      lang: 'TypeScript',
      label: 'TypeScript (@acme/client)',
      source: displayedTypeScript(typeScriptSample(doc, 'acme', listOperations(doc)[1]!, client)),
    });
    expect((doc.paths['/things/{thingId}'].delete as Record<string, unknown>)['x-codeSamples']).toBeUndefined();
  });
});
