// The Ondine chat page: joins /chat/{room}?user=NAME, shows the connection state and the node
// that serves it, and reconnects by itself (with a growing delay, at most 5 s) when the
// connection drops. In a cluster the server names the other nodes' pages: when this node
// stays unreachable (three attempts in a row), the page moves to another node's page, same
// room and name (a page may open WebSockets to its own origin only).
(function () {
  'use strict';
  const stateEl = document.getElementById('state');
  const log = document.getElementById('log');
  const roomInput = document.getElementById('room');
  const userInput = document.getElementById('user');
  const textInput = document.getElementById('text');
  const nodeEl = document.getElementById('node');
  let socket = null;
  let peers = []; // the other nodes' chat pages, from the server's "node" notice
  let failures = 0; // attempts in a row that never opened
  let retryDelay = 250;
  let retryTimer = null;
  let wanted = null; // {room, user} the page should be connected to

  function setState(state) {
    stateEl.textContent = state;
    stateEl.className = 'state ' + state;
    stateEl.dataset.state = state;
  }

  function append(kind, user, text) {
    const li = document.createElement('li');
    li.className = kind;
    if (kind === 'message') {
      const who = document.createElement('span');
      who.className = 'user';
      who.textContent = user + ': ';
      li.appendChild(who);
      li.appendChild(document.createTextNode(text));
    } else {
      li.textContent = user + (kind === 'join' ? ' joined' : ' left');
      li.className = 'notice ' + kind;
    }
    li.dataset.kind = kind;
    log.appendChild(li);
    log.scrollTop = log.scrollHeight;
  }

  function connect() {
    if (!wanted) return;
    clearTimeout(retryTimer);
    const scheme = location.protocol === 'https:' ? 'wss://' : 'ws://';
    // Relative to the page, so that the chat also works under a context path (the WAR).
    const base = location.pathname.substring(0, location.pathname.lastIndexOf('/') + 1);
    const url = scheme + location.host + base + 'chat/' + encodeURIComponent(wanted.room) +
      '?user=' + encodeURIComponent(wanted.user) + '&node=1';
    setState('connecting');
    const ws = new WebSocket(url);
    socket = ws;
    let opened = false;
    ws.onopen = function () {
      if (socket !== ws) return;
      opened = true;
      failures = 0;
      retryDelay = 250;
      setState('open');
    };
    ws.onmessage = function (event) {
      let m;
      try { m = JSON.parse(event.data); } catch (e) { return; }
      if (m.type === 'node') {
        nodeEl.textContent = 'served by ' + m.text;
        nodeEl.dataset.node = m.text;
        peers = m.peers || [];
        return;
      }
      append(m.type, m.user, m.text);
    };
    ws.onclose = function () {
      if (socket !== ws) return;
      socket = null;
      setState('closed');
      if (!opened) failures++;
      if (failures >= 3 && peers.length > 0) {
        const next = peers[Math.floor(Math.random() * peers.length)];
        location.replace(next + '?room=' + encodeURIComponent(wanted.room) + '&user=' + encodeURIComponent(wanted.user));
        return;
      }
      retryTimer = setTimeout(connect, retryDelay);
      retryDelay = Math.min(retryDelay * 2, 5000);
    };
  }

  document.getElementById('join').addEventListener('submit', function (e) {
    e.preventDefault();
    wanted = { room: roomInput.value.trim() || 'lobby', user: userInput.value.trim() || 'guest' };
    const old = socket;
    socket = null;
    if (old) old.close(1000, 'changing room');
    log.innerHTML = '';
    connect();
  });

  document.getElementById('send').addEventListener('submit', function (e) {
    e.preventDefault();
    const text = textInput.value;
    if (!text || !socket || socket.readyState !== WebSocket.OPEN) return;
    socket.send(JSON.stringify({ text: text }));
    textInput.value = '';
  });

  const params = new URLSearchParams(location.search);
  if (params.get('room')) roomInput.value = params.get('room');
  if (params.get('user')) userInput.value = params.get('user');
  wanted = { room: roomInput.value, user: userInput.value };
  connect();
})();
