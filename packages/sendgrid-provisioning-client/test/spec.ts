/** The OpenAPI document shipped by the types package: the tests' source of expected values. */
import { specFixture } from '../../client-core/test/helpers/spec-fixture.ts';

const fixture = specFixture('@mailapis/sendgrid-provisioning-types', '/v3/partners/accounts/{accountID}/offerings');
export const { spec, path, operation, requestExample, responseExamples, serverUrl } = fixture;
export const accountIdExample: string = fixture.pathParameter.example;
