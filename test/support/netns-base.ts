import { execFile, execFileSync } from 'node:child_process';

/** What every lab shares: running commands in namespaces, loading rulesets, and cleaning up on exit. */

export function run(cmd: string, args: readonly string[], input?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(cmd, [...args], { maxBuffer: 64 * 1024 * 1024, timeout: 120_000 }, (err, stdout, stderr) =>
      err ? reject(new Error(`${cmd} ${args.slice(0, 6).join(' ')}: ${stderr || err.message}`)) : resolve(stdout),
    );
    if (input !== undefined) child.stdin?.end(input);
  });
}

export const inNamespace = (ns: string, cmd: string, args: readonly string[], input?: string): Promise<string> =>
  run('ip', ['netns', 'exec', ns, cmd, ...args], input);

export interface RulesetLoader {
  /** Replaces the firewall namespace's ruleset with an nft file. */
  loadNft(ruleset: string): Promise<void>;
  /** Replaces it with iptables-save / ip6tables-save files (and an ipset restore file, loaded first). */
  loadIptables(files: { readonly v4: string; readonly v6: string; readonly ipset?: string }): Promise<void>;
}

export function rulesetLoader(firewall: string): RulesetLoader {
  return {
    async loadNft(ruleset) {
      await inNamespace(firewall, 'nft', ['flush', 'ruleset']);
      await inNamespace(firewall, 'nft', ['-f', '-'], ruleset);
    },
    async loadIptables(files) {
      await inNamespace(firewall, 'nft', ['flush', 'ruleset']);
      if (files.ipset) await inNamespace(firewall, 'ipset', ['restore', '-exist'], files.ipset);
      await inNamespace(firewall, 'iptables-restore', [], files.v4);
      await inNamespace(firewall, 'ip6tables-restore', [], files.v6);
    },
  };
}

export function deleteNamespaces(names: readonly string[]): void {
  for (const ns of names) {
    try {
      execFileSync('ip', ['netns', 'del', ns], { stdio: 'ignore' });
    } catch {
      // already gone
    }
  }
}

const live = new Set<{ destroy(): void }>();
let exitHookInstalled = false;

/** Registers a lab so that it is torn down when the process exits, whatever happened; returns the unregister. */
export function keepUntilExit(lab: { destroy(): void }): () => void {
  live.add(lab);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on('exit', () => {
      for (const l of live) l.destroy();
    });
  }
  return () => live.delete(lab);
}

let counter = 0;
/** Namespace names unique to this process and call. */
export const uniquePrefix = (tag: string): string => `${tag}${process.pid}x${counter++}`;
