// One Chromium for many checks: reads one JSON request a line on stdin, {"config", "task", "predictions",
// "screenshot"}, and writes one JSON verdict a line on stdout, in order. The first line out is {"ready": …}.
// Used by the .NET frontend tests (tests/LabelStudio.ML.Frontend.Tests), which start it once for all examples.
import readline from "node:readline";
import { openFrontend, lsfVersion } from "./frontend.mjs";

let frontend;
try {
  frontend = await openFrontend();
} catch (e) {
  console.log(JSON.stringify({ ready: false, error: String(e.message || e) }));
  process.exit(2);
}
console.log(JSON.stringify({ ready: true, lsf: `@heartexlabs/label-studio@${lsfVersion}` }));

const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of lines) {
  if (!line.trim()) continue;
  let verdict;
  try {
    verdict = await frontend.check(JSON.parse(line));
  } catch (e) {
    verdict = { ok: false, failures: [`check failed: ${String(e.message || e)}`] };
  }
  console.log(JSON.stringify(verdict));
}
await frontend.close();
