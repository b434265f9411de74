import { execFileSync } from 'node:child_process';
import type { Matrix } from '../../src/model/matrix.js';
import type { TargetOutput } from '../../src/targets/generate/target.js';
import { generate } from '../../src/targets/index.js';
import { deleteNamespaces, inNamespace, run, uniquePrefix } from '../support/netns-base.js';

/**
 * One bare namespace per proof (no links, no traffic): a ruleset is loaded, a delta script runs in it, and the
 * kernel's own listing is compared with NEW loaded directly into a second one.
 */
export interface Pair {
  readonly a: string;
  readonly b: string;
  destroy(): void;
}

export function namespaces(): Pair {
  const prefix = uniquePrefix('fmd');
  const a = `${prefix}a`;
  const b = `${prefix}b`;
  execFileSync('ip', ['netns', 'add', a]);
  execFileSync('ip', ['netns', 'add', b]);
  return { a, b, destroy: () => deleteNamespaces([a, b]) };
}

export function generated(m: Matrix, firewall: string, target: 'nftables' | 'iptables'): TargetOutput {
  const r = generate(m, { firewall, target });
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
  return r.value;
}

const file = (out: TargetOutput, ext: string) => out.artifacts.find((x) => x.path.endsWith(ext))?.content;

export async function load(ns: string, target: 'nftables' | 'iptables', out: TargetOutput): Promise<void> {
  await inNamespace(ns, 'nft', ['flush', 'ruleset']);
  for (const name of (await inNamespace(ns, 'ipset', ['list', '-n'])).split('\n').filter(Boolean))
    await inNamespace(ns, 'ipset', ['destroy', name]);
  if (target === 'nftables') {
    await inNamespace(ns, 'nft', ['-f', '-'], file(out, '.nft'));
    return;
  }
  const ipset = file(out, '.ipset');
  if (ipset) await inNamespace(ns, 'ipset', ['restore', '-exist'], ipset);
  await inNamespace(ns, 'iptables-restore', [], file(out, '.iptables'));
  await inNamespace(ns, 'ip6tables-restore', [], file(out, '.ip6tables'));
}

export const runScript = (ns: string, script: string): Promise<string> => inNamespace(ns, 'sh', ['-s'], script);

/** What the kernel holds, without handles, counters and the order sets were created in. */
export async function listing(ns: string, target: 'nftables' | 'iptables'): Promise<string> {
  if (target === 'nftables') {
    const text = (await inNamespace(ns, 'nft', ['list', 'ruleset'])).replace(
      /counter packets \d+ bytes \d+/g,
      'counter',
    );
    // Sets and chains in name order: a delta creates its new ones after the kept ones, a fresh load in file order.
    const blocks: string[] = [];
    const rest = text.replace(/\t(?:set|chain) \S+ \{\n[\s\S]*?\n\t\}\n\n?/g, (block) => {
      blocks.push(block.trimEnd());
      return '';
    });
    return `${blocks.sort().join('\n')}\n${rest}`;
  }
  const save = async (tool: string) =>
    (await inNamespace(ns, tool, []))
      .split('\n')
      .filter((l) => !l.startsWith('#'))
      .map((l) => l.replace(/\[\d+:\d+\]/, '[0:0]'))
      .join('\n');
  const sets = (await inNamespace(ns, 'ipset', ['save']))
    .replace(/ initval 0x[0-9a-f]+/g, '')
    .split('\n')
    .sort()
    .join('\n');
  return `${await save('iptables-save')}\n${await save('ip6tables-save')}\n${sets}`;
}

export { run };
