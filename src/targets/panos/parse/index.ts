import type { Result } from '../../../model/issues.js';
import type { ConfigFile, ReadOptions } from '../../../ruleset/config-file.js';
import type { Ruleset } from '../../../ruleset/types.js';
import { lowerPanos } from './lower.js';
import type { PanosDocument } from './model.js';
import { readPanosSet } from './set.js';
import { readPanosXml } from './xml.js';

export { lowerPanos } from './lower.js';
export type { PanosDocument, PanosRule } from './model.js';
export { readPanosSet } from './set.js';
export { readPanosXml } from './xml.js';

const lowered = (read: Result<PanosDocument>, options: ReadOptions): Result<Ruleset> => {
  if (!read.ok) return read;
  const r = lowerPanos(read.value, options);
  return r.ok
    ? { ...r, warnings: [...read.warnings, ...r.warnings] }
    : { ok: false, issues: [...read.warnings, ...r.issues] };
};

/** A PAN-OS or Panorama XML configuration as a neutral ruleset. */
export const parsePanosXml = (file: ConfigFile, options: ReadOptions = {}): Result<Ruleset> =>
  lowered(readPanosXml(file), options);

/** PAN-OS or Panorama `set` commands as a neutral ruleset. */
export const parsePanosSet = (file: ConfigFile, options: ReadOptions = {}): Result<Ruleset> =>
  lowered(readPanosSet(file), options);
