/**
 * The sets of targets the proofs run over, read from the registry (src/targets/index.ts) and what each target
 * declares, never listed by hand: a new platform is tested by every proof its declarations put it in.
 *
 * - Address-based: a target that prints rules on addresses. Not a proxy file (PAC, Squid: `scope: 'proxy'`, they
 *   render for the site's proxy), not pod selectors (Kubernetes: `capabilities.k8s`).
 * - With a reader: a target that declares `formats` (src/targets/<id>/formats.ts), each syntax with its `parse`.
 * - Writing NAT: a target that declares `natView` (which addresses its rules match for a translated packet).
 *
 * Every address-based target is to have a reader (issue 10: "targets print and parse"): `withoutReader` lists the
 * ones that do not, and test/targets/print-parse.property.test.ts fails on them.
 */
import type { ConfigFormat } from '../../../src/ruleset/config-file.js';
import type { Target } from '../../../src/targets/generate/target.js';
import { isTargetId, type TargetId, targetIds, targets } from '../../../src/targets/index.js';

const target = (id: TargetId): Target<never> => targets[id];

/** Whether a target prints rules on addresses (see above). */
export const printsAddressRules = (t: Target<never>): boolean => t.scope !== 'proxy' && t.capabilities.k8s !== true;

/** Every address-based target, in the registry's order. */
export const ADDRESS_BASED: readonly TargetId[] = targetIds.filter((id) => printsAddressRules(target(id)));

/** The syntaxes a target's configuration is read in (none: no reader). */
export const formatsOf = (id: TargetId): readonly ConfigFormat[] => target(id).formats ?? [];

/** Every syntax some target reads, with that target, in the registry's order and each target's own. */
export const READERS: readonly { readonly id: TargetId; readonly format: ConfigFormat }[] = targetIds.flatMap((id) =>
  formatsOf(id).map((format) => ({ id, format })),
);

/** Address-based targets without a reader: each a platform whose output nothing reads back (a gap, not a choice). */
export const withoutReader = (ids: readonly TargetId[] = ADDRESS_BASED): TargetId[] =>
  ids.filter((id) => formatsOf(id).length === 0);

/** Every target that writes address translations (declares `natView`), in the registry's order. */
export const NAT_WRITERS: readonly TargetId[] = ADDRESS_BASED.filter((id) => target(id).natView !== undefined);

/** Whether the target writes translations only when asked (a `nat` option: the Linux targets); else always. */
export const natOnRequest = (id: string): boolean =>
  isTargetId(id) && Object.hasOwn(target(id).options?.shape ?? {}, 'nat');

/** The artifacts of a target's output that one of its own syntaxes reads (not a load script, not a README). */
export const readable = <A extends { readonly content: string }>(id: TargetId, artifacts: readonly A[]): A[] =>
  artifacts.filter((a) => formatsOf(id).some((f) => f.detect(a.content)));
