import type { Lang } from '../../model/text.js';
import type { ChangeRequest } from './build.js';
import { renderChangeRequestHtml } from './html.js';
import { renderChangeRequestMarkdown } from './markdown.js';
import { renderChangeRequestXlsx } from './xlsx.js';

export { buildChangeRequest, type ChangeRequest, type ChangeRequestInput } from './build.js';

export const changeRequestFormats = {
  md: renderChangeRequestMarkdown,
  html: renderChangeRequestHtml,
  xlsx: renderChangeRequestXlsx,
} satisfies Record<string, (cr: ChangeRequest, lang: Lang) => string | Uint8Array>;
export type ChangeRequestFormatId = keyof typeof changeRequestFormats;
