import { type Issue, issue } from '../model/issues.js';

/** A configuration file as read from a device or a backup: its path (for locations) and its text. */
export interface ConfigFile {
  readonly path: string;
  readonly text: string;
}

/** An error (or, with `severity`, a warning) at a line of a configuration file. */
export const configIssue = (file: string, line: number, message: string, hint?: string, col = 1): Issue => ({
  ...issue('config-syntax', [], message, hint),
  file,
  line,
  col,
});
