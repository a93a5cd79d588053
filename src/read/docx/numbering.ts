// Word's list numbers, worked out as Word shows them: a numbered paragraph gets its marker ("3.", "Vraag 3",
// "b)", "-" for a bullet) as text, so that questions numbered by a Word list, interrupted by their answers,
// keep their numbers. numbering.xml gives each level's format, text and start; a list instance may restart
// levels (w:lvlOverride/w:startOverride); a level counts afresh under each item of a higher one. Which level a
// paragraph has follows mammoth's rules (its own w:numPr, else a level tied to its style, else its list at
// level 0), plus two of Word's that mammoth lacked: lists linked through a numbering style
// (w:numStyleLink) and a paragraph style's own w:numPr.
import { listLetter, romanNumeral } from '../list-numbers.js';
import { type Attributes, readXml, type XmlVisitor } from './xml.js';

interface Level {
  start: number;
  format: string;
  text: string;
}

interface AbstractList {
  levels: Map<number, Level>;
  /** A list defined by a numbering style (w:numStyleLink): its levels are that style's list's. */
  styleLink: string | null;
}

interface ListInstance {
  abstractId: string;
  /** Levels this instance restarts at (w:lvlOverride/w:startOverride). */
  starts: Map<number, number>;
}

/** A paragraph or numbering style's w:numPr, and the style it is based on. */
interface Style {
  basedOn: string | null;
  numId: string | null;
  ilvl: string | null;
}

/** The level a numbered paragraph stands at, and the counter it counts with. */
interface Place {
  levels: Map<number, Level>;
  level: number;
  instance: ListInstance | null;
  counter: string;
}

function integer(text: string | null | undefined, fallback: number): number {
  const n = text == null ? Number.NaN : Number.parseInt(text, 10);
  return Number.isFinite(n) ? n : fallback;
}

function formatNumber(n: number, format: string): string {
  switch (format) {
    case 'lowerLetter':
      return listLetter(n);
    case 'upperLetter':
      return listLetter(n).toUpperCase();
    case 'lowerRoman':
      return romanNumeral(n);
    case 'upperRoman':
      return romanNumeral(n).toUpperCase();
    case 'decimalZero':
      return String(n).padStart(2, '0');
    case 'none':
      return '';
    default:
      return String(n);
  }
}

/** Reads numbering.xml: its abstract lists (levels, style links) and list instances. */
class NumberingPart implements XmlVisitor {
  wantsText = false;
  readonly abstracts = new Map<string, AbstractList>();
  readonly instances = new Map<string, ListInstance>();
  /** Levels tied to a paragraph style (w:lvl/w:pStyle): style id → abstract list and level. */
  readonly styleLevels = new Map<string, { abstractId: string; level: number }>();
  private readonly path: string[] = [];
  private abstractId = '';
  private abstract: AbstractList | null = null;
  private level: (Level & { index: number | null; style: string | null }) | null = null;
  /** A w:lvl without w:ilvl: level 0, unless the list defines that too (as mammoth reads it). */
  private unindexed: (Level & { style: string | null }) | null = null;
  private instance: ListInstance | null = null;
  private overrideLevel = 0;

  open(name: string, a: Attributes): void {
    const depth = this.path.push(name);
    const val = depth > 2 ? a.get('w:val') : undefined;
    if (depth === 2 && name === 'w:abstractNum') {
      this.abstractId = a.get('w:abstractNumId') ?? '';
      this.abstract = { levels: new Map(), styleLink: null };
      this.unindexed = null;
    } else if (depth === 2 && name === 'w:num') {
      this.instance = { abstractId: '', starts: new Map() };
      this.instances.set(a.get('w:numId') ?? '', this.instance);
    } else if (depth === 3 && this.abstract && name === 'w:lvl') {
      const index = a.get('w:ilvl');
      this.level = {
        start: 1,
        format: 'decimal',
        text: '',
        index: index === undefined ? null : integer(index, 0),
        style: null,
      };
    } else if (depth === 3 && this.abstract && name === 'w:numStyleLink') {
      this.abstract.styleLink = val ?? null;
    } else if (depth === 4 && this.level) {
      if (name === 'w:start') this.level.start = integer(val, 1);
      else if (name === 'w:numFmt') this.level.format = val ?? 'decimal';
      else if (name === 'w:lvlText') this.level.text = val ?? '';
      else if (name === 'w:pStyle') this.level.style ??= val ?? null;
    } else if (depth === 3 && this.instance) {
      if (name === 'w:abstractNumId') this.instance.abstractId = val ?? '';
      else if (name === 'w:lvlOverride') this.overrideLevel = integer(a.get('w:ilvl'), 0);
    } else if (depth === 4 && this.instance && name === 'w:startOverride') {
      this.instance.starts.set(this.overrideLevel, integer(val, 1));
    }
  }

  close(name: string): void {
    const depth = this.path.length;
    this.path.pop();
    if (depth === 3 && name === 'w:lvl' && this.level && this.abstract) {
      const { index, style, ...level } = this.level;
      if (index === null) this.unindexed = { ...level, style };
      else this.addLevel(index, level, style);
      this.level = null;
    } else if (depth === 2 && name === 'w:abstractNum' && this.abstract) {
      if (this.unindexed && !this.abstract.levels.has(0)) {
        const { style, ...level } = this.unindexed;
        this.addLevel(0, level, style);
      }
      this.abstracts.set(this.abstractId, this.abstract);
      this.abstract = null;
    } else if (depth === 2 && name === 'w:num') {
      this.instance = null;
    }
  }

