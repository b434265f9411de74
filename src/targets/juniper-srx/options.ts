import { defineOptions } from '../kit/options.js';

/** juniper-srx takes no option: any key in `firewalls[].options` is an error. */
export const srxOptions = defineOptions({});
