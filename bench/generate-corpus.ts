// Generates the synthetic benchmark corpus: publications in the text layouts the fixtures show, with
// structure and vocabulary recombined from the fixtures. Deterministic for a given seed, size and fixture set.
// Only synthetic text goes into the corpus: fixture files are read for their vocabulary, never copied.
//
// Sized by bytes (--mb, the parse corpus in bench/.corpus) or by questions (--questions, one directory per
// size: bench/.corpus-1m for 1 000 000 questions); both are prefixes of the same stream for a seed.
//
//   node --import tsx bench/generate-corpus.ts [--mb 50 | --questions N] [--seed 1] [--fixtures dir] [--regenerate]
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { kamerstukId } from '../src/model/ids.js';
import { formatDutchDate } from '../src/render/dutch-date.js';
import { CORPUS_OPTIONS_HELP, parseCorpusArgs, QUESTIONS_OPTION_HELP, UsageError } from './cli.js';

// 2: questions per publication log-normal around 27.5 (was 30), so 1 000 000 questions make about 30 000
// publications; corpora sized by a question count.
export const GENERATOR_VERSION = 2;
/** 1 MB = 10^6 bytes, everywhere in the benchmarks. */
export const MB = 1_000_000;
export const DEFAULT_MB = 50;
export const DEFAULT_SEED = 1;

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
export const PROJECT_ROOT = resolve(BENCH_DIR, '..');
export const DEFAULT_CORPUS_DIR = join(BENCH_DIR, '.corpus');
const MANIFEST = 'manifest.json';

export type Layout = 'pdf' | 'tweedekamer' | 'officielebekendmakingen';

export interface CorpusFile {
  name: string;
  bytes: number;
  layout: Layout;
  questions: number;
}

export interface CorpusManifest {
  generator: 'vraagbaak-bench-corpus';
  version: number;
  synthetic: true;
  seed: number;
  /** The size asked for: MB (10^6 bytes) or a number of questions; the other is null. */
  mb: number | null;
  questions: number | null;
  fixtures: { dir: string; digest: string; files: string[] };
  totalBytes: number;
  totalQuestions: number;
  files: CorpusFile[];
}

export interface CorpusOptions {
  /** Where the corpus lives; default bench/.corpus, or bench/.corpus-<size> with `questions`. */
  dir?: string;
  /** Generate at least this many MB (default 50). Ignored when `questions` is given. */
  mb?: number;
  /** Generate publications until there are at least this many questions. */
  questions?: number;
  seed?: number;
  fixturesDir?: string;
  /** Regenerate even when the manifest says the corpus is up to date. */
  force?: boolean;
  log?: (line: string) => void;
}

export interface CorpusResult {
  dir: string;
  manifest: CorpusManifest;
  generated: boolean;
  /** Seconds the generation took (0 when the corpus was reused). */
  seconds: number;
  /** Why the corpus was (re)generated, or null when it was reused. */
  reason: string | null;
}

/** Makes sure an up-to-date corpus exists for these parameters: reuses it, or (re)generates it. */
export function ensureCorpus(options: CorpusOptions = {}): CorpusResult {
  const size: Size =
    options.questions !== undefined
      ? { mb: null, questions: options.questions }
      : { mb: options.mb ?? DEFAULT_MB, questions: null };
  const dir = resolve(
    options.dir ?? (size.questions !== null ? corpusDirForQuestions(size.questions) : DEFAULT_CORPUS_DIR),
  );
  const seed = options.seed ?? DEFAULT_SEED;
  const fixtures = loadFixtures(options.fixturesDir);
  const existing = readManifest(dir);
  const reason = options.force
    ? 'regeneration requested'
    : staleReason(existing, dir, size, seed, fixtures.digest);
  if (existing && reason === null)
    return { dir, manifest: existing, generated: false, seconds: 0, reason: null };
  options.log?.(`generating a corpus of ${describeSize(size)} in ${dir} (${reason}) …`);
  const started = process.hrtime.bigint();
  const manifest = generateCorpus(dir, size, seed, fixtures, options.log);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { dir, manifest, generated: true, seconds, reason };
}

interface Size {
  mb: number | null;
  questions: number | null;
}

function describeSize(size: Size): string {
  return size.questions !== null
    ? `${size.questions.toLocaleString('en-US')} questions`
    : `${size.mb ?? DEFAULT_MB} MB`;
}

/** A short name for a question count: 1000000 → '1m', 50000 → '50k', 1234 → '1234'. */
export function questionsLabel(questions: number): string {
  if (questions >= 1_000_000 && questions % 1_000_000 === 0) return `${questions / 1_000_000}m`;
  if (questions >= 1000 && questions % 1000 === 0) return `${questions / 1000}k`;
  return String(questions);
}

/** Where a corpus of this many questions lives: one directory per size (bench/.corpus-1m, …). */
export function corpusDirForQuestions(questions: number): string {
  return join(BENCH_DIR, `.corpus-${questionsLabel(questions)}`);
}

/** The paths of the corpus files, in manifest order. */
export function corpusPaths(result: CorpusResult): string[] {
  return result.manifest.files.map((f) => join(result.dir, f.name));
}

function readManifest(dir: string): CorpusManifest | null {
  const path = join(dir, MANIFEST);
  if (!existsSync(path)) return null;
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<CorpusManifest>;
    return parsed.generator === 'vraagbaak-bench-corpus' && Array.isArray(parsed.files)
      ? (parsed as CorpusManifest)
      : null;
  } catch {
    return null;
  }
}

