// permessage-deflate against an Ondine echo from Node's ws (on Node's zlib): the offers
// ws can make (server_max_window_bits 8 to 15, RFC 7692 §7.1.2.1; a client window of 9;
// no context takeover) and many messages with context takeover, every one compressed
// (threshold 0), so back-references reach into earlier messages both ways.
// Usage: node deflate-client.js ws://127.0.0.1:PORT/echo ; prints ALL PASSED, exits 1 on a failure.
'use strict';
const WebSocket = require('ws');

const WORDS = ['ondine', 'deflate', 'window', 'context', 'takeover', 'history', 'dictionary', 'rebuild',
  '{"id":', '"room":"general",', '"text":"hello there",', '\u00e9t\u00e9', '\u20ac', '\n'];

let seed = 1;
function random() { // deterministic, so that a failure repeats
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
}

function message(size) {
  let s = '';
  while (s.length < size) {
    s += (random() < 0.8 ? WORDS[Math.floor(random() * WORDS.length)] : String(Math.floor(random() * 1e6))) + ' ';
  }
  return s.slice(0, size);
}

function conversation(uri, label, perMessageDeflate, count) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(uri, { perMessageDeflate: Object.assign({ threshold: 0 }, perMessageDeflate) });
    const timer = setTimeout(() => { ws.terminate(); reject(new Error(label + ': timed out')); }, 60000);
    let i = 0;
    let expected = null;
    let header = '';
    ws.on('upgrade', (res) => { header = String(res.headers['sec-websocket-extensions']); });
    const earlier = [];
    const next = () => {
      if (i === count) {
        clearTimeout(timer);
        console.log('ok ' + label + ': ' + count + ' echoes (' + header + ')');
        ws.close(1000);
        resolve(header);
        return;
      }
      const r = random();
      let text = r < 0.6 ? message(Math.floor(random() * 300))
        : r < 0.9 && earlier.length ? earlier[Math.floor(random() * earlier.length)] + message(1 + Math.floor(random() * 80))
          : message(300 + Math.floor(random() * 70000));
      earlier.push(text);
      if (earlier.length > 20) earlier.shift();
      const binary = random() < 0.2;
      expected = binary ? Buffer.from(text, 'utf8') : text;
      ws.send(expected, { binary, compress: true });
      i++;
    };
    ws.on('open', () => {
      if (!String(ws.extensions).startsWith('permessage-deflate')) {
        clearTimeout(timer);
        reject(new Error(label + ': not negotiated: ' + ws.extensions));
        return;
      }
      next();
    });
    ws.on('message', (data, isBinary) => {
      const got = isBinary ? data : data.toString('utf8');
      const same = isBinary ? Buffer.isBuffer(expected) && got.equals(expected) : got === expected;
      if (!same) {
        clearTimeout(timer);
        ws.terminate();
        reject(new Error(label + ': echo ' + (i - 1) + ' differs'));
        return;
      }
      next();
    });
    ws.on('error', (e) => { clearTimeout(timer); reject(new Error(label + ': ' + e.message)); });
  });
}

(async () => {
  const uri = process.argv[2];
  await conversation(uri, 'default offer', {}, 300);
  for (let bits = 8; bits <= 15; bits++) {
    const ext = await conversation(uri, 'server_max_window_bits=' + bits, { serverMaxWindowBits: bits }, 60);
    if (!String(ext).includes('server_max_window_bits=' + bits)) throw new Error('not answered with ' + bits + ': ' + ext);
  }
  await conversation(uri, 'client window of 9 bits', { clientMaxWindowBits: 9 }, 100);
  await conversation(uri, 'no context takeover both ways',
    { serverNoContextTakeover: true, clientNoContextTakeover: true }, 100);
  console.log('ALL PASSED');
})().catch((e) => { console.log('FAILED ' + e.message); process.exit(1); });
