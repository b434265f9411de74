import type { CommandSpec } from '../command.js';
import { auditCommands } from './audit.js';
import { catalogListCommand, catalogShowCommand } from './catalog.js';
import { generateCommand } from './generate.js';
import { matrixCommand } from './matrix.js';
import { validateCommand } from './validate.js';

/** Every command, in the order `--help` lists them. Nothing registers itself on import. */
export const commands = [
  validateCommand,
  catalogListCommand,
  catalogShowCommand,
  matrixCommand,
  generateCommand,
  ...auditCommands,
] as CommandSpec<never>[];
