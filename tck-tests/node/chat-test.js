// The samples' chat page in headless Chromium (run by ChatPageBrowserTest): two pages join one
// room, see each other's join notices, exchange messages, survive a server restart through
// the page's reconnect, and one sees the other leave. Saves a screenshot of the first page.
// Usage: node chat-test.js http://HOST:PORT/ SCREENSHOT.png
// Talks to the test over stdio: prints "STOP" when the server should stop, "CLOSED" once both
// pages show it, then waits for "STARTED" on stdin (a new server on the same port).
// Prints "STEP ..." as it goes and "PASS" at the end; exits 1 with "FAILED ..." otherwise.
'use strict';
const { launch } = require('./browser');
const { WAIT, nextLineWithin30s, step, state, run } = require('./page-io');

const [base, screenshot] = process.argv.slice(2);

async function sees(page, kind, text) {
  await page.waitForFunction(([k, t]) => [...document.querySelectorAll('#log li')]
    .some((li) => li.dataset.kind === k && li.textContent === t), [kind, text], { timeout: WAIT });
}

async function say(page, text) {
  await page.fill('#text', text);
  await page.press('#text', 'Enter');
}

run(async () => {
  const browser = await launch();
  try {
    const alice = await browser.newPage();
    const bob = await browser.newPage();
    await alice.goto(base + '?room=harbour&user=alice');
    await state(alice, 'open');
    step('alice joined');
    await bob.goto(base + '?room=harbour&user=bob');
    await state(bob, 'open');
    await sees(alice, 'join', 'bob joined');
    step('alice sees bob join');
    await say(alice, 'Hello Bob, the tide is in.');
    await sees(bob, 'message', 'alice: Hello Bob, the tide is in.');
    await say(bob, 'Hi Alice! Boats are out.');
    await sees(alice, 'message', 'bob: Hi Alice! Boats are out.');
    step('messages both ways');

    console.log('STOP');
    await state(alice, 'closed');
    await state(bob, 'closed');
    step('both pages show closed');
    console.log('CLOSED');
    const line = await nextLineWithin30s();
    if (line !== 'STARTED') throw new Error('the server was not restarted: ' + line);
    await state(alice, 'open');
    await state(bob, 'open');
    step('both pages reconnected');
    await say(bob, 'Still here after the restart?');
    await sees(alice, 'message', 'bob: Still here after the restart?');
    await say(alice, 'Yes, reconnected by itself.');
    await sees(bob, 'message', 'alice: Yes, reconnected by itself.');
    step('messages flow again');

    await bob.close();
    await sees(alice, 'leave', 'bob left');
    step('alice sees bob leave');
    await alice.screenshot({ path: screenshot });
    step('screenshot ' + screenshot);
    console.log('PASS');
  } finally {
    await browser.close();
  }
});
