import { z } from 'zod';
import type { Target } from './generate/target.js';
import { type AnyFindingTable, severitiesOf } from './kit/findings.js';

/** The README's targets table sits between these markers; `npm run docs` rewrites what is between them. */
export const TARGETS_START = '<!-- targets:start -->';
export const TARGETS_END = '<!-- targets:end -->';

/** A syntax `verify` reads, and the target whose output it is (`formats` of each target, src/targets/<id>/formats.ts). */
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

/** The value an option takes, from its JSON Schema: `boolean`, `` `a` \| `b` ``, `list of …`. */
function optionType(json: Record<string, unknown>): string {
  if (Array.isArray(json.enum)) return json.enum.map((v) => `\`${String(v)}\``).join(' \\| ');
  if (json.const !== undefined) return `\`${String(json.const)}\``;
  if (json.type === 'array' && json.items) return `list of ${optionType(json.items as Record<string, unknown>)}`;
  if (Array.isArray(json.anyOf)) return json.anyOf.map((j) => optionType(j as Record<string, unknown>)).join(' \\| ');
  return typeof json.type === 'string' ? json.type : 'value';
}

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function findingRows(table: AnyFindingTable, id: string): string[] {
  return Object.entries(table.specs).map(
    ([finding, spec]) =>
      `| \`target:${id}:${finding}\` | ${severitiesOf(spec).join(' or ')} | ${cell(spec.title.en)} | ${cell(spec.title.fr)} |`,
  );
}

const FINDINGS_HEAD = ['| finding | severity | says | dit |', '|---|---|---|---|'];

/**
 * docs/targets.md: for each target, its options (from its schema, `src/targets/<id>/options.ts`) and the findings it
 * declares (`src/targets/<id>/findings.ts`), then the findings the generate stage raises for every target. Written by
 * `npm run docs`, checked by test/docs/targets-table.test.ts.
 */
export function renderTargetsDoc(targets: Readonly<Record<string, Target<never>>>, stage: AnyFindingTable): string {
  const out = [
    '# Targets: options and findings',
    '',
    '<!-- Generated from each target’s options schema and findings table by renderTargetsDoc (src/targets/docs.ts); npm run docs rewrites it. -->',
    '',
    'Options are set per firewall in the site file (`firewalls[].options`, for the firewall’s own platform) or on the',
    'command line (`generate --option name=value`, which wins). An unknown option or a bad value is an error.',
    'Findings are what a target reports instead of writing a rule it cannot express faithfully (`generate` lists',
    'them, `--strict` fails on them).',
    '',
  ];
  for (const [id, t] of Object.entries(targets)) {
    out.push(`## \`${id}\`: ${t.title.en}`, '');
    const shape = Object.keys(t.options.shape);
    if (shape.length === 0) out.push('No option.', '');
    else {
      const json = z.toJSONSchema(t.options as z.ZodType, { io: 'input', unrepresentable: 'any' }) as {
        properties?: Record<string, Record<string, unknown>>;
      };
      out.push('| option | value | meaning |', '|---|---|---|');
      for (const key of shape) {
        const prop = json.properties?.[key] ?? {};
        out.push(`| \`${key}\` | ${optionType(prop)} | ${cell(String(prop.description ?? ''))} |`);
      }
      out.push('');
    }
    const rows = findingRows(t.findings, id);
    if (rows.length === 0) out.push('Findings: those of the generate stage only (below).', '');
    else out.push('Findings of its own, besides those of the generate stage:', '', ...FINDINGS_HEAD, ...rows, '');
  }
  out.push(
    '## Every target: the generate stage',
    '',
    'Raised for each target under its own id (`target:<id>:…`), from its declared capabilities',
    '(src/targets/generate/findings.ts).',
    '',
    ...FINDINGS_HEAD,
    ...findingRows(stage, '<id>'),
    '',
  );
  return out.join('\n');
}
