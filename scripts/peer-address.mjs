// Loaded into the app's server process before Next.js (`node --import ./scripts/peer-address.mjs …`,
// as `npm start`, `npm run demo` and `npm run start:cluster` do): writes the socket's address into
// the `x-suqiu-peer` request header, over anything the client sent, and marks the process so that
// lib/http/client-address.ts reads it. Next.js gives route handlers no other way to the socket.
import http from 'node:http';

const PEER_HEADER = 'x-suqiu-peer';
const emit = http.Server.prototype.emit;

http.Server.prototype.emit = function emitWithPeer(event, ...args) {
  if (event === 'request') {
    const req = args[0];
    req.headers[PEER_HEADER] = req.socket?.remoteAddress ?? '';
    // Keep the raw list consistent too: drop what the client sent under that name.
    const raw = req.rawHeaders;
    for (let i = raw.length - 2; i >= 0; i -= 2) {
      if (raw[i].toLowerCase() === PEER_HEADER) raw.splice(i, 2);
    }
  }
  return emit.call(this, event, ...args);
};

globalThis[Symbol.for('suqiu.peer-header')] = true;