function staleReason(
  manifest: CorpusManifest | null,
  dir: string,
  size: Size,
  seed: number,
  digest: string,
): string | null {
  if (!manifest) return 'no corpus yet';
  if (manifest.version !== GENERATOR_VERSION) return 'generator changed';
  if (manifest.seed !== seed) return `seed changed (${manifest.seed} → ${seed})`;
  if (manifest.mb !== size.mb || manifest.questions !== size.questions)
    return `size changed (${describeSize(manifest)} → ${describeSize(size)})`;
  if (manifest.fixtures.digest !== digest) return 'fixtures changed';
  for (const file of manifest.files) {
    const path = join(dir, file.name);
    if (!existsSync(path) || statSync(path).size !== file.bytes)
      return `file ${file.name} missing or changed`;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------------
// Fixtures

interface Fixtures {
  dir: string;
  digest: string;
  /** File name → text, sorted by name. */
  texts: Map<string, string>;
}

function fixtureCandidates(explicit: string | undefined): string[] {
  if (explicit) return [resolve(explicit)];
  return [resolve(PROJECT_ROOT, '../shared/fixtures'), resolve(PROJECT_ROOT, 'test/fixtures')];
}

/** The publication texts under dir (files named like official ids), recursively. */
function listTextFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...listTextFiles(path));
    else if (/^(kst|ah)-.+\.txt$/.test(name)) out.push(path);
  }
  return out;
}

function loadFixtures(explicit: string | undefined): Fixtures {
  const candidates = fixtureCandidates(explicit);
  for (const dir of candidates) {
    if (!existsSync(dir) || !statSync(dir).isDirectory()) continue;
    const files = listTextFiles(dir);
    if (files.length === 0) continue;
    const hash = createHash('sha256');
    const texts = new Map<string, string>();
    for (const file of files) {
      const name = relative(dir, file).split('\\').join('/');
      const text = readFileSync(file, 'utf8').replace(/\r\n?/g, '\n');
      texts.set(name, text);
      hash.update(name).update('\0').update(text).update('\0');
    }
    return { dir, digest: hash.digest('hex').slice(0, 16), texts };
  }
  throw new UsageError(`no fixtures found (looked in ${candidates.join(', ')}); pass --fixtures <dir>`);
}

// ---------------------------------------------------------------------------------------------------------
// Seeded PRNG (sfc32, seeded through splitmix32)

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    let s = seed >>> 0;
    const next = (): number => {
      s = (s + 0x9e3779b9) | 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    for (let i = 0; i < 12; i++) this.next();
  }

  /** A float in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** An integer in [min, max]. */
  range(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  /** A standard normal deviate (Box–Muller). */
  normal(): number {
    return Math.sqrt(-2 * Math.log(1 - this.next())) * Math.cos(2 * Math.PI * this.next());
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[this.int(items.length)]!;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Vocabulary: what the generator takes from the fixtures

const END = '\u0000';
const KEY = '\u0001';

/** An order-2 word-level Markov chain over the fixtures' sentences. */
class Chain {
  private readonly next = new Map<string, string[]>();
  readonly questionStarts: [string, string][] = [];
  readonly statementStarts: [string, string][] = [];

  add(sentence: string): void {
    const words = sentence.split(' ');
    if (words.length < 3) return;
    (sentence.endsWith('?') ? this.questionStarts : this.statementStarts).push([words[0]!, words[1]!]);
    words.push(END);
    for (let i = 2; i < words.length; i++) {
      const key = words[i - 2] + KEY + words[i - 1];
      let list = this.next.get(key);
      if (!list) {
        list = [];
        this.next.set(key, list);
      }
      list.push(words[i]!);
    }
  }

  /** A recombined sentence, or null when the walk ran too long. */
  walk(rng: Rng, start: [string, string], maxWords: number): string[] | null {
    const out = [start[0], start[1]];
    while (out.length < maxWords) {
      const options = this.next.get(out[out.length - 2] + KEY + out[out.length - 1]);
      if (!options) return out;
      const word = rng.pick(options);
      if (word === END) return out;
      out.push(word);
    }
    return null;
  }
}

interface Vocabulary {
  chain: Chain;
  departments: string[];
  committees: string[];
  names: string[];
  titles: string[];
  subjects: string[];
  topics: string[];
  bulletTerms: string[];
  acronyms: string[];
  longWords: string[];
  domains: string[];
  fixtureIds: Set<string>;
}

const STRUCTURAL: RegExp[] = [
  /^\d+$/,
  /^Antwoord\b.{0,30}$/,
  /^Vraag\b.{0,12}$/,
  /^Tweede Kamer(,| der)/,
  /^Vergaderjaar\b/,
  /^\[/,
  /^(Nummer|Directe link|Gerelateerde|Onderdeel van|Preview document)\b/,
  / : /,
  /^Nr\. /,
  /^AI\d? /,
  /^\p{Lu}[\p{Lu}\s]+$/u,
  /^Vastgesteld/,
  /^(De |Adjunct-)?(voorzitter|griffier|adjunct-griffier)\b/i,
  /^(Vragen en antwoorden|Vragen en opmerkingen|Overkoepelende|Geen vragen)/,
  /^\d{2} \d{3}\b/,
  /^\d{1,2} (https?:|\p{Lu})/u,
];

const NOT_A_BODY_SENTENCE =
  /heeft een aantal vragen voorgelegd|hierna afgedrukt|beantwoord bij brief|heeft de eer verslag|Vastgesteld|griffier|voorzitter van de commissie|kamerstukdossier|link naar|Aanhangsel|ingezonden|ontvangen|[[\]🔍]/iu;

/** The fixture text as paragraphs of body text: structure lines dropped, PDF hyphenation undone. */
function bodyParagraphs(text: string): string[] {
  const paragraphs: string[] = [];
  let current = '';
  const flush = (): void => {
    if (current) paragraphs.push(current);
    current = '';
  };
  for (const raw of text.split('\n')) {
    let line = raw.trim();
    if (!line) {
      flush();
      continue;
    }
    if (STRUCTURAL.some((re) => re.test(line)) || (line.length < 25 && !/[.?!:,]$/.test(line))) {
      flush();
      continue;
    }
    if (/^[•\-–] /.test(line) || /^\d{1,3}\. \p{Lu}/u.test(line)) {
      flush();
      line = line.replace(/^[•\-–] /, '').replace(/^\d{1,3}\. /, '');
    }
    if (current.endsWith('-') && /^\p{Ll}/u.test(line) && !/^(en|of|tot)\b/.test(line)) {
      current = current.slice(0, -1) + line;
    } else {
      current = current ? `${current} ${line}` : line;
    }
  }
  flush();
  return paragraphs;
}

/** Footnote markers glued to words ('toegevoegd.1', 'april2') are dropped from vocabulary sentences. */
const GLUED_MARKER = /(?<=[\p{L})]|[\p{L})][.,;:])(?<!nr\.)\d{1,2}(?=[\s.,;:)]|$)/gu;

