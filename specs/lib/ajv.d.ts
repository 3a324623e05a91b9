import type { Options, ValidateFunction } from 'ajv';
import type Ajv2020 from 'ajv/dist/2020.js';
import type { OpenApiDocument } from './index.js';
export interface SpecAjv {
  ajv: Ajv2020;
  compile(schema: unknown): ValidateFunction;
  component(name: string): ValidateFunction;
}
export declare function createSpecAjv(doc: OpenApiDocument, options?: Options): SpecAjv;
