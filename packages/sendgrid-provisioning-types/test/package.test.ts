// What this package ships, checked against the OpenAPI document it is generated from (the suite is
// shared by every generated types package).
import { describeTypesPackage } from '../../../scripts/test-suites/types-package.ts';

describeTypesPackage(new URL('../', import.meta.url));
