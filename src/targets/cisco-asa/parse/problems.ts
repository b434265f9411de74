import type { Issue } from '../../../model/issues.js';
import { configIssue } from '../../../ruleset/config-file.js';

/** Every error and warning of one file, collected so a broken file reports all of them at once. */
export class Problems {
  readonly errors: Issue[] = [];
  readonly warnings: Issue[] = [];
  constructor(readonly file: string) {}

  error(line: number, col: number, message: string, hint?: string): void {
    this.errors.push(configIssue(this.file, line, message, hint, col));
  }

  warn(line: number, col: number, message: string, hint?: string): void {
    this.warnings.push({ ...configIssue(this.file, line, message, hint, col), severity: 'warning' });
  }
}