function sentencesOf(paragraph: string): string[] {
  return paragraph
    .replace(GLUED_MARKER, '')
    .split(/(?<=[.?!])\s+(?=[\p{Lu}‘“(])/u)
    .map((s) => s.replace(/\s+/g, ' ').trim())
    .filter(
      (s) =>
        s.length >= 25 &&
        s.length <= 600 &&
        /^[\p{Lu}‘“(]/u.test(s) &&
        /[.?!]$/.test(s) &&
        !NOT_A_BODY_SENTENCE.test(s) &&
        balanced(s),
    );
}

function balanced(s: string): boolean {
  let depth = 0;
  for (const ch of s) {
    if (ch === '(') depth++;
    else if (ch === ')' && --depth < 0) return false;
  }
  if (depth !== 0) return false;
  const count = (c: string): number => s.split(c).length - 1;
  return count('«') === count('»') && count('‘') === count('’') - count('’s') && count('“') === count('”');
}

const NAME_RE =
  /(?:voorzitter|griffier) van (?:de )?(?:vaste )?commissie[^,\n]*,\s{0,4}(\p{Lu}[\p{L}]+(?: \p{Lu}[\p{L}]+)*)/gu;
const DEPARTMENT_RE =
  /(?:Ministerie|Minister|Staatssecretaris|minister) van (\p{Lu}\p{Ll}\p{L}*(?:,? (?:en )?\p{Lu}\p{Ll}\p{L}*)*)/gu;
const COMMITTEE_RE =
  /((?:vaste commissie voor|commissie voor de) \p{Lu}\p{L}*(?:,? (?:en )?\p{Lu}\p{L}*)*)/gu;
const TITLE_RE = /^\d{2} \d{3}(?:[ -][0-9A-Z]+)?(?= ) (\p{Lu}.+)$/gmu;
const SUBJECT_RE = /inzake ((?:de|het) [^().]+?) \(/g;
const BULLET_TERM_RE = /^•\s*([^:\n]{3,60}):/gm;
const DOMAIN_RE = /\b((?:[a-z0-9-]+\.)+nl)\b/g;

const FALLBACK_NAMES = ['Kamminga', 'Muller', 'Sneller', 'Schukkink'];

function unique(items: Iterable<string>): string[] {
  return [...new Set(items)];
}

function buildVocabulary(fixtures: Fixtures): Vocabulary {
  const chain = new Chain();
  const names: string[] = [];
  const departments: string[] = [];
  const committees: string[] = [];
  const titles: string[] = [];
  const subjects: string[] = [];
  const bulletTerms: string[] = [];
  const domains: string[] = [];
  const words = new Map<string, number>();
  const acronyms: string[] = [];
  const fixtureIds = new Set<string>();
  for (const [name, text] of fixtures.texts) {
    fixtureIds.add(basename(name, '.txt'));
    for (const m of text.matchAll(NAME_RE)) names.push(m[1]!);
    for (const m of text.matchAll(TITLE_RE)) titles.push(m[1]!.trim());
    for (const m of text.matchAll(BULLET_TERM_RE)) bulletTerms.push(m[1]!.trim());
    const paragraphs = bodyParagraphs(text);
    const joined = paragraphs.join('\n');
    for (const m of joined.matchAll(DEPARTMENT_RE)) departments.push(m[1]!);
    for (const m of joined.matchAll(COMMITTEE_RE)) committees.push(m[1]!);
    for (const m of joined.matchAll(SUBJECT_RE)) if (!/^het Ministerie/.test(m[1]!)) subjects.push(m[1]!);
    for (const m of text.matchAll(DOMAIN_RE)) domains.push(m[1]!);
    for (const paragraph of paragraphs) {
      for (const sentence of sentencesOf(paragraph)) {
        chain.add(sentence);
        for (const w of sentence.split(' ')) {
          const bare = w.replace(/^[(‘“«]+|[)’”».,;:?!]+$/g, '');
          if (/^[A-Z]{2,5}$/.test(bare)) acronyms.push(bare);
          else if (/^\p{Ll}{9,}$/u.test(bare)) words.set(bare, (words.get(bare) ?? 0) + 1);
        }
      }
    }
  }
  if (chain.questionStarts.length === 0 || chain.statementStarts.length === 0) {
    throw new UsageError(`the fixtures in ${fixtures.dir} hold too little text to generate a corpus from`);
  }
  const longWords = [...words.keys()];
  const allDepartments = unique(departments.filter((d) => d.length > 4));
  return {
    chain,
    departments: allDepartments.length ? allDepartments : ['Justitie en Veiligheid'],
    committees: unique([...committees, ...allDepartments.map((d) => `vaste commissie voor ${d}`)]),
    names: unique(names).length ? unique(names) : FALLBACK_NAMES,
    titles: unique(titles),
    subjects: unique(subjects).length ? unique(subjects) : ['het proces van de begrotingsbehandeling'],
    topics: longWords.filter((w) => /(ing|isme|heid|iteit|atie)$/.test(w)),
    bulletTerms: unique(bulletTerms),
    acronyms: unique(acronyms),
    longWords,
    domains: unique([...domains, 'rijksoverheid.nl', 'tweedekamer.nl']),
    fixtureIds,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Synthetic documents

const ROMAN = [
  'II',
  'III',
  'IV',
  'V',
  'VI',
  'VII',
  'VIII',
  'IX',
  'IXB',
  'X',
  'XII',
  'XIII',
  'XIV',
  'XV',
  'XVI',
  'XVII',
];
const DAY = 86_400_000;
/** Marks a footnote marker inside generated text: '\uE000' + number + '\uE001'. */
const FN_OPEN = '\uE000';
const FN_CLOSE = '\uE001';
const FN_RE = /\uE000(\d+)\uE001/g;

function dutchDate(d: Date): string {
  return formatDutchDate(d.toISOString().slice(0, 10));
}

function addDays(d: Date, days: number): Date {
  return new Date(d.getTime() + days * DAY);
}

/** Vergaderjaar of a date: it starts in September. */
function sessionOf(d: Date): [number, number] {
  const y = d.getUTCFullYear();
  return d.getUTCMonth() >= 8 ? [y, y + 1] : [y - 1, y];
}

function randomDossier(rng: Rng, suffix: 'none' | 'roman' | 'number' | 'any' = 'any'): string {
  const base = rng.range(21_000, 36_750);
  const printed = `${Math.floor(base / 1000)} ${String(base % 1000).padStart(3, '0')}`;
  const kind = suffix === 'any' ? rng.pick(['none', 'none', 'none', 'roman', 'number'] as const) : suffix;
  if (kind === 'roman') return `${printed} ${rng.pick(ROMAN)}`;
  if (kind === 'number') return `${printed}-${rng.range(1, 40)}`;
  return printed;
}

function randomKamerstuk(rng: Rng): string {
  return `${randomDossier(rng)}, nr. ${rng.chance(0.2) ? rng.range(1, 9) : rng.range(1, 1200)}`;
}

/** The number part of an amount: '4,116', '153', '2,7', '250.000'. */
function amountNumber(rng: Rng, thousands = true): string {
  switch (rng.int(thousands ? 4 : 3)) {
    case 0:
      return `${rng.range(1, 999)},${rng.range(1, 999)}`;
    case 1:
      return `${rng.range(1, 999)}`;
    case 2:
      return `${rng.range(1, 99)},${rng.range(1, 9)}`;
    default:
      return `${rng.range(1, 999)}.${String(rng.range(0, 999)).padStart(3, '0')}`;
  }
}

function amount(rng: Rng): string {
  const n = amountNumber(rng);
  if (n.includes('.')) return `€ ${n}`;
  return `€ ${n} ${rng.pick(['mln.', 'mln.', 'miljoen', 'mld.'])}`;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

interface Paragraph {
  kind: 'paragraph';
  text: string;
}
interface Bullets {
  kind: 'bullets';
  items: string[];
}
interface Heading {
  kind: 'heading';
  text: string;
}
type Block = Paragraph | Bullets | Heading;

interface SyntheticQuestion {
  number: number;
  question: string[];
  answer: Block[];
}

interface SyntheticSection {
  title: string | null;
  questions: SyntheticQuestion[];
}

interface SyntheticDoc {
  layout: Layout;
  id: string;
  dossier: string;
  dossierTitle: string;
  number: string;
  session: [number, number];
  adopted: Date;
  intro: string;
  answeredBy: string;
  answered: Date;
  chair: string;
  clerkRole: string;
  clerk: string;
  portalSubject: string;
  sections: SyntheticSection[];
  footnotes: string[];
  questionCount: number;
}

class DocumentMaker {
  private footnotes: string[] = [];
  private allowFootnotes = true;
  private questionNumber = 0;
  private year = 2022;

  constructor(
    private readonly rng: Rng,
    private readonly vocab: Vocabulary,
    private readonly usedIds: Set<string>,
  ) {}

  make(): SyntheticDoc {
    const { rng, vocab } = this;
    const layout: Layout = rng.chance(0.4)
      ? 'pdf'
      : rng.chance(0.5)
        ? 'tweedekamer'
        : 'officielebekendmakingen';
    this.footnotes = [];
    this.allowFootnotes = layout !== 'tweedekamer';
    this.questionNumber = 0;

    const answered = new Date(Date.UTC(2010, 0, 1) + rng.int(15 * 365) * DAY);
    const adopted = addDays(answered, rng.range(1, 10));
    const letter = addDays(answered, -rng.range(20, 120));
    this.year = letter.getUTCFullYear();
    const role = rng.chance(0.75) ? 'Minister' : 'Staatssecretaris';
    const department = rng.pick(vocab.departments);
    const committee = rng.pick(vocab.committees);
    const annualReports = layout === 'pdf' && rng.chance(0.5);

    let dossier: string;
    let dossierTitle: string;
    let intro: string;
    let portalSubject: string;
    const sectionTitles: (string | null)[] = [];
    if (annualReports) {
      const base = randomDossier(rng, 'none');
      const reportYear = this.year - 1;
      const count = rng.range(1, 3);
      const reports = unique(Array.from({ length: count }, () => rng.pick(vocab.departments)));
      const suffixes = unique(Array.from({ length: reports.length * 2 }, () => rng.pick(ROMAN))).slice(
        0,
        reports.length,
      );
      while (suffixes.length < reports.length) suffixes.push(`${rng.pick(ROMAN)}B`);
      dossier = `${base} ${suffixes[0]}`;
      dossierTitle = `Jaarverslag en slotwet Ministerie van ${reports[0]} ${reportYear}`;
      const parts = reports.map(
        (r, i) => `het Ministerie van ${r} ${reportYear} (Kamerstuk ${base} ${suffixes[i]}, nr. 1)`,
      );
      const list =
        parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')} en ${parts[parts.length - 1]}`;
      const topic = vocab.topics.length ? rng.pick(vocab.topics) : 'digitalisering';
      intro =
        `De ${committee} heeft een aantal vragen voorgelegd aan de ${role} van ${department} over de ` +
        `jaarverslagen van ${dutchDate(letter)} inzake ${list} voor zover het onderwerpen betreft die zien op ${topic}.`;
      portalSubject = `de jaarverslagen ${reportYear}`;
      for (const r of reports)
        sectionTitles.push(
          `Vragen en antwoorden inzake Jaarverslag ${reportYear} van het Ministerie van ${r}`,
        );
      if (rng.chance(0.5)) {
        sectionTitles.push(
          'Overkoepelende / overige vragen en antwoorden die betrekking hebben op bovenstaande Jaarverslagen',
        );
      }
    } else {
      dossier = randomDossier(rng);
      dossierTitle =
        vocab.titles.length && rng.chance(0.6)
          ? rng.pick(vocab.titles).replace(/\b(19|20)\d{2}\b/g, String(this.year))
          : `Vaststelling van de begrotingsstaten van het Ministerie van ${department} voor het jaar ${this.year}`;
      const subject = rng
        .pick(vocab.subjects)
        .replace(/\b(19|20)\d{2}\b/g, String(this.year))
        .replace(/\b\d{1,2}e\b/, `${rng.range(2, 40)}e`);
      const reference = rng.chance(0.5) ? `${dossier}, nr. ${rng.range(1, 400)}` : randomKamerstuk(rng);
      intro =
        `De ${committee} heeft een aantal vragen voorgelegd aan de ${role} van ${department} over de brief ` +
        `van ${dutchDate(letter)} inzake ${subject} (Kamerstuk ${reference}).`;
      portalSubject = `${subject} (Kamerstuk ${reference
        .replace(/^(\d{2}) (\d{3})/, '$1$2')
        .replace(/, nr\. /, '-')
        .replace(/ /g, '-')})`;
      sectionTitles.push(null);
    }

    let number: string;
    let id: string;
    do {
      number = String(rng.chance(0.3) ? rng.range(1, 20) : rng.range(1, 450));
      id = kamerstukId(dossier, number);
    } while (this.usedIds.has(id) || vocab.fixtureIds.has(id));
    this.usedIds.add(id);

    // 10–200 questions, log-normal around 27.5 (about 1 KB each, 33 on average): files average about 36 KB,
    // and 1 000 000 questions make about 30 000 publications.
    const total = Math.max(10, Math.min(200, Math.round(Math.exp(Math.log(27.5) + 0.6 * rng.normal()))));
    const sections: SyntheticSection[] = sectionTitles.map((title) => ({ title, questions: [] }));
    for (let i = 0; i < total; i++) {
      const section =
        sections.length === 1 || rng.chance(0.15)
          ? sections[sections.length - 1]!
          : rng.pick(sections.slice(0, -1));
      section.questions.push({ number: 0, question: [], answer: [] });
    }
    for (const section of sections) {
      for (const q of section.questions) Object.assign(q, this.question(layout));
    }

    const chair = rng.pick(vocab.names);
    return {
      layout,
      id,
      dossier,
      dossierTitle,
      number,
      session: sessionOf(adopted),
      adopted,
      intro,
      answeredBy: role,
      answered,
      chair,
      clerkRole: rng.pick(['De griffier', 'De griffier', 'De adjunct-griffier', 'Adjunct-griffier']),
      clerk: rng.pick(vocab.names.length > 1 ? vocab.names.filter((n) => n !== chair) : vocab.names),
      portalSubject,
      sections,
      footnotes: this.footnotes,
      questionCount: total,
    };
  }

  private question(layout: Layout): SyntheticQuestion {
    const { rng } = this;
    const number = ++this.questionNumber;
    const question: string[] = [];
    const shape = rng.next();
    if (shape < 0.3) question.push(`${this.sentence('statement')} ${this.sentence('question')}`);
    else if (shape < 0.4) question.push(`${this.sentence('question')} ${this.sentence('question')}`);
    else question.push(this.sentence('question'));

    const answer: Block[] = [];
    const paragraphs = rng.chance(0.5) ? 1 : rng.range(2, 4);
    for (let p = 0; p < paragraphs; p++) {
      if (layout === 'tweedekamer' && p > 0 && rng.chance(0.1) && this.vocab.acronyms.length) {
        answer.push({ kind: 'heading', text: rng.pick(this.vocab.acronyms) });
      }
      answer.push({ kind: 'paragraph', text: this.paragraph(rng.range(1, 5)) });
      if (layout === 'pdf' && rng.chance(0.08)) answer.push(this.bullets());
    }
    if (number > 3 && rng.chance(0.05)) {
      answer.push({ kind: 'paragraph', text: `Zie ook het antwoord op vraag ${rng.range(1, number - 1)}.` });
    }
    return { number, question, answer };
  }

  private paragraph(sentences: number): string {
    const { rng } = this;
    const out: string[] = [];
    for (let i = 0; i < sentences; i++) {
      let s = this.sentence('statement');
      if (rng.chance(0.06)) s = `${s} ${this.extraSentence()}`;
      if (this.allowFootnotes && rng.chance(0.025)) s = this.withFootnote(s);
      out.push(s);
    }
    return out.join(' ');
  }

  private bullets(): Bullets {
    const { rng, vocab } = this;
    const items: string[] = [];
    const n = rng.range(2, 5);
    for (let i = 0; i < n; i++) {
      const term =
        vocab.bulletTerms.length && rng.chance(0.3)
          ? rng.pick(vocab.bulletTerms)
          : capitalise(rng.pick(vocab.topics.length ? vocab.topics : ['informatievoorziening']));
      items.push(`${term}: ${this.paragraph(rng.range(1, 3))}`);
    }
    return { kind: 'bullets', items };
  }

  private extraSentence(): string {
    const { rng } = this;
    const date = dutchDate(new Date(Date.UTC(this.year, rng.int(12), rng.range(1, 28))));
    switch (rng.int(4)) {
      case 0:
        return `Uw Kamer is hierover op ${date} geïnformeerd (Kamerstuk ${randomKamerstuk(rng)}).`;
      case 1:
        return `Zie hiervoor ook de brief van ${date} (Kamerstuk ${randomKamerstuk(rng)}).`;
      case 2:
        return `Hiervoor is in ${this.year} ${amount(rng)} beschikbaar gesteld.`;
      default:
        return `Het gaat om een bedrag van ${amount(rng)}, waarvan ${amount(rng)} is besteed.`;
    }
  }

  private withFootnote(sentence: string): string {
    const { rng, vocab } = this;
    this.footnotes.push(
      rng.pick([
        () => `Kamerstuk ${randomKamerstuk(rng)}.`,
        () =>
          `https://${rng.pick(vocab.domains)}/${Array.from({ length: rng.range(1, 4) }, () =>
            rng.pick(vocab.longWords),
          ).join('-')}.`,
        () =>
          `${capitalise(
            this.sentence('statement')
              .split(' ')
              .slice(0, rng.range(3, 7))
              .join(' ')
              .replace(/[.,;:?]$/, ''),
          )} (${rng.pick(vocab.domains)}).`,
      ])(),
    );
    const marker = `${FN_OPEN}${this.footnotes.length}${FN_CLOSE}`;
    // Glued after the full stop ('toegevoegd.1') or before it ('april2.').
    return rng.chance(0.6) ? `${sentence}${marker}` : sentence.replace(/([.?!])$/, `${marker}$1`);
  }

  /** A sentence recombined by the Markov chain, with fresh amounts and Kamerstuk numbers. */
  sentence(kind: 'question' | 'statement'): string {
    const { rng, vocab } = this;
    const starts = kind === 'question' ? vocab.chain.questionStarts : vocab.chain.statementStarts;
    let words: string[] | null = null;
    for (let attempt = 0; attempt < 20 && !words; attempt++) {
      const w = vocab.chain.walk(rng, rng.pick(starts), 70);
      if (w && w.length >= 5 && balanced(w.join(' '))) words = w;
    }
    let s = (words ?? vocab.chain.walk(rng, rng.pick(starts), 10_000) ?? ['Geen', 'antwoord.']).join(' ');
    s = s
      .replace(/€ \d[\d.,]*\d|€ \d/g, () => `€ ${amountNumber(rng, false)}`)
      .replace(
        /Kamerstuk \d{2} \d{3}(?:[ -][0-9A-Z]+)?, nr\. ?\d+/g,
        () => `Kamerstuk ${randomKamerstuk(rng)}`,
      );
    if (kind === 'question' && !s.endsWith('?')) s = `${s.replace(/[.!:;,]+$/, '')}?`;
    if (kind === 'statement' && !/[.!]$/.test(s)) s = `${s.replace(/[?:;,]+$/, '')}.`;
    return s;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Rendering: three text layouts

const VOWEL = /[aeiouyàáâäèéêëìíîïòóôöùúûü]/i;
const ONSETS = new Set([
  'bl',
  'br',
  'ch',
  'dr',
  'dw',
  'fl',
  'fr',
  'gl',
  'gr',
  'kl',
  'kn',
  'kr',
  'kw',
  'pl',
  'pr',
  'sl',
  'sm',
  'sn',
  'tr',
  'tw',
  'vl',
  'vr',
  'wr',
  'zw',
]);

/** Where a long word may be hyphenated at a line end, at most maxPrefix letters in; -1 when nowhere. */
function hyphenationPoint(word: string, maxPrefix: number): number {
  const m = /^(\p{L}+)[.,;:?!)]*$/u.exec(word);
  if (!m) {
    // Compounds break after their own hyphen ('ICT-' / 'systeem').
    const h = word.indexOf('-');
    return h >= 2 && h + 1 <= maxPrefix && h < word.length - 3 ? h + 1 : -1;
  }
  const core = m[1]!;
  if (core.length < 8) return -1;
  for (let p = Math.min(maxPrefix, core.length - 3); p >= 3; p--) {
    const c = core[p]!;
    if (VOWEL.test(c) || !VOWEL.test(core[p + 1]!) || c === 'h' || (c === 'j' && core[p - 1] === 'i'))
      continue;
    let at = p;
    if (!VOWEL.test(core[p - 1]!) && ONSETS.has(core.slice(p - 1, p + 1).toLowerCase())) at = p - 1;
    if (at >= 3 && VOWEL.test(core.slice(0, at)) && /\p{Ll}/u.test(core[at]!)) return at;
  }
  return -1;
}

/** Hard-wraps text; with hyphenate, long words are split at the line end with a '-'. */
function wrap(text: string, rng: Rng, minWidth: number, maxWidth: number, hyphenate: boolean): string[] {
  const lines: string[] = [];
  let width = rng.range(minWidth, maxWidth);
  let line = '';
  for (const word of text.split(' ')) {
    if (!line) {
      line = word;
      continue;
    }
    if (visibleLength(line) + 1 + visibleLength(word) <= width) {
      line += ` ${word}`;
      continue;
    }
    const room = width - visibleLength(line) - 2;
    const at = hyphenate && room >= 3 && rng.chance(0.85) ? hyphenationPoint(word, room) : -1;
    if (at > 0) {
      const head = word.slice(0, at);
      lines.push(`${line} ${head}${head.endsWith('-') ? '' : '-'}`);
      line = word.slice(at);
    } else {
      lines.push(line);
      line = word;
    }
    width = rng.range(minWidth, maxWidth);
  }
  if (line) lines.push(line);
  return lines;
}

function visibleLength(s: string): number {
  return s.includes(FN_OPEN) ? s.replace(FN_RE, '$1').length : s.length;
}

function stripMarkers(s: string): string {
  return s.replace(FN_RE, '$1');
}

/** Lays PDF-extracted text out in pages: footnotes at the page foot, a footer, a leading space on each page. */
class PdfPages {
  readonly lines: string[] = [];
  private onPage = 0;
  private page = 1;
  private pageStart = true;
  private notes: number[] = [];
  private readonly height: number;

  constructor(
    private readonly rng: Rng,
    private readonly footer: string,
    private readonly footnotes: string[],
  ) {
    this.height = rng.range(56, 62);
  }

  text(line: string, trailingSpace = true): void {
    let out = line.replace(FN_RE, (_, n: string) => {
      this.notes.push(Number(n));
      return n;
    });
    if (this.pageStart) {
      out = ` ${out}`;
      this.pageStart = false;
    }
    this.lines.push(trailingSpace && !out.endsWith('-') ? `${out} ` : out);
    if (++this.onPage >= this.height) this.breakPage();
  }

  blank(): void {
    if (this.onPage === 0 || this.lines[this.lines.length - 1] === '') return;
    this.lines.push('');
    if (++this.onPage >= this.height) this.breakPage();
  }

  paragraph(text: string): void {
    for (const line of wrap(text, this.rng, 63, 76, true)) this.text(line);
  }

  /** Ends the page: its footnotes, maybe the footer; the next page's first line starts with a space. */
  breakPage(): void {
    this.flushNotes();
    if (this.rng.chance(0.4)) {
      this.lines.push('', `${this.footer} ${this.page}`, '', '', '');
      this.pageStart = false;
    } else {
      this.pageStart = true;
    }
    this.page++;
    this.onPage = 0;
  }

  flushNotes(): void {
    if (this.notes.length === 0) return;
    if (this.lines[this.lines.length - 1] !== '') this.lines.push('');
    for (const n of this.notes) this.lines.push(`${n} ${this.footnotes[n - 1]}`);
    this.notes = [];
  }
}

function renderPdf(doc: SyntheticDoc, rng: Rng): string {
  const [from, to] = doc.session;
  const footer = `Tweede Kamer, vergaderjaar ${from}–${to}, ${doc.dossier}, nr. ${doc.number}`;
  const out = new PdfPages(rng, footer, doc.footnotes);
  out.text('Tweede Kamer der Staten-Generaal 2');
  out.text(`Vergaderjaar ${from}–${to}`);
  out.blank();
  for (const line of wrap(`${doc.dossier} ${doc.dossierTitle}`, rng, 60, 72, false)) out.text(line);
  out.blank();
  out.text(`Nr. ${doc.number} LIJST VAN VRAGEN EN ANTWOORDEN`);
  out.blank();
  out.text(`Vastgesteld ${dutchDate(doc.adopted)}`);
  out.breakPage();
  out.paragraph(doc.intro);
  out.blank();
  out.text(`De ${doc.answeredBy} heeft deze vragen beantwoord bij brief van ${dutchDate(doc.answered)}.`);
  out.text('Vragen en antwoorden zijn hierna afgedrukt.');
  out.blank();
  out.text('De voorzitter van de commissie,', false);
  out.text(doc.chair);
  out.blank();
  out.text(`${doc.clerkRole} van de commissie,`, false);
  out.text(doc.clerk);
  out.breakPage();
  out.text('Vragen en antwoorden');
  out.blank();
  for (const section of doc.sections) {
    if (section.title) {
      out.paragraph(section.title);
      out.blank();
    }
    if (section.questions.length === 0) {
      out.text('Geen vragen.');
      out.blank();
    }
    for (const q of section.questions) {
      out.text(String(q.number));
      for (const p of q.question) out.paragraph(p);
      out.blank();
      out.text('Antwoord:');
      for (const block of q.answer) {
        if (block.kind === 'paragraph') {
          out.paragraph(block.text);
          out.blank();
        } else if (block.kind === 'bullets') {
          for (const item of block.items) {
            out.paragraph(`• ${item}`);
            out.blank();
          }
        } else {
          out.text(block.text);
        }
      }
      out.blank();
    }
  }
  out.flushNotes();
  return `${out.lines.join('\n').replace(/\n+$/, '')}\n`;
}

function renderTweedekamer(doc: SyntheticDoc, rng: Rng): string {
  const lines: string[] = [];
  const para = (text: string): void => {
    lines.push(...wrap(stripMarkers(text), rng, 84, 92, false));
  };
  lines.push(`Lijst van vragen en antwoorden : Lijst van vragen en antwoorden over ${doc.portalSubject}`);
  lines.push(`${doc.dossier} ${doc.dossierTitle}`);
  lines.push(`Nr. ${doc.number} LIJST VAN VRAGEN EN ANTWOORDEN`);
  lines.push(`Vastgesteld ${dutchDate(doc.adopted)}`);
  para(doc.intro);
  para(
    `De ${doc.answeredBy} heeft deze vragen beantwoord bij brief van ${dutchDate(doc.answered)}. ` +
      'Vragen en antwoorden zijn hierna afgedrukt.',
  );
  lines.push(`De voorzitter van de commissie, ${doc.chair}`);
  lines.push(`${doc.clerkRole} van de commissie, ${doc.clerk}`);
  for (const section of doc.sections) {
    if (section.title) para(section.title);
    for (const q of section.questions) {
      lines.push(`Vraag ${q.number}`);
      for (const p of q.question) para(p);
      lines.push(`Antwoord op vraag ${q.number}:`);
      for (const block of q.answer) {
        if (block.kind === 'paragraph') para(block.text);
        else if (block.kind === 'heading') lines.push(block.text);
        else for (const item of block.items) para(`• ${item}`);
      }
    }
  }
  return `${lines.join('\n')}\n`;
}

function renderOfficieleBekendmakingen(doc: SyntheticDoc): string {
  const paragraphs: string[] = [
    `${doc.dossier} ${doc.dossierTitle}`,
    `Nr. ${doc.number} LIJST VAN VRAGEN EN ANTWOORDEN`,
    `Vastgesteld ${dutchDate(doc.adopted)}`,
    doc.intro,
    `De ${doc.answeredBy} heeft deze vragen beantwoord bij brief van ${dutchDate(doc.answered)}. ` +
      'Vragen en antwoorden zijn hierna afgedrukt.',
    `De voorzitter van de commissie, ${doc.chair}`,
    `${doc.clerkRole} van de commissie, ${doc.clerk}`,
  ];
  for (const section of doc.sections) {
    if (section.title) paragraphs.push(section.title);
    for (const q of section.questions) {
      paragraphs.push(`${q.number}. ${q.question.join(' ')}`);
      for (const block of q.answer) {
        if (block.kind === 'paragraph' || block.kind === 'heading') paragraphs.push(block.text);
        else paragraphs.push(...block.items.map((item) => `• ${item}`));
      }
    }
  }
  doc.footnotes.forEach((text, i) => {
    paragraphs.push(`${i + 1} ${text}`);
  });
  return `${paragraphs.map(stripMarkers).join('\n\n')}\n`;
}

function render(doc: SyntheticDoc, rng: Rng): string {
  if (doc.layout === 'pdf') return renderPdf(doc, rng);
  if (doc.layout === 'tweedekamer') return renderTweedekamer(doc, rng);
  return renderOfficieleBekendmakingen(doc);
}

// ---------------------------------------------------------------------------------------------------------
// Writing the corpus

function generateCorpus(
  dir: string,
  size: Size,
  seed: number,
  fixtures: Fixtures,
  log: ((line: string) => void) | undefined,
): CorpusManifest {
  mkdirSync(dir, { recursive: true });
  // Only the generator writes here: clear what an earlier run left (generated files and the manifest).
  for (const name of readdirSync(dir)) {
    if (name.endsWith('.txt') || name === MANIFEST) rmSync(join(dir, name));
  }
  const vocab = buildVocabulary(fixtures);
  const fixtureTexts = new Set(fixtures.texts.values());
  const rng = new Rng(seed);
  const maker = new DocumentMaker(rng, vocab, new Set());
  // How far along the generation is, from 0 to 1.
  const progress =
    size.questions !== null
      ? (): number => totalQuestions / (size.questions ?? 1)
      : (): number => totalBytes / ((size.mb ?? DEFAULT_MB) * MB);
  // Large corpora take minutes: they report every 10%.
  const large = size.questions !== null ? size.questions >= 200_000 : (size.mb ?? DEFAULT_MB) >= 200;
  let reported = 0;
  const files: CorpusFile[] = [];
  let totalBytes = 0;
  let totalQuestions = 0;
  while (progress() < 1) {
    const doc = maker.make();
    const text = render(doc, rng);
    if (fixtureTexts.has(text)) throw new Error('generator produced a copy of a fixture');
    const name = `${doc.id}.txt`;
    const bytes = Buffer.byteLength(text);
    writeFileSync(join(dir, name), text);
    files.push({ name, bytes, layout: doc.layout, questions: doc.questionCount });
    totalBytes += bytes;
    totalQuestions += doc.questionCount;
    const tenth = Math.min(9, Math.floor(progress() * 10));
    if (large && tenth > reported) {
      reported = tenth;
      log?.(
        `  ${tenth * 10}%: ${files.length} files, ${(totalBytes / MB).toFixed(0)} MB, ${totalQuestions} questions`,
      );
    }
  }
  const manifest: CorpusManifest = {
    generator: 'vraagbaak-bench-corpus',
    version: GENERATOR_VERSION,
    synthetic: true,
    seed,
    mb: size.mb,
    questions: size.questions,
    fixtures: { dir: fixtures.dir, digest: fixtures.digest, files: [...fixtures.texts.keys()] },
    totalBytes,
    totalQuestions,
    files,
  };
  // The manifest is written last: an interrupted run leaves no manifest and is regenerated next time.
  writeFileSync(join(dir, MANIFEST), `${JSON.stringify(manifest, null, 1)}\n`);
  return manifest;
}

/** ensureCorpus for a benchmark: progress lines as it goes, then whether it was made or reused. */
export function ensureCorpusReported(options: Omit<CorpusOptions, 'log'>): CorpusResult {
  const corpus = ensureCorpus({ ...options, log: (line) => console.log(line) });
  console.log(
    corpus.generated
      ? `corpus: generated in ${corpus.seconds.toFixed(1)} s (${corpus.reason})`
      : 'corpus: up to date, reused',
  );
  console.log(`  ${describeCorpus(corpus)}`);
  return corpus;
}

export function describeCorpus(result: CorpusResult): string {
  const m = result.manifest;
  const where = relative(process.cwd(), result.dir) || '.';
  const layouts = new Map<Layout, number>();
  for (const f of m.files) layouts.set(f.layout, (layouts.get(f.layout) ?? 0) + 1);
  const mix = [...layouts].map(([layout, n]) => `${layout} ${n}`).join(', ');
  return (
    `${where}: ${m.files.length} files, ${(m.totalBytes / MB).toFixed(2)} MB, ` +
    `${m.totalQuestions} questions (synthetic, seed ${m.seed}; ${mix})`
  );
}

async function main(args: string[]): Promise<number> {
  const options = parseCorpusArgs(args, { questions: true });
  if (options.help) {
    console.log(
      `usage: node --import tsx bench/generate-corpus.ts [options]\n${CORPUS_OPTIONS_HELP}\n${QUESTIONS_OPTION_HELP}`,
    );
    return 0;
  }
  if (options.mb !== undefined && options.questions !== undefined)
    throw new UsageError('give --mb or --questions, not both');
  const result = ensureCorpus({
    mb: options.mb,
    questions: options.questions,
    seed: options.seed,
    fixturesDir: options.fixtures,
    force: options.regenerate,
    log: (line) => console.log(line),
  });
  console.log(
    result.generated
      ? `generated in ${result.seconds.toFixed(1)} s (${result.reason}): ${describeCorpus(result)}`
      : `up to date: ${describeCorpus(result)}`,
  );
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      if (error instanceof UsageError) {
        console.error(`generate-corpus: ${error.message}`);
        process.exitCode = 2;
      } else {
        console.error(error);
        process.exitCode = 1;
      }
    },
  );
}
