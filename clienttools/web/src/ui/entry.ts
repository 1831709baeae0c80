/**
 * Writing: the quick note (under 30 seconds) and the full thought record,
 * one step per screen, every step skippable, Back always possible.
 * The draft is autosaved, encrypted, as the client types (and before any
 * lock), so a reload, a lock or a killed tab resumes at the same step.
 * On save, the risk screen runs at once and may open the urgent-help panel.
 */
import core from "../generated/core.json";
import { V } from "../core/vocabulary";
import { uuid4 } from "../core/bytes";
import { type JournalEntry, emptyEntry, isBlank, localTimestamp } from "../core/model";
import { needsHelp } from "../core/risk";
import { InvalidItem } from "../store/journal";
import { go, journal, say, showUrgentHelp, state } from "./app";
import { button, chips, field, h, radios, slider } from "./dom";
import { W } from "./words";


export const DRAFT = "entry";

export interface Draft {
  mode: "quick" | "full";
  step: number;
  entry: JournalEntry;
}

export function newDraft(mode: "quick" | "full", fill: Partial<JournalEntry> = {}): Draft {
  const now = localTimestamp();
  return { mode, step: 0, entry: { ...emptyEntry(uuid4(), now), ...fill } };
}

let pending: number | undefined;

function autosave(draft: Draft): void {
  clearTimeout(pending);
  pending = window.setTimeout(() => void journal().saveDraft(DRAFT, draft), 250);
}

function bind(draft: Draft): void {
  state.onLeave = async () => {
    clearTimeout(pending);
    if (state.journal) await state.journal.saveDraft(DRAFT, draft);
  };
}

function text(label: string, value: string, onchange: (v: string) => void, rows = 3, hint?: string, short = false) {
  const control = short ? h("input", { type: "text", value }) : h("textarea", { rows });
  if (!short) (control as HTMLTextAreaElement).value = value;
  control.addEventListener("input", () => onchange((control as HTMLInputElement).value));
  return field(label, control, hint);
}

function whenField(draft: Draft): HTMLElement {
  const input = h("input", { type: "datetime-local", value: draft.entry.occurred_at.slice(0, 16) });
  input.addEventListener("change", () => {
    const moment = new Date(input.value);
    if (!Number.isNaN(moment.getTime())) draft.entry.occurred_at = localTimestamp(moment);
    autosave(draft);
  });
  return field(W.when, input);
}

function urgeFields(draft: Draft, full: boolean): HTMLElement[] {
  const e = draft.entry;
  const set = (change: Partial<NonNullable<JournalEntry["urge"]>>) => {
    e.urge = { intensity: 5, acted: false, behaviours: [], delay_minutes: null, ...e.urge, ...change };
    autosave(draft);
  };
  const parts: HTMLElement[] = [slider(W.urge, 10, e.urge?.intensity ?? null, (v) => set({ intensity: v }), ["none", "very strong"])];
  if (full) {
    parts.push(
      radios(W.urgeActed, [["no", W.urgeWaited], ["yes", W.urgeDid]], e.urge ? (e.urge.acted ? "yes" : "no") : null, (v) => set({ acted: v === "yes" })),
      chips(W.behaviours, V.Behaviour, e.urge?.behaviours ?? [], (v) => set({ behaviours: v })),
    );
  }
  return parts;
}

type Step = (d: Draft) => HTMLElement[];

const percent = (label: string, get: () => number | null, put: (v: number) => void, d: Draft) =>
  slider(label, 100, get(), (v) => { put(v); autosave(d); }, ["not at all", "completely"]);

const STEPS: Step[] = [
  (d) => [text(W.whatHappened, d.entry.situation, (v) => { d.entry.situation = v; autosave(d); }, 4, W.whatHappenedHint), whenField(d)],
  (d) => [
    chips(W.trigger, V.Trigger, d.entry.triggers, (v) => { d.entry.triggers = v; autosave(d); }),
    text(W.triggerNote, d.entry.trigger_note, (v) => { d.entry.trigger_note = v.slice(0, 300); autosave(d); }, 1, undefined, true),
  ],
  (d) => [
    chips(W.emotions, V.Emotion, d.entry.emotions.map((x) => x.emotion), (keys) => {
      d.entry.emotions = keys.map((k) => d.entry.emotions.find((x) => x.emotion === k) ?? { emotion: k, intensity: 50 });
      autosave(d);
      void go(() => editor(d));
    }),
    ...d.entry.emotions.map((rating) =>
      slider(W.intensity(V.Emotion[rating.emotion] ?? ""), 100, rating.intensity, (v) => { rating.intensity = v; autosave(d); }, ["a little", "very"])),
    text(W.body, d.entry.body_sensations, (v) => { d.entry.body_sensations = v; autosave(d); }, 2),
  ],
  (d) => [
    text(W.thought, d.entry.automatic_thought, (v) => { d.entry.automatic_thought = v; autosave(d); }, 3, W.thoughtHint),
    percent(W.belief, () => d.entry.belief_before, (v) => { d.entry.belief_before = v; }, d),
    percent(W.distressBefore, () => d.entry.distress_before, (v) => { d.entry.distress_before = v; }, d),
  ],
  (d) => urgeFields(d, true),
  (d) => [
    chips(W.soothing, V.SoothingTechnique, d.entry.soothing.map((s) => s.technique), (keys) => {
      d.entry.soothing = keys.map((k) => d.entry.soothing.find((s) => s.technique === k) ?? { technique: k, minutes: null });
      autosave(d);
    }),
  ],
  (d) => {
    const c = () => (d.entry.challenge ??= { distortions: [], evidence_for: "", evidence_against: "", balanced_thought: "", belief_after: null });
    const cur = d.entry.challenge;
    return [
      chips(W.distortions, V.Distortion, cur?.distortions ?? [], (v) => { c().distortions = v; autosave(d); }),
      text(W.evidenceFor, cur?.evidence_for ?? "", (v) => { c().evidence_for = v; autosave(d); }, 2),
      text(W.evidenceAgainst, cur?.evidence_against ?? "", (v) => { c().evidence_against = v; autosave(d); }, 2),
      text(W.balanced, cur?.balanced_thought ?? "", (v) => { c().balanced_thought = v; autosave(d); }, 2),
      percent(W.beliefAfter, () => cur?.belief_after ?? null, (v) => { c().belief_after = v; }, d),
    ];
  },
  (d) => [
    percent(W.distressAfter, () => d.entry.distress_after, (v) => { d.entry.distress_after = v; }, d),
    text(W.need, d.entry.need_statement?.text ?? "", (v) => {
      d.entry.need_statement = isBlank(v) ? null : { text: v, shared: d.entry.need_statement?.shared ?? false };
      autosave(d);
    }, 2),
    sharedBox(d),
    text(W.partner, d.entry.partner_positive.join("\n"), (v) => {
      d.entry.partner_positive = v.split("\n").filter((line) => !isBlank(line)).map((line) => line.slice(0, 300)).slice(0, 20);
      autosave(d);
    }, 2, W.partnerHint),
  ],
];

