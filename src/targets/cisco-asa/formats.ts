import type { ConfigFormat } from '../../ruleset/config-file.js';
import { asaFormat } from './parse/index.js';

/** What `verify` reads an ASA in: its running-config. */
export const asaFormats: readonly ConfigFormat[] = [asaFormat];
