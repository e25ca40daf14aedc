import { parse } from 'csv-parse/sync';
import { badInput } from '../errors.js';
import type { RawArrays } from './dataset.js';

/**
 * Reads the wide CSV of SPEC §1: `label`, optional `group`, and per modality `q_<m>`,
 * `p_<m>_<class>` (or `logit_<m>_<class>`), optional `avail_<m>`. Modalities are the `q_` columns
 * in header order; a `p_`/`logit_` column belongs to the longest modality name that prefixes it;
 * classes are in order of first appearance.
 */
export function parseWideCsv(text: string, file: string): RawArrays {
  let rows: string[][];
  try {
    rows = parse(text, { skip_empty_lines: true, trim: true, relax_column_count: false });
  } catch (e) {
    throw badInput(`${file}: not a readable CSV: ${(e as Error).message}`);
  }
  if (rows.length < 1) throw badInput(`${file}: empty CSV`);
  const header = rows[0];
  const body = rows.slice(1);
  const col = (name: string) => header.indexOf(name);
  if (col('label') < 0) throw badInput(`${file}: no 'label' column`);
  const modalities = header.filter((h) => h.startsWith('q_')).map((h) => h.slice(2));
  if (modalities.length === 0) throw badInput(`${file}: no quality columns (q_<modality>)`);

  const byLength = [...modalities].sort((a, b) => b.length - a.length);
  const probCols = new Map<string, number>(); // `${m}\u0000${class}` → column
  const classes: string[] = [];
  let evidenceKind: 'p' | 'logit' | null = null;
  header.forEach((h, j) => {
    const kind = h.startsWith('p_') ? 'p' : h.startsWith('logit_') ? 'logit' : null;
    if (!kind) return;
    const rest = h.slice(kind.length + 1);
    const m = byLength.find((name) => rest.startsWith(`${name}_`));
    if (m === undefined) throw badInput(`${file}: column '${h}' names no modality with a q_ column`);
    if (evidenceKind && evidenceKind !== kind) throw badInput(`${file}: both p_ and logit_ columns; give one kind of evidence`);
    evidenceKind = kind;
    const cls = rest.slice(m.length + 1);
    if (!classes.includes(cls)) classes.push(cls);
    probCols.set(`${m}\u0000${cls}`, j);
  });
  if (!evidenceKind) throw badInput(`${file}: no evidence columns (p_<modality>_<class> or logit_<modality>_<class>)`);

  const n = body.length;
  const M = modalities.length;
  const C = classes.length;
  const evidence = new Float64Array(n * M * C);
  const quality = new Float64Array(n * M);
  const available = new Float64Array(n * M).fill(1);
  const labels = new Float64Array(n);
  const groupCol = col('group');
  const groups: string[] = [];
  const cell = (r: number, j: number) => body[r][j];
  const num = (r: number, j: number, allowEmpty: boolean): number => {
    const s = cell(r, j);
    if (s === '' || s.toLowerCase() === 'nan') {
      if (allowEmpty) return NaN;
      throw badInput(`${file}: row ${r + 2}, column '${header[j]}': empty cell`);
    }
    const v = Number(s);
    if (Number.isNaN(v)) throw badInput(`${file}: row ${r + 2}, column '${header[j]}': '${s}' is not a number`);
    return v;
  };
  for (let r = 0; r < n; r++) {
    labels[r] = num(r, col('label'), false);
    if (groupCol >= 0) groups.push(cell(r, groupCol));
    for (let m = 0; m < M; m++) {
      const a = col(`avail_${modalities[m]}`);
      const avail = a >= 0 ? num(r, a, false) : 1;
      available[r * M + m] = avail;
      const missingOk = avail === 0;
      quality[r * M + m] = num(r, col(`q_${modalities[m]}`), missingOk);
      for (let c = 0; c < C; c++) {
        const j = probCols.get(`${modalities[m]}\u0000${classes[c]}`);
        if (j === undefined) throw badInput(`${file}: missing column '${evidenceKind}_${modalities[m]}_${classes[c]}'`);
        evidence[(r * M + m) * C + c] = num(r, j, missingOk);
      }
    }
  }
  const out: RawArrays = {
    [evidenceKind === 'p' ? 'evidence' : 'logits']: { shape: [n, M, C], kind: 'float', values: evidence },
    quality: { shape: [n, M], kind: 'float', values: quality },
    labels: { shape: [n], kind: 'float', values: labels },
    available: { shape: [n, M], kind: 'int', values: available },
    modalities: { shape: [M], kind: 'string', values: modalities },
    classes: { shape: [C], kind: 'string', values: classes },
  };
  if (groupCol >= 0) out.groups = { shape: [n], kind: 'string', values: groups };
  return out;
}
