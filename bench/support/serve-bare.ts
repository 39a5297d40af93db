// Child process: a bare Fastify app with the same route and JSON body parsing, replying 201 with
// the parsed body. It shows what the HTTP stack alone costs on this machine.
import Fastify from 'fastify';

const app = Fastify({ logger: false, bodyLimit: 1024 * 1024 });
app.post('/api/v1/inbound', async (request, reply) => reply.code(201).send(request.body));
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
process.stdout.write(`${JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0, token: '' })}\n`);
process.on('SIGTERM', async () => {
  await app.close();
  process.exit(0);
});
