// Mock load: a bounded run of mixed reads and writes over loopback against @mailapis/mock in stateful
// and stateless mode and against Stoplight Prism 5.14.2, in the same run: requests/s, p50/p99 latency,
// resident memory sampled during the run (peak and at each quarter, to show whether it levels off).
//   node src/run.mjs --only mockload --out /tmp/mockbench
// Each contestant is a separate process started here and stopped at the end; the load loop is a
// fixed number of keep-alive connections in this process, each sending the next request of the mix
// as soon as the previous answer arrived. The requests are built from the bundled specs' examples.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { specPath } from '@mailapis/specs';

const require = createRequire(import.meta.url);
const MOCK_CLI = new URL('../../packages/mock/dist/cli.js', import.meta.url).pathname;
const PRISM_VERSION = '5.14.2';
const SG = 'sendgrid-provisioning';
const QB = 'qboxmail-delivery';

export const MOCK_LOAD_PROFILES = {
  full: { seconds: 15, connections: 16, warmupSeconds: 1, prism: true },
  smoke: { seconds: 0.5, connections: 2, warmupSeconds: 0, prism: false },
};

function exampleOf(doc, ref) {
  const name = ref.$ref.split('/').pop();
  return doc.components.examples[name].value;
}

/** The request mix: reads and writes of both APIs, with bodies and keys from the specs' examples. */
export function requestMix() {
  const sg = JSON.parse(readFileSync(specPath(SG, 'json'), 'utf8'));
  const qb = JSON.parse(readFileSync(specPath(QB, 'json'), 'utf8'));
  const sgPut = sg.paths['/v3/partners/accounts/{accountID}/offerings'].put;
  const qbPut = qb.paths['/api/delivery/accounts/{id}'].put;
  const sgBody = JSON.stringify(exampleOf(sg, Object.values(sgPut.requestBody.content['application/json'].examples)[0]));
  const qbBody = JSON.stringify(exampleOf(qb, Object.values(qbPut.requestBody.content['application/json'].examples)[0]));
  const sgAuth = { authorization: 'Bearer SG.bench' };
  const qbAuth = { 'x-api-token': 'qbox-bench' };
  const json = { 'content-type': 'application/json' };
  const mix = [];
  // 32 SendGrid accounts written and read in turn; Qboxmail's seeded account 1042 read, changed and listed.
  for (let i = 0; i < 32; i++) {
    const path = `/v3/partners/accounts/sg-bench-${i}/offerings`;
    mix.push(
      { api: SG, method: 'PUT', path, headers: { ...sgAuth, ...json }, body: sgBody },
      { api: SG, method: 'GET', path, headers: sgAuth },
      { api: QB, method: 'GET', path: '/api/delivery/accounts/1042', headers: qbAuth },
      { api: QB, method: 'PUT', path: '/api/delivery/accounts/1042', headers: { ...qbAuth, ...json }, body: qbBody },
      { api: QB, method: 'GET', path: '/api/delivery/accounts?per=10&status=enabled', headers: qbAuth },
      { api: SG, method: 'GET', path: '/v3/partners/offerings', headers: sgAuth },
    );
  }
  return mix;
}

function rssKiB(pid) {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** Starts a process and resolves once `ready` matches its output; rejects after 30 s or on exit. */
function startProcess(command, args, ready) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${command} ${args.join(' ')} did not start in 30 s:\n${output.slice(-2000)}`));
    }, 30_000);
    const onData = (chunk) => {
      output += chunk;
      if (output.length > 100_000) output = output.slice(-50_000);
      const match = ready.exec(output);
      if (match) {
        clearTimeout(timer);
        child.stdout.removeAllListeners('data');
        child.stderr.removeAllListeners('data');
        // Keep draining the pipes (the mock logs a line per request) without keeping the text.
        child.stdout.resume();
        child.stderr.resume();
        resolve({ child, match });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${command} exited with ${code} before it was ready:\n${output.slice(-2000)}`));
    });
  });
}

