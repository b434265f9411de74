import type { DocumentFormat } from '../render/types.js';
import type { DocumentFormatId } from './ids.js';

/**
 * Each document renderer, loaded when a command asks for it: `matrix -f csv` does not load the XLSX writer
 * (zip, deflate) nor the HTML page. The same modules as render/index.ts's `formats`, which test/cli/ids.test.ts
 * compares with this table.
 */
const LOADERS: Record<DocumentFormatId, () => Promise<DocumentFormat<never>>> = {
  csv: async () => (await import('../render/csv.js')).csv,
  xlsx: async () => (await import('../render/xlsx/index.js')).xlsx,
  md: async () => (await import('../render/markdown.js')).md,
  html: async () => (await import('../render/html/index.js')).html,
  json: async () => (await import('../render/json.js')).json,
  mermaid: async () => (await import('../render/mermaid.js')).mermaid,
  dot: async () => (await import('../render/dot.js')).dot,
};

export const loadDocumentFormat = (id: DocumentFormatId): Promise<DocumentFormat<never>> => LOADERS[id]();
