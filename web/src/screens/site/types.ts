import type { Document } from 'yaml';

/** A change of the site document, applied by the screen to its text. */
export type Edit = (change: (doc: Document) => void) => void;
