export { parseNftJson, readNftJson } from './json.js';
export { lowerDocument } from './lower.js';
export type { NftDocument } from './model.js';
export { parseNftText, readNftText } from './text.js';
