export interface ApiEntry {
  /** Folder name under specs/, e.g. `sendgrid-provisioning`. */
  name: string;
  /** Alias in redocly.yaml, e.g. `sendgrid-provisioning@v1`. */
  alias: string;
  /** Root document, relative to specs/. */
  source: string;
  title: string;
  version: string;
  /** File names inside dist/. */
  json: string;
  yaml: string;
}
export type OpenApiDocument = Record<string, any>;
export declare const distDir: string;
export declare function listApis(): ApiEntry[];
export declare function specPath(name: string, format?: 'json' | 'yaml'): string;
export declare function loadSpec(name: string): OpenApiDocument;
