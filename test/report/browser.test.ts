import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, writeFileSync, statSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { makeReport, renderHtml, CHART_TITLES } from '../../src/report/index.js';
import { restaurantsRun, RESTAURANTS } from './restaurants-run.js';
import { ensureChromium, CHROMIUM_FLAGS } from './chromium.js';

const work = mkdtempSync(join(tmpdir(), 'recoupe-browser-'));
const reportPath = join(work, 'report.html');
let context: BrowserContext;
let page: Page;
const consoleErrors: string[] = [];
const requests: string[] = [];

beforeAll(async () => {
  const executablePath = ensureChromium();
  const { figures } = await makeReport({ run: await restaurantsRun(), truth: RESTAURANTS.truth, input: [RESTAURANTS.input], config: RESTAURANTS.config });
  writeFileSync(reportPath, renderHtml(figures));
  context = await chromium.launchPersistentContext(join(work, 'profile'), {
    executablePath, headless: true, args: CHROMIUM_FLAGS, viewport: { width: 1200, height: 900 }, timeout: 60_000,
  });
  page = context.pages()[0] ?? (await context.newPage());
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => consoleErrors.push(e.message));
  context.on('request', (r) => requests.push(r.url()));
  await page.goto(pathToFileURL(reportPath).href, { waitUntil: 'load', timeout: 30_000 });
}, 15 * 60_000);

afterAll(async () => {
  await context?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('the report in headless Chromium', () => {
  it('loads with no console error and no request but the file itself', () => {
    expect(consoleErrors).toEqual([]);
    expect(requests).toEqual([pathToFileURL(reportPath).href]);
  });

  it('renders every chart: a non-empty SVG with its title', async () => {
    const charts = await page.$$eval('svg.chart', (svgs) => svgs.map((s) => {
      const box = s.getBoundingClientRect();
      return { title: s.querySelector('title')?.textContent ?? '', shown: s.querySelector('.chart-title')?.textContent ?? '', marks: s.querySelectorAll('rect').length + [...s.querySelectorAll('path.series')].reduce((n, p) => n + (p.getAttribute('d') ?? '').split('L').length, 0), w: box.width, h: box.height };
    }));
    expect(charts.map((c) => c.title)).toEqual(Object.values(CHART_TITLES));
    for (const c of charts) {
      expect(c.shown, c.title).toBe(c.title);
      expect(c.marks, c.title).toBeGreaterThan(2);
      expect(c.w * c.h, c.title).toBeGreaterThan(100 * 100);
    }
  });

  it('filters the pair tables with the search box', async () => {
    const rows = page.locator('table.pairs tbody tr');
    const before = await rows.evaluateAll((trs) => trs.filter((t) => (t as HTMLElement).offsetParent !== null).length);
    const id = (await page.locator('#nearest + p + table tbody tr td').first().textContent())!;
    await page.fill('#search', id);
    const after = await rows.evaluateAll((trs, q) => trs.filter((t) => (t as HTMLElement).offsetParent !== null).map((t) => t.textContent!.toLowerCase().includes(q)), id.toLowerCase());
    expect(after.length).toBeGreaterThan(0);
    expect(after.length).toBeLessThan(before);
    expect(after.every(Boolean)).toBe(true);
    await page.fill('#search', '');
  });

  it('takes a screenshot', async () => {
    const png = join(work, 'report.png');
    await page.screenshot({ path: png, fullPage: false });
    expect(statSync(png).size).toBeGreaterThan(20_000);
  });
});
