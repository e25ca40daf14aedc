import { gateRule } from './kinds/gate.js';
import { linearGateRule } from './kinds/linear_gate.js';
import { meanRule } from './kinds/mean.js';
import { selectRule } from './kinds/select.js';
import { loglinearRule, weightedRule } from './kinds/softmax.js';
import { topkRule } from './kinds/topk.js';
import type { RuleKind } from './rule_kind.js';

/** Every rule kind of SPEC §2 by name. */
export const RULE_KINDS: ReadonlyMap<string, RuleKind> = new Map(
  [meanRule, weightedRule, loglinearRule, selectRule, topkRule, gateRule, linearGateRule].map((r) => [r.kind, r]),
);
