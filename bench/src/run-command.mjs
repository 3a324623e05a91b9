// Runs a command to completion, measuring wall time and (through GNU time, when installed) the peak
// resident set size. Output goes to a log file, not the terminal.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

export const GNU_TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

/**
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd: string, log: string, env?: Record<string, string>, timeoutMs?: number }} options
 * @returns {Promise<{ exitCode: number | null, seconds: number, peakRssMb?: number }>}
 *   peakRssMb is GNU time's %M: the largest maximum RSS of the command or any one of its descendants
 *   (not their sum).
 */
export function runCommand(command, args, { cwd, log, env = {}, timeoutMs = 300_000 }) {
  const rssFile = `${log}.rss`;
  const [file, argv] = GNU_TIME ? [GNU_TIME, ['-f', '%M', '-o', rssFile, command, ...args]] : [command, args];
  const fd = openSync(log, 'a');
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(file, argv, {
      cwd,
      stdio: ['ignore', fd, fd],
      env: {
        ...process.env,
        TURBO_TELEMETRY_DISABLED: '1',
        DO_NOT_TRACK: '1',
        REDOCLY_TELEMETRY: 'off',
        REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
        NO_COLOR: '1',
        ...env,
      },
    });
    const timer = setTimeout(() => child.kill('SIGTERM'), timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      closeSync(fd);
      reject(error);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      closeSync(fd);
      const seconds = Math.round((performance.now() - t0) / 10) / 100;
      let peakRssMb;
      if (GNU_TIME && existsSync(rssFile)) {
        const kb = Number(readFileSync(rssFile, 'utf8').trim().split('\n').at(-1));
        if (Number.isFinite(kb)) peakRssMb = Math.round(kb / 1024);
        rmSync(rssFile, { force: true });
      }
      resolve({ exitCode: code, seconds, peakRssMb });
    });
  });
}