function sharedBox(d: Draft): HTMLElement {
  const box = h("input", { type: "checkbox", checked: d.entry.need_statement?.shared ?? false });
  box.addEventListener("change", () => {
    if (d.entry.need_statement) d.entry.need_statement.shared = box.checked;
    autosave(d);
  });
  return h("label", { class: "check" }, box, h("span", {}, W.needShared));
}

const TITLES = W.stepTitles;

export function editor(draft: Draft): HTMLElement {
  bind(draft);
  void journal().saveDraft(DRAFT, draft);
  if (draft.mode === "quick") return quick(draft);
  const total = STEPS.length;
  const step = Math.min(draft.step, total);
  if (step === total) return review(draft);
  const move = (to: number) => {
    draft.step = Math.max(0, to);
    void journal().saveDraft(DRAFT, draft);
    void go(() => editor(draft));
  };
  return h("section", { class: "editor" },
    h("p", { class: "progress" }, `Step ${step + 1} of ${total}`),
    h("h1", {}, TITLES[step] ?? W.full),
    h("p", { class: "status" }),
    ...STEPS[step]!(draft),
    h("div", { class: "actions" },
      button(W.back, () => (step === 0 ? void leave() : move(step - 1))),
      button(W.skip, () => move(step + 1)),
      button(W.next, () => move(step + 1), "primary"),
    ),
    button(W.finishLater, () => void leave(), "link"),
  );
}

function quick(draft: Draft): HTMLElement {
  return h("section", { class: "editor" },
    h("h1", {}, W.quick),
    h("p", { class: "status" }),
    text(W.whatHappened, draft.entry.situation, (v) => { draft.entry.situation = v; autosave(draft); }, 3, W.whatHappenedHint),
    chips(W.trigger, V.Trigger, draft.entry.triggers, (v) => { draft.entry.triggers = v; autosave(draft); }),
    ...urgeFields(draft, false),
    h("div", { class: "actions" },
      button(W.save, () => void save(draft), "primary"),
      button(W.finishLater, () => void leave()),
    ),
    button(W.full, () => { draft.mode = "full"; draft.step = 1; void go(() => editor(draft)); }, "link"),
  );
}

function review(draft: Draft): HTMLElement {
  const e = draft.entry;
  return h("section", { class: "editor" },
    h("h1", {}, W.reviewTitle),
    h("p", { class: "status" }),
    h("blockquote", { class: "preview" }, e.situation || "—"),
    h("div", { class: "actions" },
      button(W.back, () => { draft.step = STEPS.length - 1; void go(() => editor(draft)); }),
      button(W.save, () => void save(draft), "primary"),
    ),
    button(W.finishLater, () => void leave(), "link"),
  );
}

async function leave(): Promise<void> {
  await go(state.home);
  say(W.draftKept);
}

export function entryTexts(e: JournalEntry): string[] {
  return [e.situation, e.trigger_note, e.body_sensations, e.automatic_thought,
    e.challenge?.evidence_for ?? "", e.challenge?.evidence_against ?? "", e.challenge?.balanced_thought ?? "",
    e.need_statement?.text ?? "", ...e.partner_positive, ...e.tags];
}

async function save(draft: Draft): Promise<void> {
  if (isBlank(draft.entry.situation)) {
    if (draft.mode === "full") draft.step = 0;
    await go(() => editor(draft));
    return say(W.needSituation, "problem");
  }
  const j = journal();
  try {
    const saved = await j.saveEntry({ ...draft.entry, recorded_at: localTimestamp() });
    clearTimeout(pending);
    state.onLeave = null;
    await j.dropDraft(DRAFT);
    await go(state.home);
    say(W.saved);
    if (needsHelp(entryTexts(saved))) showUrgentHelp(W.urgentSaved);
  } catch (error) {
    if (error instanceof InvalidItem) say(W.cannotSave, "problem");
    else throw error;
  }
}
