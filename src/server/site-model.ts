import type { AuditResult } from '../audit/run.js';
import { type LoadedSite, loadSiteFile } from '../catalog/fs.js';
import { readYamlText } from '../catalog/parse.js';
import type { SiteFiles } from '../catalog/site-compose.js';
import { resolveSite } from '../matrix/index.js';
import type { Issue } from '../model/issues.js';
import { issue } from '../model/issues.js';
import type { Matrix } from '../model/matrix.js';
import { text } from '../model/text.js';
import { placeInSite, preflight } from '../targets/preflight.js';
import type { ValidationIssue } from './api-types.js';

/**
 * A site text from the database, read with the product's own loader: the same checks, positions and messages as
 * `flowmatrix validate`. A stored site names built-in catalogs; it has no neighbouring files to include or extend.
 */
export interface SiteModel extends LoadedSite {
  readonly matrix: Matrix;
  /** Warnings of loading and resolving, placed in the text. */
  readonly warnings: readonly Issue[];
}

/** The name the text goes by in messages and positions. */
const SITE_FILE = '/flowmatrix/site.yaml';

function textFiles(source: string): SiteFiles {
  return {
    resolve: (_from, ref) => `/flowmatrix/${ref}`,
    read: (id) =>
      id === SITE_FILE
        ? { text: readYamlText(source, 'site.yaml') }
        : {
            issue: {
              ...issue(
                'file-not-found',
                [],
                text(
                  `un site enregistré ne peut pas inclure ni étendre "${id.slice(12)}"`,
                  `a stored site cannot include or extend "${id.slice(12)}"`,
                ),
                text(
                  'collez le contenu de ce fichier dans le texte du site',
                  'paste the content of that file into the site text',
                ),
              ),
              file: 'site.yaml',
              line: 1,
              col: 1,
            },
          },
  };
}

export type SiteLoad = { ok: true; model: SiteModel } | { ok: false; issues: Issue[] };

/** Loads, checks and resolves a site text; every problem comes back positioned (line, col). */
export function loadSiteText(text: string): SiteLoad {
  const loaded = loadSiteFile(SITE_FILE, textFiles(text));
  if (!loaded.ok) return { ok: false, issues: loaded.issues };
  const value = loaded.value;
  const resolved = resolveSite({ site: value.site, catalogs: value.catalogs });
  const place = value.placeIssues;
  if (!resolved.ok) return { ok: false, issues: [...loaded.warnings, ...place(resolved.issues)] };
  const warnings = [...loaded.warnings, ...place(resolved.warnings)];
  return { ok: true, model: { ...value, matrix: resolved.value, warnings } };
}

/**
 * A site text checked as `flowmatrix validate` checks it: loaded and resolved, then refused for what `generate` would
 * refuse (unknown platforms, firewall options, interface names): the same `preflight`, placed in the text. For saves
 * and the editor's live check; a stored version opens with `loadSiteText` alone, so one written before a check still
 * shows its matrix.
 */
export function checkSiteLoad(text: string): SiteLoad {
  const load = loadSiteText(text);
  if (!load.ok) return load;
  const refused = placeInSite(load.model.placeIssues, 'site.yaml', preflight(load.model.matrix));
  return refused.length > 0 ? { ok: false, issues: [...load.model.warnings, ...refused] } : load;
}

/**
 * Issues as the API gives them: `{line, col, message, hint, severity}` (the CLI's checks and positions), with the
 * French beside the English (`fr`), so the screen shows its own language, switched without asking again.
 */
export const apiIssues = (issues: readonly Issue[]): ValidationIssue[] =>
  issues.map((i) => {
    const issue: ValidationIssue = {
      line: i.line ?? 1,
      col: i.col ?? 1,
      message: i.message,
      hint: i.hint ?? '',
      severity: i.severity,
      code: i.code,
    };
    return i.fr ? { ...issue, fr: { message: i.fr.message, hint: i.fr.hint ?? '' } } : issue;
  });

/**
 * Resolved sites by id and version: a version's text never changes, so neither does its matrix. Bounded, least
 * recently used out first: a 100k-row matrix is large.
 */
export class ModelCache {
  private readonly entries = new Map<string, Entry>();
  constructor(private readonly capacity = 8) {}

  /** A version loaded elsewhere (the check of a save). */
  put(siteId: number, version: number, load: SiteLoad): void {
    const key = `${siteId}@${version}`;
    this.entries.delete(key);
    this.entries.set(key, { load });
    this.trim();
  }

  private trim(): void {
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }

  async get(siteId: number, version: number, text: () => Promise<string>): Promise<SiteLoad> {
    const key = `${siteId}@${version}`;
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.load;
    }
    const load = loadSiteText(await text());
    this.entries.set(key, { load });
    this.trim();
    return load;
  }

  /**
   * The audit of a version on a day, kept with its model (the audit is pure; expiries make it depend on the day).
   * A version no longer cached is audited without being kept.
   */
  audit(siteId: number, version: number, day: string, compute: () => AuditResult): AuditResult {
    const entry = this.entries.get(`${siteId}@${version}`);
    if (entry?.audit?.day === day) return entry.audit.result;
    const result = compute();
    if (entry) entry.audit = { day, result };
    return result;
  }
}

interface Entry {
  readonly load: SiteLoad;
  audit?: { readonly day: string; readonly result: AuditResult };
}
