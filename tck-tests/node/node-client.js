// Node's `ws` as a client of the interoperability matrix (run by NodeClientInteropTest).
// Usage: node node-client.js ws://HOST:PORT/echo ws://HOST:PORT/interop
//        node node-client.js wss://HOST:PORT/echo wss://HOST:PORT/interop CA.pem
// With a CA file (PEM), wss:// connections trust that certificate only; Node's host name
// check stays on.
// Prints "VERSION <ws version>", then "CELL\t<check-id>\t<outcome>\t<reason>" per check.
'use strict';
const WebSocket = require('ws');
const { runChecks } = require('./interop-checks');

const fs = require('fs');

const [echoUrl, interopUrl, caFile] = process.argv.slice(2);
const tls = caFile ? { ca: fs.readFileSync(caFile) } : {};
console.log('VERSION\t' + require('ws/package.json').version);

function sendFragments(ws, parts) {
  return new Promise((resolve, reject) => {
    parts.forEach((p, i) => {
      const last = i === parts.length - 1;
      ws.send(typeof p === 'string' ? p : Buffer.from(p), { fin: last, binary: typeof p !== 'string' },
        (err) => { if (err) reject(err); else if (last) resolve(); });
    });
  });
}

function ping(ws, payload) {
  return new Promise((resolve) => {
    ws.once('pong', (data) => resolve(data.toString()));
    ws.ping(payload);
  });
}

runChecks({
  factory: (url, protocols) => new WebSocket(url, protocols || [], { perMessageDeflate: true, maxPayload: 64 * 1024 * 1024, ...tls }),
  echoUrl,
  interopUrl,
  sendFragments,
  ping,
  offersDeflate: true,
  log: (line) => console.log('LOG\t' + line)
}).then((rows) => {
  for (const r of rows) console.log('CELL\t' + r.map((x) => String(x).replace(/[\t\n]/g, ' ')).join('\t'));
  process.exit(0);
}, (e) => { console.log('ERROR\t' + e); process.exit(1); });
