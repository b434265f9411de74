import type { CommandSpec } from '../command.js';
import { auditCommand } from './audit.js';
import { catalogListCommand, catalogNewCommand, catalogShowCommand } from './catalog.js';
import { changeRequestCommand } from './change-request.js';
import { diffCommand } from './diff.js';
import { generateCommand } from './generate.js';
import { importM365Command, importTableCommand } from './import.js';
import { matrixCommand } from './matrix.js';
import { policyExportCommand, policyImportCommand } from './policy.js';
import { probeCommand } from './probe.js';
import { serveCommand } from './serve.js';
import { validateCommand } from './validate.js';
import { verifyCommand } from './verify.js';

/** Every command, in the order `--help` lists them. Nothing registers itself on import. */
export const commands = [
  validateCommand,
  catalogListCommand,
  catalogShowCommand,
  catalogNewCommand,
  matrixCommand,
  generateCommand,
  auditCommand,
  verifyCommand,
  probeCommand,
  diffCommand,
  changeRequestCommand,
  policyExportCommand,
  policyImportCommand,
  importM365Command,
  importTableCommand,
  serveCommand,
] as CommandSpec<never>[];
