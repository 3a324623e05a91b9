// @mailapis/mock: a spec-driven HTTP mock server for the mailapis APIs.
export { formatLogLine, loadMockApis } from './mock.js';
export { startMock } from './server.js';
export type {
  LoadMockOptions,
  MockApis,
  MockOperation,
  MockRequest,
  MockResult,
  MockServer,
  RecordedRequest,
  StartMockOptions,
  ValidationResult,
  Violation,
  ViolationLocation,
} from './types.js';
