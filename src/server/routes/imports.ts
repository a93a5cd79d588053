// POST /api/v1/imports: upload one source file; read it (dry run) or read and store it.
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type ImportContext, importSource } from '../../archive/import.js';
import { importPolicy } from '../../auth/policies/imports.js';
import { detectSource } from '../../read/detect.js';
import { readSource } from '../../read/index.js';
import { HttpProblem } from '../problem.js';
import { importQuerySchema, importResponseSchema, problems } from '../schemas.js';

interface ImportQuery {
  dryRun: boolean;
  fileName?: string;
}

async function uploadedBytes(request: FastifyRequest): Promise<{ bytes: Buffer; name: string | null }> {
  if (request.isMultipart()) {
    const file = await request.file();
    if (!file)
      throw new HttpProblem(400, 'the form holds no file field', [{ name: 'file', reason: 'is missing' }]);
    return { bytes: await file.toBuffer(), name: file.filename || null };
  }
  if (!Buffer.isBuffer(request.body)) throw new HttpProblem(400, 'the request has no file in its body');
  return { bytes: request.body, name: null };
}

/** The upload endpoint; `limit` is the largest file accepted, in bytes. */
export async function importRoutes(app: FastifyInstance, ctx: ImportContext, limit: number): Promise<void> {
  // Raw bodies as bytes (the reader decides the encoding), for this route only.
  app.removeContentTypeParser(['text/plain', 'application/json']);
  app.addContentTypeParser(
    [
      'text/plain',
      'text/markdown',
      'application/octet-stream',
      'application/xml',
      'text/xml',
      'text/html',
      'application/xhtml+xml',
      'application/pdf',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    ],
    { parseAs: 'buffer', bodyLimit: limit },
    (_request, body, done) => done(null, body),
  );
  await app.register(multipart, { limits: { fileSize: limit, files: 1, fields: 5, parts: 6 } });

  app.post<{ Querystring: ImportQuery }>(
    '/api/v1/imports',
    {
      bodyLimit: limit,
      config: { policy: importPolicy.create },
      schema: {
        summary:
          'Upload a publication (text, official XML, HTML, PDF or DOCX); dryRun=true reads it without storing',
        description:
          'The body is the file itself (text, official XML, HTML, PDF or DOCX, the reader chosen by content; ' +
          'as its own media type or application/octet-stream) or a multipart form with one field "file". ' +
          'Not a readable publication (a scan without text, a truncated or encrypted file): 422 saying what and ' +
          'where; over the upload limit: 413; another kind of file (ZIP, images, binary): 415. Nothing is stored then.',
        tags: ['imports'],
        querystring: importQuerySchema,
        response: {
          200: importResponseSchema,
          201: importResponseSchema,
          ...problems(400, 401, 403, 413, 415, 422),
        },
      },
    },
    async (request, reply) => {
      const { bytes, name } = await uploadedBytes(request);
      if (bytes.length === 0) throw new HttpProblem(400, 'the file is empty');
      const source = detectSource(bytes);
      if (source.kind === 'unsupported') throw new HttpProblem(415, `${source.what}: ${source.reason}`);
      const fileName = request.query.fileName ?? name;
      if (request.query.dryRun) {
        const { publication: pub, reader } = await readSource(bytes, { fileName, words: ctx.words });
        const questions = pub.sections.reduce((n, s) => n + s.questions.length, 0);
        if (!pub.id)
          throw new HttpProblem(422, 'no official id (kst-…, ah-tk-…) in the text or the file name');
        return {
          id: pub.id,
          outcome: 'read',
          stored: false,
          reader,
          questions,
          warnings: pub.warnings,
          publication: pub,
        };
      }
      const imported = await importSource(ctx, bytes, fileName);
      const stored = await ctx.store.getPublication(imported.id);
      if (!stored) throw new Error(`publication ${imported.id} was saved but cannot be read back`);
      reply.code(imported.outcome === 'imported' ? 201 : 200);
      if (imported.outcome === 'imported') reply.header('location', `/api/v1/publications/${imported.id}`);
      return {
        id: imported.id,
        outcome: imported.outcome,
        stored: true,
        reader: imported.reader,
        questions: imported.questions,
        warnings: stored.warnings,
        publication: stored,
      };
    },
  );
}
