/**
 * Homework packs (docs/FORMAT.md section 5), opened as securebase/homework_pack.py:
 * decrypt with the client's identity, verify the therapist's signature, check
 * kind, signer, recipient binding, and only then parse the document strictly
 * (unknown keys, wrong types and out-of-range values refused) and check that
 * it names this client. Failures are PackError codes; nothing is changed here.
 */
import core from "../generated/core.json";
import { fromUtf8 } from "./bytes";
import { SealError, type SealFailure, openSealed } from "./envelope";
import type { Identity } from "./keys";

export const PACK_KIND = "securebase/homework-pack";
const L = core.limits;

export interface Assignment {
  assignment_id: string;
  exercise: string;
  title: string;
  instructions: string[];
  times: number;
  per: "day" | "week";
  starts: string;
  ends: string | null;
  note: string;
  records: string[];
}

export interface HomeworkPack {
  pack_id: string;
  client_id: string;
  issued_at: string;
  assignments: Assignment[];
  crisis_resources?: CrisisResource[] | null; // optional: packs made before it existed
  measures?: string[]; // optional: the questionnaires the therapist chose (FORMAT.md 5)
}

export interface CrisisResource {
  name: string;
  contact: string;
}

export type PackFailure = SealFailure | "invalid" | "not_your_pack";

export class PackError extends Error {
  constructor(readonly code: PackFailure) {
    super(code);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function exactKeys(value: Json, required: string[], optional: string[] = []) {
  const keys = Object.keys(value);
  return required.every((k) => k in value) && keys.every((k) => required.includes(k) || optional.includes(k));
}

const text = (v: unknown, max: number, min = 0) =>
  typeof v === "string" && Array.from(v).length <= max && Array.from(v).length >= min && !CONTROL.test(v) && (min === 0 || v.trim() !== "");

function validAssignment(a: unknown): a is Assignment {
  if (!isObject(a)) return false;
  const keys = ["assignment_id", "exercise", "title", "instructions", "times", "per", "starts", "records"];
  if (!exactKeys(a, keys, ["ends", "note"])) return false;
  const steps = a.instructions;
  const records = a.records;
  return (
    typeof a.assignment_id === "string" && UUID.test(a.assignment_id.toLowerCase()) &&
    typeof a.exercise === "string" && new RegExp(core.exercise_key_pattern).test(a.exercise) &&
    text(a.title, L.MAX_SHORT_TEXT_CHARS, 1) &&
    Array.isArray(steps) && steps.length <= L.MAX_EXERCISE_STEPS &&
    steps.every((s) => text(s, L.MAX_SHORT_TEXT_CHARS, 1)) &&
    Number.isInteger(a.times) && (a.times as number) >= 1 && (a.times as number) <= core.exercise_max_times &&
    (a.per === "day" || a.per === "week") &&
    typeof a.starts === "string" && DAY.test(a.starts) &&
    (a.ends === undefined || a.ends === null || (typeof a.ends === "string" && DAY.test(a.ends))) &&
    (a.note === undefined || text(a.note, L.MAX_TEXT_CHARS)) &&
    Array.isArray(records) && new Set(records).size === records.length &&
    records.every((r) => core.recordable.includes(r as string))
  );
}

function validResources(value: unknown): value is CrisisResource[] {
  return (
    Array.isArray(value) && value.length >= 1 && value.length <= L.MAX_LIST_ITEMS &&
    value.every((r) => isObject(r) && exactKeys(r, ["name", "contact"]) &&
      text(r.name, L.MAX_SHORT_TEXT_CHARS, 1) && text(r.contact, L.MAX_SHORT_TEXT_CHARS, 1))
  );
}

/** Verified bytes -> a pack, or PackError("invalid"). */
/** The questionnaires a pack may name (FORMAT.md section 5). */
const MEASURE_KEYS = ["gad7", "phq9", "phq8"];

export function parsePack(bytes: Uint8Array): HomeworkPack {
  let value: unknown;
  try {
    value = JSON.parse(fromUtf8(bytes));
  } catch {
    throw new PackError("invalid");
  }
  const ok =
    isObject(value) &&
    exactKeys(value, ["format", "version", "pack_id", "client_id", "issued_at", "assignments"], ["crisis_resources", "measures"]) &&
    value.format === PACK_KIND && value.version === 1 &&
    typeof value.pack_id === "string" && UUID.test(value.pack_id) &&
    typeof value.client_id === "string" && UUID.test(value.client_id) &&
    typeof value.issued_at === "string" && TIMESTAMP.test(value.issued_at) &&
    Array.isArray(value.assignments) && value.assignments.length <= L.MAX_PACK_ASSIGNMENTS &&
    value.assignments.every(validAssignment) &&
    (value.crisis_resources === undefined || value.crisis_resources === null ||
      validResources(value.crisis_resources)) &&
    (value.measures === undefined ||
      (Array.isArray(value.measures) && value.measures.length >= 1 && value.measures.length <= 8 &&
        value.measures.every((m) => typeof m === "string" && MEASURE_KEYS.includes(m))));
  if (!ok) throw new PackError("invalid");
  const pack = value as unknown as HomeworkPack;
  if (pack.crisis_resources === null) delete pack.crisis_resources;
  pack.assignments = pack.assignments.map((a) => ({ ...a, ends: a.ends ?? null, note: a.note ?? "" }));
  return pack;
}

export async function openPack(
  data: Uint8Array,
  identity: Identity,
  therapistSigningKey: Uint8Array,
  clientId: string,
): Promise<HomeworkPack> {
  let document: Uint8Array;
  try {
    ({ document } = await openSealed(data, identity, { signer: therapistSigningKey, kind: PACK_KIND }));
  } catch (error) {
    if (error instanceof SealError) throw new PackError(error.code);
    throw error;
  }
  const pack = parsePack(document);
  if (pack.client_id.toLowerCase() !== clientId.toLowerCase()) throw new PackError("not_your_pack");
  return pack;
}

/** Whether issued_at a is later than b (both ISO 8601 with offsets, microseconds kept). */
export function issuedLater(a: string, b: string | null): boolean {
  if (b === null) return true;
  const [ma, mb] = [Date.parse(a), Date.parse(b)];
  if (ma !== mb) return ma > mb;
  return fraction(a) > fraction(b);
}

function fraction(ts: string): number {
  const m = /\.(\d+)/.exec(ts);
  return m?.[1] ? Number(`0.${m[1]}`) : 0;
}
