// Planted changes on copies of the real bundles, each classified by api-smart-diff plus our
// rules. Breaking ones must be named with field, location and rule; additive ones accepted.
import { describe, expect, test } from 'vitest';
import { type Change, classifyChanges } from '../src/classify.ts';
import { bundle, type Doc, type PARTS, perOperation, planted, schema } from './planted.ts';

function only(changes: Change[], severity: Change['severity']): Change[] {
  return changes.filter((c) => c.severity === severity);
}

function summary(changes: Change[]) {
  return changes.map((c) => ({
    operation: c.operation?.operationId,
    severity: c.severity,
    rule: c.rule,
    location: c.location,
    field: c.field,
    message: c.message,
  }));
}

/** [operationId, ...picked fields] of each change, for compact exact comparisons. */
function rows(changes: Change[], pick: (c: Change) => unknown[]): unknown[][] {
  return changes.map((c) => [c.operation?.operationId, ...pick(c)]);
}

/**
 * The rows expected from a change planted in shared components: each surface is
 * `[part, component, ...rows]`, expected once for every operation whose part uses the component.
 */
function expectedRows(before: Doc, ...surfaces: [keyof typeof PARTS, string, ...unknown[][]][]): unknown[][] {
  return perOperation(
    before,
    surfaces.map(([part, uses, ...found]) => ({ part, uses, findings: found.map((row) => ({ row })) })),
  ).map(({ operation, row }) => [operation, ...row]);
}

