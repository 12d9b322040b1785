/**
 * A mocha `--require` for the conformance run: before each test or hook runs, one line
 * `{"mark": "<full title>"}` is appended to the traffic file (CONFORMANCE_TRAFFIC_FILE), where
 * the runner appends every request the suite sends to Avala. The requests after a mark belong
 * to that test or hook, so each failure can be shown with what was sent and what Avala answered.
 *
 * Plain CommonJS: it loads into the suite's own mocha (resolved from the suite's folder).
 */
"use strict";

const fs = require("node:fs");

const file = process.env.CONFORMANCE_TRAFFIC_FILE;
if (file) {
  const mocha = require(require.resolve("mocha", { paths: [process.cwd()] }));
  const run = mocha.Runnable.prototype.run;
  mocha.Runnable.prototype.run = function markedRun(...args) {
    try {
      fs.appendFileSync(file, `${JSON.stringify({ mark: this.fullTitle() })}\n`);
    } catch {
      // A diagnostic aid only.
    }
    return run.apply(this, args);
  };
}
