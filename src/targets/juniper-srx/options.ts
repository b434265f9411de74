import type { z } from 'zod';
import { defineOptions } from '../kit/options.js';

/** juniper-srx takes no option (zones come from the site, names from the catalog): any key is an error. */
export const srxOptions = defineOptions({});

/** What `print` reads: the schema's output, every key optional (the printer applies the defaults). */
export type SrxOptions = z.output<typeof srxOptions>;
