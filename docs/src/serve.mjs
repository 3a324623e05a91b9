#!/usr/bin/env node
// @ts-check
// `npm start` / `npm run docs:serve`: serves docs/dist on 127.0.0.1 and prints the URL.
// Options: --port <n> (default 8080, or $PORT; 0 picks a free port), --host <address>.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startStaticServer } from './server.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const { values } = parseArgs({
  options: { port: { type: 'string' }, host: { type: 'string', default: '127.0.0.1' } },
});
const port = Number(values.port ?? process.env.PORT ?? 8080);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be an integer from 0 to 65535, got "${values.port ?? process.env.PORT}"`);
  process.exit(2);
}
if (!existsSync(join(root, 'index.html'))) {
  console.error(`${root} has no index.html: build the site first with "npm run build" (in docs/ or at the root).`);
  process.exit(1);
}
const server = await startStaticServer({ root, port, host: values.host });
console.log(`mailapis docs: serving ${root}`);
console.log(`Open ${server.url} (Ctrl+C to stop)`);
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
  process.on(signal, () => {
    server.close().then(() => process.exit(0));
  });
}
