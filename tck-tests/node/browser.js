// Launches Debian's Chromium (/usr/bin/chromium) headless through playwright-core, with a
// fresh profile folder (a persistent context over it) that is removed on close.
// playwright-core never downloads a browser. launch({ ignoreCertificateErrors: true }) accepts
// any server certificate (the wss:// cells' self-signed one).
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { chromium } = require('playwright-core');

async function launch(options = {}) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'ondine-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    timeout: 30000,
    viewport: { width: 800, height: 600 },
    ignoreHTTPSErrors: !!options.ignoreCertificateErrors,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync']
      .concat(options.ignoreCertificateErrors ? ['--ignore-certificate-errors'] : [])
  });
  const browser = context.browser();
  return {
    context,
    version: browser ? browser.version() : 'unknown',
    newPage: () => context.newPage(),
    close: async () => {
      try { await context.close(); } finally { fs.rmSync(profile, { recursive: true, force: true }); }
    }
  };
}

module.exports = { launch };
