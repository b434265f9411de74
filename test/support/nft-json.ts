import { formatIssue } from '../../src/model/issues.js';
import { deleteNamespaces, inNamespace, run, uniquePrefix } from './netns-base.js';

/** The value of a reader's result, or every issue at once as the error. */
export function readOrThrow<T>(
  r: { ok: true; value: T } | { ok: false; issues: readonly Parameters<typeof formatIssue>[0][] },
): T {
  if (!r.ok) throw new Error(r.issues.map(formatIssue).join('\n'));
  return r.value;
}

/** `nft -j list ruleset` of a text ruleset, from a namespace of its own (named after `prefix`), always removed. */
export async function nftJsonOf(text: string, prefix: string): Promise<string> {
  const ns = `${uniquePrefix(prefix)}-j`;
  await run('ip', ['netns', 'add', ns]);
  try {
    await inNamespace(ns, 'nft', ['-f', '-'], text);
    return await inNamespace(ns, 'nft', ['-j', 'list', 'ruleset']);
  } finally {
    deleteNamespaces([ns]);
  }
}
