import { fail, type Issue, issue, type Result } from '../model/issues.js';
import { rulesetFromJson } from '../ruleset/json.js';
import type { Ruleset } from '../ruleset/types.js';

/** A configuration file as read from a device or a backup: its path (for locations) and its text. */
export interface ConfigFile {
  readonly path: string;
  readonly text: string;
}

/**
 * One configuration syntax verify reads. `detect` looks at the text only (cheap, no full parse); `parse` reads
 * every file at once (iptables + ip6tables + ipset save) into one ruleset, or returns every error with its line.
 * `target` names the platform whose printer writes the rules to add.
 */
export interface ConfigFormat {
  readonly id: string;
  readonly title: string;
  readonly target?: string;
  readonly detect: (text: string) => boolean;
  readonly parse: (files: readonly ConfigFile[]) => Result<Ruleset>;
}

const rulesetJson: ConfigFormat = {
  id: 'ruleset-json',
  title: 'Flowmatrix neutral ruleset (JSON)',
  detect: (text) => /^\s*\{[\s\S]*"format"\s*:\s*"flowmatrix-ruleset\/1"/.test(text.slice(0, 4096)),
  parse: (files) => {
    const file = files[0];
    if (!file || files.length > 1)
      return fail([configIssue(file?.path ?? '', 1, 'give exactly one ruleset JSON file')]);
    let value: unknown;
    try {
      value = JSON.parse(file.text);
    } catch (e) {
      return fail([configIssue(file.path, 1, `not JSON: ${(e as Error).message}`)]);
    }
    const r = rulesetFromJson(value);
    return r.ok ? { ok: true, value: r.value, warnings: [] } : fail([configIssue(file.path, 1, r.message)]);
  },
};

/** The registry: one line per syntax. Parsers of device configurations register here. */
const FORMATS: ConfigFormat[] = [rulesetJson];

export const configFormats = (): readonly ConfigFormat[] => FORMATS;
export const CONFIG_FORMAT_IDS = (): string[] => ['auto', ...FORMATS.map((f) => f.id)];

/** The format of a set of files: the one asked for, or the one whose `detect` accepts the first file. */
export function pickFormat(id: string, files: readonly ConfigFile[]): Result<ConfigFormat> {
  if (id !== 'auto') {
    const f = FORMATS.find((x) => x.id === id);
    return f
      ? { ok: true, value: f, warnings: [] }
      : fail([
          issue('invalid-value', [], `unknown configuration format "${id}"`, `use ${CONFIG_FORMAT_IDS().join(', ')}`),
        ]);
  }
  const first = files[0];
  const found = first ? FORMATS.find((f) => f.detect(first.text)) : undefined;
  if (found) return { ok: true, value: found, warnings: [] };
  return fail([
    {
      ...issue(
        'invalid-value',
        [],
        'cannot tell the configuration format',
        `name it with --format (${FORMATS.map((f) => f.id).join(', ')})`,
      ),
      ...(first ? { file: first.path } : {}),
    },
  ]);
}

/** An error at a line of a configuration file. */
export const configIssue = (file: string, line: number, message: string, hint?: string, col = 1): Issue => ({
  ...issue('config-syntax', [], message, hint),
  file,
  line,
  col,
});
