/**
 * Which items an export carries, and the export document itself.
 *
 * The rule (issue 18): making a file marks nothing as sent. An export holds
 * every change since the last export the client confirmed as sent ("Did it
 * go?"): an entry or log whose revision is above its confirmed revision, a
 * check-in never confirmed. So a file that never reached the therapist never
 * hides anything from the next one (the importer is idempotent). Deleted
 * entries travel as tombstones and are not counted as entries.
 */
import { toHex } from "./bytes";
import { seal } from "./envelope";
import type { Identity } from "./keys";
import {
  type AnyEntry,
  type CheckIn,
  EXPORT_KIND,
  type ExportDocument,
  type HomeworkLog,
  dayOf,
} from "./model";

export type Item =
  | { type: "entry"; body: AnyEntry; sent: number }
  | { type: "log"; body: HomeworkLog; sent: number }
  | { type: "checkin"; body: CheckIn; sent: number };

export interface Therapist {
  label: string;
  recipient: string;
  signingKey: string; // hex
  clientId: string;
  fingerprint: string;
  issued: string;
}

/** Items changed since the last confirmed export. */
export function unsent(items: Iterable<Item>): Item[] {
  const out: Item[] = [];
  for (const item of items) {
    const revision = item.type === "checkin" ? 1 : item.body.revision;
    if (revision > item.sent) out.push(item);
  }
  return out;
}

const itemDay = (item: Item): string => {
  if (item.type === "entry") return dayOf(item.body.deleted ? item.body.recorded_at : item.body.occurred_at);
  return dayOf(item.type === "log" ? item.body.done_at : item.body.completed_at);
};

export interface ExportCounts {
  entries: number;
  deleted: number;
  homework_logs: number;
  checkins: number;
}

export function counts(items: Item[]): ExportCounts {
  return {
    entries: items.filter((i) => i.type === "entry" && !i.body.deleted).length,
    deleted: items.filter((i) => i.type === "entry" && i.body.deleted).length,
    homework_logs: items.filter((i) => i.type === "log").length,
    checkins: items.filter((i) => i.type === "checkin").length,
  };
}

export function buildExport(
  items: Item[],
  therapist: Therapist,
  identity: Identity,
  sequence: number,
  exportId: string,
  now: string,
): ExportDocument {
  const sorted = <T extends { id: string }>(list: T[]) =>
    list.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const days = [dayOf(now), ...items.map(itemDay)].sort();
  return {
    format: EXPORT_KIND,
    version: 1,
    export_id: exportId,
    client_id: therapist.clientId,
    sequence,
    created_at: now,
    period: { start: days[0]!, end: days[days.length - 1]! },
    entries: sorted(items.flatMap((i) => (i.type === "entry" ? [i.body] : []))),
    homework_logs: sorted(items.flatMap((i) => (i.type === "log" ? [i.body] : []))),
    checkins: sorted(items.flatMap((i) => (i.type === "checkin" ? [i.body] : []))),
    client_keys: { signing_key: toHex(identity.signingKey), age_recipient: identity.recipient },
  };
}

export async function sealExport(
  document: ExportDocument,
  identity: Identity,
  therapist: Therapist,
): Promise<Uint8Array> {
  const bytes = new TextEncoder().encode(JSON.stringify(document));
  return seal(bytes, identity, [therapist.recipient], EXPORT_KIND);
}
