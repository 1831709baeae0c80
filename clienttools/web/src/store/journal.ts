/**
 * The client's journal: items, settings and drafts over the encrypted Vault.
 * UI-free. Rules:
 * - every item is checked against the export rules (core/model) before it is
 *   stored, so an export never holds what the therapist's importer refuses;
 * - an edit bumps revision; a deletion keeps a tombstone with none of the text;
 * - making an export file reserves its sequence number and marks nothing as
 *   sent; only the client's "yes, it went" marks the items in that file sent.
 */
import { fromHex, uuid4 } from "../core/bytes";
import { type ExportCounts, type Item, type Therapist, buildExport, counts, sealExport, unsent } from "../core/export";
import type { Invitation } from "../core/invitation";
import type { Identity } from "../core/keys";
import {
  type CheckIn,
  type HomeworkLog,
  type JournalEntry,
  type Tombstone,
  checkinProblems,
  entryProblems,
  localTimestamp,
  logProblems,
} from "../core/model";
import { type Assignment, type CrisisResource, type HomeworkPack, PackError, issuedLater, openPack } from "../core/pack";
import type { Vault } from "./vault";

export interface PendingExport {
  sequence: number;
  exportId: string;
  createdAt: string;
  items: [string, number][]; // item key, revision carried
  counts: ExportCounts;
}

export interface DelayTimer {
  startedAt: number; // ms since epoch
  minutes: number;
  urgeBefore: number;
}

export interface Settings {
  therapist: Therapist;
  createdAt: string;
  lastSequence: number;
  lastPackIssued: string | null;
  assignments: Assignment[];
  crisisResources: CrisisResource[] | null;
  pending: PendingExport | null;
  lastSentAt: string | null;
  timer: DelayTimer | null;
  reminders: { journal: string; homework: string; sendDay: number; sendTime: string };
  /** The passkey offer was answered (set up or "not now"), or this device turned out unable. */
  passkeyOffer?: "answered" | "unavailable";
}

export class InvalidItem extends Error {
  constructor(readonly fields: string[]) {
    super("invalid item");
  }
}

export type PackOutcome = { status: "replaced"; count: number } | { status: "older" };

const SETTINGS = "settings";
const ITEM = "item:";
const DRAFT = "draft:";

export class Journal {
  private constructor(
    readonly vault: Vault,
    public settings: Settings,
    readonly items: Map<string, Item>,
  ) {}

  get identity(): Identity {
    return this.vault.identity;
  }

  static async create(vault: Vault, invitation: Invitation): Promise<Journal> {
    const settings: Settings = {
      therapist: {
        label: invitation.label,
        recipient: invitation.therapistRecipient,
        signingKey: Array.from(invitation.therapistSigningKey, (b) => b.toString(16).padStart(2, "0")).join(""),
        clientId: invitation.clientId,
        fingerprint: invitation.fingerprint,
        issued: invitation.issued,
      },
      createdAt: localTimestamp(),
      lastSequence: 0,
      lastPackIssued: null,
      assignments: [],
      crisisResources: null,
      pending: null,
      lastSentAt: null,
      timer: null,
      reminders: { journal: "20:00", homework: "08:00", sendDay: 0, sendTime: "18:00" },
    };
    await vault.put(SETTINGS, settings);
    return new Journal(vault, settings, new Map());
  }

  static async open(vault: Vault): Promise<Journal> {
    const settings = await vault.get<Settings>(SETTINGS);
    if (!settings) throw new Error("journal has no settings");
    const items = new Map(await vault.all<Item>(ITEM));
    return new Journal(vault, settings, items);
  }

  async saveSettings(change: Partial<Settings>): Promise<void> {
    this.settings = { ...this.settings, ...change };
    await this.vault.put(SETTINGS, this.settings);
  }

  // -- entries ---------------------------------------------------------------

  /** Live entries, newest first. */
  entries(): JournalEntry[] {
    // Each date parsed once, not once per comparison (10,000 entries: ~10x faster).
    const live: [number, JournalEntry][] = [];
    for (const item of this.items.values()) {
      if (item.type === "entry" && !item.body.deleted) live.push([Date.parse(item.body.occurred_at), item.body]);
    }
    return live.sort((a, b) => b[0] - a[0]).map(([, entry]) => entry);
  }

  async saveEntry(entry: JournalEntry): Promise<JournalEntry> {
    const key = ITEM + entry.id;
    const before = this.items.get(key);
    const revision = before?.type === "entry" ? before.body.revision + 1 : 1;
    const stored: JournalEntry = { ...entry, revision, recorded_at: before ? localTimestamp() : entry.recorded_at };
    const problems = entryProblems(stored);
    if (problems.length) throw new InvalidItem(problems);
    await this.put(key, { type: "entry", body: stored, sent: before?.sent ?? 0 });
    return stored;
  }

