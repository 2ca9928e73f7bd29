// The checks of Ondine's interoperability matrix, for a WebSocket client in JavaScript: the
// browser's WebSocket (loaded into a page by chromium-client.js) or Node's `ws`
// (node-client.js). The server speaks the protocol of InteropEndpoint (echo, and cmd:
// messages). runChecks returns [checkId, outcome, reason] rows; outcome is PASS, FAIL,
// NOT_YET or NA.
(function (root) {
  'use strict';
  const WAIT = 10000;

  function timeout(promise, ms, what) {
    let timer;
    return Promise.race([
      promise,
      new Promise((_, reject) => { timer = setTimeout(() => reject(new Error('no ' + what + ' within ' + ms / 1000 + ' s')), ms); })
    ]).finally(() => clearTimeout(timer));
  }

  class Outcome extends Error {
    constructor(outcome, reason) { super(reason); this.outcome = outcome; }
  }

  // Wraps a WebSocket-like object (browser WebSocket, or ws's WebSocket) in a queue.
  function open(factory, url, protocols) {
    return new Promise((resolve, reject) => {
      const ws = factory(url, protocols);
      ws.binaryType = 'arraybuffer';
      const queue = [];
      const waiters = [];
      let closeInfo = null;
      const closeWaiters = [];
      const conn = {
        ws,
        next(what) {
          if (queue.length) return Promise.resolve(queue.shift());
          if (closeInfo) return Promise.reject(new Error('closed (' + closeInfo.code + ') while waiting for ' + what));
          return timeout(new Promise((res) => waiters.push(res)), WAIT, what);
        },
        closed() {
          if (closeInfo) return Promise.resolve(closeInfo);
          return timeout(new Promise((res) => closeWaiters.push(res)), WAIT, 'close');
        },
        close() { try { ws.close(); } catch (e) { /* already closing */ } }
      };
      function deliver(v) { const w = waiters.shift(); if (w) w(v); else queue.push(v); }
      ws.onmessage = (e) => {
        const d = e.data;
        deliver(typeof d === 'string' ? d : new Uint8Array(d instanceof ArrayBuffer ? d : d.buffer.slice(d.byteOffset, d.byteOffset + d.byteLength)));
      };
      ws.onopen = () => resolve(conn);
      ws.onerror = (e) => { if (ws.readyState !== 1) reject(new Error('connection failed' + (e && e.message ? ': ' + e.message : ''))); };
      ws.onclose = (e) => {
        closeInfo = { code: e.code, reason: e.reason };
        closeWaiters.splice(0).forEach((w) => w(closeInfo));
        reject(new Error('closed (' + e.code + ') before it opened'));
      };
    });
  }

  function show(v) {
    if (typeof v === 'string') return v.length > 80 ? 'text of ' + v.length : JSON.stringify(v);
    if (v instanceof Uint8Array) return 'binary of ' + v.length + ' B';
    return String(v);
  }

  function expect(expected, got, what) {
    let same;
    if (expected instanceof Uint8Array) {
      same = got instanceof Uint8Array && got.length === expected.length && got.every((b, i) => b === expected[i]);
    } else {
      same = expected === got;
    }
    if (!same) throw new Error(what + ': got ' + show(got) + ', expected ' + show(expected));
  }

  function bytes(n, seed) {
    const b = new Uint8Array(n);
    let x = seed >>> 0 || 1;
    for (let i = 0; i < n; i++) { x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0; b[i] = x & 255; }
    return b;
  }

  function text(n) {
    let s = '';
    const abc = 'abcdefghijklmnopqrstuvwxyz';
    while (s.length < n) s += abc;
    return s.slice(0, n);
  }

  // env: { factory(url, protocols), echoUrl, interopUrl,
  //        sendFragments(ws, parts, binary) | null, ping(ws, payload) -> Promise | null,
  //        cannotFragment, cannotPing: reasons when null }
  async function runChecks(env) {
    const rows = [];
    const connect = (url, protocols) => timeout(open(env.factory, url, protocols), WAIT, 'open');

    async function echo(message) {
      const c = await connect(env.echoUrl);
      try {
        c.ws.send(message);
        expect(message, await c.next('the echo'), 'echo');
      } finally { c.close(); }
    }

    const checks = {
      'text-small': () => echo('Hello, wörld € ✓'),
      'text-1mib': () => echo(text(1 << 20)),
      'binary-small': () => echo(bytes(16, 16)),
      'binary-1mib': () => echo(bytes(1 << 20, 20)),
      'fragmented-to-server': async () => {
        if (!env.sendFragments) throw new Outcome('NA', env.cannotFragment);
        const c = await connect(env.echoUrl);
        try {
          await env.sendFragments(c.ws, ['Hel', 'lo wö', 'rld']);
          expect('Hello wörld', await c.next('the fragmented text, echoed'), 'fragmented text');
          const a = bytes(70000, 1);
          const b = bytes(10, 2);
          await env.sendFragments(c.ws, [a, b]);
          const both = new Uint8Array(a.length + b.length);
          both.set(a); both.set(b, a.length);
          expect(both, await c.next('the fragmented binary, echoed'), 'fragmented binary');
        } finally { c.close(); }
      },
      'fragmented-to-client': async () => {
        const c = await connect(env.interopUrl);
        try {
          c.ws.send('cmd:fragmented');
          expect('Hello fragmented wörld', await c.next('the fragmented text'), 'fragmented text');
          const b = new Uint8Array(100);
          for (let i = 0; i < 100; i++) b[i] = i;
          expect(b, await c.next('the fragmented binary'), 'fragmented binary');
        } finally { c.close(); }
      },
      'ping-from-client': async () => {
        if (!env.ping) throw new Outcome('NA', env.cannotPing);
        const c = await connect(env.interopUrl);
        try {
          expect('ping!', await timeout(env.ping(c.ws, 'ping!'), WAIT, 'pong'), 'pong payload');
        } finally { c.close(); }
      },
      'ping-from-server': async () => {
        const c = await connect(env.interopUrl);
        try {
          c.ws.send('cmd:ping:hello');
          expect('pong:hello', await c.next("the server's report of the pong"), 'pong report');
        } finally { c.close(); }
      },
      'close-from-client': async () => {
        const c = await connect(env.interopUrl);
        c.ws.send('cmd:resetclose');
        expect('resetclose:ok', await c.next('resetclose:ok'), 'resetclose');
        c.ws.close(4000, 'bye client');
        await c.closed();
        let last = 'lastclose:none';
        for (let i = 0; i < 50 && last === 'lastclose:none'; i++) {
          const q = await connect(env.interopUrl);
          q.ws.send('cmd:lastclose');
          last = await q.next('lastclose');
          q.close();
          if (last === 'lastclose:none') await new Promise((r) => setTimeout(r, 100));
        }
        expect('lastclose:4000:bye client', last, 'the close the server received');
      },
      'close-from-server': async () => {
        const c = await connect(env.interopUrl);
        c.ws.send('cmd:close:4001:bye server');
        const info = await c.closed();
        expect('4001 bye server', info.code + ' ' + info.reason, 'the close the client received');
      },
      'subprotocol': async () => {
        let c = await connect(env.interopUrl, ['x-unknown', 'interop.v1'])
          .catch((e) => { throw new Error('offering x-unknown, interop.v1: ' + e.message); });
        try {
          expect('interop.v1', c.ws.protocol, "client's subprotocol");
          c.ws.send('cmd:subprotocol');
          expect('subprotocol:interop.v1', await c.next("the server's subprotocol"), "server's subprotocol");
        } finally { c.close(); }
        try {
          c = await connect(env.interopUrl, ['x-unknown']);
        } catch (e) {
          // Browsers and ws fail a handshake that selects none of the offered subprotocols
          // (RFC 6455 §4.1 lets a server select none); the server chose none, or the error would differ.
          if (/no subprotocol|no response was received|connection failed$/.test(e.message)) return 'none in common: the server selects none, and this client then refuses the connection by its own rule';
          throw new Error('offering x-unknown only: ' + e.message);
        }
        try {
          expect('', c.ws.protocol, "client's subprotocol, none in common");
          c.ws.send('cmd:subprotocol');
          const got = await c.next("the server's subprotocol");
          if (got !== 'subprotocol:' && got !== 'subprotocol:null') throw new Error('none in common, yet the server chose: ' + got);
        } finally { c.close(); }
      },
      'deflate': async () => {
        const c = await connect(env.interopUrl);
        try {
          const client = typeof c.ws.extensions === 'string' ? c.ws.extensions : Object.keys(c.ws.extensions || {}).join(',');
          c.ws.send('cmd:extensions');
          const server = await c.next("the server's extensions");
          if (!client.includes('permessage-deflate')) {
            if (env.offersDeflate && !server.includes('permessage-deflate')) {
              throw new Outcome('NOT_YET', 'permessage-deflate not implemented (the Ondine server declines the offer)');
            }
            throw new Error('offered, not negotiated: client "' + client + '", server ' + server);
          }
          if (!server.includes('permessage-deflate')) throw new Error('the client negotiated "' + client + '", the server ' + server);
          const t = text(100000);
          c.ws.send(t);
          expect(t, await c.next('the compressed text echo'), 'compressed text echo');
          const b = new Uint8Array(100000);
          c.ws.send(b);
          expect(b, await c.next('the compressed binary echo'), 'compressed binary echo');
        } finally { c.close(); }
      }
    };

    for (const id of Object.keys(checks)) {
      let row = [id, 'PASS', ''];
      for (let attempt = 1; attempt <= 2; attempt++) {
        try {
          const note = await timeout(checks[id](), 30000, 'end of the check');
          row = [id, 'PASS', typeof note === 'string' ? note : ''];
          break;
        } catch (e) {
          if (e instanceof Outcome) { row = [id, e.outcome, e.message]; break; }
          row = [id, 'FAIL', (e && e.message) || String(e)];
          if (env.log) env.log(id + ' attempt ' + attempt + ': ' + row[2]);
        }
      }
      rows.push(row);
    }
    return rows;
  }

  const api = { runChecks };
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
  else root.interopChecks = api;
})(typeof globalThis !== 'undefined' ? globalThis : this);
