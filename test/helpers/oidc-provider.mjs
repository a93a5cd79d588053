// A real OpenID Connect provider (oidc-provider) for the single sign-on tests, in a process of its own on
// 127.0.0.1. Started with child_process.fork: it listens first (a free port) and sends the parent
// { type: 'listening', issuer }; the parent then sends { type: 'configure', client, accounts } (the
// client's redirect URIs are the Vraagbaak test servers' callbacks, known only once they listen), and
// the provider answers { type: 'ready' } and serves. Until then every request gets 503.
// Sign-in and consent are oidc-provider's development interactions: POST /interaction/:uid with
// prompt=login&login=<account id>, then prompt=consent; GET /interaction/:uid/abort declines.
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

let handle = (_request, response) => {
  response.statusCode = 503;
  response.end('not configured yet');
};
const server = createServer((request, response) => handle(request, response));

server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  process.send({ type: 'listening', issuer: `http://127.0.0.1:${port}` });
});

process.on('message', (message) => {
  if (message?.type !== 'configure') return;
  const { issuer, client, accounts } = message;
  const provider = new Provider(issuer, {
    clients: [client],
    // Every login is an account: the ones the test describes have its claims, others a plain address.
    async findAccount(_ctx, sub) {
      const claims = accounts[sub] ?? { email: `${sub}@idp.example.org`, email_verified: true, name: sub };
      return { accountId: sub, claims: async () => ({ sub, ...claims }) };
    },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    // The relying party must use PKCE.
    pkce: { required: () => true },
    cookies: { keys: ['oidc-provider test cookie key'] },
    features: { devInteractions: { enabled: true } },
  });
  provider.on('server_error', (_ctx, error) => process.stderr.write(`server_error: ${error.stack}\n`));
  handle = provider.callback();
  process.send({ type: 'ready' });
});

// The parent went away (or killed us): stop.
process.on('disconnect', () => {
  server.close();
  process.exit(0);
});
