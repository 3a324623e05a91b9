// Per-call cost: every contestant against the same loopback server in the same process run,
// interleaved. Each round runs every contestant once (a batch of `calls` calls), in an order rotated
// by one position per round, so drift in machine load hits every contestant alike. Reported: the
// median over rounds of wall-clock µs/call, the client process's CPU µs/call, and the median over
// rounds of each contestant's time divided by raw fetch's time *in the same round*.
import { performance } from 'node:perf_hooks';
import { isDeepStrictEqual } from 'node:util';

async function runBatch(call, calls, inFlight) {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  if (inFlight <= 1) {
    for (let i = 0; i < calls; i++) await call();
  } else {
    let issued = 0;
    const worker = async () => {
      while (issued < calls) {
        issued++;
        await call();
      }
    };
    await Promise.all(Array.from({ length: inFlight }, worker));
  }
  const wallUs = (performance.now() - t0) * 1000;
  const cpu = process.cpuUsage(cpu0);
  return { wallUs: wallUs / calls, cpuUs: (cpu.user + cpu.system) / calls };
}

export function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}
/** The vendor SDK our SendGrid client is compared with directly (per-round ratio), when present. */
export const VENDOR_ID = '@sendgrid/client';
const round2 = (x) => Math.round(x * 100) / 100;
const round3 = (x) => Math.round(x * 1000) / 1000;

/**
 * @param {object} options
 * @param {string} options.group            e.g. the operationId
 * @param {import('./contestants.mjs').Contestant[]} options.contestants  first one is the baseline (raw fetch)
 * @param {string} options.baseUrl
 * @param {unknown} options.expected        the spec's example response body
 * @param {{ name: string, inFlight: number }[]} options.modes
 * @param {number} options.rounds
 * @param {number} options.callsPerRound
 * @param {number} options.warmupCalls
 */
export async function measureGroup({ group, contestants, baseUrl, expected, modes, rounds, callsPerRound, warmupCalls }) {
  const calls = [];
  for (const contestant of contestants) {
    const call = await contestant.create(baseUrl);
    const body = await call();
    if (!isDeepStrictEqual(body, expected)) {
      throw new Error(`${group}: ${contestant.id} returned a body different from the spec example: ${JSON.stringify(body)}`);
    }
    calls.push(call);
  }
  const baselineId = contestants[0].id;
  const result = { group, baseline: baselineId, modes: [] };
  for (const mode of modes) {
    for (const call of calls) await runBatch(call, warmupCalls, mode.inFlight);
    const samples = contestants.map(() => []);
    for (let round = 0; round < rounds; round++) {
      for (let k = 0; k < contestants.length; k++) {
        const index = (k + round) % contestants.length;
        samples[index].push(await runBatch(calls[index], callsPerRound, mode.inFlight));
      }
    }
    const baseline = samples[0];
    const vendorIndex = contestants.findIndex((c) => c.id === VENDOR_ID);
    result.modes.push({
      mode: mode.name,
      inFlight: mode.inFlight,
      rounds,
      callsPerRound,
      warmupCalls,
      contestants: contestants.map((c, i) => {
        const wall = samples[i].map((s) => s.wallUs);
        const cpu = samples[i].map((s) => s.cpuUs);
        const ratios = samples[i].map((s, r) => s.wallUs / baseline[r].wallUs);
        const cpuRatios = samples[i].map((s, r) => s.cpuUs / baseline[r].cpuUs);
        return {
          id: c.id,
          label: c.label,
          calls: rounds * callsPerRound,
          medianUs: round2(quantile(wall, 0.5)),
          p25Us: round2(quantile(wall, 0.25)),
          p75Us: round2(quantile(wall, 0.75)),
          medianCpuUs: round2(quantile(cpu, 0.5)),
          ratioToFetch: round3(quantile(ratios, 0.5)),
          ratioToFetchP25: round3(quantile(ratios, 0.25)),
          ratioToFetchP75: round3(quantile(ratios, 0.75)),
          cpuRatioToFetch: round3(quantile(cpuRatios, 0.5)),
          ratioToVendor:
            vendorIndex < 0
              ? undefined
              : round3(
                  quantile(
                    samples[i].map((s, r) => s.wallUs / samples[vendorIndex][r].wallUs),
                    0.5,
                  ),
                ),
        };
      }),
    });
  }
  return result;
}
