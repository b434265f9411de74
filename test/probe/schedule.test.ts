import { describe, expect, it } from 'vitest';
import { resultOf } from '../../src/probe/result.js';
import { runProbes } from '../../src/probe/run/index.js';
import type { ProbeRunner } from '../../src/probe/run/runner.js';
import type { ProbeSpec, ProbeStatus } from '../../src/probe/types.js';

/**
 * The scheduler with runners written here (the scheduler is the thing under test, not the network): caps overall
 * and per host, dependencies, a missing runner, a runner that throws or overruns, and abort.
 */
const spec = (id: string, target: string, extra: Partial<ProbeSpec> = {}): ProbeSpec => ({
  id,
  kind: 'tcp',
  target,
  port: 1,
  origin: {},
  title: { fr: id, en: id },
  ...extra,
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A runner that records how many probes run at once, overall and per target, and ends with `status`. */
function counting(status: (s: ProbeSpec) => ProbeStatus = () => 'PASS') {
  let now = 0;
  let peak = 0;
  const perHost = new Map<string, number>();
  const peakHost = new Map<string, number>();
  const order: string[] = [];
  const runner: ProbeRunner = async (s) => {
    const started = new Date();
    now++;
    peak = Math.max(peak, now);
    perHost.set(s.target, (perHost.get(s.target) ?? 0) + 1);
    peakHost.set(s.target, Math.max(peakHost.get(s.target) ?? 0, perHost.get(s.target) ?? 0));
    order.push(s.id);
    await sleep(5);
    now--;
    perHost.set(s.target, (perHost.get(s.target) ?? 1) - 1);
    return resultOf(s, started, { status: status(s), summary: { fr: 'x', en: 'x' } });
  };
  return { runner, peak: () => peak, peakHost, order };
}

describe('probe scheduler', () => {
  it('never runs more than the caps allow, overall and per destination host, and keeps the specs’ order', async () => {
    const specs = Array.from({ length: 60 }, (_, i) => spec(`p${i}`, `host${i % 3}`));
    const c = counting();
    const results = await runProbes(
      specs,
      { limits: { timeoutMs: 1000, concurrency: 5, perHost: 2 } },
      {
        runners: { tcp: c.runner },
        jitterMs: 0,
      },
    );
    expect(results.map((r) => r.id)).toEqual(specs.map((s) => s.id));
    expect(c.peak()).toBe(5);
    expect(Math.max(...c.peakHost.values())).toBe(2);
  });

  it('runs a dependent after its dependency; one that did not PASS or WARN makes it SKIPPED with the reason', async () => {
    const c = counting((s) => (s.target === 'bad' ? 'FAIL' : s.target === 'warn' ? 'WARN' : 'PASS'));
    const specs = [
      spec('after-bad', 'x', { dependsOn: ['bad'] }),
      spec('after-warn', 'y', { dependsOn: ['warn'] }),
      spec('bad', 'bad'),
      spec('warn', 'warn'),
      spec('chain', 'z', { dependsOn: ['after-bad'] }),
      spec('orphan', 'z', { dependsOn: ['nowhere'] }),
      spec('loop-a', 'z', { dependsOn: ['loop-b'] }),
      spec('loop-b', 'z', { dependsOn: ['loop-a'] }),
    ];
    const r = new Map(
      (
        await runProbes(
          specs,
          { limits: { timeoutMs: 1000, concurrency: 4, perHost: 4 } },
          { runners: { tcp: c.runner }, jitterMs: 0 },
        )
      ).map((x) => [x.id, x]),
    );
    expect(r.get('after-bad')?.status).toBe('SKIPPED');
    expect(r.get('after-bad')?.summary.en).toBe('tcp bad: FAIL — x');
    expect(r.get('after-warn')?.status).toBe('PASS');
    expect(c.order.indexOf('after-warn')).toBeGreaterThan(c.order.indexOf('warn'));
    expect(r.get('chain')?.status).toBe('SKIPPED');
    expect(r.get('orphan')?.summary.en).toBe('dependency not in the plan: nowhere');
    expect([r.get('loop-a')?.status, r.get('loop-b')?.summary.en]).toEqual(['SKIPPED', 'circular dependencies']);
  });

  it('a kind without a runner is UNTESTABLE, a manual check too; a throw or an overrun is INCONCLUSIVE, never a crash', async () => {
    const throwing: ProbeRunner = async () => {
      throw new Error('boom');
    };
    const hanging: ProbeRunner = () => new Promise(() => {});
    const specs = [
      spec('smtp', 'mail', { kind: 'smtp' }),
      spec('manual', '', { kind: 'manual', options: { reasonFr: 'à vérifier', reasonEn: 'to check' } }),
      spec('throws', 'a', { kind: 'udp' }),
      spec('hangs', 'b'),
    ];
    const r = await runProbes(
      specs,
      { limits: { timeoutMs: 50, concurrency: 4, perHost: 4 } },
      {
        runners: { udp: throwing, tcp: hanging },
        jitterMs: 0,
      },
    );
    expect(r.map((x) => [x.status, x.summary.en, x.error])).toEqual([
      ['UNTESTABLE', 'no runner for kind smtp yet', undefined],
      ['UNTESTABLE', 'manual check: to check', undefined],
      ['INCONCLUSIVE', 'the probe failed internally', 'boom'],
      ['INCONCLUSIVE', 'the probe overran its time', 'runner timeout'],
    ]);
  });

  it('abort: what has not started is SKIPPED as interrupted', async () => {
    const controller = new AbortController();
    const c = counting();
    const specs = Array.from({ length: 10 }, (_, i) => spec(`p${i}`, 'h'));
    const done = runProbes(
      specs,
      { limits: { timeoutMs: 1000, concurrency: 1, perHost: 1 }, signal: controller.signal },
      {
        runners: { tcp: c.runner },
        jitterMs: 0,
        onResult: (_r, n) => n === 2 && controller.abort(),
      },
    );
    const r = await done;
    expect(r.filter((x) => x.status === 'PASS').length).toBeLessThanOrEqual(3);
    expect(r.filter((x) => x.status === 'SKIPPED').every((x) => x.summary.en === 'interrupted')).toBe(true);
    expect(r.filter((x) => x.status === 'SKIPPED').length).toBeGreaterThanOrEqual(7);
  });
});
