/**
 * The risk screen, as the core's securebase/risk_screen.py: the rebuilt screen
 * (risk_v2.ts, docs/RISK_SCREEN.md) when the core ships its data, else this
 * port of the earlier matcher (`risk_categories`), reading the same lexicon data (bundled from
 * securebase/data/risk_lexicon.json through generated/core.json). A test runs
 * the shared labelled corpus through both and requires identical categories.
 * Recall first: a match shows the urgent-help panel on the client's screen.
 * Rules (see the Python module for the why): NFKC + case-fold, apostrophes
 * removed, words glued so spacing and hyphens do not matter, "*" stems,
 * one-edit misspellings of long words, benign phrases, narrow negation.
 */
import core from "../generated/core.json";
import { type RiskData, RiskScreen, type ScreenMatch } from "./risk_v2";

export type { ScreenMatch };

interface LexiconData {
  fuzzy: { min_length: number; not_misspellings: string[] };
  negation: { words: string[]; window: number; intensifiers: string[]; scope_breakers: string[] };
  benign_phrases: string[];
  categories: Record<string, string[]>;
}

interface Term {
  category: string;
  glued: string;
  prefix: boolean;
}

interface Match {
  category: string;
  first: number;
  last: number;
}

const APOSTROPHES = /['’‘ʼ`´]/g;
const WORD = /[\p{L}\p{N}]+/gu;
const SENTENCE_END = /[.!?;\n]/;
const CLAUSE_END = /[.!?;\n,:()[\]"“”—–]/;

export function normalise(text: string): string {
  // Python's str.casefold, for the letters where it differs from lower case.
  const folded = text.normalize("NFKC").toLowerCase().replace(/ß/g, "ss").replace(/ς/g, "σ");
  return folded.replace(APOSTROPHES, "");
}

interface Tokens {
  text: string;
  spans: [number, number][];
  words: string[];
}

function tokens(text: string): Tokens {
  const normal = normalise(text);
  const spans: [number, number][] = [];
  const words: string[] = [];
  for (const m of normal.matchAll(WORD)) {
    spans.push([m.index, m.index + m[0].length]);
    words.push(m[0]);
  }
  return { text: normal, spans, words };
}

const gap = (t: Tokens, k: number) => t.text.slice(t.spans[k - 1]![1], t.spans[k]![0]);

function term(category: string, written: string): Term {
  const prefix = written.endsWith("*");
  return { category, glued: tokens(written.replace(/\*+$/, "")).words.join(""), prefix };
}

class Lexicon {
  readonly terms: Term[];
  readonly benign: Term[];
  readonly anchors: [string, boolean][];
  readonly notMisspellings: Set<string>;
  readonly negations: Set<string>;
  readonly stops: Set<string>;
  readonly window: number;
  private readonly corrections = new Map<string, string>();

  constructor(data: LexiconData) {
    this.terms = Object.entries(data.categories).flatMap(([c, ws]) => ws.map((w) => term(c, w)));
    this.benign = data.benign_phrases.map((w) => term("benign", w));
    const found = new Map<string, [string, boolean]>();
    for (const written of Object.values(data.categories).flat()) {
      const words = tokens(written.replace(/\*+$/, "")).words;
      words.forEach((word, i) => {
        const stem = written.endsWith("*") && i === words.length - 1;
        if (Array.from(word).length >= data.fuzzy.min_length) found.set(`${word}\u0000${stem}`, [word, stem]);
      });
    }
    this.anchors = [...found.values()].sort(([a, sa], [b, sb]) =>
      a < b ? -1 : a > b ? 1 : Number(sa) - Number(sb),
    );
    this.notMisspellings = new Set(data.fuzzy.not_misspellings.map(normalise));
    this.negations = new Set(data.negation.words.map(normalise));
    this.stops = new Set([...data.negation.scope_breakers, ...data.negation.intensifiers].map(normalise));
    this.window = data.negation.window;
  }

  corrected(word: string): string {
    let found = this.corrections.get(word);
    if (found === undefined) {
      found = this.correct(word);
      this.corrections.set(word, found);
    }
    return found;
  }

  private correct(word: string): string {
    if (
      this.notMisspellings.has(word) ||
      this.anchors.some(([anchor, stem]) => word === anchor || (stem && word.startsWith(anchor)))
    ) {
      return word;
    }
    for (const [anchor, stem] of this.anchors) {
      if (anchor[0] !== word[0]) continue;
      if (!stem) {
        if (withinOneEdit(word, anchor)) return anchor;
        continue;
      }
      for (const cut of [anchor.length, anchor.length - 1, anchor.length + 1]) {
        if (word.length >= cut && withinOneEdit(word.slice(0, cut), anchor)) {
          return anchor + word.slice(cut);
        }
      }
    }
    return word;
  }
}

/** Optimal string alignment distance <= 1 (adjacent swaps count once). */
function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  if (a.length === b.length) {
    const diffs: number[] = [];
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) diffs.push(i);
    if (diffs.length === 1) return true;
    const i = diffs[0]!;
    const j = diffs[diffs.length - 1]!;
    return diffs.length === 2 && j === i + 1 && a[i] === b[j] && a[j] === b[i];
  }
  const [s, l] = a.length < b.length ? [a, b] : [b, a];
  let i = 0;
  while (i < s.length && s[i] === l[i]) i++;
  return s.slice(i) === l.slice(i + 1);
}

