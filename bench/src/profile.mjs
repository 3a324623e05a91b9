#!/usr/bin/env node
// CPU profile of one contestant: `npm run profile -- <contestant id> [calls]`, e.g.
//   npm run profile -- @mailapis/sendgrid-provisioning-client 6000
// Runs the contestant's calls against the loopback server (in its own process, not profiled) under
// `node --cpu-prof`, then prints where the client process spent its CPU: by module and by function.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { contestantsFor } from './contestants.mjs';
import { startLoopbackServer } from './loopback-server.mjs';
import { specOperations } from './spec-operations.mjs';

const [flag, id = '@mailapis/sendgrid-provisioning-client', callsText = '6000'] =
  process.argv.slice(2)[0] === '--child' ? process.argv.slice(2) : ['', ...process.argv.slice(2)];

if (flag === '--child') {
  const op = specOperations().find((o) => contestantsFor(o).some((c) => c.id === id));
  if (!op) throw new Error(`unknown contestant ${id}`);
  const server = await startLoopbackServer();
  const call = await contestantsFor(op)
    .find((c) => c.id === id)
    .create(server.baseUrl);
  for (let i = 0; i < Number(callsText); i++) await call();
  await server.stop();
} else {
  const dir = mkdtempSync(join(tmpdir(), 'mailapis-bench-profile-'));
  try {
    const run = spawnSync(
      process.execPath,
      ['--cpu-prof', `--cpu-prof-dir=${dir}`, fileURLToPath(import.meta.url), '--child', id, callsText],
      {
        stdio: 'inherit',
      },
    );
    if (run.status !== 0) process.exit(run.status ?? 1);
    const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
    const profile = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
    const self = new Map();
    for (let i = 0; i < profile.samples.length; i++) {
      const sample = profile.samples[i];
      self.set(sample, (self.get(sample) ?? 0) + (profile.timeDeltas[i] ?? 0));
    }
    const busy = [...self].filter(([nodeId]) => nodes.get(nodeId).callFrame.functionName !== '(idle)');
    const total = busy.reduce((s, [, t]) => s + t, 0);
    const byModule = new Map();
    const byFunction = new Map();
    for (const [nodeId, t] of busy) {
      const { url, functionName, lineNumber } = nodes.get(nodeId).callFrame;
      const where = url.replace(/^file:\/\/.*?\/(node_modules|packages)\//, '').replace(/^file:\/\//, '');
      const module = where
        ? where
            .split('/')
            .slice(0, where.startsWith('node:') ? 3 : 2)
            .join('/')
        : functionName;
      byModule.set(module, (byModule.get(module) ?? 0) + t);
      const fn = `${functionName || '(anonymous)'} ${where}:${lineNumber + 1}`;
      byFunction.set(fn, (byFunction.get(fn) ?? 0) + t);
    }
    const print = (title, map, n) => {
      console.log(`\n${title} (% of non-idle CPU samples, ${(total / 1000).toFixed(0)} ms total, ${callsText} calls)`);
      for (const [k, t] of [...map].sort((a, b) => b[1] - a[1]).slice(0, n))
        console.log(`${((100 * t) / total).toFixed(1).padStart(6)}%  ${k}`);
    };
    print(`CPU by module: ${id}`, byModule, 15);
    print('CPU by function', byFunction, 20);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
