import { type Text, text } from '../../model/text.js';
import { resultOf } from '../result.js';
import type { ProbeKind, ProbeResult, ProbeSpec } from '../types.js';
import { runDiscovery } from './discovery.js';
import { dnsRunner } from './dns.js';
import { runHttp } from './http.js';
import { runLdap } from './ldap.js';
import { ntpRunner } from './ntp.js';
import { runProxy } from './proxy.js';
import { runRevocation } from './revocation.js';
import type { ProbeRunner, RunContext } from './runner.js';
import { runSip } from './sip.js';
import { runSmtp } from './smtp.js';
import { runStun } from './stun.js';
import { tcpRunner } from './tcp.js';
import { runTls } from './tls.js';
import { udpRunner } from './udp.js';

/**
 * The runner of each probe kind: one import and one line per runner file. A kind without a runner gives an
 * UNTESTABLE result saying so, never a crash.
 */
export const RUNNERS: Partial<Record<ProbeKind, ProbeRunner>> = {
  dns: dnsRunner,
  ntp: ntpRunner,
  tcp: tcpRunner,
  udp: udpRunner,
  tls: runTls,
  http: runHttp,
  proxy: runProxy,
  revocation: runRevocation,
  smtp: runSmtp,
  ldap: runLdap,
  stun: runStun,
  sip: runSip,
  discovery: runDiscovery,
};

export interface ScheduleOptions {
  readonly runners?: Partial<Record<ProbeKind, ProbeRunner>>;
  /** Random delay before each probe starts, up to this many milliseconds (spreads bursts). Default 20. */
  readonly jitterMs?: number;
  /** Called once per finished probe, in the order they finish. */
  readonly onResult?: (result: ProbeResult, done: number, total: number) => void;
}

/** Statuses a dependency may end with for its dependents to run. */
const GOOD = new Set(['PASS', 'WARN']);

/** The destination a per-host cap counts against: a URL's host, else the target. */
export function hostKey(spec: ProbeSpec): string {
  if (/^[a-z]+:\/\//i.test(spec.target)) {
    try {
      return new URL(spec.target).hostname;
    } catch {
      return spec.target;
    }
  }
  return spec.target;
}

/**
 * Runs the specs: at most `limits.concurrency` at once and `limits.perHost` per destination host, each after its
 * dependencies; a dependency that did not PASS or WARN makes its dependents SKIPPED. Results come back in the
 * specs' order. Never throws: a runner that throws or overruns its time gives an INCONCLUSIVE result.
 */
export function runProbes(
  specs: readonly ProbeSpec[],
  ctx: RunContext,
  options: ScheduleOptions = {},
): Promise<ProbeResult[]> {
  const runners = options.runners ?? RUNNERS;
  const jitter = options.jitterMs ?? 20;
  const now = ctx.now ?? (() => new Date());
  const byId = new Map(specs.map((s) => [s.id, s]));
  const results = new Map<string, ProbeResult>();
  const pending = new Set(specs.map((s) => s.id));
  const perHost = new Map<string, number>();
  let running = 0;
  const total = specs.length;

  return new Promise((resolve) => {
    const finish = (r: ProbeResult): void => {
      results.set(r.id, r);
      options.onResult?.(r, results.size, total);
    };
    const settle = (spec: ProbeSpec, outcome: Parameters<typeof resultOf>[2]): void =>
      finish(resultOf(spec, now(), { ...outcome }, now));

    const pump = (): void => {
      let progressed = true;
      // Bounded: each pass either settles or starts at least one pending spec, or stops.
      while (progressed) {
        progressed = false;
        for (const id of pending) {
          // Full: what is left waits for a slot (keeps each pass short on long plans).
          if (running >= ctx.limits.concurrency) break;
          const spec = byId.get(id) as ProbeSpec;
          if (ctx.signal?.aborted) {
            pending.delete(id);
            settle(spec, { status: 'SKIPPED', summary: text('interrompu', 'interrupted') });
            progressed = true;
            continue;
          }
          const blocker = blockingDependency(spec, byId, results);
          if (blocker === 'wait') continue;
          if (blocker !== undefined) {
            pending.delete(id);
            settle(spec, { status: 'SKIPPED', summary: blocker });
            progressed = true;
            continue;
          }
          const host = hostKey(spec);
          if (running >= ctx.limits.concurrency || (perHost.get(host) ?? 0) >= ctx.limits.perHost) continue;
          pending.delete(id);
          running++;
          perHost.set(host, (perHost.get(host) ?? 0) + 1);
          progressed = true;
          void runOne(spec, runners, ctx, jitter).then((r) => {
            running--;
            perHost.set(host, (perHost.get(host) ?? 1) - 1);
            finish(r);
            pump();
          });
        }
      }
      if (pending.size > 0 && running === 0) {
        // Nothing runs and nothing can start: what is left waits on itself (a cycle).
        for (const id of [...pending]) {
          pending.delete(id);
          settle(byId.get(id) as ProbeSpec, {
            status: 'SKIPPED',
            summary: text('dépendances circulaires', 'circular dependencies'),
          });
        }
      }
      if (pending.size === 0 && running === 0) resolve(specs.map((s) => results.get(s.id) as ProbeResult));
    };
    pump();
  });
}

