// Child process: a bare `ws` server that echoes every frame back. It shows what WebSocket
// transport alone costs on this machine. Prints one JSON line `{ port, token }` once listening.
import { WebSocketServer } from 'ws';

const server = new WebSocketServer({ host: '127.0.0.1', port: 0, maxPayload: 64 * 1024 });
server.on('connection', (socket) => {
  socket.on('message', (data, isBinary) => socket.send(data, { binary: isBinary }));
});
await new Promise<void>((resolve) => server.once('listening', resolve));
const address = server.address();
process.stdout.write(`${JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0, token: '' })}\n`);
process.on('SIGTERM', () => {
  for (const client of server.clients) client.terminate();
  server.close(() => process.exit(0));
});
