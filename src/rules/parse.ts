import { readFileSync } from 'node:fs';
import { usage } from '../errors.js';
import { RULE_KINDS } from './registry.js';
import type { ParamValue, RuleKind } from './rule_kind.js';

/** One fusion rule as the user named it: its result name, kind and parameters. */
export interface RuleSpec {
  name: string;
  kind: string;
  params: Record<string, ParamValue>;
}

export const DEFAULT_RULES = 'mean,weighted,loglinear,select';

/**
 * Parses `--rules`: comma-separated `kind[:param=value...]`, where `param=a|b|c` expands to one
 * rule per value (a grid, Cartesian over several such params), and `@file.json` items read a JSON
 * rule file `[{"name"?, "kind", ...params}]`. Duplicate result names are an error.
 *
 * @example parseRules('mean,topk:k=1|2') // names: mean, topk:k=1, topk:k=2
 */
export function parseRules(text: string): RuleSpec[] {
  const specs: RuleSpec[] = [];
  for (const item of text.split(',').map((s) => s.trim())) {
    if (item === '') throw usage(`--rules: empty rule in '${text}'`);
    if (item.startsWith('@')) specs.push(...readRuleFile(item.slice(1)));
    else specs.push(...expandGrid(item));
  }
  const seen = new Set<string>();
  for (const s of specs) {
    if (seen.has(s.name)) throw usage(`--rules: duplicate rule name '${s.name}'`);
    seen.add(s.name);
  }
  if (specs.length === 0) throw usage('--rules: no rules given');
  return specs;
}

function expandGrid(item: string): RuleSpec[] {
  const [kind, ...parts] = item.split(':');
  const rule = lookup(kind, item);
  const choices = parts.map((part) => {
    const eq = part.indexOf('=');
    if (eq <= 0) throw usage(`rule '${item}': parameter '${part}' is not param=value`);
    const name = part.slice(0, eq);
    const values = part.slice(eq + 1).split('|');
    return values.map((v) => ({ name, text: v }));
  });
  const combos = choices.reduce<{ name: string; text: string }[][]>((acc, vals) => acc.flatMap((c) => vals.map((v) => [...c, v])), [[]]);
  return combos.map((combo) => {
    const params: Record<string, ParamValue> = {};
    for (const { name, text } of combo) {
      if (name in params) throw usage(`rule '${item}': parameter '${name}' given twice`);
      const v = text.trim() === '' ? NaN : Number(text);
      if (Number.isNaN(v)) throw usage(`rule '${item}': parameter '${name}=${text}' is not a number`);
      params[name] = v;
    }
    const name = [kind, ...combo.map(({ name: p, text: t }) => `${p}=${t}`)].join(':');
    return { name, kind, params: checkParams(rule, params, name) };
  });
}

function readRuleFile(path: string): RuleSpec[] {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(path, 'utf-8'));
  } catch (e) {
    throw usage(`--rules @${path}: cannot read the rule file: ${(e as Error).message}`);
  }
  if (!Array.isArray(doc)) throw usage(`--rules @${path}: expected a JSON array of rule objects`);
  return doc.map((entry, i) => {
    if (entry === null || typeof entry !== 'object') throw usage(`--rules @${path}: entry ${i} is not an object`);
    const { name, kind, ...rest } = entry as Record<string, unknown>;
    if (typeof kind !== 'string') throw usage(`--rules @${path}: entry ${i} has no "kind"`);
    const rule = lookup(kind, `${path}[${i}]`);
    const scalarText = Object.entries(rest)
      .filter(([, v]) => typeof v === 'number')
      .map(([k, v]) => `${k}=${v}`);
    const resultName = typeof name === 'string' ? name : [kind, ...scalarText].join(':');
    return { name: resultName, kind, params: checkParams(rule, rest as Record<string, ParamValue>, resultName) };
  });
}

function lookup(kind: string, where: string): RuleKind {
  const rule = RULE_KINDS.get(kind);
  if (!rule) throw usage(`rule '${where}': unknown rule kind '${kind}' (known: ${[...RULE_KINDS.keys()].join(', ')})`);
  return rule;
}

/** Fills defaults and rejects unknown, missing or out-of-range parameters. */
function checkParams(rule: RuleKind, given: Record<string, ParamValue>, where: string): Record<string, ParamValue> {
  const out: Record<string, ParamValue> = {};
  for (const key of Object.keys(given)) {
    if (!rule.params.some((p) => p.name === key)) {
      const known = rule.params.map((p) => p.name).join(', ') || 'none';
      throw usage(`rule '${where}': unknown parameter '${key}' for ${rule.kind} (parameters: ${known})`);
    }
  }
  for (const p of rule.params) {
    const v = given[p.name];
    if (v === undefined) {
      if (p.required) throw usage(`rule '${where}': ${rule.kind} needs parameter '${p.name}'${p.shape === 'scalar' ? '' : ' (give it in a JSON rule file)'}`);
      out[p.name] = p.default!;
      continue;
    }
    if (p.shape === 'scalar') {
      if (typeof v !== 'number') throw usage(`rule '${where}': ${p.name} must be a number`);
      const problem = p.check?.(v);
      if (problem) throw usage(`rule '${where}': ${p.name}=${v} ${problem}`);
    }
    out[p.name] = v;
  }
  return out;
}
