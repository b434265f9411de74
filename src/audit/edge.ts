import { readFileSync } from 'node:fs';
import { isAbsolute, relative, sep } from 'node:path';
import { buildSourceMap, type SourceMap } from '../catalog/source-map.js';
import type { Catalog } from '../model/catalog.js';
import type { YamlPath } from '../model/issues.js';
import type { Matrix } from '../model/matrix.js';
import type { Site } from '../model/site.js';
import type { SourceLocation } from './formats/index.js';
import type { AuditFinding } from './types.js';

// Edge module (reads files): places findings in the catalog and site files.

/** What was audited, with the files findings point into. */
export interface Subject {
  readonly matrix: Matrix;
  readonly catalogs: readonly Catalog[];
  readonly site?: Site;
  readonly sitePath?: string;
  /** Where a path of the site was written (a site of several files: include, extends); default the site file. */
  readonly siteSourceOf?: (path: YamlPath) => { id: string; path: YamlPath };
  /** Every site file read (the site first). */
  readonly siteFiles?: readonly string[];
  /** Catalog id → file. */
  readonly catalogFiles: ReadonlyMap<string, string>;
}

/** Findings → file and line: a flow's entry in its catalog, or the site entry a site finding is about. */
export function locator(subject: Subject, cwd: string): (f: AuditFinding) => SourceLocation | undefined {
  const maps = new Map<string, SourceMap>();
  const mapOf = (path: string): SourceMap => {
    let m = maps.get(path);
    if (!m) {
      m = buildSourceMap(readFileSync(path, 'utf8'));
      maps.set(path, m);
    }
    return m;
  };
  const uri = (path: string): string => {
    const rel = relative(cwd, path);
    return (rel.startsWith('..') || isAbsolute(rel) ? path : rel).split(sep).join('/');
  };
  return (f) => {
    if (f.catalog && f.flow) {
      const path = subject.catalogFiles.get(f.catalog);
      const catalog = subject.catalogs.find((c) => c.id === f.catalog);
      const index = catalog?.flows.findIndex((x) => x.id === f.flow) ?? -1;
      if (!path || index < 0) return undefined;
      const pos = mapOf(path).position(['flows', index]);
      return { uri: uri(path), line: pos.line, col: pos.col };
    }
    if (subject.sitePath) {
      const at = f.sitePath && subject.siteSourceOf ? subject.siteSourceOf(f.sitePath) : undefined;
      const file = at?.id ?? subject.sitePath;
      const path = at?.path ?? f.sitePath;
      const pos = path ? mapOf(file).position(path) : { line: 1, col: 1 };
      return { uri: uri(file), line: pos.line, col: pos.col };
    }
    return undefined;
  };
}
