/**
 * Sending, entries, backup and reminders.
 * Send: the client sees what is included (dates and first words, on their own
 * screen only), makes the sealed file, passes it on with the share sheet or a
 * download, then answers "Did it go?". Only "yes" marks anything as sent.
 */
import core from "../generated/core.json";
import { V } from "../core/vocabulary";
import type { Item } from "../core/export";
import type { JournalEntry } from "../core/model";
import { backupFile } from "../store/vault";
import { go, journal, say, state } from "./app";
import { button, downloadFile, field, firstWords, h, localDay } from "./dom";
import { type Draft, editor } from "./entry";
import { W } from "./words";



function describe(item: Item): [string, string] {
  const j = journal();
  if (item.type === "entry") {
    if (item.body.deleted) return [localDay(item.body.recorded_at), W.deletedEntry];
    return [localDay(item.body.occurred_at), firstWords(item.body.situation)];
  }
  if (item.type === "log") {
    const assignmentId = item.body.assignment_id;
    const a = j.settings.assignments.find((x) => x.assignment_id === assignmentId);
    return [localDay(item.body.done_at), `${W.homework}: ${a?.title ?? ""}`];
  }
  const m = (core.measures as Record<string, { title: string }>)[item.body.measure];
  return [localDay(item.body.completed_at), `${W.checkin}: ${m?.title ?? ""}`];
}

export function sendScreen(): HTMLElement {
  const j = journal();
  if (j.settings.pending) return didItGo();
  const items = j.unsent();
  const counts = {
    e: items.filter((i) => i.type === "entry" && !i.body.deleted).length,
    d: items.filter((i) => i.type === "entry" && i.body.deleted).length,
    l: items.filter((i) => i.type === "log").length,
    k: items.filter((i) => i.type === "checkin").length,
  };
  const make = async () => {
    const { file, pending } = await j.makeExport();
    const name = `journal-${j.settings.therapist.clientId.slice(0, 8)}-${String(pending.sequence).padStart(3, "0")}.age`;
    const shareable = new File([file as BlobPart], name, { type: "application/octet-stream" });
    if (navigator.canShare?.({ files: [shareable] })) {
      try {
        await navigator.share({ files: [shareable], title: W.send });
      } catch (error) {
        // Closing the share sheet is a choice, not a failure: no surprise download; the
        // next screen asks whether it went. Any other refusal falls back to a download.
        if (!(error instanceof DOMException && error.name === "AbortError")) {
          downloadFile(name, file, "application/octet-stream");
        }
      }
    } else {
      downloadFile(name, file, "application/octet-stream");
    }
    await go(didItGo);
  };
  return h("section", {},
    h("h1", {}, W.send),
    h("p", {}, W.sendIntro),
    h("p", { class: "status" }),
    items.length
      ? h("div", {},
        h("p", {}, W.sendIncludes, " ", h("strong", { "data-testid": "counts" }, W.counts(counts.e, counts.d, counts.l, counts.k))),
        h("ul", { class: "included" }, items.map((i) => {
          const [day, words] = describe(i);
          return h("li", {}, h("span", { class: "day" }, day), " ", h("span", {}, words));
        })))
      : h("p", {}, W.sendNothing),
    button(W.sendMake, () => void make(), "primary"),
    button(W.back, () => void go(state.home)),
  );
}

function didItGo(): HTMLElement {
  const j = journal();
  const p = j.settings.pending!;
  return h("section", {},
    h("h1", {}, W.send),
    h("p", {}, W.counts(p.counts.entries, p.counts.deleted, p.counts.homework_logs, p.counts.checkins)),
    h("p", { class: "status" }),
    h("p", {}, W.didItGo),
    h("div", { class: "actions" },
      button(W.yesSent, async () => { await j.confirmSent(); await go(state.home); say(W.sentThanks); }, "primary"),
      button(W.notYet, async () => { await j.notSent(); await go(state.home); say(W.notSentKept); }),
    ),
  );
}

export function entriesScreen(): HTMLElement {
  const entries = journal().entries();
  return h("section", {},
    h("h1", {}, W.entries),
    h("p", { class: "status" }),
    entries.length
      ? h("ul", { class: "entries" }, entries.slice(0, 200).map((e) =>
        h("li", {}, h("button", { type: "button", class: "btn row", onclick: () => void go(() => entryView(e)) },
          h("span", { class: "day" }, localDay(e.occurred_at)), h("span", {}, firstWords(e.situation, 10))))))
      : h("p", {}, W.entriesNone),
    button(W.back, () => void go(state.home)),
  );
}

