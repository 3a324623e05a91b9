/**
 * The suite's own tools, without a server: the schema-driven generator only produces valid values
 * and covers the shapes the rules care about, the mutator breaks one field at a time and names it
 * in the mock's notation, and unsupported schema keywords are refused loudly.
 */
import { createSpecAjv } from '@mailapis/specs/ajv';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbitraryFor } from '../src/arbitrary.ts';
import { fieldFromPointer, fieldName, fieldsOfAjvErrors, mutationsOf } from '../src/mutations.ts';
import { allOperations, loadAllSpecs } from '../src/spec-model.ts';

const docs = loadAllSpecs();
const SEED = 7;

describe('arbitraryFor', () => {
  // Every schema the property tests generate from: request bodies, path and query parameters.
  const schemas = allOperations(docs).flatMap((op) => [
    ...(op.requestBody ? [{ op, what: 'request bodies', schema: op.requestBody.schema }] : []),
    ...op.parameters
      .filter((p) => p.in === 'path' || p.in === 'query')
      .map((p) => ({ op, what: `values of ${p.in} parameter ${p.name}`, schema: p.schema })),
  ]);
  it.each(schemas.map((s) => [`${s.op.operationId}: 1000 generated ${s.what}`, s] as const))(
    '%s are all valid against the spec',
    (_title, { op, schema }) => {
      const doc = docs[op.api]!;
      const ajv = createSpecAjv(doc);
      const validate = ajv.compile(schema);
      fc.assert(
        fc.property(arbitraryFor(schema, { doc, ajv }), (value) => {
          expect(validate(value), JSON.stringify(validate.errors)).toBe(true);
        }),
        { seed: SEED, numRuns: 1000 },
      );
    },
  );

  it('reaches the interesting SendGrid shapes: packages with and without quantity, add-ons, empty lists', () => {
    const doc = docs['sendgrid-provisioning']!;
    const ajv = createSpecAjv(doc);
    const samples = fc.sample(arbitraryFor({ $ref: '#/components/schemas/UpdateAccountOfferingsRequest' }, { doc, ajv }), {
      seed: SEED,
      numRuns: 500,
    }) as { offerings: { type: string; quantity?: number }[] }[];
    const items = samples.flatMap((s) => s.offerings);
    expect(samples.some((s) => s.offerings.length === 0)).toBe(true);
    expect(items.some((i) => i.type === 'package' && i.quantity === 1)).toBe(true);
    expect(items.some((i) => i.type === 'package' && i.quantity === undefined)).toBe(true);
    expect(items.some((i) => i.type === 'addon' && (i.quantity ?? 0) > 1)).toBe(true);
    expect(samples.every((s) => s.offerings.filter((i) => i.type === 'package').length <= 1)).toBe(true);
  });

  it('reaches the Qboxmail int32 bounds', () => {
    const doc = docs['qboxmail-delivery']!;
    const ajv = createSpecAjv(doc);
    const volumes = fc
      .sample(arbitraryFor({ $ref: '#/components/schemas/UpdateDeliveryAccountRequest' }, { doc, ajv }), {
        seed: SEED,
        numRuns: 2000,
      })
      .map((b) => (b as { volume?: number }).volume)
      .filter((v) => v !== undefined);
    expect(volumes).toContain(2147483647);
    expect(volumes).toContain(-2147483648);
  });

  it('refuses a keyword it does not understand', () => {
    const doc = { info: { title: 't', version: '1' }, components: { schemas: {} } };
    const ajv = createSpecAjv(doc);
    expect(() => arbitraryFor({ type: 'string', contentEncoding: 'base64' }, { doc, ajv })).toThrow(/contentEncoding/);
    expect(() => arbitraryFor({ type: 'string', format: 'uuid' }, { doc, ajv })).toThrow(/uuid/);
  });
});

describe('mutationsOf', () => {
  it('names fields in the mock notation', () => {
    expect(fieldName(['offerings', 1, 'quantity'])).toBe('offerings[1].quantity');
    expect(fieldName(['bounce_notification'])).toBe('bounce_notification');
    expect(fieldFromPointer('/offerings/0/type')).toBe('offerings[0].type');
    expect(
      fieldsOfAjvErrors([
        { instancePath: '/offerings/2', params: { missingProperty: 'name' } },
        { instancePath: '', params: { additionalProperty: 'x' } },
      ]),
    ).toEqual(['offerings[2].name', 'x']);
  });

  it('derives the SendGrid rule breaks from the documented request example', () => {
    const doc = docs['sendgrid-provisioning']!;
    const ajv = createSpecAjv(doc);
    const example = doc.components.examples.UpdateAccountOfferingsRequest.value;
    const mutations = mutationsOf(example, { $ref: '#/components/schemas/UpdateAccountOfferingsRequest' }, { doc, ajv });
    const byRule = (rule: string) => mutations.filter((m) => m.rule === rule).map((m) => m.field);
    expect(byRule('too many contains matches')).toEqual(['offerings']);
    expect(byRule('conditional constant broken')).toEqual(['offerings[0].quantity']);
    expect(byRule('missing required field')).toEqual([
      'offerings',
      'offerings[0].name',
      'offerings[0].type',
      'offerings[1].name',
      'offerings[1].type',
      'offerings[2].name',
      'offerings[2].type',
    ]);
    expect(byRule('wrong enum')).toEqual(['offerings[0].type', 'offerings[1].type', 'offerings[2].type']);
    // The input is never modified.
    expect(example).toEqual(docs['sendgrid-provisioning']!.components.examples.UpdateAccountOfferingsRequest.value);
    // The second-package mutation holds two packages.
    const second = mutations.find((m) => m.rule === 'too many contains matches')!.value as { offerings: { type: string }[] };
    expect(second.offerings.filter((o) => o.type === 'package')).toHaveLength(2);
  });

  it('derives the Qboxmail rule breaks, including int32 overflow and a bad email', () => {
    const doc = docs['qboxmail-delivery']!;
    const ajv = createSpecAjv(doc);
    const example = doc.components.examples.UpdateDeliveryAccountRequest.value;
    const mutations = mutationsOf(example, { $ref: '#/components/schemas/UpdateDeliveryAccountRequest' }, { doc, ajv });
    const overflow = mutations.filter((m) => m.rule === 'int32 overflow');
    expect(overflow.map((m) => [m.field, (m.value as Record<string, unknown>).volume])).toEqual([
      ['volume', 2147483648],
      ['volume', -2147483649],
    ]);
    expect(mutations.filter((m) => m.rule === 'bad format').map((m) => m.field)).toEqual(['bounce_notification']);
    expect(mutations.filter((m) => m.rule === 'wrong enum').map((m) => m.field)).toEqual(['payment_method']);
    expect(mutations.filter((m) => m.rule === 'extra property').map((m) => m.field)).toEqual(['unexpected_property']);
  });
});
