// The HTML report opened in a real browser (headless Debian Chromium through playwright-core):
// every chart rendered with non-empty marks; a screenshot is kept as a test artifact.
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from './helpers.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = new URL('../test-artifacts/', import.meta.url).pathname;
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`browser test skipped: no Chromium at ${CHROMIUM} (apt-get install chromium; .ci/run does)`);

async function makeReports(): Promise<{ diagnose: string; sweep: string; md: string }> {
  const dir = tempDir();
  const input = join(dir, 'sim.npz');
  await runCli(['simulate', '--preset', 'stressid', '--alignment', '0.7', '--seed', '4', '-o', input]);
  const files = { diagnose: join(dir, 'diagnose.html'), sweep: join(dir, 'sweep.html'), md: join(dir, 'summary.md') };
  const d = await runCli(['diagnose', input, '--rules', 'mean,weighted,select,topk:k=2', '--quality', 'native,oracle', '--permutations', '300', '--html', files.diagnose, '--md', files.md, '--quiet']);
  expect(d.status).toBe(0);
  const s = await runCli(['sweep', input, '--eps', '0:0.5:0.1', '--rules', 'mean,weighted,select', '--permutations', '200', '--html', files.sweep, '--quiet']);
  expect(s.status).toBe(0);
  return files;
}

describe('HTML and Markdown reports', () => {
  it('are self-contained: inline SVG charts, no scripts or remote resources; Markdown has the table', async () => {
    const files = await makeReports();
    const html = readFileSync(files.diagnose, 'utf-8');
    expect(html).not.toMatch(/<script|<link|src="http|href="http/);
    // forest, headroom, AUROC, and one histogram per quality-dependent (rule, quality)
    expect(html.match(/<svg/g)!.length).toBe(3 + 6);
    expect(html).toMatch(/weighted \(native\): decisions depend on quality: (yes|no), at family-wise p = /);
    expect(html).toMatch(/mean \(native\): decisions depend on quality: no — the rule ignores quality/);
    const sweepHtml = readFileSync(files.sweep, 'utf-8');
    expect(sweepHtml).toMatch(/Dose-response: gap/);
    const md = readFileSync(files.md, 'utf-8');
    expect(md).toMatch(/^\| rule \| quality \| metric \| Clean-Q/m);
    expect(md.match(/^\| (mean|weighted|select|topk:k=2) \|/gm)).toHaveLength(8);
  });

  it.skipIf(!hasChromium)('renders every chart with non-empty marks in headless Chromium', async () => {
    const { chromium } = await import('playwright-core');
    const files = await makeReports();
    mkdirSync(ARTIFACTS, { recursive: true });
    const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'permfuse-chromium-')), {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    try {
      for (const [name, file] of [['report', files.diagnose], ['sweep', files.sweep]] as const) {
        const page = await context.newPage();
        await page.goto(`file://${file}`);
        const charts = await page.$$eval('svg', (svgs) =>
          svgs.map((svg) => {
            const marks = [...svg.querySelectorAll('g.role-mark > *')].filter((el) => {
              const box = (el as SVGGraphicsElement).getBBox();
              return box.width > 0 || box.height > 0;
            });
            const box = svg.getBoundingClientRect();
            return { marks: marks.length, width: box.width, height: box.height };
          }),
        );
        expect(charts.length).toBeGreaterThan(0);
        for (const c of charts) {
          expect(c.marks).toBeGreaterThan(0);
          expect(c.width).toBeGreaterThan(100);
          expect(c.height).toBeGreaterThan(50);
        }
        await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
        await page.close();
      }
    } finally {
      await context.close();
    }
  });
});
