// The HTTP server: the /api/v1 REST API (REST API Design Rules 2.0: OpenAPI document, API-Version
// header, problem+json errors) and the web app's static files.
import accepts from '@fastify/accepts';
import compress from '@fastify/compress';
import helmet from '@fastify/helmet';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { listPublisher } from '../archive/publish-list.js';
import type { Auth } from '../auth/auth.js';
import type { OidcOptions } from '../auth/oidc.js';
import { apiDocsPolicy } from '../auth/policies/health.js';
import type { Policy } from '../auth/policies/policy.js';
import type { WordChecker } from '../extract/word-list.js';
import { Notifier } from '../notify/notifier.js';
import type { Analyzer } from '../search/analysis.js';
import type { Store } from '../store/store.js';
import { CLOSED_DAYS_NL, type DeadlineCalendar } from '../workflow/deadlines.js';
import { Workflow } from '../workflow/service.js';
import { authentication } from './auth.js';
import { errorHandler, sendProblem } from './problem.js';
import { auditRoutes } from './routes/audit.js';
import { healthRoutes } from './routes/health.js';
import { importRoutes } from './routes/imports.js';
import { listQuestionRoutes } from './routes/list-questions.js';
import { notificationRoutes } from './routes/notifications.js';
import { oidcRoutes } from './routes/oidc.js';
import { publicationRoutes } from './routes/publications.js';
import { questionListRoutes } from './routes/question-lists.js';
import { questionRoutes } from './routes/questions.js';
import { searchRoutes } from './routes/search.js';
import { sessionRoutes } from './routes/sessions.js';
import { tokenRoutes } from './routes/tokens.js';
import { userRoutes } from './routes/users.js';
import { webApp } from './web.js';

/** The API's full semantic version, sent as API-Version on every response; the major is in the path. */
export const API_VERSION = '1.0.0';

export interface ServerOptions {
  store: Store;
  analyzer: Analyzer;
  words: WordChecker;
  /** Sign-in, sessions and tokens (src/auth/auth.ts). */
  auth: Auth;
  /** The built web app (dist/web); null serves the API only. */
  webRoot: string | null;
  /** The largest upload accepted, in bytes (default 20 MB). */
  uploadLimit?: number;
  /** Pino logger options, or false for none. */
  logger?: FastifyServerOptions['logger'];
  /** Set when a proxy in front terminates HTTPS (HSTS is then sent). */
  behindHttps?: boolean;
  /** Single sign-on (OpenID Connect, docs/sso.md); its routes exist only when this is set. */
  oidc?: OidcOptions;
  /** Closed days and recesses for the workflow's deadlines (default: the Dutch holidays, no recesses). */
  calendar?: DeadlineCalendar;
  /** Notifications (src/notify): in the app always; by e-mail when it has a mailer. Default: in the app only. */
  notifier?: Notifier;
}

export const DEFAULT_UPLOAD_LIMIT = 20 * 1024 * 1024;

export interface ApiRoute {
  method: string;
  url: string;
  policy: Policy | null;
}

declare module 'fastify' {
  interface FastifyInstance {
    apiRoutes: readonly ApiRoute[];
  }
}

interface OpenApiDocument {
  paths?: Record<string, Record<string, Record<string, unknown>>>;
}

/** The upload's body is read raw (not validated by a schema), so the document describes it here. */
function withUploadBody(doc: OpenApiDocument): OpenApiDocument {
  const post = doc.paths?.['/api/v1/imports']?.post;
  if (post) {
    const file = { type: 'string', format: 'binary' };
    post.requestBody = {
      required: true,
      description: 'The source file: the text of a publication (UTF-8 or Windows-1252).',
      content: {
        'text/plain': { schema: file },
        'application/octet-stream': { schema: file },
        'multipart/form-data': {
          schema: { type: 'object', required: ['file'], properties: { file } },
        },
      },
    };
  }
  return doc;
}

const CSP = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'self'"],
};

