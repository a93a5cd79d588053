// File access for the CLI: read a path or stdin, and say what went wrong in plain words.
import { readdir, readFile, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ReadError } from '../read/errors.js';
import { decodeText } from '../read/source.js';

export const MAX_FILE_BYTES = 64 * 1024 * 1024;

async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    const b = chunk as Buffer;
    size += b.length;
    if (size > MAX_FILE_BYTES)
      throw new ReadError('too-large', `input is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB`);
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'ENOENT':
      return 'file not found';
    case 'EISDIR':
      return 'is a directory, not a file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

/** The text of a file ('-' is stdin). Throws ReadError with a plain reason. */
export async function readSourceText(path: string): Promise<string> {
  return decodeText(await readSourceBytes(path));
}

/** The bytes of a file ('-' is stdin), for the reader that detects its kind. Throws ReadError with a plain reason. */
export async function readSourceBytes(path: string): Promise<Uint8Array> {
  let bytes: Uint8Array;
  try {
    if (path === '-') bytes = await readStdin();
    else {
      const info = await stat(path);
      if (info.isDirectory()) throw Object.assign(new Error('directory'), { code: 'EISDIR' });
      if (info.size > MAX_FILE_BYTES) {
        throw new ReadError('too-large', `file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB`);
      }
      bytes = await readFile(path);
    }
  } catch (error) {
    if (error instanceof ReadError) throw error;
    throw new ReadError('unreadable', describe(error));
  }
  return bytes;
}

/**
 * The KOOP metadata record of an official XML file, when it lies beside it: `ID.metadata.xml` in the
 * same folder, `metadata.xml` there, or the repository's layout `…/xml/ID.xml` + `…/metadata/metadata.xml`.
 */
export async function metadataBeside(path: string): Promise<Uint8Array | null> {
  if (path === '-' || !/\.xml$/i.test(path)) return null;
  const dir = dirname(path);
  const candidates = [
    path.replace(/\.xml$/i, '.metadata.xml'),
    join(dir, 'metadata.xml'),
    join(dir, '..', 'metadata', 'metadata.xml'),
  ];
  for (const candidate of candidates) {
    try {
      const info = await stat(candidate);
      if (info.isFile() && info.size <= MAX_FILE_BYTES) return await readFile(candidate);
    } catch {
      // Not there: try the next place.
    }
  }
  return null;
}

const SOURCE_FILE = /\.(txt|xml|html?|xhtml|pdf|docx)$/i;

/** The source files a folder holds, recursively (text, XML, HTML, PDF, DOCX; not metadata files, not hidden ones), in name order. */
async function filesIn(dir: string): Promise<string[]> {
  const out: string[] = [];
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesIn(path)));
    else if (entry.isFile() && SOURCE_FILE.test(entry.name) && !/metadata/i.test(entry.name)) out.push(path);
  }
  return out;
}

/** Paths as given, with folders replaced by the files in them; '-' (stdin) stays. */
export async function expandPaths(paths: readonly string[]): Promise<{ files: string[]; missing: string[] }> {
  const files: string[] = [];
  const missing: string[] = [];
  for (const path of paths) {
    if (path === '-') {
      files.push(path);
      continue;
    }
    try {
      const info = await stat(path);
      if (info.isDirectory()) files.push(...(await filesIn(path)));
      else files.push(path);
    } catch {
      missing.push(path);
    }
  }
  return { files, missing };
}
