// Node's `ws` as a server of the interoperability matrix (run by NodeServerInteropTest). It
// speaks the protocol of InteropEndpoint (echo, and cmd: messages) at any path, offers the
// subprotocols interop.v1 and interop.v2, and accepts permessage-deflate.
// Prints "VERSION <ws version>" and "LISTENING <port>" (a free port on 127.0.0.1), then serves
// until its standard input closes.
'use strict';
const { WebSocketServer } = require('ws');

let lastClose = 'none';
const server = new WebSocketServer({
  host: '127.0.0.1',
  port: 0,
  perMessageDeflate: true,
  maxPayload: 64 * 1024 * 1024,
  handleProtocols: (protocols) => ['interop.v1', 'interop.v2'].find((p) => protocols.has(p)) || false
});

server.on('connection', (ws) => {
  ws.on('message', (data, isBinary) => {
    const message = isBinary ? data : data.toString();
    if (isBinary || !message.startsWith('cmd:')) {
      ws.send(message, { binary: isBinary });
      return;
    }
    const cmd = message.split(':');
    switch (cmd[1]) {
      case 'fragmented': {
        ws.send('Hello ', { fin: false });
        ws.send('fragmented ', { fin: false });
        ws.send('wörld', { fin: true });
        const b = Buffer.alloc(100);
        for (let i = 0; i < 100; i++) b[i] = i;
        ws.send(b.subarray(0, 10), { binary: true, fin: false });
        ws.send(b.subarray(10, 50), { binary: true, fin: false });
        ws.send(b.subarray(50), { binary: true, fin: true });
        break;
      }
      case 'ping':
        ws.once('pong', (d) => ws.send('pong:' + d.toString()));
        ws.ping(cmd[2]);
        break;
      case 'close':
        ws.close(Number(cmd[2]), cmd.slice(3).join(':'));
        break;
      case 'subprotocol':
        ws.send('subprotocol:' + ws.protocol);
        break;
      case 'extensions':
        ws.send('extensions:' + ws.extensions);
        break;
      case 'resetclose':
        lastClose = 'none';
        ws.send('resetclose:ok');
        break;
      case 'lastclose':
        ws.send('lastclose:' + lastClose);
        break;
      default:
        ws.send('unknown:' + message);
    }
  });
  ws.on('close', (code, reason) => {
    if (code >= 4000 && code <= 4999) lastClose = code + ':' + reason.toString();
  });
});

server.on('listening', () => {
  console.log('VERSION\t' + require('ws/package.json').version);
  console.log('LISTENING\t' + server.address().port);
});
process.stdin.resume();
process.stdin.on('end', () => { server.close(); process.exit(0); });
