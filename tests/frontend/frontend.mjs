// Renders ML-backend predictions in the real Label Studio frontend (LSF, @heartexlabs/label-studio 1.4.0) inside
// headless Chromium and returns a verdict: what was sent, what LSF loaded, what the page logged, and a screenshot.
//
//   const frontend = await openFrontend();
//   const verdict = await frontend.check({ config, task, predictions, screenshot: "shot.png" });
//   await frontend.close();
import http from "node:http";
import fs from "node:fs";
import fsp from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const pageDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "page");
const lsfPackage = require.resolve("@heartexlabs/label-studio/package.json");
const lsfBuild = path.join(path.dirname(lsfPackage), "build");
export const lsfVersion = JSON.parse(fs.readFileSync(lsfPackage, "utf8")).version;

const chromiumPath = process.env.FRONTEND_CHECK_CHROMIUM || "/usr/bin/chromium";
const chromiumArgs = [
  "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
];
const contentTypes = { ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8" };
// Prediction ids the page gives LSF, so each prediction in LSF's store can be matched to the one sent.
const firstPredictionId = 700001;
// Label-like value keys whose entries must survive loading (LSF drops labels its control does not define).
const labelKeys = /^(labels|choices|[a-z]+labels)$/;

/** Serves the page and the LSF bundle on 127.0.0.1 (a free port); nothing else. */
async function serve() {
  const server = http.createServer(async (request, response) => {
    const url = new URL(request.url, "http://127.0.0.1");
    const [root, rest] = url.pathname.startsWith("/lsf/") ? [lsfBuild, url.pathname.slice(5)]
      : url.pathname.startsWith("/page/") ? [pageDir, url.pathname.slice(6)] : [null, null];
    const file = root && path.resolve(root, rest);
    if (!file || !file.startsWith(root + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      response.writeHead(404, { "content-type": "text/plain" });
      response.end(`not found: ${url.pathname}`);
      return;
    }
    response.writeHead(200, { "content-type": contentTypes[path.extname(file)] || "application/octet-stream", "cache-control": "max-age=3600" });
    fs.createReadStream(file).pipe(response);
  });
  await new Promise((resolve, reject) => server.once("error", reject).listen(0, "127.0.0.1", resolve));
  return server;
}

/** A /predict answer ({results:[…]}), an array of predictions, or one prediction → an array of predictions. */
export function predictionList(predictions) {
  if (Array.isArray(predictions)) return predictions;
  if (predictions && Array.isArray(predictions.results)) return predictions.results;
  if (predictions && Array.isArray(predictions.result)) return [predictions];
  throw new Error("predictions: expected an array of {result:[…]}, a /predict answer {results:[…]} or one prediction");
}

const key = result => `${result.from_name}/${result.type}`;

/** Result items per "from_name/type" (relations apart), as sent or as LSF loaded them. */
function countByKey(results) {
  const counts = {};
  for (const result of results) {
    if (result.type === "relation") continue;
    counts[key(result)] = (counts[key(result)] || 0) + 1;
  }
  return counts;
}

/** What is wrong with prediction `index` as LSF loaded it; empty when everything sent was loaded as sent. */
function compare(index, sent, loaded, tags) {
  const failures = [];
  const at = j => `prediction ${index} result ${j}`;
  const byName = new Map(tags.map(tag => [tag.name, tag]));
  sent.result.forEach((result, j) => {
    if (result.type === "relation") return;
    const control = byName.get(result.from_name);
    if (!control || !control.control) failures.push(`${at(j)}: from_name "${result.from_name}" is no control tag of the config`);
    else if (control.type !== result.type) failures.push(`${at(j)}: type "${result.type}" but "${result.from_name}" is a <${control.type}> control`);
    const object = byName.get(result.to_name);
    if (!object || object.control) failures.push(`${at(j)}: to_name "${result.to_name}" is no object tag of the config`);
    // Text spans: LSF counts start/end in Unicode code points of the text it shows.
    const value = result.value || {};
    if (object && object.text !== null && Number.isInteger(value.start) && Number.isInteger(value.end) && typeof value.text === "string") {
      const shown = Array.from(object.text).slice(value.start, value.end).join("");
      if (shown !== value.text) failures.push(`${at(j)}: [${value.start},${value.end}) shows ${JSON.stringify(shown)} but value.text is ${JSON.stringify(value.text)}`);
    }
  });
  if (!loaded) {
    failures.push(`prediction ${index}: not in LSF's store`);
    return failures;
  }
  const want = countByKey(sent.result);
  const got = countByKey(loaded.results);
  for (const k of new Set([...Object.keys(want), ...Object.keys(got)])) {
    if ((want[k] || 0) !== (got[k] || 0)) failures.push(`prediction ${index}: ${k}: sent ${want[k] || 0}, LSF loaded ${got[k] || 0}`);
  }
  const relations = sent.result.filter(result => result.type === "relation").length;
  if (relations !== loaded.relations) failures.push(`prediction ${index}: sent ${relations} relations, LSF loaded ${loaded.relations}`);
  // Labels and choices: each value must still be there and name a <Label>/<Choice> of its control.
  const sentValues = sent.result.filter(result => result.type !== "relation")
    .flatMap(result => Object.entries(result.value || {}).filter(([k, v]) => labelKeys.test(k) && Array.isArray(v)).flatMap(([, v]) => v.map(label => `${result.from_name}: ${label}`)));
  const loadedValues = loaded.results.flatMap(result => result.values.map(label => `${result.from_name}: ${label}`));
  for (const label of sentValues) {
    const found = loadedValues.indexOf(label);
    if (found < 0) failures.push(`prediction ${index}: "${label}" was dropped by LSF`);
    else loadedValues.splice(found, 1);
  }
  for (const result of loaded.results) {
    for (const label of result.unresolved) failures.push(`prediction ${index}: "${result.from_name}: ${label}" is not defined in the config`);
  }
  return failures;
}

/** Checks that the annotation a labeler sees (made from prediction 0) and the page show everything it holds. */
function compareDisplayed(first, displayed, dom, tags) {
  const failures = [];
  if (!displayed) return ["no annotation is displayed"];
  const results = displayed.results.length;
  if (results !== first.results.length) failures.push(`the displayed annotation has ${results} results, prediction 0 has ${first.results.length}`);
  if (displayed.serialized !== results + displayed.relations) failures.push(`the displayed annotation serializes to ${JSON.stringify(displayed.serialized)} results, it holds ${results + displayed.relations}`);
  const texts = new Set(tags.filter(tag => tag.type === "text").map(tag => tag.name));
  const textSpans = first.results.filter(result => result.type === "labels" && texts.has(result.to_name)).length;
  if (dom.highlightedSpans < textSpans) failures.push(`the page highlights ${dom.highlightedSpans} text spans, the prediction has ${textSpans}`);
  const choices = first.results.filter(result => result.type === "choices").reduce((n, result) => n + result.values.length, 0);
  if (dom.checkedChoices < choices) failures.push(`the page checks ${dom.checkedChoices} choices, the prediction has ${choices}`);
  return failures;
}

/** Starts the loopback server and one Chromium for many checks. */
export async function openFrontend({ timeoutMs = 30000 } = {}) {
  if (!fs.existsSync(path.join(lsfBuild, "static/js/main.js"))) {
    throw new Error(`the LSF bundle is missing at ${lsfBuild} (only @heartexlabs/label-studio 1.4.0 ships build/; run npm ci)`);
  }
  if (!fs.existsSync(chromiumPath)) throw new Error(`Chromium is missing at ${chromiumPath} (apt-get install chromium, or run ./test.sh)`);
  const server = await serve();
  const base = `http://127.0.0.1:${server.address().port}`;
  const profile = await fsp.mkdtemp(path.join(os.tmpdir(), "frontend-check-"));
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath, headless: true, args: chromiumArgs, viewport: { width: 1280, height: 800 }, timeout: timeoutMs,
    });
  } catch (e) {
    server.close();
    await fsp.rm(profile, { recursive: true, force: true });
    throw e;
  }

  async function check({ config, task, predictions, screenshot }) {
    const sent = predictionList(predictions);
    const started = Date.now();
    const page = await context.newPage();
    const problems = [];
    const consoleErrors = [];
    page.on("pageerror", error => problems.push(`page error: ${String(error.message || error).split("\n")[0]}`));
    page.on("console", message => { if (message.type() === "error") consoleErrors.push(message.text().split("\n")[0].slice(0, 400)); });
    page.on("requestfailed", request => problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`));
    page.on("response", response => { if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`); });
    // The page may reach the loopback server only.
    await page.route(url => !url.href.startsWith(base) && !/^(data|blob):/.test(url.protocol), route => route.abort("blockedbyclient"));
    let lsf = null;
    try {
      await page.goto(`${base}/page/index.html`, { waitUntil: "load", timeout: timeoutMs });
      const predictionIds = sent.map((_, i) => firstPredictionId + i);
      await page.evaluate(input => window.frontendCheck.render(input), { config, task, predictions: sent, predictionIds });
      // Let React draw the annotation (highlights, checked choices) before reading the page.
      await page.waitForTimeout(500);
      lsf = await page.evaluate(() => window.frontendCheck.readBack());
      if (screenshot) {
        await fsp.mkdir(path.dirname(path.resolve(screenshot)), { recursive: true });
        await page.screenshot({ path: screenshot, fullPage: true });
      }
    } catch (e) {
      problems.push(`LSF did not show the task: ${String(e.message || e).split("\n")[0]}`);
    } finally {
      await page.close();
    }

    const failures = [...problems, ...consoleErrors.map(message => `console error: ${message}`)];
    const verdict = { sent: sent.map(p => countByKey(p.result || [])), loaded: [], displayed: null, dom: null, consoleErrors };
    if (lsf) {
      failures.push(...lsf.validation.map(message => `LSF validation: ${message}`));
      const byPk = new Map(lsf.predictions.map(p => [p.pk, p]));
      sent.forEach((prediction, i) => {
        if (!Array.isArray(prediction.result)) {
          failures.push(`prediction ${i}: "result" is not an array`);
          return;
        }
        const loaded = byPk.get(String(firstPredictionId + i));
        verdict.loaded.push(loaded ? countByKey(loaded.results) : null);
        failures.push(...compare(i, prediction, loaded, lsf.tags));
      });
      const first = byPk.get(String(firstPredictionId));
      if (first) failures.push(...compareDisplayed(first, lsf.displayed, lsf.dom, lsf.tags));
      verdict.displayed = lsf.displayed && countByKey(lsf.displayed.results);
      verdict.dom = lsf.dom;
    }
    return {
      ok: failures.length === 0, failures, ...verdict,
      screenshot: screenshot ? path.resolve(screenshot) : null, lsf: `@heartexlabs/label-studio@${lsfVersion}`, ms: Date.now() - started,
    };
  }

  async function close() {
    await context.close().catch(() => {});
    server.closeAllConnections();
    server.close();
    await fsp.rm(profile, { recursive: true, force: true });
  }

  return { check, close };
}