function find(terms: Term[], words: string[]): Match[] {
  const glued = words.join("");
  const starts = [0];
  for (const w of words) starts.push(starts[starts.length - 1]! + w.length);
  const firstOf = new Map(starts.slice(0, -1).map((offset, k) => [offset, k]));
  const ends = new Set(starts);
  const found: Match[] = [];
  for (const t of terms) {
    if (!t.glued) continue;
    for (let at = glued.indexOf(t.glued); at >= 0; at = glued.indexOf(t.glued, at + 1)) {
      const end = at + t.glued.length;
      const first = firstOf.get(at);
      if (first === undefined || !(t.prefix || ends.has(end))) continue;
      let last = 0;
      while (last + 1 < starts.length && starts[last + 1]! <= end - 1) last++;
      found.push({ category: t.category, first, last });
    }
  }
  return found;
}

function sentenceIds(t: Tokens): number[] {
  const ids: number[] = [];
  let current = 0;
  t.words.forEach((_, k) => {
    if (k && SENTENCE_END.test(gap(t, k))) current++;
    ids.push(current);
  });
  return ids;
}

function negated(m: Match, t: Tokens, lex: Lexicon): boolean {
  let k = m.first;
  for (let n = 0; n < lex.window; n++) {
    if (k === 0 || CLAUSE_END.test(gap(t, k))) return false;
    k -= 1;
    const word = t.words[k]!;
    if (lex.stops.has(word)) return false;
    if (lex.negations.has(word)) return true;
  }
  return false;
}

let cached: Lexicon | null = null;
const data = core as unknown as { risk_lexicon?: LexiconData; risk_screen?: RiskData };
const lexicon = () => (cached ??= new Lexicon(data.risk_lexicon!));
let rebuilt: RiskScreen | null = null;

/** One match per category `text` touches, at its highest level, sorted (Python's `screen`). */
export function screen(text: string): ScreenMatch[] {
  // The rebuilt screen (docs/RISK_SCREEN.md) whenever the core ships its data.
  if (data.risk_screen) return (rebuilt ??= new RiskScreen(data.risk_screen)).screen(text);
  const lex = lexicon();
  const t = tokens(text);
  const words = t.words.map((w) => lex.corrected(w));
  const glued = words.join("");
  if (!lex.terms.some((term) => term.glued && glued.includes(term.glued))) return [];
  const benign = find(lex.benign, words);
  const matches = find(lex.terms, words).filter(
    (m) => !benign.some((b) => b.first <= m.first && m.last <= b.last),
  );
  const sentence = sentenceIds(t);
  const overlaps = (a: Match, b: Match) => a.first <= b.last && b.first <= a.last;
  const levels = new Map<string, ScreenMatch["level"]>();
  for (const m of matches) {
    const flagged =
      !negated(m, t, lex) ||
      matches.some((o) => sentence[o.first] === sentence[m.first] && !overlaps(o, m));
    if (flagged || !levels.has(m.category)) levels.set(m.category, flagged ? "flag" : "mention");
  }
  return [...levels.keys()].sort().map((category) => ({ category, level: levels.get(category)! }));
}

/** The categories flagged (denials left out), sorted, as Python's `risk_categories`. */
export function riskCategories(text: string): string[] {
  return screen(text).filter((m) => m.level === "flag").map((m) => m.category);
}

/**
 * Whether the client should see urgent help now: any match in any of the
 * texts, a plain denial included (recall first, as the command-line journal).
 */
export function needsHelp(texts: string[]): boolean {
  return texts.some((text) => screen(text).length > 0);
}