  private addLevel(index: number, level: Level, style: string | null): void {
    this.abstract!.levels.set(index, level);
    if (style) this.styleLevels.set(style, { abstractId: this.abstractId, level: index });
  }

  text(): void {}
}

/** Reads styles.xml: each paragraph and numbering style's w:numPr and base style (the first definition of an id). */
class StylesPart implements XmlVisitor {
  wantsText = false;
  readonly styles = new Map<string, Style>();
  private readonly path: string[] = [];
  private style: Style | null = null;

  open(name: string, a: Attributes): void {
    const depth = this.path.push(name);
    if (depth === 2 && name === 'w:style') {
      const id = a.get('w:styleId');
      const type = a.get('w:type');
      this.style = null;
      if (id !== undefined && (type === 'paragraph' || type === 'numbering') && !this.styles.has(id)) {
        this.style = { basedOn: null, numId: null, ilvl: null };
        this.styles.set(id, this.style);
      }
    } else if (!this.style) {
      return;
    } else if (depth === 3 && name === 'w:basedOn') {
      this.style.basedOn = a.get('w:val') ?? null;
    } else if (depth === 5 && this.path[2] === 'w:pPr' && this.path[3] === 'w:numPr') {
      if (name === 'w:numId') this.style.numId = a.get('w:val') ?? null;
      else if (name === 'w:ilvl') this.style.ilvl = a.get('w:val') ?? null;
    }
  }

  close(): void {
    if (this.path.pop() === 'w:style') this.style = null;
  }

  text(): void {}
}

/** The list definitions of a document: numbering.xml, with styles.xml read only when a paragraph needs it. */
export class Numbering {
  private readonly part = new NumberingPart();
  private styles: Map<string, Style> | null = null;

  constructor(
    numberingName: string,
    numberingXml: Uint8Array,
    private readonly stylesName: string,
    private readonly stylesXml: Uint8Array | undefined,
  ) {
    readXml(numberingXml, numberingName, this.part);
  }

  private style(id: string): Style | undefined {
    if (!this.styles) {
      const part = new StylesPart();
      if (this.stylesXml) readXml(this.stylesXml, this.stylesName, part);
      this.styles = part.styles;
    }
    return this.styles.get(id);
  }

  /** The list instance numId at a level, through numbering styles' links (a loop of links is no list). */
  private byInstance(numId: string, level: number): Place | null {
    const instance = this.part.instances.get(numId);
    if (!instance) return null;
    const seen = new Set<string>();
    let abstract = this.part.abstracts.get(instance.abstractId);
    let abstractId = instance.abstractId;
    while (abstract?.styleLink != null) {
      const linked = this.style(abstract.styleLink)?.numId;
      const target = linked == null ? undefined : this.part.instances.get(linked);
      if (!target || seen.has(linked!)) return null;
      seen.add(linked!);
      abstractId = target.abstractId;
      abstract = this.part.abstracts.get(abstractId);
    }
    if (!abstract?.levels.has(level)) return null;
    const counter = instance.starts.size > 0 ? `num:${numId}` : `abstract:${abstractId}`;
    return { levels: abstract.levels, level, instance, counter };
  }

  /** The w:numPr a paragraph style (or one it is based on) gives. */
  private byStyle(id: string): Place | null {
    let style = this.style(id);
    for (let i = 0; style && i < 32; i++) {
      if (style.numId !== null) return this.byInstance(style.numId, integer(style.ilvl, 0));
      style = style.basedOn === null ? undefined : this.style(style.basedOn);
    }
    return null;
  }

  /** Where a paragraph with this style and w:numPr stands in a list, if it is numbered. */
  place(style: string | null, numId: string | null, ilvl: string | null): Place | null {
    if (numId !== null && ilvl !== null) return this.byInstance(numId, integer(ilvl, 0));
    const tied = style === null ? undefined : this.part.styleLevels.get(style);
    if (tied) {
      const levels = this.part.abstracts.get(tied.abstractId)?.levels;
      return levels
        ? { levels, level: tied.level, instance: null, counter: `abstract:${tied.abstractId}` }
        : null;
    }
    if (numId !== null) return this.byInstance(numId, 0);
    return style === null ? null : this.byStyle(style);
  }
}

/** Counts a story's numbered paragraphs (the body's, the notes'), in document order. */
export class ListCounters {
  /** Counters per list: an instance that restarts counts on its own; others share their abstract list's. */
  private readonly counters = new Map<string, number[]>();

  constructor(private readonly numbering: Numbering) {}

  /** The marker Word shows before a paragraph ('' for a level without one); undefined when not numbered. */
  marker(style: string | null, numId: string | null, ilvl: string | null): string | undefined {
    const place = this.numbering.place(style, numId, ilvl);
    if (!place) return undefined;
    const { levels, level, instance } = place;
    const def = levels.get(level)!;
    const startOf = (l: number): number => instance?.starts.get(l) ?? levels.get(l)?.start ?? 1;
    let count = this.counters.get(place.counter);
    if (!count) {
      count = [];
      this.counters.set(place.counter, count);
    }
    count[level] = count[level] === undefined ? startOf(level) : count[level]! + 1;
    count.length = level + 1; // A level counts afresh under each item of a higher one.
    if (def.format === 'bullet') return '-';
    return def.text.replace(/%([1-9])/g, (_, d: string) => {
      const l = Number(d) - 1;
      return formatNumber(count[l] ?? startOf(l), levels.get(l)?.format ?? 'decimal');
    });
  }
}
