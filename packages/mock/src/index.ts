// @mailapis/mock: a spec-driven HTTP mock server for the mailapis APIs.
export { DOCS_ORIGINS } from './cors.js';
export { formatLogLine, loadMockApis } from './mock.js';
export { startMock } from './server.js';
export type {
  CorsOptions,
  LoadMockOptions,
  MockApis,
  MockOperation,
  MockRequest,
  MockResult,
  MockServer,
  RecordedRequest,
  ResourceState,
  StartMockOptions,
  ValidationResult,
  Violation,
  ViolationLocation,
} from './types.js';
