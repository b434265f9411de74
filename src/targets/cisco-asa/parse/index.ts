import { fail, ok, type Result } from '../../../model/issues.js';
import { type ConfigFile, configIssue } from '../../../ruleset/config-file.js';
import type { Ruleset } from '../../../ruleset/types.js';
import { type Ace, readAce } from './ace.js';
import { lowerConfig, preV9 } from './lower.js';
import type { AsaConfig } from './model.js';
import { Problems } from './problems.js';
import { readConfig } from './read.js';
import { Resolver } from './resolve.js';
import { LineError } from './values.js';

export type { Ace } from './ace.js';
export type { AsaConfig } from './model.js';

/** A running-config read: what it defines, every access-list entry, and the ruleset verify walks. */
export interface AsaReading {
  readonly config: AsaConfig;
  readonly aces: readonly Ace[];
  readonly ruleset: Ruleset;
}

/**
 * A Cisco ASA (or PIX 7) `show running-config` into the neutral ruleset. Every broken line is reported at once with
 * its line and column; values the reader cannot work out (an undefined object-group, an FQDN, a schedule, an
 * interface's own address) make the entries using them uninterpreted, with the reason, and are listed as warnings.
 */
export function readAsa(file: string, text: string): Result<AsaReading> {
  const problems = new Problems(file);
  const config = readConfig(file, text, problems);
  const resolver = new Resolver(config.definitions);
  const aces: Ace[] = [];
  for (const [acl, entries] of config.acls) {
    for (const entry of entries) {
      try {
        const ace = readAce(acl, entry, file, { names: config.names, resolver, preV9: preV9(config) });
        aces.push(ace);
        if (ace.inactive)
          problems.warn(ace.line, 1, `inactive entry of access-list ${acl}: the device skips it, and so does verify`);
        const reasons = ace.rules[0]?.opaque;
        if (reasons)
          problems.warn(
            ace.line,
            1,
            `entry not fully interpreted: ${reasons.join('; ')}`,
            'verdicts it could change are indeterminate',
          );
      } catch (e) {
        if (!(e instanceof LineError)) throw e;
        problems.error(entry.line.no, e.col, e.message, e.hint);
      }
    }
  }
  if (
    problems.errors.length === 0 &&
    aces.length === 0 &&
    config.groups.length === 0 &&
    config.interfaces.length === 0
  ) {
    problems.error(
      1,
      1,
      'no interface, access-list or access-group found: not an ASA running-config',
      'give the output of show running-config',
    );
  }
  if (problems.errors.length > 0) return fail(problems.errors.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)));
  const ruleset = lowerConfig(config, aces, resolver, problems);
  return ok({ config, aces, ruleset }, problems.warnings);
}

/** The one running-config of a device as the neutral ruleset (the verify registry's entry point). */
export function parseAsa(files: readonly ConfigFile[]): Result<Ruleset> {
  const file = files[0];
  if (!file || files.length > 1) {
    const at = files[1]?.path ?? file?.path ?? '';
    return fail([configIssue(at, 1, 'give exactly one ASA running-config', 'one file per device')]);
  }
  const r = readAsa(file.path, file.text);
  return r.ok ? ok(r.value.ruleset, r.warnings) : r;
}

/** `ASA Version`, `PIX Version` or `access-list NAME extended`/`access-group … interface` at the start of a line. */
export const detectAsa = (text: string): boolean =>
  /^(?:ASA|PIX) Version \d/m.test(text) ||
  /^access-list \S+ (?:line \d+ )?extended (?:permit|deny) /m.test(text) ||
  /^access-group \S+ (?:in|out) interface \S+/m.test(text);

export const asaFormat = {
  id: 'asa',
  title: 'Cisco ASA running-config (show running-config, ASA 8.3+ and PIX/ASA 7)',
  target: 'cisco-asa',
  egress: 'routing',
  detect: detectAsa,
  parse: parseAsa,
} as const;