function stopProcess(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

const MOCK_READY = /^mailapis mock listening on (http:\/\/127\.0\.0\.1:\d+)$/m;

async function startOurMock(stateful) {
  const args = [MOCK_CLI, '--port', '0', '--no-cors', ...(stateful ? ['--stateful'] : [])];
  const { child, match } = await startProcess(process.execPath, args, MOCK_READY);
  return { processes: [child], baseUrl: { [SG]: match[1], [QB]: match[1] } };
}

async function startPrism() {
  const bin = require.resolve('@stoplight/prism-cli/dist/index.js');
  const processes = [];
  const baseUrl = {};
  try {
    for (const [api, port] of [
      [SG, 4961],
      [QB, 4962],
    ]) {
      const { child } = await startProcess(
        process.execPath,
        [bin, 'mock', '--host', '127.0.0.1', '--port', String(port), specPath(api, 'json')],
        /Prism is listening on/,
      );
      processes.push(child);
      baseUrl[api] = `http://127.0.0.1:${port}`;
    }
  } catch (error) {
    await Promise.all(processes.map(stopProcess));
    throw error;
  }
  return { processes, baseUrl };
}

function send(agent, base, req) {
  return new Promise((resolve) => {
    const url = new URL(req.path, base);
    const started = performance.now();
    const outgoing = request(
      { agent, host: url.hostname, port: url.port, method: req.method, path: url.pathname + url.search, headers: req.headers },
      (res) => {
        res.resume();
        res.once('end', () => resolve({ status: res.statusCode, ms: performance.now() - started }));
      },
    );
    outgoing.once('error', () => resolve({ status: 0, ms: performance.now() - started }));
    outgoing.end(req.body);
  });
}

function quantile(sorted, q) {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** Runs the mix against one started contestant for `seconds`, sampling the resident memory of its processes. */
async function drive(contestant, { seconds, connections, warmupSeconds }) {
  const mix = requestMix();
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const rss = () => contestant.processes.reduce((sum, p) => sum + (rssKiB(p.pid) ?? 0), 0);
  const loop = async (until, record) => {
    let next = 0;
    await Promise.all(
      Array.from({ length: connections }, async () => {
        while (performance.now() < until) {
          const req = mix[next++ % mix.length];
          const answer = await send(agent, contestant.baseUrl[req.api], req);
          record?.(answer);
        }
      }),
    );
  };
  try {
    if (warmupSeconds > 0) await loop(performance.now() + warmupSeconds * 1000);
    const latencies = [];
    const statuses = {};
    const samples = [];
    const started = performance.now();
    const sampler = setInterval(() => samples.push({ t: (performance.now() - started) / 1000, kib: rss() }), 100);
    samples.push({ t: 0, kib: rss() });
    await loop(started + seconds * 1000, ({ status, ms }) => {
      latencies.push(ms);
      statuses[status] = (statuses[status] ?? 0) + 1;
    });
    const elapsed = (performance.now() - started) / 1000;
    clearInterval(sampler);
    samples.push({ t: elapsed, kib: rss() });
    latencies.sort((a, b) => a - b);
    const mib = (kib) => Math.round((kib / 1024) * 10) / 10;
    const at = (fraction) => mib([...samples].reverse().find((s) => s.t <= fraction * elapsed)?.kib ?? 0);
    return {
      requests: latencies.length,
      seconds: Math.round(elapsed * 100) / 100,
      requestsPerSecond: Math.round(latencies.length / elapsed),
      p50Ms: Math.round(quantile(latencies, 0.5) * 100) / 100,
      p99Ms: Math.round(quantile(latencies, 0.99) * 100) / 100,
      statuses,
      rssMiB: {
        start: at(0),
        quarter: at(0.25),
        half: at(0.5),
        threeQuarters: at(0.75),
        end: at(1),
        peak: mib(Math.max(...samples.map((s) => s.kib))),
      },
    };
  } finally {
    agent.destroy();
  }
}

/**
 * @param {{ smoke?: boolean, log?: (message: string) => void }} options
 */
export async function measureMockLoad({ smoke = false, log = () => {} } = {}) {
  const profile = smoke ? MOCK_LOAD_PROFILES.smoke : MOCK_LOAD_PROFILES.full;
  const contestants = [
    { id: 'mailapis-mock --stateful', start: () => startOurMock(true) },
    { id: 'mailapis-mock (stateless)', start: () => startOurMock(false) },
    ...(profile.prism ? [{ id: `Stoplight Prism ${PRISM_VERSION} (two processes, one per spec)`, start: startPrism }] : []),
  ];
  const results = [];
  for (const { id, start } of contestants) {
    log(`mockload: ${id}: ${profile.seconds} s, ${profile.connections} connections`);
    let started;
    try {
      started = await start();
    } catch (error) {
      results.push({ id, error: error.message.split('\n')[0] });
      continue;
    }
    try {
      results.push({ id, ...(await drive(started, profile)) });
    } finally {
      await Promise.all(started.processes.map(stopProcess));
    }
  }
  return {
    command: 'node bench/src/run.mjs --only mockload --out /tmp/mockbench',
    mix: 'per cycle: SendGrid PUT then GET of one of 32 accounts, Qboxmail GET, PUT and a filtered list of account 1042, the SendGrid catalogue',
    ...profile,
    contestants: results,
  };
}

const number = (x) => (x === null || x === undefined ? '–' : x.toLocaleString('en-US'));

/** The RESULTS.md section of a mock load run. */
export function mockLoadSection(mockLoad) {
  const out = [
    '## Mock load: stateful and stateless @mailapis/mock beside Prism',
    '',
    `Loopback, one run per contestant in the same run, ${mockLoad.seconds} s each after ${mockLoad.warmupSeconds} s of warm-up, ` +
      `${mockLoad.connections} keep-alive connections from one load loop in the bench process, each sending the next request as ` +
      `soon as the answer arrived. Mix: ${mockLoad.mix}. RSS is the resident memory of the contestant's processes ` +
      '(`/proc/<pid>/status` VmRSS, sampled every 100 ms): at the start, at each quarter of the run and the peak, so a ' +
      'growing mock shows as a rising row. Reproduce with `' +
      mockLoad.command +
      '`.',
    '',
    '| contestant | requests | requests/s | p50 ms | p99 ms | statuses | RSS start → ¼ → ½ → ¾ → end MiB | peak RSS MiB |',
    '|---|---:|---:|---:|---:|---|---|---:|',
  ];
  for (const c of mockLoad.contestants) {
    if (c.error) {
      out.push(`| ${c.id} | could not run: ${c.error.replaceAll('|', '\\|')} | | | | | | |`);
      continue;
    }
    const statuses = Object.entries(c.statuses)
      .map(([status, count]) => `${status}: ${number(count)}`)
      .join(', ');
    const r = c.rssMiB;
    out.push(
      `| ${c.id} | ${number(c.requests)} | ${number(c.requestsPerSecond)} | ${c.p50Ms} | ${c.p99Ms} | ${statuses} | ${r.start} → ${r.quarter} → ${r.half} → ${r.threeQuarters} → ${r.end} | ${r.peak} |`,
    );
  }
  out.push('');
  return out;
}
