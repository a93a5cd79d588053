// The JSON Schema of the Publication format, derived from the zod model.
import { z } from 'zod';
import { FORMAT_VERSION, Publication } from './publication.js';

export function publicationJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(Publication, { target: 'draft-2020-12' }) as Record<string, unknown>;
  return {
    $id: `https://vraagbaak.example/schemas/publication-v${FORMAT_VERSION}.json`,
    title: 'Vraagbaak Publication',
    description:
      'A parliamentary publication of written questions and answers, as every Vraagbaak reader produces it.',
    ...schema,
  };
}
