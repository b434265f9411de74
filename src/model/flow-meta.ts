import { z } from 'zod';
import { text } from './text.js';
import { pattern, refinement } from './zod-words.js';

/**
 * What a team tracks about the rows it opens: owner, ticket, justification, review and expiry dates. Set in the
 * site's `metadata:` list; each entry selects rows (by catalog flow, row key, roles) and gives facts. The matrix
 * carries them on each row (`MatrixRow.meta`), documents show them, rule comments cite them, the audit reports
 * rows past their dates.
 */

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** `YYYY-MM-DD`; YAML may read an unquoted date as a Date: both are accepted (a real day: checked by the loader). */
const IsoDate = z.union([
  z.string().regex(...pattern(ISO_DATE, text('une date s’écrit AAAA-MM-JJ', 'a date is written YYYY-MM-DD'))),
  z.date().transform((d) => d.toISOString().slice(0, 10)),
]);

export const META_SELECTORS = ['catalog', 'flow', 'key', 'from', 'to'] as const;
export const META_FACTS = ['owner', 'ticket', 'justification', 'review', 'expires'] as const;

export const FlowMetaEntry = z
  .strictObject({
    /** Catalog id: every row of that catalog. */
    catalog: z.string().min(1).optional(),
    /** Flow id, or `catalog/flow`. */
    flow: z.string().min(1).optional(),
    /** Matrix row key (as printed in the documents). */
    key: z.string().min(1).optional(),
    /** Source role and destination role of the row. */
    from: z.string().min(1).optional(),
    to: z.string().min(1).optional(),
    owner: z.string().min(1).optional(),
    ticket: z.string().min(1).optional(),
    justification: z.string().min(1).optional(),
    /** Day the row is due for review. */
    review: IsoDate.optional(),
    /** Last day the row may stay open. */
    expires: IsoDate.optional(),
  })
  .refine(
    (m) => META_SELECTORS.some((s) => m[s] !== undefined),
    refinement(
      text(
        'une entrée de metadata choisit des lignes : donnez au moins catalog, flow, key, from ou to',
        'a metadata entry selects rows: give at least one of catalog, flow, key, from or to',
      ),
    ),
  )
  .refine(
    (m) => META_FACTS.some((f) => m[f] !== undefined),
    refinement(
      text(
        'une entrée de metadata donne au moins owner, ticket, justification, review ou expires',
        'a metadata entry gives at least one of owner, ticket, justification, review or expires',
      ),
    ),
  );
export const FlowMetadata = z.array(FlowMetaEntry);

export type FlowMetaEntry = z.infer<typeof FlowMetaEntry>;

/** The facts a row carries (only those set). */
export type RowMeta = Partial<Pick<FlowMetaEntry, (typeof META_FACTS)[number]>>;
