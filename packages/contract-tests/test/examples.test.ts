/**
 * Every example in the bundled documents (they feed the docs, the mock and the contract table) is
 * valid against its schema: request examples against the request body schema, response examples
 * against the response schema, parameter and header examples against theirs, with the spec's own
 * Ajv, both as written and with every object schema closed. A wrong example must fail: proven on
 * modified copies.
 */
import { describe, expect, it } from 'vitest';
import { exampleSites, unreferencedExamples, validateExamples } from '../src/examples.ts';
import { clone, loadAllSpecs } from '../src/spec-model.ts';

const docs = loadAllSpecs();

for (const [api, doc] of Object.entries(docs)) {
  describe(`${api}: every example is valid against its schema`, () => {
    const { sites, problems } = validateExamples(doc);

    it('has examples for request bodies, responses, parameters and headers', () => {
      const kinds = new Set(sites.map((site) => site.kind));
      expect(kinds).toContain('request body');
      expect(kinds).toContain('response body');
      expect(kinds).toContain('parameter');
    });

    it.each(sites.map((site) => [`${site.pointer} ${site.name}${site.ref ? ` → ${site.ref}` : ''}`, site] as const))(
      '%s',
      (_title, site) => {
        const mine = problems.filter((p) => p.site === site);
        expect(mine.map((p) => `${p.mode}: ${p.errors.join('; ')}`)).toEqual([]);
      },
    );

    it('every components/examples entry is used (and therefore validated) somewhere', () => {
      expect(unreferencedExamples(doc)).toEqual([]);
    });
  });
}

describe('a wrong example fails (modified copies)', () => {
  it('a request example with a second package is reported', () => {
    const doc = clone(docs['sendgrid-provisioning']!);
    doc.components.examples.UpdateAccountOfferingsRequest.value.offerings.push({ name: 'org.ei.pro.v1', type: 'package' });
    const { problems } = validateExamples(doc);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.map((p) => [p.site.kind, p.site.ref])).toContainEqual([
      'request body',
      '#/components/examples/UpdateAccountOfferingsRequest',
    ]);
    expect(problems.flatMap((p) => p.errors).join('\n')).toMatch(/maxContains/);
  });

  it('a response example with a wrong type is reported', () => {
    const doc = clone(docs['qboxmail-delivery']!);
    doc.components.examples.DeliveryAccountList.value.resources[0].status = '1';
    const { problems } = validateExamples(doc);
    expect(problems.map((p) => p.site.ref)).toContain('#/components/examples/DeliveryAccountList');
  });

  it('an error example missing a required field is reported', () => {
    const doc = clone(docs['sendgrid-provisioning']!);
    delete doc.components.examples.ServiceUnavailableError.value.errors[0].error_id;
    const { problems } = validateExamples(doc);
    expect(problems.map((p) => p.site.ref)).toContain('#/components/examples/ServiceUnavailableError');
  });

  it('a misspelled property in an example of an open response schema is reported (closed mode)', () => {
    const doc = clone(docs['qboxmail-delivery']!);
    doc.components.examples.NotFoundError.value.mesage = 'typo';
    const { problems } = validateExamples(doc);
    expect(problems.map((p) => [p.mode, p.site.ref])).toEqual([['closed', '#/components/examples/NotFoundError']]);
  });

  it('an inline media-type example and a header example are validated too', () => {
    const doc = clone(docs['sendgrid-provisioning']!);
    const op = Object.values<any>(doc.paths)[0].put;
    op.responses['200'].content['application/json'].example = { offerings: 'not a list' };
    doc.components.headers['X-RateLimit-Remaining'].example = -1;
    const { problems } = validateExamples(doc);
    const names = problems.map((p) => `${p.site.pointer} ${p.site.name}`);
    expect(names).toContain(
      '#/paths/~1v3~1partners~1accounts~1{accountID}~1offerings/put/responses/200/content/application~1json example',
    );
    expect(names).toContain('#/components/headers/X-RateLimit-Remaining example');
  });

  it('an example no operation references is reported', () => {
    const doc = clone(docs['qboxmail-delivery']!);
    doc.components.examples.Orphan = { value: { anything: true } };
    expect(unreferencedExamples(doc)).toEqual(['Orphan']);
  });

  it('finds the same number of sites in a copy as in the original', () => {
    for (const doc of Object.values(docs)) expect(exampleSites(clone(doc))).toHaveLength(exampleSites(doc).length);
  });
});
