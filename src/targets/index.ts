import type { Result } from '../model/issues.js';
import { didYouMeanText, fail, issue, ok } from '../model/issues.js';
import type { Matrix } from '../model/matrix.js';
import { text } from '../model/text.js';
import { awsSg } from './aws-sg/index.js';
import { azureNsg } from './azure-nsg/index.js';
import { ciscoAsa } from './cisco-asa/index.js';
import { fortios } from './fortios/index.js';
import {
  type GenerateWithOptions,
  generateWith,
  type PreparedGeneration,
  prepareWith,
  unknownFirewall,
} from './generate/generate.js';
import type { Target, TargetOutput } from './generate/target.js';
import { iptables } from './iptables/index.js';
import { juniperSrx } from './juniper-srx/index.js';
import { kubernetes } from './kubernetes/index.js';
import { nftables } from './nftables/index.js';
import { pac } from './pac/index.js';
import { panos } from './panos/index.js';
import { squid } from './squid/index.js';
import { windowsFirewall } from './windows-firewall/index.js';

/** Every target, by id. A plain table: nothing registers itself on import. */
export const targets = {
  nftables,
  iptables,
  'cisco-asa': ciscoAsa,
  panos,
  fortios,
  'juniper-srx': juniperSrx,
  'windows-firewall': windowsFirewall,
  'aws-sg': awsSg,
  'azure-nsg': azureNsg,
  kubernetes,
  pac,
  squid,
} satisfies Record<string, Target<never>>;
export type TargetId = keyof typeof targets;
export const targetIds = Object.keys(targets) as TargetId[];

export const isTargetId = (id: string): id is TargetId => Object.hasOwn(targets, id);

export interface GenerateOptions {
  /** One firewall; default: every firewall of the site whose platform is the target. */
  readonly firewall?: string;
  /** Target id; default: the named firewall's platform. */
  readonly target?: string;
  /** Target options, checked against the target's schema (`src/targets/<id>/options.ts`, docs/targets.md). */
  readonly options?: Record<string, unknown>;
}

/** Matrix → artifacts + findings for one target (and one firewall or all of that platform). */
export function generate(matrix: Matrix, opts: GenerateOptions = {}): Result<TargetOutput> {
  const run = targetRun(matrix, opts);
  return run.ok ? generateWith(run.value.target, matrix, run.value.with) : run;
}

/**
 * `generate` up to printing: everything it needs of the matrix taken, so that a caller can let go of the matrix
 * before `printPrepared` (see `PreparedGeneration`).
 */
export function prepareGenerate(matrix: Matrix, opts: GenerateOptions = {}): PreparedGeneration {
  const run = targetRun(matrix, opts);
  return run.ok ? prepareWith(run.value.target, matrix, run.value.with) : { kind: 'done', output: run };
}

/** The target a generation runs and its options, checked against the matrix's firewalls. */
function targetRun(
  matrix: Matrix,
  opts: GenerateOptions,
): Result<{ target: Target<Record<string, unknown>>; with: GenerateWithOptions<Record<string, unknown>> }> {
  const names = matrix.firewalls.map((f) => f.name);
  // A proxy target names the site's proxy, not a firewall: `generateForProxy` checks `firewall` against it.
  const proxyTarget = opts.target !== undefined && isTargetId(opts.target) && targets[opts.target].scope === 'proxy';
  if (opts.firewall !== undefined && !proxyTarget && !names.includes(opts.firewall))
    return fail([unknownFirewall(opts.firewall, names)]);
  const platform = opts.target ?? matrix.firewalls.find((f) => f.name === opts.firewall)?.platform;
  if (platform === undefined) {
    return fail([
      issue(
        'target-unsupported',
        ['firewalls'],
        text(
          'aucune cible donnée, et aucun pare-feu d’où la prendre',
          'no target given and no firewall to take it from',
        ),
        text(`donnez une cible : ${targetIds.join(', ')}`, `pass a target: ${targetIds.join(', ')}`),
      ),
    ]);
  }
  if (!isTargetId(platform)) {
    return fail([
      issue(
        'target-unsupported',
        ['firewalls'],
        text(`cible inconnue "${platform}"`, `unknown target "${platform}"`),
        didYouMeanText(platform, targetIds) ??
          text(`cibles connues : ${targetIds.join(', ')}`, `known: ${targetIds.join(', ')}`),
      ),
    ]);
  }
  const target: Target<Record<string, unknown>> = targets[platform];
  return ok({
    target,
    with: {
      ...(opts.firewall === undefined ? {} : { firewall: opts.firewall }),
      ...(opts.options ? { options: opts.options } : {}),
    },
  });
}

export * from './generate/index.js';
export * from './kit/index.js';
