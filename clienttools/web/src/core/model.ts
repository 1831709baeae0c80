/**
 * The journal export document, version 1 (docs/FORMAT.md section 1), as TS types,
 * plus the checks every item passes before it is stored, so that an export can
 * never hold what the therapist's importer (securebase/journal.py) would refuse.
 * Rules: timestamps carry the client's local offset, whole seconds; fields are
 * written in the schema's order; problems name a field, never its text.
 */
import core from "../generated/core.json";
import { V } from "./vocabulary";

const L = core.limits;


export interface EmotionRating {
  emotion: string;
  intensity: number;
}
export interface Urge {
  intensity: number;
  acted: boolean;
  behaviours: string[];
  delay_minutes: number | null;
}
export interface SoothingUse {
  technique: string;
  minutes: number | null;
}
export interface Challenge {
  distortions: string[];
  evidence_for: string;
  evidence_against: string;
  balanced_thought: string;
  belief_after: number | null;
}
export interface NeedStatement {
  text: string;
  shared: boolean;
}
export interface JournalEntry {
  id: string;
  revision: number;
  deleted: false;
  occurred_at: string;
  recorded_at: string;
  situation: string;
  triggers: string[];
  trigger_note: string;
  emotions: EmotionRating[];
  body_sensations: string;
  automatic_thought: string;
  belief_before: number | null;
  distress_before: number | null;
  distress_after: number | null;
  urge: Urge | null;
  soothing: SoothingUse[];
  challenge: Challenge | null;
  need_statement: NeedStatement | null;
  partner_positive: string[];
  assignment_id: string | null;
  tags: string[];
}
export interface Tombstone {
  id: string;
  revision: number;
  deleted: true;
  recorded_at: string;
}
export type AnyEntry = JournalEntry | Tombstone;
export interface HomeworkLog {
  id: string;
  assignment_id: string;
  revision: number;
  deleted: boolean;
  done_at: string;
  minutes: number | null;
  helpfulness: number | null;
  distress_before: number | null;
  distress_after: number | null;
  note: string;
}
export interface CheckIn {
  id: string;
  measure: string;
  completed_at: string;
  answers: number[];
}
export interface ExportDocument {
  format: "securebase/journal-export";
  version: 1;
  export_id: string;
  client_id: string;
  sequence: number;
  created_at: string;
  period: { start: string; end: string };
  entries: AnyEntry[];
  homework_logs: HomeworkLog[];
  checkins: CheckIn[];
  client_keys: { signing_key: string; age_recipient: string };
}

export const EXPORT_KIND = "securebase/journal-export";

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, "0");

/** ISO 8601 with the device's UTC offset at that moment, whole seconds. */
export function localTimestamp(moment: Date = new Date()): string {
  const offset = -moment.getTimezoneOffset();
  const sign = offset < 0 ? "-" : "+";
  const date = `${moment.getFullYear()}-${pad(moment.getMonth() + 1)}-${pad(moment.getDate())}`;
  const time = `${pad(moment.getHours())}:${pad(moment.getMinutes())}:${pad(moment.getSeconds())}`;
  return `${date}T${time}${sign}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`;
}

/** The local calendar day (YYYY-MM-DD) a timestamp written by localTimestamp names. */
export const dayOf = (timestamp: string): string => timestamp.slice(0, 10);

export function emptyEntry(id: string, now: string): JournalEntry {
  return {
    id,
    revision: 1,
    deleted: false,
    occurred_at: now,
    recorded_at: now,
    situation: "",
    triggers: [],
    trigger_note: "",
    emotions: [],
    body_sensations: "",
    automatic_thought: "",
    belief_before: null,
    distress_before: null,
    distress_after: null,
    urge: null,
    soothing: [],
    challenge: null,
    need_statement: null,
    partner_positive: [],
    assignment_id: null,
    tags: [],
  };
}

// Every control character but tab, line feed and carriage return; lone surrogates.
const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const INVISIBLE = /[\u200b\u200c\u200d\u2060\ufeff\s]/g;

export const isBlank = (text: string) => text.replace(INVISIBLE, "") === "";
/** Characters as Python counts them (code points). */
export const length = (text: string) => Array.from(text).length;

