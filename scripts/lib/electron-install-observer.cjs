// Preloaded (node --require) into Electron's own node_modules/electron/install.js
// by ensure-electron-binary.mjs, so the download stays Electron's own (its
// mirror and cache settings, checksum check, extraction, path.txt) while the
// person starting the app sees:
//   - progress from the first byte — @electron/get draws its bar only after
//     30 s, and only on a TTY;
//   - one reason when it fails, instead of the stack trace install.js prints
//     (a failed fetch's reason — ENOTFOUND, ECONNREFUSED — lives in err.cause,
//     which that stack never shows).
// Failures are written as JSON to $RPI_ELECTRON_INSTALL_REPORT for the
// launcher to turn into its paragraph.
'use strict';
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a --require preload is CommonJS
const fs = require('node:fs');

const reportFile = process.env.RPI_ELECTRON_INSTALL_REPORT;
const report = {};

function save(fields) {
  Object.assign(report, fields);
  // Synchronous: install.js calls process.exit(1) right after printing its error.
  if (reportFile) fs.writeFileSync(reportFile, JSON.stringify(report));
}

/** Smaller responses (SHASUMS256.txt) are not worth a progress line. */
const PROGRESS_MIN_BYTES = 1_000_000;

function progressReporter(total) {
  const megabytes = (total / 1e6).toFixed(0);
  const tty = process.stderr.isTTY;
  let shownTenth = -1;
  return (received) => {
    const percent = Math.floor((received * 100) / total);
    if (tty) {
      process.stderr.write(`\r  Electron download: ${percent}% of ${megabytes} MB`);
      if (received >= total) process.stderr.write('\n');
      return;
    }
    // Piped output (CI logs): one line per tenth, not one per chunk.
    const tenth = Math.floor(percent / 10);
    if (tenth === shownTenth) return;
    shownTenth = tenth;
    process.stderr.write(`  Electron download: ${tenth * 10}% of ${megabytes} MB\n`);
  };
}

function withProgress(response) {
  const total = Number(response.headers.get('content-length')) || 0;
  if (!response.body || total < PROGRESS_MIN_BYTES) return response;
  // The artifact itself: name it if its checksum or extraction fails later.
  save({ url: response.url });
  const showProgress = progressReporter(total);
  let received = 0;
  const counted = response.body.pipeThrough(
    new TransformStream({
      transform(chunk, controller) {
        received += chunk.byteLength;
        showProgress(received);
        controller.enqueue(chunk);
      },
    }),
  );
  const wrapped = new Response(counted, { status: response.status, statusText: response.statusText, headers: response.headers });
  // @electron/get names response.url in its HTTP errors; a constructed Response has none.
  Object.defineProperty(wrapped, 'url', { value: response.url });
  return wrapped;
}

const realFetch = globalThis.fetch;
globalThis.fetch = async function observedFetch(input, init) {
  const url = String(input instanceof Request ? input.url : input);
  let response;
  try {
    response = await realFetch(input, init);
  } catch (error) {
    const cause = error && error.cause;
    save({ url, code: cause && cause.code, cause: cause ? String(cause.message || cause) : undefined, message: String(error && error.message) });
    throw error;
  }
  if (!response.ok) {
    save({ url, status: response.status, statusText: response.statusText });
    return response;
  }
  return withProgress(response);
};

// install.js reports any failure with console.error(err.stack) and exits 1.
// Keep the message's first line for the launcher; print nothing here.
console.error = (...args) => {
  const text = args.map(String).join(' ');
  save({ message: report.message ?? text.split('\n')[0] });
};
