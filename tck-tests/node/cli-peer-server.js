// Node's `ws` as the server of the command-line client's tests (run by CommandLineClientTest).
// Usage: node cli-peer-server.js [PORT]   (0 or none: a free port)
// Listens on 127.0.0.1, offers the subprotocols chat.v1 and chat.v2, refuses the path
// /forbidden with 401, prints "LISTENING\t<n>", and stops when its standard input closes. Each text
// message comes back, except:
//   ?header NAME   answered with the value of that request header ("-" if absent)
//   ?subprotocol   answered with the negotiated subprotocol ("-" if none)
//   ?binary        answered with a binary message of the bytes 0 to 9
//   ?close CODE    closes the connection with that code
'use strict';
const { WebSocketServer } = require('ws');

const server = new WebSocketServer({
  host: '127.0.0.1',
  port: Number(process.argv[2] || 0),
  handleProtocols: (protocols) => ['chat.v1', 'chat.v2'].find((p) => protocols.has(p)) || false,
  verifyClient: (info) => info.req.url !== '/forbidden'
});

server.on('connection', (ws, req) => {
  ws.on('message', (data, isBinary) => {
    if (isBinary) {
      ws.send(data, { binary: true });
      return;
    }
    const text = data.toString();
    if (text.startsWith('?header ')) {
      const value = req.headers[text.substring(8).toLowerCase()];
      ws.send(value === undefined ? '-' : String(value));
    } else if (text === '?subprotocol') {
      ws.send(ws.protocol || '-');
    } else if (text === '?binary') {
      ws.send(Buffer.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]), { binary: true });
    } else if (text.startsWith('?close ')) {
      ws.close(Number(text.substring(7)), 'asked');
    } else {
      ws.send(text);
    }
  });
});

server.on('listening', () => console.log('LISTENING\t' + server.address().port));
process.stdin.resume();
process.stdin.on('end', () => {
  for (const ws of server.clients) ws.close(1001, 'going away');
  server.close();
  setTimeout(() => process.exit(0), 200);
});
