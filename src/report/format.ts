/** Number formatting shared by the summary table, the Markdown and the HTML report. */

/** Fixed digits; a dash for null or non-finite (a metric over no examples). */
export const num = (v: number | null | undefined, digits = 4): string => (v === null || v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(digits));

/** p-values: 4 decimals, or scientific below 10^-3 so the smallest attainable 1/(P+1) stays readable. */
export const pval = (p: number): string => (p < 1e-3 ? p.toExponential(1) : p.toFixed(4));
