import type { MatrixRow } from '../model/matrix.js';
import type { Text } from '../model/text.js';
import type { FeedSection } from './feed.js';

/**
 * What a change does to a row. A row may carry several (ports widened and TLS minimum lowered); the first in
 * CHANGE_CLASSES order is the one documents colour it by.
 * - opened / closed: a row only in the new / old matrix;
 * - weakened: authentication or encryption made weaker (its own class: a CAB reads it before anything else);
 * - widened / narrowed: more / fewer addresses, ports or protocols (both when some are added and others removed);
 * - moved: other zones or other firewalls crossed;
 * - security: authentication or encryption changed without being weaker;
 * - text: only words changed (purpose, notes, reference, level…): no packet is let through differently.
 */
export const CHANGE_CLASSES = [
  'opened',
  'closed',
  'weakened',
  'widened',
  'moved',
  'narrowed',
  'security',
  'text',
] as const;
export type ChangeClass = (typeof CHANGE_CLASSES)[number];

/** The fields a diff compares, in the order documents list them. */
export const DIFF_FIELDS = [
  'source',
  'destination',
  'services',
  'zones',
  'firewalls',
  'auth',
  'encryption',
  'minTls',
  'purpose',
  'label',
  'ref',
  'level',
  'when',
  'kind',
  'direction',
  'app',
  'proxy',
  'notes',
  'justification',
  'origin',
] as const;
export type DiffField = (typeof DIFF_FIELDS)[number];

/** A field's value as documents show it: language-neutral (ids, addresses, ports) or in both languages. */
export type FieldValue = string | Text;

/** One field of one row, before and after. An absent value is the empty string. */
export interface FieldChange {
  readonly field: DiffField;
  readonly before: FieldValue;
  readonly after: FieldValue;
  /** Set algebra for addresses and services: what NEW lets through that OLD did not, and the reverse. */
  readonly added?: string;
  readonly removed?: string;
  /** Why a security change is a weakening, when it is one. */
  readonly weakening?: Text;
}

export interface RowChange {
  /** Key in NEW (or in OLD for a closed row). */
  readonly key: string;
  /** Set when the row was followed across a key change (moved to other zones: the key hashes them). */
  readonly oldKey?: string;
  /** Never empty; sorted in CHANGE_CLASSES order. */
  readonly classes: readonly ChangeClass[];
  readonly before?: MatrixRow;
  readonly after?: MatrixRow;
  /** Every field that differs; for opened and closed rows, the row's fields on its one side. */
  readonly fields: readonly FieldChange[];
}

export interface MatrixDiff {
  readonly old: DiffSide;
  readonly new: DiffSide;
  /** Opened and changed rows in NEW's order, then closed rows in OLD's order. */
  readonly changes: readonly RowChange[];
  /** Rows with the same key and no difference. */
  readonly unchanged: number;
  readonly counts: Readonly<Record<ChangeClass, number>>;
  /** Set when OLD and NEW are two Microsoft 365 endpoints answers: the changes in the service's own words. */
  readonly feed?: FeedSection;
}

export interface DiffSide {
  /** What the user gave: a path, `REV:path`, or a label. */
  readonly label: string;
  readonly site: string;
  readonly rows: number;
}

/** The class a change is coloured and sorted by. */
export const primaryClass = (c: RowChange): ChangeClass => c.classes[0] as ChangeClass;
