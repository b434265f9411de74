import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fixturesDir, fixturesRequirement } from './fixtures.js';

/**
 * System tests (nft, iptables, network namespaces, Chromium) skip with an install hint when the tool is
 * missing on a developer machine. CI sets FLOWMATRIX_REQUIRE_SYSTEM=1, which turns every such skip into a failure.
 */
export const REQUIRE_SYSTEM = process.env.FLOWMATRIX_REQUIRE_SYSTEM === '1';

export interface SystemRequirement {
  /** What is needed, for the message. */
  readonly what: string;
  /** How to install it. */
  readonly install: string;
  /** Returns true when available. */
  readonly probe: () => boolean;
  /**
   * A tool of the machine image that `.ci/run` cannot install (not a Debian package, no downloads allowed): its
   * tests run wherever it is present and are skipped, loudly, where it is not — even under FLOWMATRIX_REQUIRE_SYSTEM.
   */
  readonly imageOnly?: true;
}

export function commandWorks(cmd: string, args: string[] = ['--version']): boolean {
  try {
    execFileSync(cmd, args, { stdio: 'ignore', timeout: 10_000 });
    return true;
  } catch {
    return false;
  }
}

export const isRoot = (): boolean => typeof process.getuid === 'function' && process.getuid() === 0;

export const requirements = {
  nft: {
    what: 'nft (nftables)',
    install: 'apt-get install -y nftables',
    probe: () => commandWorks('nft', ['--version']),
  },
  iptables: {
    what: 'iptables-restore',
    install: 'apt-get install -y iptables',
    probe: () => commandWorks('iptables-restore', ['--version']),
  },
  iptablesLegacy: {
    what: 'iptables-legacy-restore (the reference for the restore commands: iptables-nft-restore 1.8.9 crashes on -R)',
    install: 'apt-get install -y iptables',
    probe: () => commandWorks('iptables-legacy-restore', ['--version']),
  },
  netns: {
    what: 'root and iproute2 (network namespaces)',
    install: 'apt-get install -y iproute2 and run the tests as root',
    probe: () => isRoot() && commandWorks('ip', ['-V']),
  },
  chromium: {
    what: 'Chromium',
    install: 'apt-get install -y chromium',
    probe: () => existsSync('/usr/bin/chromium'),
  },
  seeds: {
    what: 'the seed documents',
    install: 'point FLOWMATRIX_SEEDS at the folder holding the five seed .txt files (default ../shared/seeds)',
    probe: () => existsSync(seedsDir()),
  },
  fixtures: fixturesRequirement,
} satisfies Record<string, SystemRequirement>;

export { fixturesDir };

/**
 * The seed documents: FLOWMATRIX_SEEDS when set, else `shared/seeds` beside the checkout (the workplace layout),
 * else the workplace's own copy. They are other people's text, so they are never copied into the repository.
 */
export function seedsDir(): string {
  if (process.env.FLOWMATRIX_SEEDS) return process.env.FLOWMATRIX_SEEDS;
  const candidates = [new URL('../../../shared/seeds', import.meta.url).pathname, '/work/shared/seeds'];
  return candidates.find((dir) => existsSync(dir)) ?? (candidates[0] as string);
}

/**
 * Returns a reason string when the requirements are not met (use with `describe.skipIf`), or undefined.
 * Under FLOWMATRIX_REQUIRE_SYSTEM=1 a missing requirement throws, so CI cannot pass by skipping.
 */
export function missing(...reqs: SystemRequirement[]): string | undefined {
  const absent = reqs.filter((r) => !r.probe());
  if (absent.length === 0) return undefined;
  const reason = absent.map((r) => `${r.what} missing (${r.install})`).join('; ');
  if (REQUIRE_SYSTEM && absent.some((r) => !r.imageOnly)) throw new Error(`FLOWMATRIX_REQUIRE_SYSTEM=1 and ${reason}`);
  console.warn(`skipping: ${reason}`);
  return reason;
}
