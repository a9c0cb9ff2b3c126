// Loaded into the app's server process before Next.js (`node --import ./scripts/peer-address.mjs …`,
// as `npm start`, `npm run demo` and `npm run start:cluster` do). On every request, before Next.js:
// - refuses what Next.js would answer with a 500 no route can catch (lib/http/request-guard.mjs):
//   methods other than GET/HEAD/POST/PUT/PATCH/DELETE/OPTIONS → 405; a path or query with bad
//   percent-encoding, NUL or a lone surrogate → 400, both as the app's `{error:{code,message}}`;
// - writes the socket's address into the `x-suqiu-peer` request header, over anything the client
//   sent, and marks the process so that lib/http/client-address.ts reads it (Next.js gives route
//   handlers no other way to the socket).
import http from 'node:http';
import { ALLOWED_METHODS, problemBody, requestProblem } from '../lib/http/request-guard.mjs';

const PEER_HEADER = 'x-suqiu-peer';
const emit = http.Server.prototype.emit;

http.Server.prototype.emit = function emitWithPeer(event, ...args) {
  if (event === 'request') {
    const [req, res] = args;
    const problem = requestProblem(req.method ?? 'GET', req.url ?? '/');
    if (problem) {
      res.statusCode = problem.status;
      res.setHeader('content-type', 'application/json; charset=utf-8');
      res.setHeader('cache-control', 'no-store');
      res.setHeader('x-content-type-options', 'nosniff');
      if (problem.status === 405) res.setHeader('allow', ALLOWED_METHODS.join(', '));
      res.end(req.method === 'HEAD' ? undefined : problemBody(problem));
      req.resume();
      return true;
    }
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
