import { fail, issue, type Result } from '../model/issues.js';
import {
  type ConfigFile,
  type ConfigFormat,
  configIssue,
  type ReadOptions,
  withoutByteOrderMark,
} from '../ruleset/config-file.js';
import { rulesetFromJson } from '../ruleset/json.js';
import { targets } from '../targets/index.js';

export { type ConfigFile, type ConfigFormat, configIssue, type ReadOptions };

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

/**
 * The registry: the neutral ruleset JSON, then each platform's syntaxes as its target declares them
 * (`src/targets/<id>/formats.ts`), in the registry's order; auto-detection takes the first whose `detect` accepts.
 */
const FORMATS: readonly ConfigFormat[] = [
  rulesetJson,
  ...Object.values(targets).flatMap((target) => target.formats ?? []),
];

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
  const head = first && withoutByteOrderMark(first.text);
  const found = head !== undefined ? FORMATS.find((f) => f.detect(head)) : undefined;
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
