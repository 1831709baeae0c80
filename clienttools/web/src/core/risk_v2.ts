/**
 * The rebuilt risk screen (docs/RISK_SCREEN.md, data securebase/data/risk_screen.json),
 * ported rule for rule from securebase/risk_screen.py and risk_terms.py. Takes
 * the data as an argument (risk.ts passes the bundled file); results must equal
 * tests/data/risk_agreement.json exactly.
 * Only ASCII a-z0-9 tokens: code units and code points give the same tokens.
 */

export interface RiskData {
  apostrophes: string;
  ignored: string;
  sentence_ends: string;
  clause_breaks: string;
  rewrites: Record<string, string>;
  fuzzy: { min_length: number; anchors: string[]; not_misspellings: string[] };
  negation: { window: number; words: string[]; scope_breakers: string[]; intensifiers: string[] };
  wish: string[];
  intent: string[];
  exclusions: string[];
  sets: Record<string, string[]>;
  categories: { key: string; label: string; terms: string[] }[];
}

export interface ScreenMatch {
  category: string;
  level: "flag" | "mention";
}

type Part = [string, boolean]; // word, is prefix
type Element =
  | { kind: "word"; options: Part[][] }
  | { kind: "digits" }
  | { kind: "end" }
  | { kind: "gap"; skip: number };
interface Term {
  category: string;
  elements: Element[];
  first: Part[] | null; // one-word starts of the first element: a shortcut only
}
interface Token {
  word: string;
  brk: number;
  sentence: number;
}
interface Match {
  category: string;
  first: number;
  last: number;
}

const accepts = (part: Part, word: string) => word === part[0] || (part[1] && word.startsWith(part[0]));
const isDigits = (word: string) => /^[0-9]+$/.test(word);

function parseElement(text: string, sets: Record<string, string[]>): Element {
  if (text === "#") return { kind: "digits" };
  if (text === "$") return { kind: "end" };
  if (/^~[1-9]$/.test(text)) return { kind: "gap", skip: Number(text.slice(1)) };
  const options = text
    .split("|")
    .flatMap((o) => (o.startsWith("@") ? (sets[o.slice(1)] ?? []) : [o]))
    .map((o) => o.split("_").map((p): Part => [p.replace(/\*$/, ""), p.endsWith("*")]));
  return { kind: "word", options };
}

function parseTerm(category: string, text: string, sets: Record<string, string[]>): Term {
  const elements = text.split(" ").map((e) => parseElement(e, sets));
  const head = elements[0];
  const first = head?.kind === "word" ? head.options.map((o) => o[0]!) : null;
  return { category, elements, first };
}

function acceptsAt(el: Element & { kind: "word" }, toks: Token[], pos: number, sentence: number): number[] {
  const ends = new Set<number>();
  for (const option of el.options) {
    const end = pos + option.length;
    if (end > toks.length) continue;
    if (option.every((part, n) => toks[pos + n]!.sentence === sentence && accepts(part, toks[pos + n]!.word))) {
      ends.add(end);
    }
  }
  return [...ends].sort((a, b) => a - b);
}

function span(elements: Element[], toks: Token[], start: number, negations: Set<string>): number | null {
  const sentence = toks[start]!.sentence;
  const at = (e: number, pos: number): number | null => {
    if (e === elements.length) return pos;
    const el = elements[e]!;
    if (el.kind === "end") {
      return pos === toks.length || toks[pos]!.sentence !== sentence ? at(e + 1, pos) : null;
    }
    if (el.kind === "gap") {
      for (let skip = 0; skip <= el.skip; skip++) {
        if (skip) {
          const k = pos + skip - 1;
          if (k >= toks.length || toks[k]!.sentence !== sentence || negations.has(toks[k]!.word)) return null;
        }
        const found = at(e + 1, pos + skip);
        if (found !== null) return found;
      }
      return null;
    }
    if (pos >= toks.length || toks[pos]!.sentence !== sentence) return null;
    if (el.kind === "digits") return isDigits(toks[pos]!.word) ? at(e + 1, pos + 1) : null;
    for (const end of acceptsAt(el, toks, pos, sentence)) {
      const found = at(e + 1, end);
      if (found !== null) return found;
    }
    return null;
  };
  return at(0, start);
}

function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  if (a.length === b.length) {
    const diffs: number[] = [];
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) diffs.push(i);
    if (diffs.length <= 1) return true;
    const i = diffs[0]!;
    const j = diffs[diffs.length - 1]!;
    return diffs.length === 2 && j === i + 1 && a[i] === b[j] && a[j] === b[i];
  }
  const [s, l] = a.length < b.length ? [a, b] : [b, a];
  let i = 0;
  while (i < s.length && s[i] === l[i]) i++;
  return s.slice(i) === l.slice(i + 1);
}

export class RiskScreen {
  private readonly terms: Term[];
  private readonly exclusions: Term[];
  private readonly intent: Term[];
  private readonly wish: Part[];
  private readonly negations: Set<string>;
  private readonly stoppers: Set<string>;
  private readonly anchors: Set<string>;
  private readonly misspellingsNot: Set<string>;
  private readonly corrections = new Map<string, string>();