  async deleteEntry(id: string): Promise<void> {
    const key = ITEM + id;
    const before = this.items.get(key);
    if (!before || before.type !== "entry" || before.body.deleted) return;
    const tombstone: Tombstone = { id, revision: before.body.revision + 1, deleted: true, recorded_at: localTimestamp() };
    await this.put(key, { type: "entry", body: tombstone, sent: before.sent });
  }

  // -- homework and check-ins ------------------------------------------------

  async logHomework(fields: Omit<HomeworkLog, "id" | "revision" | "deleted" | "done_at">): Promise<HomeworkLog> {
    const log: HomeworkLog = { id: uuid4(), revision: 1, deleted: false, done_at: localTimestamp(), ...fields };
    const problems = logProblems(log);
    if (problems.length) throw new InvalidItem(problems);
    await this.put(ITEM + log.id, { type: "log", body: log, sent: 0 });
    return log;
  }

  logs(): HomeworkLog[] {
    const found: HomeworkLog[] = [];
    for (const item of this.items.values()) if (item.type === "log" && !item.body.deleted) found.push(item.body);
    return found.sort((a, b) => Date.parse(b.done_at) - Date.parse(a.done_at));
  }

  async addCheckin(measure: string, answers: number[]): Promise<CheckIn> {
    const checkin: CheckIn = { id: uuid4(), measure, completed_at: localTimestamp(), answers };
    const problems = checkinProblems(checkin);
    if (problems.length) throw new InvalidItem(problems);
    await this.put(ITEM + checkin.id, { type: "checkin", body: checkin, sent: 0 });
    return checkin;
  }

  /** Open a pack file; replace the homework only if it is newer than the last one. */
  async importPack(data: Uint8Array): Promise<PackOutcome> {
    const t = this.settings.therapist;
    const pack: HomeworkPack = await openPack(data, this.identity, fromHex(t.signingKey), t.clientId);
    if (!issuedLater(pack.issued_at, this.settings.lastPackIssued)) return { status: "older" };
    await this.saveSettings({
      assignments: pack.assignments,
      lastPackIssued: pack.issued_at,
      crisisResources: pack.crisis_resources ?? this.settings.crisisResources,
    });
    return { status: "replaced", count: pack.assignments.length };
  }

  // -- sending ---------------------------------------------------------------

  /** What the next export would carry (every change not confirmed as sent). */
  unsent(): Item[] {
    return unsent(this.items.values());
  }

  /** Seal the unsent items; marks nothing as sent (see confirmSent). */
  async makeExport(): Promise<{ file: Uint8Array; pending: PendingExport }> {
    const selected = this.unsent();
    const sequence = this.settings.lastSequence + 1;
    const exportId = uuid4();
    const now = localTimestamp();
    const document = buildExport(selected, this.settings.therapist, this.identity, sequence, exportId, now);
    const file = await sealExport(document, this.identity, this.settings.therapist);
    const pending: PendingExport = {
      sequence,
      exportId,
      createdAt: now,
      items: selected.map((i) => [ITEM + i.body.id, i.type === "checkin" ? 1 : i.body.revision]),
      counts: counts(selected),
    };
    await this.saveSettings({ lastSequence: sequence, pending });
    return { file, pending };
  }

  /** The client said the file went: what it carried now counts as sent. */
  async confirmSent(): Promise<void> {
    const pending = this.settings.pending;
    if (!pending) return;
    const changed: [string, Item][] = [];
    for (const [key, revision] of pending.items) {
      const item = this.items.get(key);
      if (item && revision > item.sent) changed.push([key, { ...item, sent: revision } as Item]);
    }
    await this.vault.putMany(changed);
    for (const [key, item] of changed) this.items.set(key, item);
    await this.saveSettings({ pending: null, lastSentAt: localTimestamp() });
  }

  async notSent(): Promise<void> {
    await this.saveSettings({ pending: null });
  }

  // -- drafts ----------------------------------------------------------------

  async saveDraft(name: string, value: unknown): Promise<void> {
    await this.vault.put(DRAFT + name, value);
  }

  async draft<T>(name: string): Promise<T | undefined> {
    return this.vault.get<T>(DRAFT + name);
  }

  async dropDraft(name: string): Promise<void> {
    await this.vault.delete(DRAFT + name);
  }

  private async put(key: string, item: Item): Promise<void> {
    await this.vault.put(key, item);
    this.items.set(key, item);
  }
}

export { PackError };
