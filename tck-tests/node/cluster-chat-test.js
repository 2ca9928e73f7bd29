// The samples' chat page on two nodes of a cluster (run by ClusterChatBrowserTest): alice's page
// on node A, bob's on node B, one room; each page shows the node that serves it; messages cross
// the nodes both ways. Then the test kills node B (kill -9): bob's page, unable to reconnect to
// B, moves to A's page by itself (the peers its node notice named) and chats on.
// Usage: node cluster-chat-test.js http://A/ http://B/ SCREENSHOT.png
// Talks to the test over stdio: prints "KILL" when node B should die, waits for "KILLED".
// Prints "STEP ..." as it goes and "PASS" at the end; exits 1 with "FAILED ..." otherwise.
'use strict';
const { launch } = require('./browser');
const { WAIT, nextLineWithin30s, step, state, run } = require('./page-io');

const [pageA, pageB, screenshot] = process.argv.slice(2);
const authority = (url) => new URL(url).host;

async function sees(page, kind, text, timeout = WAIT) {
  await page.waitForFunction(([k, t]) => [...document.querySelectorAll('#log li')]
    .some((li) => li.dataset.kind === k && li.textContent === t), [kind, text], { timeout });
}

async function say(page, text) {
  await page.fill('#text', text);
  await page.press('#text', 'Enter');
}

async function servedBy(page, url) {
  await page.waitForFunction((a) => (document.getElementById('node').dataset.node || '').startsWith(a + ' '),
    authority(url), { timeout: WAIT });
}

// Says numbered hellos from one page until the other sees one: both nodes then read the room.
async function untilHeard(from, name, to) {
  for (let i = 0; i < 50; i++) {
    await say(from, 'hello ' + i);
    try {
      await to.waitForFunction((n) => [...document.querySelectorAll('#log li')]
        .some((li) => li.dataset.kind === 'message' && li.textContent.startsWith(n + ': hello ')), name, { timeout: 300 });
      return;
    } catch (e) { /* not yet */ }
  }
  throw new Error(name + ' was not heard on the other node');
}

run(async () => {
  const browser = await launch();
  try {
    const alice = await browser.newPage();
    const bob = await browser.newPage();
    await alice.goto(pageA + '?room=harbour&user=alice');
    await state(alice, 'open');
    await servedBy(alice, pageA);
    step('alice on node A');
    await bob.goto(pageB + '?room=harbour&user=bob');
    await state(bob, 'open');
    await servedBy(bob, pageB);
    step('bob on node B');
    await sees(alice, 'join', 'bob joined');
    step('alice sees bob join across the nodes');
    await untilHeard(alice, 'alice', bob);
    await untilHeard(bob, 'bob', alice);
    await say(alice, 'Hello Bob, from node A.');
    await sees(bob, 'message', 'alice: Hello Bob, from node A.');
    await say(bob, 'Hi Alice, from node B.');
    await sees(alice, 'message', 'bob: Hi Alice, from node B.');
    step('messages both ways across the nodes');

    console.log('KILL');
    const line = await nextLineWithin30s();
    if (line !== 'KILLED') throw new Error('node B was not killed: ' + line);
    await servedBy(bob, pageA);
    await state(bob, 'open');
    step('bob\'s page moved to node A by itself');
    await say(bob, 'Back, now on node A.');
    await sees(alice, 'message', 'bob: Back, now on node A.');
    await say(alice, 'Welcome back.');
    await sees(bob, 'message', 'alice: Welcome back.');
    step('messages flow again');
    await alice.screenshot({ path: screenshot });
    step('screenshot ' + screenshot);
    console.log('PASS');
  } finally {
    await browser.close();
  }
});
