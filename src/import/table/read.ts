import type { Auth, Encryption } from '../../model/catalog.js';
import type { Issue } from '../../model/issues.js';
import type { RequirementLevel, TrafficDirection } from '../../model/vocab.js';
import {
  type Endpoint,
  type Read,
  readAuth,
  readByDefault,
  readDirection,
  readEncryption,
  readEndpoint,
  readLevel,
  readServices,
  type Services,
} from './cells.js';
import { cellIssue, type Grid } from './grid.js';
import type { Field, Mapping } from './headers.js';

/** One line of a person's matrix, read. Optional facts are absent when the sheet has no column or the cell is empty. */
export interface TableLine {
  readonly sheet: string;
  readonly row: number;
  readonly source: Endpoint;
  readonly destination: Endpoint;
  readonly services: Services;
  readonly zoneFrom?: string;
  readonly zoneTo?: string;
  readonly direction?: TrafficDirection;
  readonly purpose?: string;
  readonly flow?: string;
  readonly ref?: string;
  readonly level?: RequirementLevel;
  readonly app?: string;
  readonly auth?: Auth;
  readonly encryption?: Encryption;
  readonly notes?: string;
}

/**
 * The lines under the header row. Blank lines are skipped; a line whose every mapped cell is blank too (a
 * spacer). Every cell that cannot be read gives an issue at its cell; a line with any such cell gives no line.
 */
export function readLines(file: string, grid: Grid, mapping: Mapping): { lines: TableLine[]; issues: Issue[] } {
  const colOf = new Map<Field, number>([...mapping.columns].map(([c, f]) => [f, c]));
  const lines: TableLine[] = [];
  const issues: Issue[] = [];
  for (let r = mapping.headerRow; r < grid.rows.length; r++) {
    const cells = grid.rows[r] as readonly string[];
    const row = r + 1;
    const get = (f: Field): string => {
      const c = colOf.get(f);
      return c === undefined ? '' : (cells[c - 1] ?? '').trim();
    };
    if ([...colOf.values()].every((c) => (cells[c - 1] ?? '').trim() === '')) continue;
    const before = issues.length;
    const take = <T>(f: Field, read: (cell: string) => Read<T>, required = false): T | undefined => {
      const cell = get(f);
      if (cell === '' && !required) return undefined;
      const v = read(cell);
      if (v.ok) return v.value;
      issues.push(cellIssue(file, grid.sheet, row, colOf.get(f), `${f}: ${v.message}`, v.hint));
      return undefined;
    };
    const source = take('source', readEndpoint, true);
    const destination = take('destination', readEndpoint, true);
    const protocolCol = colOf.get('protocol');
    const servicesRead = readServices(get('protocol'), get('ports'));
    let services: Services | undefined;
    if (servicesRead.ok) services = servicesRead.value;
    else
      issues.push(
        cellIssue(
          file,
          grid.sheet,
          row,
          colOf.get('ports') ?? protocolCol,
          `protocol/ports: ${servicesRead.message}`,
          servicesRead.hint,
        ),
      );
    const direction = take('direction', readDirection);
    const level = take('requirement', readLevel);
    const authDefault = take('auth', readAuth);
    const authSupported = take('auth_supported', readAuth);
    const enc = take('encryption', readEncryption);
    const byDefault = take('encrypted_by_default', readByDefault);
    if (issues.length > before || !source || !destination || !services) continue;
    const text = (f: Field) => (get(f) === '' ? undefined : get(f));
    const auth =
      authDefault || authSupported
        ? { default: authDefault ?? [], supported: authSupported ?? authDefault ?? [] }
        : undefined;
    const encryption =
      enc || byDefault
        ? {
            supported: enc?.supported ?? [],
            byDefault: byDefault ?? 'unknown',
            ...(enc?.minTls ? { minTls: enc.minTls } : {}),
          }
        : undefined;
    lines.push({
      sheet: grid.sheet,
      row,
      source,
      destination,
      services,
      ...opt('zoneFrom', text('zone_from')),
      ...opt('zoneTo', text('zone_to')),
      ...opt('direction', direction),
      ...opt('purpose', text('purpose')),
      ...opt('flow', text('flow')),
      ...opt('ref', text('ref')),
      ...opt('level', level),
      ...opt('app', text('app')),
      ...opt('auth', auth),
      ...opt('encryption', encryption as Encryption | undefined),
      ...opt('notes', text('notes')),
    });
  }
  return { lines, issues };
}

const opt = <K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> =>
  value === undefined ? {} : ({ [key]: value } as Record<K, V>);