function entryView(e: JournalEntry): HTMLElement {
  const label = (v: Record<string, string>, keys: string[]) => keys.map((k) => v[k] ?? k).join(", ");
  const row = (name: string, value: string) => (value ? [h("dt", {}, name), h("dd", {}, value)] : []);
  const edit = () => {
    const draft: Draft = { mode: "full", step: 0, entry: structuredClone(e) };
    void go(() => editor(draft));
  };
  const remove = async () => {
    if (!window.confirm(W.deleteConfirm)) return;
    await journal().deleteEntry(e.id);
    await go(entriesScreen);
    say(W.deleted);
  };
  return h("section", {},
    h("h1", {}, localDay(e.occurred_at)),
    h("dl", {},
      row(W.whatHappened, e.situation),
      row(W.trigger, label(V.Trigger, e.triggers)),
      row(W.emotions, e.emotions.map((x) => `${V.Emotion[x.emotion]} ${x.intensity}`).join(", ")),
      row(W.thought, e.automatic_thought),
      row(W.urge, e.urge ? String(e.urge.intensity) : ""),
      row(W.balanced, e.challenge?.balanced_thought ?? ""),
    ),
    h("div", { class: "actions" },
      button(W.back, () => void go(entriesScreen)),
      button(W.edit, edit),
      button(W.delete, () => void remove(), "danger"),
    ),
  );
}

const WEEKDAYS = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"];

function ics(r: { journal: string; homework: string; sendDay: number; sendTime: string }): string {
  const today = new Date();
  const day = `${today.getFullYear()}${String(today.getMonth() + 1).padStart(2, "0")}${String(today.getDate()).padStart(2, "0")}`;
  const stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
  const event = (uid: string, summary: string, time: string, rule: string) => [
    "BEGIN:VEVENT", `UID:${uid}@securebase-journal`, `DTSTAMP:${stamp}`,
    `DTSTART:${day}T${time.replace(":", "")}00`, "DURATION:PT10M", `RRULE:${rule}`,
    `SUMMARY:${summary}`, "BEGIN:VALARM", "ACTION:DISPLAY", `DESCRIPTION:${summary}`, "TRIGGER:PT0M", "END:VALARM", "END:VEVENT",
  ];
  return [
    "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//SecureBase//Web journal//EN",
    ...event("journal", "A few minutes for my journal", r.journal, "FREQ=DAILY"),
    ...event("homework", "My homework exercise", r.homework, "FREQ=DAILY"),
    ...event("send", "Send my journal to my therapist", r.sendTime, `FREQ=WEEKLY;BYDAY=${WEEKDAYS[r.sendDay] ?? "SU"}`),
    "END:VCALENDAR", "",
  ].join("\r\n");
}

export function backupScreen(): HTMLElement {
  const j = journal();
  const r = { ...j.settings.reminders };
  const time = (value: string, put: (v: string) => void) => {
    const input = h("input", { type: "time", value });
    input.addEventListener("change", () => put(input.value || value));
    return input;
  };
  const daySelect = h("select", {}, WEEKDAYS.map((_, i) =>
    h("option", { value: String(i), selected: i === r.sendDay }, new Date(2024, 0, 7 + i).toLocaleDateString(undefined, { weekday: "long" }))));
  daySelect.addEventListener("change", () => { r.sendDay = Number(daySelect.value); });
  const saveIcs = async () => {
    await j.saveSettings({ reminders: r });
    downloadFile("journal-reminders.ics", new TextEncoder().encode(ics(r)), "text/calendar");
  };
  return h("section", {},
    h("h1", {}, W.backup),
    h("p", { class: "status" }),
    h("p", {}, W.backupIntro),
    button(W.backupSave, async () => downloadFile("my-journal.sbbackup", await backupFile(), "application/json"), "primary"),
    h("p", { class: "note" }, W.iosNote),
    installButton(),
    h("h2", {}, W.remindersIntro),
    field(W.remindJournal, time(r.journal, (v) => { r.journal = v; })),
    field(W.remindHomework, time(r.homework, (v) => { r.homework = v; })),
    field(W.remindSendDay, daySelect),
    field(W.remindSendTime, time(r.sendTime, (v) => { r.sendTime = v; })),
    button(W.remindMake, () => void saveIcs()),
    button(W.back, () => void go(state.home)),
  );
}

function installButton(): HTMLElement | null {
  const holder = globalThis as { SECUREBASE_INSTALL?: Event & { prompt?: () => Promise<void> } };
  const event = holder.SECUREBASE_INSTALL;
  if (!event?.prompt) return null;
  return button(W.installApp, () => {
    void event.prompt?.();
    holder.SECUREBASE_INSTALL = undefined;
  });
}