  constructor(private readonly data: RiskData) {
    this.terms = data.categories.flatMap((c) => c.terms.map((t) => parseTerm(c.key, t, data.sets)));
    this.exclusions = data.exclusions.map((t) => parseTerm("", t, data.sets));
    this.intent = data.intent.map((t) => parseTerm("", t, data.sets));
    this.wish = data.wish.map((w): Part => [w.replace(/\*$/, ""), w.endsWith("*")]);
    this.negations = new Set(data.negation.words);
    this.stoppers = new Set([...data.negation.scope_breakers, ...data.negation.intensifiers]);
    this.anchors = new Set(data.fuzzy.anchors);
    this.misspellingsNot = new Set(data.fuzzy.not_misspellings);
  }

  normalise(text: string): string {
    const drop = new Set(Array.from(this.data.apostrophes + this.data.ignored));
    const kept = Array.from(text.normalize("NFKC")).filter((c) => !drop.has(c)).join("");
    return kept.replace(/[A-Z]/g, (c) => c.toLowerCase());
  }

  private brk(separator: string, first: boolean): number {
    if (first || Array.from(separator).some((c) => this.data.sentence_ends.includes(c))) return 2;
    return Array.from(separator).some((c) => this.data.clause_breaks.includes(c)) ? 1 : 0;
  }

  corrected(word: string): string {
    let found = this.corrections.get(word);
    if (found === undefined) {
      found = word;
      if (word.length >= this.data.fuzzy.min_length && !this.anchors.has(word) && !this.misspellingsNot.has(word)) {
        found = this.data.fuzzy.anchors.find((a) => a[0] === word[0] && withinOneEdit(word, a)) ?? word;
      }
      this.corrections.set(word, found);
    }
    return found;
  }

  tokens(text: string): Token[] {
    const normal = this.normalise(text);
    const raw: [string, number][] = [];
    let end = 0;
    for (const hit of normal.matchAll(/[a-z0-9]+/g)) {
      raw.push([hit[0], this.brk(normal.slice(end, hit.index), raw.length === 0)]);
      end = hit.index + hit[0].length;
    }
    const out: Token[] = [];
    for (let k = 0; k < raw.length; ) {
      const [word, brk] = raw[k]!;
      const next = raw[k + 1];
      const pair = next && next[1] < 2 ? `${word} ${next[0]}` : null;
      let words: string[];
      if (pair !== null && pair in this.data.rewrites) {
        words = this.data.rewrites[pair]!.split(" ");
        k += 2;
      } else {
        words = word in this.data.rewrites ? this.data.rewrites[word]!.split(" ") : [this.corrected(word)];
        k += 1;
      }
      words.forEach((w, n) => {
        const b = n === 0 ? brk : 0;
        out.push({ word: w, brk: b, sentence: (out.length ? out[out.length - 1]!.sentence : -1) + (b === 2 ? 1 : 0) });
      });
    }
    return out;
  }

  private find(terms: Term[], toks: Token[]): Match[] {
    const found: Match[] = [];
    for (let start = 0; start < toks.length; start++) {
      const word = toks[start]!.word;
      for (const term of terms) {
        if (term.first && !term.first.some((part) => accepts(part, word))) continue;
        const end = span(term.elements, toks, start, this.negations);
        if (end !== null) found.push({ category: term.category, first: start, last: end - 1 });
      }
    }
    return found;
  }

  private negated(m: Match, toks: Token[]): boolean {
    let k = m.first;
    for (let n = 0; n < this.data.negation.window; n++) {
      if (toks[k]!.brk >= 1) return false;
      k -= 1;
      if (this.negations.has(toks[k]!.word)) return true;
      if (this.stoppers.has(toks[k]!.word)) return false;
    }
    return false;
  }

  private wishNegated(k: number, toks: Token[]): boolean {
    for (const back of [1, 2]) {
      if (toks[k - back + 1]!.brk >= 1) return false;
      if (this.negations.has(toks[k - back]!.word)) return true;
    }
    return false;
  }

  private hasWish(m: Match, toks: Token[]): boolean {
    const sentence = toks[m.first]!.sentence;
    return toks.some(
      (tok, k) =>
        tok.sentence === sentence && !(m.first <= k && k <= m.last) &&
        this.wish.some((w) => accepts(w, tok.word)) && !this.wishNegated(k, toks),
    );
  }

  screen(text: string): ScreenMatch[] {
    const toks = this.tokens(text);
    let matches = this.find(this.terms, toks);
    if (matches.length) {
      const void_ = new Set(this.find(this.intent, toks).map((m) => toks[m.first]!.sentence));
      const excluded = this.find(this.exclusions, toks).filter((x) => !void_.has(toks[x.first]!.sentence));
      matches = matches.filter((m) => !excluded.some((x) => x.first <= m.last && m.first <= x.last));
    }
    const plain = matches.map((m) => this.negated(m, toks) && !this.hasWish(m, toks));
    const levels = new Map<string, ScreenMatch["level"]>();
    matches.forEach((m, n) => {
      const sentence = toks[m.first]!.sentence;
      const flagged = !plain[n] || matches.some((o, i) => toks[o.first]!.sentence === sentence && !plain[i]);
      if (flagged || !levels.has(m.category)) levels.set(m.category, flagged ? "flag" : "mention");
    });
    return [...levels.keys()].sort().map((category) => ({ category, level: levels.get(category)! }));
  }
}
