import type { Result } from '../../../model/issues.js';
import type { ConfigFile } from '../../../ruleset/config-file.js';
import type { Ruleset } from '../../../ruleset/types.js';
import { lowerPanos } from './lower.js';
import type { PanosDocument } from './model.js';
import { readPanosSet } from './set.js';
import { readPanosXml } from './xml.js';

export { lowerPanos } from './lower.js';
export type { PanosDocument, PanosRule } from './model.js';
export { readPanosSet } from './set.js';
export { readPanosXml } from './xml.js';

const lowered = (read: Result<PanosDocument>): Result<Ruleset> => {
  if (!read.ok) return read;
  const r = lowerPanos(read.value);
  return r.ok
    ? { ...r, warnings: [...read.warnings, ...r.warnings] }
    : { ok: false, issues: [...read.warnings, ...r.issues] };
};

/** A PAN-OS or Panorama XML configuration as a neutral ruleset. */
export const parsePanosXml = (file: ConfigFile): Result<Ruleset> => lowered(readPanosXml(file));

/** PAN-OS or Panorama `set` commands as a neutral ruleset. */
export const parsePanosSet = (file: ConfigFile): Result<Ruleset> => lowered(readPanosSet(file));