describe('the required planted changes', () => {
  test('identical documents have no changes', () => {
    expect(classifyChanges(bundle('sendgrid-provisioning'), bundle('sendgrid-provisioning'))).toEqual([]);
  });

  test('a removed response field is breaking', () => {
    const { before, after } = planted('qboxmail-delivery', (doc) => {
      delete doc.components.schemas.DeliveryAccount.properties.username;
    });
    expect(summary(classifyChanges(before, after))).toEqual(
      perOperation(before, [
        {
          part: 'response200',
          uses: schema('DeliveryAccount'),
          findings: [
            {
              severity: 'breaking',
              rule: 'response.property-removed',
              location: 'response 200 body (application/json)',
              field: 'resources[].username',
              message: 'removed property `resources[].username` in response 200 body (application/json)',
            },
          ],
        },
      ]),
    );
  });

  test('a removed required response field is breaking twice: the property and its required status', () => {
    const { before, after } = planted('sendgrid-provisioning', (doc) => {
      delete doc.components.schemas.OfferingList.properties.offerings;
      doc.components.schemas.OfferingList.required = [];
    });
    expect(summary(classifyChanges(before, after))).toEqual(
      perOperation(before, [
        {
          part: 'response200',
          uses: schema('OfferingList'),
          findings: [
            {
              severity: 'breaking',
              rule: 'response.required-removed',
              location: 'response 200 body (application/json)',
              field: '',
              message: '`offerings` is no longer required in response 200 body (application/json)',
            },
            {
              severity: 'breaking',
              rule: 'response.property-removed',
              location: 'response 200 body (application/json)',
              field: 'offerings',
              message: 'removed property `offerings` in response 200 body (application/json)',
            },
          ],
        },
      ]),
    );
  });

  test('a narrowed request enum is breaking', () => {
    const { before, after } = planted('qboxmail-delivery', (doc) => {
      doc.components.schemas.PaymentMethod.enum = ['stripe', 'paypal'];
    });
    const changes = classifyChanges(before, after);
    expect(summary(changes)).toEqual(
      perOperation(before, [
        {
          part: 'requestBody',
          uses: schema('PaymentMethod'),
          findings: [
            {
              severity: 'breaking',
              rule: 'request.enum-value-removed',
              location: 'request body (application/json)',
              field: 'payment_method',
              message: 'removed value `lcwsoftpaypalbillingagreements` from `payment_method` in request body (application/json)',
            },
          ],
        },
      ]),
    );
    expect(changes[0]!.classifiedBy).toBe('api-smart-diff');
    expect(changes[0]!.why).toBe('requests that send this value, valid until now, are refused');
  });

  test('a new required request property is breaking', () => {
    const { before, after } = planted('qboxmail-delivery', (doc) => {
      doc.components.schemas.UpdateDeliveryAccountRequest.required = ['description'];
    });
    expect(summary(classifyChanges(before, after))).toEqual(
      perOperation(before, [
        {
          part: 'requestBody',
          uses: schema('UpdateDeliveryAccountRequest'),
          findings: [
            {
              severity: 'breaking',
              rule: 'request.required-added',
              location: 'request body (application/json)',
              field: '',
              message: '`description` is now required in request body (application/json)',
            },
          ],
        },
      ]),
    );
  });

  test('a type change is breaking in a request and in a response', () => {
    const { before, after } = planted('qboxmail-delivery', (doc) => {
      doc.components.schemas.UpdateDeliveryAccountRequest.properties.volume.type = 'string';
      doc.components.schemas.DeliveryAccount.properties.status.type = 'string';
    });
    expect(summary(classifyChanges(before, after))).toEqual(
      perOperation(before, [
        {
          part: 'requestBody',
          uses: schema('UpdateDeliveryAccountRequest'),
          findings: [
            {
              severity: 'breaking',
              rule: 'schema.type-changed',
              location: 'request body (application/json)',
              field: 'volume',
              message: 'changed the type of `volume` from `integer` to `string` in request body (application/json)',
            },
          ],
        },
        {
          part: 'response200',
          uses: schema('DeliveryAccount'),
          findings: [
            {
              severity: 'breaking',
              rule: 'schema.type-changed',
              location: 'response 200 body (application/json)',
              field: 'resources[].status',
              message:
                'changed the type of `resources[].status` from `integer` to `string` in response 200 body (application/json)',
            },
          ],
        },
      ]),
    );
  });

  test('a removed status code is breaking', () => {
    const { before, after } = planted('qboxmail-delivery', (doc) => {
      delete doc.paths['/api/delivery/accounts/{id}'].put.responses['404'];
    });
    const changes = classifyChanges(before, after);
    expect(summary(changes)).toEqual([
      {
        operation: 'updateDeliveryAccount',
        severity: 'breaking',
        rule: 'response.status-removed',
        location: 'response 404',
        field: undefined,
        message: 'removed response status 404',
      },
    ]);
    expect(changes[0]!.operation).toEqual({
      method: 'PUT',
      path: '/api/delivery/accounts/{id}',
      operationId: 'updateDeliveryAccount',
    });
  });

  test('an added optional request field is accepted', () => {
    const { before, after } = planted('qboxmail-delivery', (doc) => {
      doc.components.schemas.UpdateDeliveryAccountRequest.properties.tags = {
        type: 'array',
        description: 'Labels.',
        items: { type: 'string' },
      };
    });
    const changes = classifyChanges(before, after);
    expect(only(changes, 'breaking')).toEqual([]);
    expect(summary(changes)).toEqual(
      perOperation(before, [
        {
          part: 'requestBody',
          uses: schema('UpdateDeliveryAccountRequest'),
          findings: [
            {
              severity: 'non-breaking',
              rule: 'request.property-added',
              location: 'request body (application/json)',
              field: 'tags',
              message: 'added property `tags` in request body (application/json)',
            },
          ],
        },
      ]),
    );
  });

  test('an added enum value in a request is accepted', () => {
    const { before, after } = planted('qboxmail-delivery', (doc) => {
      doc.components.schemas.PaymentMethod.enum.push('sepa');
    });
    expect(summary(classifyChanges(before, after))).toEqual(
      perOperation(before, [
        {
          part: 'requestBody',
          uses: schema('PaymentMethod'),
          findings: [
            {
              severity: 'non-breaking',
              rule: 'request.enum-value-added',
              location: 'request body (application/json)',
              field: 'payment_method',
              message: 'added value `sepa` to `payment_method` in request body (application/json)',
            },
          ],
        },
      ]),
    );
  });

  test('an enum shared by request and response: a new value is additive in the request, breaking in the response', () => {
    const { before, after } = planted('sendgrid-provisioning', (doc) => {
      doc.components.schemas.OfferingType.enum.push('bundle');
    });
    expect(rows(classifyChanges(before, after), (c) => [c.severity, c.rule, c.location])).toEqual(
      expectedRows(
        before,
        ['requestBody', schema('OfferingType'), ['non-breaking', 'request.enum-value-added', 'request body (application/json)']],
        [
          'response200',
          schema('OfferingType'),
          ['breaking', 'response.enum-value-added', 'response 200 body (application/json)'],
        ],
      ),
    );
  });
});