export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const uploadLimit = options.uploadLimit ?? DEFAULT_UPLOAD_LIMIT;
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 1024 * 1024,
    // Query parameters are validated from the schemas: a wrong or unknown one is a 400 naming it.
    ajv: {
      customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: true },
    },
    routerOptions: { maxParamLength: 200 },
    trustProxy: options.behindHttps ?? false,
  });
  // Every route with its policy, for the route × role test (test/server/policy-matrix.test.ts).
  const routes: ApiRoute[] = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') routes.push({ method, url: route.url, policy: route.config?.policy ?? null });
    }
  });
  app.decorate('apiRoutes', routes);
  // Responses are plain JSON.stringify: schemas document the API (and the contract test checks
  // them); they do not silently drop fields as a schema serializer would.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  app.setErrorHandler(errorHandler(uploadLimit));
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('api-version', API_VERSION);
    return payload;
  });

  await app.register(accepts);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: { ...CSP, upgradeInsecureRequests: options.behindHttps ? [] : null },
    },
    hsts: options.behindHttps ? { maxAge: 31_536_000 } : false,
    crossOriginEmbedderPolicy: false,
  });
  await app.register(compress, {
    threshold: 1024,
    // Brotli's default quality (11) costs more time than it saves on a fast network.
    brotliOptions: { params: { [(await import('node:zlib')).constants.BROTLI_PARAM_QUALITY]: 4 } },
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Vraagbaak API',
        version: API_VERSION,
        description:
          'Parliamentary written questions and answers: search the archive, read publications, import sources.',
        contact: { name: 'Vraagbaak', email: 'vraagbaak@example.org', url: 'https://example.org/vraagbaak' },
        license: { name: 'EUPL-1.2', url: 'https://eupl.eu/1.2/nl/' },
      },
      servers: [{ url: '/', description: 'this server' }],
      externalDocs: {
        description: 'The API in words (docs/api.md)',
        url: 'https://example.org/vraagbaak/docs/api',
      },
      tags: [
        { name: 'search', description: 'Search questions and answers' },
        { name: 'publications', description: 'Published questions and answers' },
        { name: 'questions', description: 'One question and similar earlier ones' },
        { name: 'imports', description: 'Upload source files' },
        { name: 'health', description: 'Liveness and readiness' },
        { name: 'sessions', description: 'Signing in and out' },
        { name: 'users', description: 'People (administrators)' },
        { name: 'organisations', description: 'Organisations' },
        { name: 'tokens', description: 'API tokens' },
        { name: 'audit', description: 'The audit log (administrators)' },
      ],
    },
    transformObject: (documents) =>
      withUploadBody(('openapiObject' in documents ? documents.openapiObject : {}) as OpenApiDocument),
  });
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    staticCSP: true,
    transformStaticCSP: (header) => header,
  });

  await authentication(app, options.auth, { secureCookies: options.behindHttps ?? false });
  app.get(
    '/api/v1/openapi.json',
    { config: { policy: apiDocsPolicy.read }, schema: { hide: true } },
    async (_request, reply) =>
      reply.type('application/json; charset=utf-8').send(JSON.stringify(app.swagger())),
  );
  healthRoutes(app, options.store);
  searchRoutes(app, options.store, options.analyzer);
  publicationRoutes(app, options.store);
  questionRoutes(app, options.store, options.analyzer);
  await app.register(async (scope) => importRoutes(scope, options, uploadLimit));
  sessionRoutes(app, options.store, options.auth, options.behindHttps ?? false, Boolean(options.oidc));
  if (options.oidc) oidcRoutes(app, options.store, options.auth, options.oidc, options.behindHttps ?? false);
  userRoutes(app, options.store);
  tokenRoutes(app, options.store, options.auth);
  auditRoutes(app, options.store);
  const calendar = options.calendar ?? { recesses: [], closedDays: CLOSED_DAYS_NL };
  const notifier = options.notifier ?? new Notifier(options.store, { mailer: null, calendar });
  const workflow = new Workflow(options.store, {
    publish: listPublisher({ store: options.store, analyzer: options.analyzer, words: options.words }),
    notify: (notice) => notifier.handle(notice),
    calendar,
  });
  questionListRoutes(app, options.store, workflow, calendar);
  listQuestionRoutes(app, options.store, workflow, options.analyzer, calendar);
  notificationRoutes(app, notifier);

  if (options.webRoot) await webApp(app, options.webRoot);
  else {
    app.setNotFoundHandler((request, reply) =>
      sendProblem(reply, request, 404, `no resource at ${request.url.split('?')[0]}`),
    );
  }
  return app;
}
