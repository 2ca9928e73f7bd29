// The samples' status page in headless Chromium (run by StatusPageBrowserTest): the page at
// /status connects to /status/feed, shows non-zero figures and draws samples while the test
// sends echo traffic; saves a screenshot; then survives a restart of the server on the same
// port through the page's own reconnect.
// Usage: node status-test.js http://HOST:PORT/ SCREENSHOT.png
// Talks to the test over stdio as chat-test.js does: prints "FIGURES sessions=.. in=.. out=.."
// (the page's text), "STOP" when the server should stop, "CLOSED" once the page shows it, then
// waits for "STARTED" on stdin. Prints "STEP ..." as it goes and "PASS" at the end; exits 1
// with "FAILED ..." otherwise.
'use strict';
const { launch } = require('./browser');
const { WAIT, nextLineWithin30s, step, state, run } = require('./page-io');

const [base, screenshot] = process.argv.slice(2);

async function samplesAtLeast(page, n) {
  await page.waitForFunction((k) => Number(document.body.dataset.samples || 0) >= k, n, { timeout: WAIT });
}

run(async () => {
  const browser = await launch();
  try {
    const page = await browser.newPage();
    await page.setViewportSize({ width: 800, height: 700 });
    await page.goto(base + 'status');
    await state(page, 'open');
    step('the page is connected');
    await page.waitForFunction(() => ['sessions', 'in', 'out']
      .every((id) => Number(document.getElementById(id).textContent.replace(/,/g, '')) > 0), null, { timeout: WAIT });
    await samplesAtLeast(page, 20);
    const figures = await page.evaluate(() => ['sessions', 'in', 'out', 'handshakes', 'bytesIn', 'bytesOut']
      .map((id) => id + '=' + document.getElementById(id).textContent.replace(/ /g, '')).join(' '));
    console.log('FIGURES ' + figures);
    const endpoints = await page.evaluate(() => [...document.querySelectorAll('#endpoints tbody tr')]
      .map((tr) => tr.textContent).join(','));
    console.log('ENDPOINTS ' + endpoints);
    await page.screenshot({ path: screenshot, fullPage: true });
    step('screenshot ' + screenshot);

    const before = await page.evaluate(() => Number(document.body.dataset.samples));
    console.log('STOP');
    await state(page, 'closed');
    step('the page shows closed');
    console.log('CLOSED');
    const line = await nextLineWithin30s();
    if (line !== 'STARTED') throw new Error('the server was not restarted: ' + line);
    await state(page, 'open');
    step('the page reconnected');
    await samplesAtLeast(page, before + 2);
    step('samples flow again');
    console.log('PASS');
  } finally {
    await browser.close();
  }
});
