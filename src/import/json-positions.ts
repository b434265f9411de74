import { buildSourceMap } from '../catalog/source-map.js';
import type { Issue } from '../model/issues.js';

/**
 * The issues about a JSON text that parsed, each given the line:col of the value its path names (a missing field:
 * the object that lacks it; the text itself: its first value). JSON is YAML, so the positioned YAML reader finds
 * them; built only when there are issues to place.
 */
export function placeJsonIssues(text: string, issues: readonly Issue[]): Issue[] {
  if (issues.every((i) => i.line !== undefined)) return [...issues];
  const map = buildSourceMap(text.replace(/^\uFEFF/, ''));
  return issues.map((i) => {
    if (i.line !== undefined) return i;
    const { line, col } = map.position(i.path);
    return { ...i, line, col };
  });
}
