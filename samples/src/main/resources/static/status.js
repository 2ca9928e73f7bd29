// The status page: listens to /status/feed (the history on connecting, then one sample a
// second), draws the last minutes on two canvases and shows the current figures as text.
// Reconnects by itself (with a growing delay, at most 5 s) when the connection drops.
(function () {
  'use strict';
  const WINDOW_MS = 10 * 60 * 1000;
  const COLORS = { sessions: '#1565c0', in: '#2e7d32', out: '#c62828' };
  const stateEl = document.getElementById('state');
  let samples = [];
  let retryDelay = 500;

  function setState(s) {
    stateEl.dataset.state = s;
    stateEl.textContent = s;
    stateEl.className = 'state ' + s;
  }

  function number(n) {
    return n >= 10000 ? n.toLocaleString('en') : String(n);
  }

  function bytes(n) {
    if (n >= 1048576) return (n / 1048576).toFixed(1) + ' MiB';
    if (n >= 1024) return (n / 1024).toFixed(1) + ' KiB';
    return n + ' B';
  }

  function showFigures(s) {
    document.getElementById('sessions').textContent = number(s.sessionsOpen);
    document.getElementById('in').textContent = number(s.messagesInPerSecond);
    document.getElementById('out').textContent = number(s.messagesOutPerSecond);
    document.getElementById('handshakes').textContent = number(s.handshakesPerSecond);
    document.getElementById('bytesIn').textContent = bytes(s.bytesInPerSecond);
    document.getElementById('bytesOut').textContent = bytes(s.bytesOutPerSecond);
    const body = document.querySelector('#endpoints tbody');
    body.textContent = '';
    Object.keys(s.sessionsByEndpoint || {}).forEach(function (path) {
      const tr = document.createElement('tr');
      const p = document.createElement('td');
      p.textContent = path;
      const n = document.createElement('td');
      n.textContent = number(s.sessionsByEndpoint[path]);
      tr.append(p, n);
      body.append(tr);
    });
  }

  // The span the charts show: what the page has, from one minute up to ten, in whole minutes.
  function span() {
    const have = samples.length ? samples[samples.length - 1].time - samples[0].time : 0;
    return Math.min(WINDOW_MS, Math.max(60000, Math.ceil(have / 60000) * 60000));
  }

  function ago(ms) {
    if (ms === 0) return 'now';
    return ms % 60000 === 0 ? '-' + ms / 60000 + ' min' : '-' + Math.round(ms / 1000) + ' s';
  }

  // One chart: a line per series over span(), time on x, a rounded maximum on y.
  function draw(canvas, series) {
    const ctx = canvas.getContext('2d');
    const w = canvas.width, h = canvas.height, left = 48, bottom = 18, top = 8, right = 8;
    ctx.clearRect(0, 0, w, h);
    const now = samples.length ? samples[samples.length - 1].time : Date.now();
    const shown = span();
    let max = 1;
    series.forEach(function (sr) {
      samples.forEach(function (s) { max = Math.max(max, sr.value(s)); });
    });
    const step = Math.pow(10, Math.floor(Math.log10(max)));
    max = Math.ceil(max / step) * step;
    const x = function (t) { return left + (w - left - right) * (1 - (now - t) / shown); };
    const y = function (v) { return top + (h - top - bottom) * (1 - v / max); };
    ctx.font = '11px system-ui, sans-serif';
    ctx.fillStyle = '#5b6b7c';
    ctx.strokeStyle = '#e3e8ee';
    ctx.lineWidth = 1;
    for (let i = 0; i <= 4; i++) {
      const v = max * i / 4, yy = Math.round(y(v)) + 0.5;
      ctx.beginPath(); ctx.moveTo(left, yy); ctx.lineTo(w - right, yy); ctx.stroke();
      ctx.textAlign = 'right'; ctx.textBaseline = 'middle';
      ctx.fillText(number(Math.round(v)), left - 6, yy);
    }
    ctx.textBaseline = 'top';
    for (let i = 0; i <= 5; i++) {
      ctx.textAlign = i === 0 ? 'right' : i === 5 ? 'left' : 'center';
      ctx.fillText(ago(shown * i / 5), x(now - shown * i / 5), h - bottom + 4);
    }
    series.forEach(function (sr) {
      ctx.strokeStyle = sr.color;
      ctx.lineWidth = sr.width || 2;
      ctx.beginPath();
      let last = null;
      samples.forEach(function (s) {
        // a gap of more than 3 s (a restart, a skipped second) breaks the line
        if (last === null || s.time - last > 3000) ctx.moveTo(x(s.time), y(sr.value(s)));
        else ctx.lineTo(x(s.time), y(sr.value(s)));
        last = s.time;
      });
      ctx.stroke();
    });
  }

  function render() {
    document.body.dataset.samples = samples.length;
    document.getElementById('span').textContent = ago(span()).substring(1);
    if (samples.length) showFigures(samples[samples.length - 1]);
    draw(document.getElementById('sessionsChart'),
      [{ color: COLORS.sessions, value: function (s) { return s.sessionsOpen; } }]);
    draw(document.getElementById('messagesChart'),
      // in drawn wider, under out: an echo's two lines coincide and both stay visible
      [{ color: COLORS.in, width: 5, value: function (s) { return s.messagesInPerSecond; } },
        { color: COLORS.out, width: 1.5, value: function (s) { return s.messagesOutPerSecond; } }]);
  }

  function add(update) {
    if (update.type === 'history') {
      // the server's recent past; what this page saw before a restart stays if it is older
      const first = update.samples.length ? update.samples[0].time : Infinity;
      samples = samples.filter(function (s) { return s.time < first; }).concat(update.samples);
    } else {
      samples = samples.concat(update.samples);
    }
    const newest = samples.length ? samples[samples.length - 1].time : 0;
    samples = samples.filter(function (s) { return s.time > newest - WINDOW_MS; });
    render();
  }

  function connect() {
    setState('connecting');
    const scheme = location.protocol === 'https:' ? 'wss://' : 'ws://';
    const base = location.pathname.substring(0, location.pathname.lastIndexOf('/') + 1);
    const ws = new WebSocket(scheme + location.host + base + 'status/feed');
    ws.onopen = function () {
      setState('open');
      retryDelay = 500;
    };
    ws.onmessage = function (e) {
      add(JSON.parse(e.data));
    };
    ws.onclose = function () {
      setState('closed');
      setTimeout(connect, retryDelay);
      retryDelay = Math.min(retryDelay * 2, 5000);
    };
  }

  render();
  connect();
})();
