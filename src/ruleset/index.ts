export { type CompareOptions, type Comparison, compareRulesets, type Disagreement } from './compare.js';
export { type Decision, evaluate, interfaceMatches, type RuleHit, ruleMatches } from './evaluate.js';
export { equalRulesets, type RulesetJson, rulesetFromJson, rulesetToJson } from './json.js';
export { type Packet, parsePacket } from './packet.js';
export {
  allDecide,
  type Box,
  type Classification,
  classify,
  icmpSet,
  type Outcome,
  type Region,
  splitBox,
} from './region.js';
export * from './types.js';
