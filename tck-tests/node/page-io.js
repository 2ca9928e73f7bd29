// What the page scripts (chat-test.js, status-test.js) share: lines from the Java test on
// stdin, "STEP ..." lines on stdout, and waiting for a page's connection state badge.
'use strict';
const readline = require('readline');

const WAIT = 20000;
const stdinLines = [];
const lineWaiters = [];
readline.createInterface({ input: process.stdin }).on('line', (l) => {
  const w = lineWaiters.shift();
  if (w) w(l); else stdinLines.push(l);
});

function nextStdinLine() {
  return stdinLines.length ? Promise.resolve(stdinLines.shift()) : new Promise((res) => lineWaiters.push(res));
}

// The next line from the test, or 'timeout' after 30 s.
function nextLineWithin30s() {
  return Promise.race([nextStdinLine(), new Promise((res) => setTimeout(() => res('timeout'), 30000))]);
}

function step(s) { console.log('STEP\t' + s); }

async function state(page, value) {
  await page.waitForSelector('#state[data-state="' + value + '"]', { timeout: WAIT });
}

// Runs main, then exits 0; prints "FAILED ..." and exits 1 if it throws.
function run(main) {
  main().then(() => process.exit(0),
    (e) => { console.log('FAILED\t' + (e && e.stack || e).toString().replace(/\n/g, ' | ')); process.exit(1); });
}

module.exports = { WAIT, nextLineWithin30s, step, state, run };