describe('our rules where api-smart-diff 1.0.6 is wrong or silent', () => {
  test('response.property-removed: an optional response field removal is breaking (engine: non-breaking)', () => {
    const { before, after } = planted('sendgrid-provisioning', (doc) => {
      delete doc.components.schemas.Offering.properties.quantity;
    });
    expect(rows(classifyChanges(before, after), (c) => [c.severity, c.rule, c.classifiedBy, c.location])).toEqual(
      expectedRows(
        before,
        [
          'requestBody',
          schema('Offering'),
          ['breaking', 'request.property-removed', 'mailapis', 'request body (application/json)'],
        ],
        [
          'response200',
          schema('Offering'),
          ['breaking', 'response.property-removed', 'mailapis', 'response 200 body (application/json)'],
        ],
      ),
    );
    // the field is named as each operation's body nests it
    expect(new Set(classifyChanges(before, after).map((c) => c.field))).toEqual(
      new Set(['offerings[].quantity', 'catalog[].offering.quantity']),
    );
  });

  test('request.property-removed applies only to closed request bodies', () => {
    const { before, after } = planted('qboxmail-delivery', (doc) => {
      const request = doc.components.schemas.UpdateDeliveryAccountRequest;
      delete request.properties.volume;
    });
    expect(classifyChanges(before, after).map((c) => [c.severity, c.rule])).toEqual([['breaking', 'request.property-removed']]);
    const open = planted('qboxmail-delivery', (doc) => {
      doc.components.schemas.UpdateDeliveryAccountRequest.additionalProperties = true;
    });
    const openAfter = structuredClone(open.after);
    delete openAfter.components.schemas.UpdateDeliveryAccountRequest.properties.volume;
    expect(classifyChanges(open.after, openAfter).map((c) => [c.severity, c.rule])).toEqual([
      ['non-breaking', 'request.property-removed'],
    ]);
  });

  test.each([
    ['response field becomes nullable', 'Pagination', 'per', ['integer', 'null'], 'breaking', '`integer` to `[integer, null]`'],
    ['response field stops being nullable', 'Pagination', 'query', 'string', 'non-breaking', '`[string, null]` to `string`'],
    [
      'response nullable union changes its type',
      'Pagination',
      'query',
      ['integer', 'null'],
      'breaking',
      '`[string, null]` to `[integer, null]`',
    ],
  ])('schema.type-changed, OpenAPI 3.1 type arrays: %s', (_name, schemaName, property, type, severity, fromTo) => {
    const { before, after } = planted('qboxmail-delivery', (doc) => {
      doc.components.schemas[schemaName].properties[property].type = type;
    });
    expect(rows(classifyChanges(before, after), (c) => [c.severity, c.rule, c.classifiedBy, c.message])).toEqual(
      expectedRows(before, [
        'response200',
        schema(schemaName),
        [
          severity,
          'schema.type-changed',
          'mailapis',
          `changed the type of \`pagination.${property}\` from ${fromTo} in response 200 body (application/json)`,
        ],
      ]),
    );
  });

  test.each([
    ['request field becomes nullable', ['integer', 'null'], 'non-breaking'],
    ['request integer widens to number', 'number', 'non-breaking'],
    ['request integer becomes a nullable string', ['string', 'null'], 'breaking'],
  ])('schema.type-changed in a request: %s', (_name, type, severity) => {
    const { before, after } = planted('qboxmail-delivery', (doc) => {
      doc.components.schemas.UpdateDeliveryAccountRequest.properties.volume.type = type;
    });
    expect(rows(classifyChanges(before, after), (c) => [c.severity, c.rule])).toEqual(
      expectedRows(before, ['requestBody', schema('UpdateDeliveryAccountRequest'), [severity, 'schema.type-changed']]),
    );
  });

  test('schema.type-changed: a path parameter type change is breaking', () => {
    const { before, after } = planted('qboxmail-delivery', (doc) => {
      doc.components.parameters.DeliveryAccountId.schema.type = 'string';
    });
    expect(rows(classifyChanges(before, after), (c) => [c.severity, c.rule, c.location])).toEqual(
      expectedRows(before, [
        'parameters',
        '#/components/parameters/DeliveryAccountId',
        ['breaking', 'schema.type-changed', 'path parameter id'],
      ]),
    );
  });

  test.each([
    [0, 'breaking', 'tightens the schema: requests valid until now may be refused'],
    [2, 'non-breaking', 'loosens the schema: every request valid until now stays valid'],
  ])('schema.bound-changed: maxContains 1 → %i in the request (engine: unclassified)', (value, severity, why) => {
    const { before, after } = planted('sendgrid-provisioning', (doc) => {
      doc.components.schemas.UpdateAccountOfferingsRequest.properties.offerings.maxContains = value;
    });
    const changes = classifyChanges(before, after);
    expect(changes.map((c) => [c.severity, c.rule, c.field, c.why])).toEqual([
      [severity, 'schema.bound-changed', 'offerings', why],
    ]);
    expect(changes[0]!.message).toBe(
      `changed \`maxContains\` of \`offerings\` from \`1\` to \`${value}\` in request body (application/json)`,
    );
  });

  test('schema.constraint-changed: the const inside if/then changes → breaking both ways (engine: unclassified)', () => {
    const { before, after } = planted('sendgrid-provisioning', (doc) => {
      doc.components.schemas.Offering.then.properties.quantity.const = 2;
    });
    expect(rows(classifyChanges(before, after), (c) => [c.severity, c.rule, c.location])).toEqual(
      expectedRows(
        before,
        ['requestBody', schema('Offering'), ['breaking', 'schema.constraint-changed', 'request body (application/json)']],
        ['response200', schema('Offering'), ['breaking', 'schema.constraint-changed', 'response 200 body (application/json)']],
      ),
    );
    expect(new Set(classifyChanges(before, after).map((c) => c.field))).toEqual(
      new Set(['offerings[](then).quantity', 'catalog[].offering(then).quantity']),
    );
  });

  test('schema.constraint-removed: dropping contains loosens the request (additive); dropping if/then loosens the response (breaking)', () => {
    const contains = planted('sendgrid-provisioning', (doc) => {
      delete doc.components.schemas.UpdateAccountOfferingsRequest.properties.offerings.contains;
    });
    expect(rows(classifyChanges(contains.before, contains.after), (c) => [c.severity, c.rule, c.field])).toEqual(
      expectedRows(contains.before, [
        'requestBody',
        schema('UpdateAccountOfferingsRequest'),
        ['non-breaking', 'schema.constraint-removed', 'offerings'],
      ]),
    );
    const conditional = planted('sendgrid-provisioning', (doc) => {
      delete doc.components.schemas.Offering.if;
      delete doc.components.schemas.Offering.then;
    });
    // `if` and `then` each reported, in every operation that sends or receives an Offering
    expect(
      rows(classifyChanges(conditional.before, conditional.after), (c) => [
        c.severity,
        c.rule,
        c.direction,
        c.pointer.split('/').at(-1),
      ]),
    ).toEqual(
      expectedRows(
        conditional.before,
        [
          'requestBody',
          schema('Offering'),
          ['non-breaking', 'schema.constraint-removed', 'request', 'if'],
          ['non-breaking', 'schema.constraint-removed', 'request', 'then'],
        ],
        [
          'response200',
          schema('Offering'),
          ['breaking', 'schema.constraint-removed', 'response', 'if'],
          ['breaking', 'schema.constraint-removed', 'response', 'then'],
        ],
      ),
    );
  });

  test('schema.constraint-added: a new contains on the request is breaking', () => {
    const { before, after } = planted('qboxmail-delivery', (doc) => {
      doc.components.schemas.UpdateDeliveryAccountRequest.properties.allow_nets.contains = { const: '127.0.0.1' };
    });
    expect(rows(classifyChanges(before, after), (c) => [c.severity, c.rule, c.field])).toEqual(
      expectedRows(before, [
        'requestBody',
        schema('UpdateDeliveryAccountRequest'),
        ['breaking', 'schema.constraint-added', 'allow_nets'],
      ]),
    );
  });

  test('schema.annotation-changed: descriptions inside then and x-enumDescriptions are documentation (engine: unclassified)', () => {
    const { before, after } = planted('sendgrid-provisioning', (doc) => {
      doc.components.schemas.Offering.then.properties.quantity.description = 'Exactly one.';
      doc.components.schemas.OfferingType['x-enumDescriptions'].addon = 'An extra.';
    });
    const changes = classifyChanges(before, after);
    expect(changes.every((c) => c.severity === 'annotation' && c.rule === 'schema.annotation-changed')).toBe(true);
    // texts that fit are quoted; a text cut at 80 characters would not show what changed
    expect(before.components.schemas.OfferingType['x-enumDescriptions'].addon.length).toBeGreaterThan(80);
    expect(changes.map((c) => c.message)).toContain(
      'reworded the `x-enumDescriptions.addon` of `offerings[].type` in request body (application/json)',
    );
  });

  test('a long description rewritten is reported as reworded, a short one with its old and new text', () => {
    const { before, after } = planted('sendgrid-provisioning', (doc) => {
      const update = doc.paths['/v3/partners/accounts/{accountID}/offerings'].put;
      update.description = `${update.description}\nOne more sentence.`;
      update.summary = 'Replace Account Offerings';
    });
    const update = before.paths['/v3/partners/accounts/{accountID}/offerings'].put;
    expect(update.description.length).toBeGreaterThan(80);
    expect(rows(classifyChanges(before, after), (c) => [c.severity, c.message])).toEqual([
      [
        'updateAccountOfferings',
        'annotation',
        `changed \`summary\` of the operation from \`${update.summary}\` to \`Replace Account Offerings\``,
      ],
      ['updateAccountOfferings', 'annotation', 'reworded the `description` of the operation'],
    ]);
  });

  test('document.server-removed: removing a server is breaking (engine: annotation)', () => {
    const { before, after } = planted('sendgrid-provisioning', (doc) => {
      doc.servers.pop();
    });
    expect(classifyChanges(before, after).map((c) => [c.severity, c.rule, c.message])).toEqual([
      ['breaking', 'document.server-removed', 'removed server `https://api.eu.sendgrid.com`'],
    ]);
  });

  test('a changed API-key header name is breaking (engine)', () => {
    const { before, after } = planted('qboxmail-delivery', (doc) => {
      doc.components.securitySchemes.api_key.name = 'X-Token';
    });
    expect(classifyChanges(before, after).map((c) => [c.severity, c.location, c.message])).toEqual([
      ['breaking', 'security scheme api_key', 'changed `name` of security scheme api_key from `X-Api-Token` to `X-Token`'],
    ]);
  });

  test('a new deprecation is classified deprecated and carries its x-sunset date', () => {
    const { before, after } = planted('qboxmail-delivery', (doc) => {
      Object.assign(doc.components.schemas.UpdateDeliveryAccountRequest.properties.volume, {
        deprecated: true,
        'x-sunset': '2027-06-01',
      });
    });
    const changes = classifyChanges(before, after);
    expect(changes.map((c) => [c.severity, c.field, c.sunset])).toEqual([
      ['deprecated', 'volume', '2027-06-01'],
      ['annotation', 'volume', undefined],
    ]);
  });
});
