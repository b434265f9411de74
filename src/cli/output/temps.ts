import { rmSync } from 'node:fs';

/**
 * Temporary files that exist right now. An interrupted run (Ctrl-C, `kill`) removes them before it ends: a
 * signal handler is installed while there is at least one, and the signal is then raised again so the process
 * ends the way the sender expects (exit status 128 + signal).
 */
const live = new Set<string>();
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

function removeAllAndDie(signal: NodeJS.Signals): void {
  for (const path of live) rmSync(path, { force: true });
  live.clear();
  detach();
  process.kill(process.pid, signal);
}

function attach(): void {
  for (const s of SIGNALS) process.on(s, removeAllAndDie);
}

function detach(): void {
  for (const s of SIGNALS) process.off(s, removeAllAndDie);
}

export function trackTemp(path: string): void {
  live.add(path);
  if (live.size === 1) attach();
}

export function untrackTemp(path: string): void {
  if (!live.delete(path)) return;
  if (live.size === 0) detach();
}
