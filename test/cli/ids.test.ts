import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CLI_IDS_FILE, cliIdsText } from '../../scripts/emit-cli-ids.js';
import { auditFormatIds, auditRuleIds } from '../../src/audit/index.js';
import { loadDocumentFormat } from '../../src/cli/formats.js';
import {
  AUDIT_FORMAT_IDS,
  AUDIT_RULE_IDS,
  CONFIG_FORMAT_IDS,
  DOCUMENT_EXTENSIONS,
  DOCUMENT_FORMAT_IDS,
  LANG_IDS,
  TARGET_IDS,
} from '../../src/cli/ids.js';
import { LANGS } from '../../src/model/text.js';
import { formats } from '../../src/render/index.js';
import { targetIds } from '../../src/targets/index.js';

// The CLI reads these lists from a written file so that --help loads none of their modules; `npm run docs` writes it
// from the modules, so they must stay what the modules say.
describe('the ids the CLI offers without loading their modules', () => {
  it('are in the file `npm run docs` writes from the registries, as it writes it today', () => {
    const stale = 'src/cli/ids.ts is stale: run `npm run docs` (it is written from the registries, never by hand)';
    expect(readFileSync(CLI_IDS_FILE, 'utf8'), stale).toBe(cliIdsText());
  });
  it('are the ids of the targets, audit formats and rules, languages', () => {
    expect([...TARGET_IDS]).toEqual(targetIds);
    expect([...AUDIT_FORMAT_IDS]).toEqual(auditFormatIds);
    expect([...AUDIT_RULE_IDS]).toEqual(auditRuleIds);
    expect([...LANG_IDS]).toEqual([...LANGS]);
  });
  it('are the document formats, with their extensions, each loading the renderer render/index.ts lists', async () => {
    expect(DOCUMENT_FORMAT_IDS).toEqual(Object.keys(formats));
    for (const id of DOCUMENT_FORMAT_IDS) {
      expect(DOCUMENT_EXTENSIONS[id]).toBe(formats[id].extension);
      expect(await loadDocumentFormat(id)).toBe(formats[id]);
    }
  });
});

describe('the README says what --help says', () => {
  it('verify --format: every configuration syntax the CLI offers', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const listed = readme.match(/`--format (auto(?:\\\|[a-z0-9-]+)+)`/)?.[1]?.split('\\|');
    expect(listed?.sort()).toEqual([...CONFIG_FORMAT_IDS].sort());
  });
});
