import type { Target } from './generate/target.js';

/** The README's targets table sits between these markers; `npm run docs` rewrites what is between them. */
export const TARGETS_START = '<!-- targets:start -->';
export const TARGETS_END = '<!-- targets:end -->';

/** A syntax `verify` reads, and the target whose output it is (see src/verify/config-formats.ts). */
export interface ReaderInfo {
  readonly id: string;
  readonly target?: string;
}

const yesNo = (value: boolean | undefined): string => (value ? 'yes' : 'no');

/**
 * The targets table, from what each target declares (its title and capabilities) and from the syntaxes that read its
 * output back: nothing in it is written by hand, so it cannot drift from the code.
 */
export function renderTargetsTable(
  targets: Readonly<Record<string, Target<never>>>,
  readers: readonly ReaderInfo[],
): string {
  const rows = Object.entries(targets).map(([id, t]) => {
    const c = t.capabilities;
    const read = readers.filter((r) => r.target === id).map((r) => `\`${r.id}\``);
    const notes = [
      t.scope === 'proxy' ? 'for the site’s proxy' : '',
      c.sources === false ? 'destinations only' : '',
      c.k8s ? 'roles bound to `{ k8s: { namespace, pods } }`' : '',
    ].filter(Boolean);
    return `| \`${id}\` | ${t.title.en} | ${yesNo(c.fqdn)} | ${yesNo(c.wildcardFqdn)} | ${yesNo(c.url)} | ${yesNo(c.ipv6)} | ${yesNo(c.portRanges)} | ${c.protocols.join(', ')} | ${yesNo(c.stateful)} | ${read.join(', ') || '—'} | ${notes.join('; ')} |`;
  });
  return [
    TARGETS_START,
    '<!-- Generated from each target’s declared capabilities by renderTargetsTable (src/targets/docs.ts); npm run docs rewrites it, test/docs/targets-table.test.ts checks it. -->',
    '',
    '| target | platform | DNS name | `*.domain` | URL | IPv6 | port ranges | protocols | stateful | read back by `verify --format` | notes |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
    TARGETS_END,
  ].join('\n');
}

/** The README with its targets table replaced; an error when the markers are missing or out of order. */
export function withTargetsTable(readme: string, table: string): string {
  const start = readme.indexOf(TARGETS_START);
  const end = readme.indexOf(TARGETS_END);
  if (start < 0 || end < start) throw new Error(`README.md: ${TARGETS_START} … ${TARGETS_END} markers not found`);
  return readme.slice(0, start) + table + readme.slice(end + TARGETS_END.length);
}
