import { type Issue, issue } from '../model/issues.js';

/** A configuration file as read from a device or a backup: its path (for locations) and its text. */
export interface ConfigFile {
  readonly path: string;
  readonly text: string;
}

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
