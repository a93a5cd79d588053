// The web app: the files Vite built, and its index.html for every other path outside /api (the app
// routes on the client).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { sendProblem } from './problem.js';

export async function webApp(app: FastifyInstance, root: string): Promise<void> {
  if (!existsSync(join(root, 'index.html'))) {
    throw new Error(`the web app is not built: ${join(root, 'index.html')} is missing (run npm run build)`);
  }
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    wildcard: false,
    index: false,
    setHeaders(res, path) {
      // Vite names built assets by their content hash: they never change.
      if (path.includes(`${join(root, 'assets')}`))
        res.header('cache-control', 'public, max-age=31536000, immutable');
      else res.header('cache-control', 'no-cache');
    },
  });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    if (
      path.startsWith('/api/') ||
      path === '/api' ||
      (request.method !== 'GET' && request.method !== 'HEAD')
    ) {
      return sendProblem(reply, request, 404, `no resource at ${path}`);
    }
    reply.header('cache-control', 'no-cache');
    return reply.sendFile('index.html');
  });
}
