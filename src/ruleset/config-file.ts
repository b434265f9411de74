import { fail, type Issue, issue, type Result } from '../model/issues.js';
import type { Ruleset } from './types.js';

/** A configuration file as read from a device or a backup: its path (for locations) and its text. */
export interface ConfigFile {
  readonly path: string;
  readonly text: string;
}

/**
 * The text without the byte-order mark a Windows editor writes first: no part of any configuration syntax, and it
 * shifts no line. Every reader starts with it, and so does format detection.
 */
export const withoutByteOrderMark = (text: string): string => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

/** What a reader may be told beyond the files: which policy of a multi-policy file to read (PAN-OS Panorama). */
export interface ReadOptions {
  /** A device group (`GROUP` or `GROUP/VSYS`) or a vsys. */
  readonly scope?: string;
}

/** An error (or, with `severity`, a warning) at a line of a configuration file. */
export const configIssue = (file: string, line: number, message: string, hint?: string, col = 1): Issue => ({
  ...issue('config-syntax', [], message, hint),
  file,
  line,
  col,
});

/**
 * One configuration syntax verify reads, declared by the target whose platform writes it (`formats` in
 * `src/targets/<id>/index.ts`). `detect` looks at the text only (cheap, no full parse); `parse` reads every file at
 * once (iptables + ip6tables + ipset save) into one ruleset, or returns every error with its line. `target` names the
 * platform whose printer writes the rules to add.
 */
export interface ConfigFormat {
  readonly id: string;
  readonly title: string;
  readonly target?: string;
  /** How the syntax names the sides of a rule: by interface (ASA nameif, FortiOS) or by zone (PAN-OS, SRX). */
  readonly zones?: 'interfaces' | 'zones';
  /** `routing`: rules filter on the ingress interface only, routing picks the egress (ASA; see VerifyOptions). */
  readonly egress?: 'routing';
  readonly detect: (text: string) => boolean;
  readonly parse: (files: readonly ConfigFile[], options?: ReadOptions) => Result<Ruleset>;
  /** Whether the syntax holds several policies, one chosen with `ReadOptions.scope` (Panorama device groups, vsys). */
  readonly scoped?: boolean;
}

/** One file, one ruleset: the syntaxes that do not combine several files. */
export const singleFile =
  (parse: (file: ConfigFile, options?: ReadOptions) => Result<Ruleset>) =>
  (files: readonly ConfigFile[], options?: ReadOptions): Result<Ruleset> => {
    const [file, ...rest] = files;
    if (!file) return fail([configIssue('', 1, 'no configuration file')]);
    if (rest.length > 0)
      return fail([
        configIssue(rest[0]?.path ?? '', 1, 'this syntax takes one file', 'give the whole ruleset in one file'),
      ]);
    return parse(file, options);
  };
