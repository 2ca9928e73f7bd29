// Headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core) as a client of
// the interoperability matrix (run by ChromiumClientInteropTest). The checks run in a page
// served by the Ondine server itself, so that the handshake's Origin is the server's own.
// Usage: node chromium-client.js http://HOST:PORT/chat.css ws://HOST:PORT/echo ws://HOST:PORT/interop
//        node chromium-client.js https://HOST:PORT/chat.css wss://HOST:PORT/echo wss://HOST:PORT/interop
// Over https/wss the browser accepts the server's certificate whatever it is (the test's
// self-signed one): --ignore-certificate-errors and ignoreHTTPSErrors.
// Prints "VERSION <browser version>", then "CELL\t<check-id>\t<outcome>\t<reason>" per check.
'use strict';
const path = require('path');
const { launch } = require('./browser');

const [pageUrl, echoUrl, interopUrl] = process.argv.slice(2);

(async () => {
  const browser = await launch({ ignoreCertificateErrors: pageUrl.startsWith('https:') });
  try {
    console.log('VERSION\tChromium ' + browser.version);
    const page = await browser.newPage();
    page.on('console', (m) => console.log('LOG\t' + m.text()));
    await page.goto(pageUrl);
    await page.addScriptTag({ path: path.join(__dirname, 'interop-checks.js') });
    const rows = await page.evaluate(async ({ echoUrl, interopUrl }) => {
      return globalThis.interopChecks.runChecks({
        factory: (url, protocols) => (protocols ? new WebSocket(url, protocols) : new WebSocket(url)),
        echoUrl,
        interopUrl,
        sendFragments: null,
        cannotFragment: 'the browser WebSocket API sends each message whole; it has no fragment API',
        ping: null,
        cannotPing: 'the browser WebSocket API has no ping',
        offersDeflate: true,
        log: (line) => console.log(line)
      });
    }, { echoUrl, interopUrl });
    for (const r of rows) console.log('CELL\t' + r.map((x) => String(x).replace(/[\t\n]/g, ' ')).join('\t'));
  } finally {
    await browser.close();
  }
})().catch((e) => { console.log('ERROR\t' + (e && e.stack || e)); process.exit(1); });
