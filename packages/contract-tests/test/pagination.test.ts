/**
 * The pagination iterator (`client.<operationId>.all(query?, options?)`) of every paginated operation
 * (its success body is the `{ resources, pagination }` envelope and it has a `page` query parameter),
 * against a loopback server that pages a list of items generated from the spec's item schema. The
 * stateless mock always answers the same example page, so it cannot show a walk over several pages.
 */
import { createSpecAjv } from '@mailapis/specs/ajv';
import fc from 'fast-check';
import { describe, expect, it, type TestContext } from 'vitest';
import { arbitraryFor } from '../src/arbitrary.ts';
import { operationMethod, requireClient } from '../src/clients.ts';
import { examplePathParams, exampleQuery, expectedQueryPairs, queryPairsOf } from '../src/requests.ts';
import { type FaultServer, sendJson, startHttpFaultServer } from '../src/sockets.ts';
import { allOperations, deref, loadAllSpecs, paginatedItemSchema, successResponse } from '../src/spec-model.ts';

const SEED = 20_260_101;
/** 7 items, 3 per page: three pages (3, 3, 1). */
const ITEMS = 7;
const PER = 3;

const docs = loadAllSpecs();
const paginated = allOperations(docs).filter((op) => paginatedItemSchema(docs[op.api]!, op) !== undefined);

it('at least one operation of the specs is paginated', () => {
  expect(paginated.length).toBeGreaterThan(0);
});

const withoutPage = (pairs: [string, string][]) => pairs.filter(([name]) => name !== 'page');

for (const op of paginated) {
  const doc = docs[op.api]!;
  const ajv = createSpecAjv(doc);
  const success = successResponse(op);
  const validatePage = ajv.compile(success.content!.schema);
  const examplePage = success.content!.examples[0]!.value as { pagination: Record<string, unknown> };
  const items = fc.sample(arbitraryFor(paginatedItemSchema(doc, op), { doc, ajv }), { seed: SEED, numRuns: ITEMS });
  const totalPages = Math.ceil(ITEMS / PER);
  const query: Record<string, unknown> = { ...exampleQuery(op), per: PER };
  delete query.page;

  /** One page of the generated items, shaped like the documented example page. */
  const pageOf = (page: number, resources: unknown[]) => ({
    ...examplePage,
    resources,
    pagination: { ...examplePage.pagination, page, per: PER, total_pages: totalPages, total_records: ITEMS },
  });
  const pageServer = async (context: TestContext, answer: (page: number) => unknown): Promise<FaultServer> => {
    const server = await startHttpFaultServer((req, res) => {
      const page = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('page') ?? '1');
      sendJson(res, 200, answer(page));
    });
    context.onTestFinished(() => server.close());
    return server;
  };
  const all = (server: FaultServer, options?: { signal?: AbortSignal }) => {
    const method = operationMethod(op, { baseUrl: server.url, maxRetries: 0 });
    expect(typeof method.all, `${requireClient(op).packageName} ${op.operationId}.all`).toBe('function');
    return method.all(...Object.values(examplePathParams(op)), query, options) as AsyncIterable<unknown>;
  };

  describe(`${op.api} ${op.operationId}.all() against a loopback server paging ${ITEMS} generated items, ${PER} per page`, () => {
    it('the pages the server sends are valid by the spec', () => {
      for (let page = 1; page <= totalPages; page++) {
        const body = pageOf(page, items.slice((page - 1) * PER, page * PER));
        expect(validatePage(body), JSON.stringify(validatePage.errors)).toBe(true);
      }
      expect(deref(doc, paginatedItemSchema(doc, op))).toBeDefined();
    });

    it(`yields every item of all ${totalPages} pages once, in order, with exactly ${totalPages} requests that keep per and the filters`, async (context) => {
      const server = await pageServer(context, (page) => pageOf(page, items.slice((page - 1) * PER, page * PER)));
      const seen: unknown[] = [];
      for await (const item of all(server)) seen.push(item);
      expect(seen).toEqual(items);
      expect(server.requests).toHaveLength(totalPages);
      server.requests.forEach((req, index) => {
        const pairs = queryPairsOf(req.url);
        expect(withoutPage(pairs)).toEqual(withoutPage(expectedQueryPairs(op, query)));
        const page = pairs.find(([name]) => name === 'page')?.[1];
        // The first request may leave `page` to its default (1); every later one names it.
        if (index === 0) expect(page === undefined || page === '1').toBe(true);
        else expect(page).toBe(String(index + 1));
      });
    });

    it('refuses to loop forever when the server repeats a page: ApiError after the second request', async (context) => {
      const server = await pageServer(context, (page) => pageOf(page, items.slice(0, PER)));
      const seen: unknown[] = [];
      const error = await (async () => {
        for await (const item of all(server)) seen.push(item);
      })().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(requireClient(op).ApiError);
      expect((error as Error).message).toMatch(/page 2/);
      expect(seen).toEqual(items.slice(0, PER));
      expect(server.requests).toHaveLength(2);
    });

    it('honours the abort signal: aborted after the first item, no further request', async (context) => {
      const server = await pageServer(context, (page) => pageOf(page, items.slice((page - 1) * PER, page * PER)));
      const controller = new AbortController();
      const seen: unknown[] = [];
      const error = await (async () => {
        for await (const item of all(server, { signal: controller.signal })) {
          seen.push(item);
          controller.abort(new Error('enough'));
        }
      })().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(requireClient(op).RequestError);
      expect(error).toMatchObject({ kind: 'aborted' });
      expect(seen).toEqual(items.slice(0, 1));
      expect(server.requests).toHaveLength(1);
    });
  });
}
