// The one paragraph `npm start` / `npm run dev` print when Electron's binary
// cannot be downloaded: what failed, why, and what to do instead.

/** Why the download failed, in words, from the observer's report (electron-install-observer.cjs). */
export function downloadFailureReason(report) {
  const host = report.url ? new URL(report.url).host : 'the download server';
  switch (report.code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `${host} could not be resolved (${report.code}), so this machine seems to have no internet access`;
    case 'ECONNREFUSED':
      return `${host} refused the connection (ECONNREFUSED)`;
    case 'ECONNRESET':
      return `the connection to ${host} was reset (ECONNRESET)`;
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return `the connection to ${host} timed out (${report.code})`;
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
      return `the TLS certificate presented for ${host} was not trusted (${report.code}); a proxy may be intercepting HTTPS`;
  }
  if (report.status) return `${host} answered ${report.status} ${report.statusText ?? ''}`.trim();
  if (report.code) return `${report.cause ?? report.message} (${report.code})`;
  // sumchecker escapes the quotes around the file name.
  if (report.message) return report.message.replace(/^\w*Error: /, '').replaceAll('\\"', '"').replace(/\.$/, '');
  return 'Electron’s installer stopped without saying why';
}

/** Wraps text to the terminal's width, so the paragraph reads as one. */
function wrap(text, width) {
  const lines = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines.join('\n');
}

/**
 * @param {{ version: string, target: string, report: object, width?: number }} failure
 *   version: Electron's version; target: platform-arch; report: what the observer recorded.
 */
export function downloadFailureParagraph({ version, target, report, width = 80 }) {
  const from = report.url ? ` from ${report.url}` : '';
  const text =
    `Electron could not be downloaded, so the desktop window cannot open. ` +
    `The first start fetches Electron ${version} (${target}) once${from}, and that failed: ${downloadFailureReason(report)}. ` +
    `\`npm run web\` serves the same app in your browser instead, with no download. ` +
    `To retry the desktop app later: behind a proxy set HTTPS_PROXY and ELECTRON_GET_USE_PROXY=1, ` +
    `or point ELECTRON_MIRROR at a mirror, then run the command again.`;
  return wrap(text, Math.max(40, Math.min(width, 100)));
}
