/** The OpenAPI document shipped by the types package: the tests' source of expected values. */
import { specFixture } from '../../client-core/test/helpers/spec-fixture.ts';

export const {
  spec,
  path,
  operation,
  requestExample,
  responseExamples,
  serverUrl,
  pathParameter: idParameter,
} = specFixture('@mailapis/qboxmail-delivery-types', '/api/delivery/accounts/{id}');
