// Screenshots Prometheus's own graph page (Grafana cannot be installed here) with the dashboard's main queries.
// Usage: node prometheus-screenshot.mjs <prometheus base url> <output.png> <expr>...
// Run by PrometheusScrapeTests when LSML_PROMETHEUS_SCREENSHOT names the output file.
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";

const [base, output, ...exprs] = process.argv.slice(2);
const chromiumPath = process.env.FRONTEND_CHECK_CHROMIUM || "/usr/bin/chromium";
const chromiumArgs = [
  "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
];
const query = exprs
  .map((expr, i) => `g${i}.expr=${encodeURIComponent(expr)}&g${i}.tab=0&g${i}.stacked=0&g${i}.show_exemplars=0&g${i}.range_input=2m`)
  .join("&");
const profile = await fs.mkdtemp(path.join(os.tmpdir(), "prom-shot-"));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: chromiumPath, headless: true, args: chromiumArgs, viewport: { width: 1400, height: 900 }, timeout: 60000,
});
try {
  const page = await context.newPage();
  await page.goto(new URL(`/graph?${query}`, base).toString(), { waitUntil: "networkidle", timeout: 60000 });
  await page.waitForSelector("canvas, .graph-chart, .uplot", { timeout: 30000 }).catch(() => {});
  await page.waitForTimeout(2000);
  // One viewport as tall as the page: a full-page capture would repeat Prometheus's fixed navigation bar mid-image.
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: 1400, height });
  await page.waitForTimeout(1000);
  await page.screenshot({ path: output });
} finally {
  await context.close();
  await fs.rm(profile, { recursive: true, force: true });
}
