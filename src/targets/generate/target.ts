import type { z } from 'zod';
import type { Finding } from '../../model/finding.js';
import { fail, type Result } from '../../model/issues.js';
import type { Text } from '../../model/text.js';
import type { Protocol } from '../../model/vocab.js';
import type { ConfigFormat } from '../../ruleset/config-file.js';
import type { FirewallRuleset } from '../../ruleset/firewall.js';
import type { PlatformDelta } from '../kit/delta.js';
import type { AnyFindingTable } from '../kit/findings.js';
import { checkOptions, type OptionsSchema } from '../kit/options.js';
import type { NatView } from './nat.js';
import type { ProxyContext } from './proxy.js';
import type { FirewallRule } from './rules.js';

/** What a platform can express. Everything a rule needs beyond this becomes a finding, never a wider rule. */
export interface Capabilities {
  readonly fqdn: boolean;
  readonly wildcardFqdn: boolean;
  readonly url: boolean;
  readonly ipv6: boolean;
  readonly portRanges: boolean;
  readonly comments: boolean;
  readonly maxCommentLength?: number;
  /** A rule may carry one comment line per flow (ASA remarks): a rule shared by flows names each whole. */
  readonly commentPerFlow?: boolean;
  readonly maxNameLength?: number;
  /** Return traffic is allowed by connection tracking (no mirror rule needed). */
  readonly stateful: boolean;
  readonly protocols: readonly Protocol[];
  readonly k8s?: boolean;
  /** False for client-side files that never see the source (PAC): sources are not checked nor rendered. */
  readonly sources?: boolean;
  /** Platform-specific alternative for an address kind it cannot express (default: the core's generic advice). */
  readonly instead?: Partial<Record<'fqdn' | 'wildcard-fqdn' | 'url' | 'ipv6', Text>>;
}

/** One generated file. `path` is relative (the CLI decides the folder). */
export interface Artifact {
  readonly path: string;
  readonly content: string;
  readonly mediaType: string;
  /**
   * The same text as `content`, in pieces, when the printer kept it so (not enumerable: JSON and equality see
   * `path`, `content` and `mediaType` only). A writer streams them and the text is never joined: at 100k terms
   * the joined nftables file is a 64 MB string beside its pieces, at the run's peak of memory.
   */
  readonly chunks?: () => Iterable<string>;
}

export interface TargetOutput {
  readonly artifacts: Artifact[];
  readonly findings: Finding[];
}

/** What a target renders: the expressible rules of one firewall, already checked against its capabilities. */
export interface FirewallSlice {
  readonly site: { readonly id: string; readonly title: string };
  readonly firewall: string;
  readonly rules: readonly FirewallRule[];
  /** Set for proxy targets (`scope: 'proxy'`): `firewall` is then the proxy's name. */
  readonly proxy?: ProxyContext;
}

interface TargetBase {
  readonly id: string;
  readonly title: Text;
  readonly capabilities: Capabilities;
  /**
   * Which addresses the platform's rules match for a translated packet (src/targets/generate/nat.ts); absent: the
   * target cannot write rules for rows crossing NAT, which become `nat-unsupported` findings.
   */
  readonly natView?: NatView;
  /** What the target itself may report (`src/targets/<id>/findings.ts`); the stage's own are in generate/findings.ts. */
  readonly findings: AnyFindingTable;
  /** Its options (`src/targets/<id>/options.ts`), the one source of their type: checked before `print`, always. */
  readonly options: OptionsSchema;
  /** The syntaxes `verify` reads the platform's configuration in, in detection order (`parse/` in its folder). */
  readonly formats?: readonly ConfigFormat[];
  /** The file a user gives `verify` for a firewall, and the device command that writes it (change requests say it). */
  readonly configHint?: (firewall: string) => string;
  /** How a loaded firewall goes from one generated output to the next (`src/targets/<id>/delta.ts`); absent: in full. */
  readonly delta?: PlatformDelta;
}

/** A platform that filters packets: it prints one firewall's capability-checked ruleset. */
export interface FirewallTarget<O = Record<string, unknown>> extends TargetBase {
  readonly scope?: 'firewall';
  /**
   * The options with which its output loads beside the device's own rules and removes none of them (verify offers
   * the rules a device misses in that form); absent: its output is a whole policy, which would replace them. Values
   * of its options schema (checked by `print`, and by test/targets/options-direct.test.ts).
   */
  readonly additive?: Readonly<Record<string, unknown>>;
  /** Pure: no clock, no file system, no logger. Same input, same bytes. */
  print(ruleset: FirewallRuleset, options?: Partial<O>): Result<TargetOutput>;
}

/** A client-side or proxy file (PAC, Squid): it renders for the site's outbound proxy, from the proxy's slice. */
export interface ProxyTarget<O = Record<string, unknown>> extends TargetBase {
  readonly scope: 'proxy';
  /** Written for every site with an outbound proxy when no target is asked (the clients' PAC file); else on demand. */
  readonly forEveryProxy?: boolean;
  /** Pure: no clock, no file system, no logger. Same input, same bytes. */
  print(slice: FirewallSlice, options?: Partial<O>): Result<TargetOutput>;
}

export type Target<O = Record<string, unknown>> = FirewallTarget<O> | ProxyTarget<O>;

/**
 * What a target is defined from: its options' type is the schema's output, so the printer and the schema agree at
 * compile time.
 */
type Defined<T, S extends OptionsSchema> = T & { readonly options: S };

/**
 * Checks a target's shape and keeps its literal type. Its `print` parses the options with the schema first: a
 * direct call (the library's `targets.x.print`) fails closed on a bad value as `generate` does, and the printer
 * never checks them again. `generate` has checked them already (placed in the site); a parsed value parses to itself.
 */
export const defineTarget = <S extends OptionsSchema>(
  target: Defined<FirewallTarget<z.output<S>>, S>,
): FirewallTarget<z.output<S>> => ({ ...target, print: checkedPrint(target, target.print) });
export const defineProxyTarget = <S extends OptionsSchema>(
  target: Defined<ProxyTarget<z.output<S>>, S>,
): ProxyTarget<z.output<S>> => ({ ...target, print: checkedPrint(target, target.print) });

const checkedPrint =
  <I, O>(target: TargetBase, print: (input: I, options?: Partial<O>) => Result<TargetOutput>) =>
  (input: I, options?: Partial<O>): Result<TargetOutput> => {
    const checked = checkOptions(target.options, target.id, options ?? {}, ['options']);
    return checked.ok ? print(input, checked.value as Partial<O>) : fail(checked.issues);
  };
