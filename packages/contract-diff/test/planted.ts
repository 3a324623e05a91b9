// Planted changes for the tests: each takes a fresh deep copy of a real bundle (never the files
// in specs/) and changes one thing.
import { loadSpec } from '@mailapis/specs';

export type Doc = Record<string, any>;

/** A fresh deep copy of the real bundled document. */
export function bundle(api: 'sendgrid-provisioning' | 'qboxmail-delivery'): Doc {
  return structuredClone(loadSpec(api));
}

export function planted(
  api: 'sendgrid-provisioning' | 'qboxmail-delivery',
  change: (doc: Doc) => void,
): { before: Doc; after: Doc } {
  const before = bundle(api);
  const after = structuredClone(before);
  change(after);
  return { before, after };
}

export const SENDGRID_OPERATION = '/v3/partners/accounts/{accountID}/offerings';
export const QBOXMAIL_OPERATION = '/api/delivery/accounts/{id}';