/** undefined: ready; 'wait': a dependency is still to finish; a text: why the spec is SKIPPED. */
function blockingDependency(
  spec: ProbeSpec,
  byId: ReadonlyMap<string, ProbeSpec>,
  results: ReadonlyMap<string, ProbeResult>,
): Text | 'wait' | undefined {
  for (const dep of spec.dependsOn ?? []) {
    if (!byId.has(dep)) return text(`dépendance absente du plan : ${dep}`, `dependency not in the plan: ${dep}`);
    const r = results.get(dep);
    if (r === undefined) return 'wait';
    if (!GOOD.has(r.status))
      return text(
        `${r.kind} ${r.target} : ${r.status} — ${r.summary.fr}`,
        `${r.kind} ${r.target}: ${r.status} — ${r.summary.en}`,
      );
  }
  return undefined;
}

const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (ms <= 0 || signal?.aborted) return resolve();
    const wake = (): void => {
      clearTimeout(t);
      signal?.removeEventListener('abort', wake);
      resolve();
    };
    const t = setTimeout(wake, ms);
    signal?.addEventListener('abort', wake);
  });

/** One probe, guarded: a missing runner, a throw, or a runner past its time never escapes as an exception. */
async function runOne(
  spec: ProbeSpec,
  runners: Partial<Record<ProbeKind, ProbeRunner>>,
  ctx: RunContext,
  jitterMs: number,
): Promise<ProbeResult> {
  const now = ctx.now ?? (() => new Date());
  const started = now();
  if (spec.kind === 'manual') {
    const reason = { fr: String(spec.options?.reasonFr ?? ''), en: String(spec.options?.reasonEn ?? '') };
    return resultOf(spec, started, {
      status: 'UNTESTABLE',
      summary: text(
        `vérification manuelle${reason.fr ? ` : ${reason.fr}` : ''}`,
        `manual check${reason.en ? `: ${reason.en}` : ''}`,
      ),
    });
  }
  const runner = runners[spec.kind];
  if (!runner)
    return resultOf(spec, started, {
      status: 'UNTESTABLE',
      summary: text(`pas encore de sonde pour le type ${spec.kind}`, `no runner for kind ${spec.kind} yet`),
    });
  await sleep(Math.floor(Math.random() * jitterMs), ctx.signal);
  const grace = ctx.limits.timeoutMs + 1000;
  let timer: NodeJS.Timeout | undefined;
  const overrun = new Promise<ProbeResult>((resolve) => {
    timer = setTimeout(
      () =>
        resolve(
          resultOf(spec, started, {
            status: 'INCONCLUSIVE',
            summary: text('la sonde a dépassé son temps', 'the probe overran its time'),
            error: 'runner timeout',
          }),
        ),
      grace,
    );
  });
  try {
    return await Promise.race([
      runner(spec, ctx).catch((e: unknown) =>
        resultOf(spec, started, {
          status: 'INCONCLUSIVE',
          summary: text('erreur interne de la sonde', 'the probe failed internally'),
          error: e instanceof Error ? e.message : String(e),
        }),
      ),
      overrun,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
