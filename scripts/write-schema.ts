// Writes docs/publication.schema.json from the model (npm run schema). A test checks it is current.
import { writeFileSync } from 'node:fs';
import { publicationJsonSchema } from '../src/model/schema.js';

writeFileSync('docs/publication.schema.json', `${JSON.stringify(publicationJsonSchema(), null, 2)}\n`);
console.log('wrote docs/publication.schema.json');
