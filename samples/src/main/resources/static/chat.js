// The Ondine chat page: joins /chat/{room}?user=NAME, shows the connection state, and
// reconnects by itself (with a growing delay, at most 5 s) when the connection drops.
(function () {
  'use strict';
  const stateEl = document.getElementById('state');
  const log = document.getElementById('log');
  const roomInput = document.getElementById('room');
  const userInput = document.getElementById('user');
  const textInput = document.getElementById('text');
  let socket = null;
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
      '?user=' + encodeURIComponent(wanted.user);
    setState('connecting');
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = function () {
      if (socket !== ws) return;
      retryDelay = 250;
      setState('open');
    };
    ws.onmessage = function (event) {
      let m;
      try { m = JSON.parse(event.data); } catch (e) { return; }
      append(m.type, m.user, m.text);
    };
    ws.onclose = function () {
      if (socket !== ws) return;
      socket = null;
      setState('closed');
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