class Problems {
  readonly found: string[] = [];
  check(ok: boolean, field: string) {
    if (!ok) this.found.push(field);
  }
  text(value: string, field: string, max: number, required = false) {
    this.check(typeof value === "string" && length(value) <= max && !FORBIDDEN.test(value), field);
    if (required) this.check(!isBlank(value), field);
  }
  int(value: number | null, field: string, min: number, max: number, nullable = true) {
    if (value === null) return this.check(nullable, field);
    this.check(Number.isInteger(value) && value >= min && value <= max, field);
  }
  keys(values: string[], vocabulary: Record<string, string>, field: string) {
    this.check(values.length <= L.MAX_LIST_ITEMS && new Set(values).size === values.length, field);
    this.check(values.every((v) => v in vocabulary), field);
  }
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/;
const plausible = (ts: string) => TIMESTAMP.test(ts) && ts >= "2000" && Date.parse(ts) < Date.UTC(2100, 0, 1) && Date.parse(ts) >= Date.UTC(2000, 0, 1);

/** The fields of an entry the importer would refuse (empty when it is fine). */
export function entryProblems(entry: JournalEntry): string[] {
  const p = new Problems();
  p.check(plausible(entry.occurred_at), "occurred_at");
  p.check(plausible(entry.recorded_at), "recorded_at");
  p.check(
    Date.parse(entry.occurred_at) <= Date.parse(entry.recorded_at) + L.CLOCK_SKEW_MINUTES * 60_000,
    "occurred_at",
  );
  p.text(entry.situation, "situation", L.MAX_TEXT_CHARS, true);
  p.keys(entry.triggers, V.Trigger, "triggers");
  p.text(entry.trigger_note, "trigger_note", L.MAX_SHORT_TEXT_CHARS);
  p.keys(entry.emotions.map((e) => e.emotion), V.Emotion, "emotions");
  entry.emotions.forEach((e) => p.int(e.intensity, "emotions", 0, 100, false));
  for (const field of ["body_sensations", "automatic_thought"] as const) {
    p.text(entry[field], field, L.MAX_TEXT_CHARS);
  }
  for (const field of ["belief_before", "distress_before", "distress_after"] as const) {
    p.int(entry[field], field, 0, 100);
  }
  if (entry.urge) {
    p.int(entry.urge.intensity, "urge", 0, 10, false);
    p.keys(entry.urge.behaviours, V.Behaviour, "urge");
    p.int(entry.urge.delay_minutes, "urge", 0, L.MAX_DELAY_MINUTES);
  }
  p.check(entry.soothing.length <= L.MAX_LIST_ITEMS, "soothing");
  entry.soothing.forEach((s) => {
    p.check(s.technique in V.SoothingTechnique, "soothing");
    p.int(s.minutes, "soothing", 0, L.MAX_ACTIVITY_MINUTES);
  });
  if (entry.challenge) {
    const c = entry.challenge;
    p.keys(c.distortions, V.Distortion, "challenge");
    for (const f of ["evidence_for", "evidence_against", "balanced_thought"] as const) {
      p.text(c[f], "challenge", L.MAX_TEXT_CHARS);
    }
    p.int(c.belief_after, "challenge", 0, 100);
  }
  if (entry.need_statement) p.text(entry.need_statement.text, "need_statement", L.MAX_TEXT_CHARS, true);
  p.check(entry.partner_positive.length <= L.MAX_LIST_ITEMS, "partner_positive");
  entry.partner_positive.forEach((t) => p.text(t, "partner_positive", L.MAX_SHORT_TEXT_CHARS, true));
  p.check(entry.tags.length <= L.MAX_LIST_ITEMS && new Set(entry.tags).size === entry.tags.length, "tags");
  entry.tags.forEach((t) => p.text(t, "tags", L.MAX_TAG_CHARS, true));
  return [...new Set(p.found)];
}

export function logProblems(log: HomeworkLog): string[] {
  const p = new Problems();
  p.check(plausible(log.done_at), "done_at");
  p.int(log.minutes, "minutes", 0, L.MAX_ACTIVITY_MINUTES);
  p.int(log.helpfulness, "helpfulness", 0, 10);
  p.int(log.distress_before, "distress_before", 0, 100);
  p.int(log.distress_after, "distress_after", 0, 100);
  p.text(log.note, "note", L.MAX_TEXT_CHARS);
  return p.found;
}

export function checkinProblems(checkin: CheckIn): string[] {
  const p = new Problems();
  const measure = (core.measures as Record<string, { items: unknown[]; min: number; max: number }>)[
    checkin.measure
  ];
  p.check(measure !== undefined, "measure");
  p.check(plausible(checkin.completed_at), "completed_at");
  if (measure) {
    p.check(checkin.answers.length === measure.items.length, "answers");
    checkin.answers.forEach((a) => p.int(a, "answers", measure.min, measure.max, false));
  }
  return p.found;
}
