// One check from files, for a look by hand:
//   node check.mjs CONFIG.xml TASK.json PREDICTIONS.json [SCREENSHOT.png]
// PREDICTIONS.json: a /predict answer {"results": […]} or an array of predictions. Prints the verdict; exit 0 when ok.
import fs from "node:fs";
import { openFrontend } from "./frontend.mjs";

const [config, task, predictions, screenshot] = process.argv.slice(2);
if (!predictions) {
  console.error("usage: node check.mjs CONFIG.xml TASK.json PREDICTIONS.json [SCREENSHOT.png]");
  process.exit(2);
}
const frontend = await openFrontend();
try {
  const verdict = await frontend.check({
    config: fs.readFileSync(config, "utf8"),
    task: JSON.parse(fs.readFileSync(task, "utf8")),
    predictions: JSON.parse(fs.readFileSync(predictions, "utf8")),
    screenshot,
  });
  console.log(JSON.stringify(verdict, null, 2));
  process.exitCode = verdict.ok ? 0 : 1;
} finally {
  await frontend.close();
}
