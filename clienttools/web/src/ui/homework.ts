/**
 * Homework (from the therapist's signed pack) and check-ins (questionnaires in
 * their official wording, from the core's measures). A pack is verified before
 * it is read and replaces the homework only if it is newer; any refusal says
 * why in the client's words and changes nothing. A PHQ-9 item 9 answer above
 * zero opens the urgent-help panel at once.
 */
import core from "../generated/core.json";
import { PackError, type Assignment } from "../core/pack";
import { needsHelp } from "../core/risk";
import { InvalidItem } from "../store/journal";
import { go, journal, say, showUrgentHelp, state } from "./app";
import { button, field, h, radios, readFile, slider } from "./dom";
import { PACK_WORDS, W } from "./words";

interface Measure {
  key: string;
  title: string;
  stem: string;
  items: (string | null)[];
  min: number;
  max: number;
  options: string[];
  risk_items: number[];
  copyright: string;
}

const MEASURES = core.measures as Record<string, Measure>;

export function homeworkScreen(): HTMLElement {
  const j = journal();
  const picker = h("input", { type: "file", accept: ".age,application/octet-stream" });
  picker.addEventListener("change", async () => {
    const bytes = await readFile(picker);
    picker.value = "";
    if (!bytes) return;
    try {
      const outcome = await j.importPack(bytes);
      await go(homeworkScreen);
      say(outcome.status === "older" ? W.homeworkOlder : W.homeworkReplaced(outcome.count));
    } catch (error) {
      say(error instanceof PackError ? PACK_WORDS[error.code] : PACK_WORDS.invalid, "problem");
    }
  });
  const list = j.settings.assignments.map(assignmentCard);
  return h("section", {},
    h("h1", {}, W.homework),
    h("p", {}, W.homeworkIntro),
    h("p", { class: "status" }),
    list.length ? list : h("p", {}, W.homeworkNone),
    field(W.homeworkImport, picker),
    button(W.back, () => void go(state.home)),
  );
}

function assignmentCard(a: Assignment): HTMLElement {
  return h("article", { class: "card" },
    h("h2", {}, a.title),
    h("p", { class: "small" }, W.howOften(a.times, a.per)),
    h("ol", {}, a.instructions.map((step) => h("li", {}, step))),
    a.note ? h("div", { class: "note" }, h("h3", {}, W.fromTherapist), h("p", {}, a.note)) : null,
    button(W.logIt, () => void go(() => logScreen(a)), "primary"),
  );
}

function logScreen(a: Assignment): HTMLElement {
  const values: Record<string, number | null> = { minutes: null, helpfulness: null, distress_before: null, distress_after: null };
  const note = h("textarea", { rows: 3 });
  const minutes = h("input", { type: "number", min: 0, max: 1440, inputmode: "numeric" });
  const parts: HTMLElement[] = [];
  if (a.records.includes("minutes")) parts.push(field(W.minutes, minutes));
  if (a.records.includes("distress_before")) parts.push(slider(W.distressBefore, 100, null, (v) => { values.distress_before = v; }, ["calm", "very upset"]));
  if (a.records.includes("distress_after")) parts.push(slider(W.distressAfter, 100, null, (v) => { values.distress_after = v; }, ["calm", "very upset"]));
  if (a.records.includes("helpfulness")) parts.push(slider(W.helpfulness, 10, null, (v) => { values.helpfulness = v; }, ["not at all", "very"]));
  if (a.records.includes("note")) parts.push(field(W.note, note));
  const save = async () => {
    const m = minutes.value === "" ? null : Math.round(Number(minutes.value));
    try {
      await journal().logHomework({
        assignment_id: a.assignment_id,
        minutes: m,
        helpfulness: values.helpfulness ?? null,
        distress_before: values.distress_before ?? null,
        distress_after: values.distress_after ?? null,
        note: note.value,
      });
    } catch (error) {
      if (error instanceof InvalidItem) return say(W.cannotSave, "problem");
      throw error;
    }
    await go(homeworkScreen);
    say(W.logged);
    if (needsHelp([note.value])) showUrgentHelp(W.urgentSaved);
  };
  return h("section", {},
    h("h1", {}, a.title),
    h("p", { class: "status" }),
    ...parts,
    h("div", { class: "actions" }, button(W.back, () => void go(homeworkScreen)), button(W.save, () => void save(), "primary")),
  );
}

export function checkinScreen(): HTMLElement {
  return h("section", {},
    h("h1", {}, W.checkin),
    h("p", {}, W.checkinIntro),
    ...Object.values(MEASURES).map((m) => button(m.title, () => void go(() => measureScreen(m)), "tile")),
    button(W.back, () => void go(state.home)),
  );
}

function measureScreen(m: Measure): HTMLElement {
  const answers: (number | null)[] = m.items.map(() => null);
  const options = m.options.map((label, i) => [String(m.min + i), label] as [string, string]);
  const questions = m.items.map((item, i) =>
    radios(`${i + 1}. ${item ?? `Question ${i + 1}`}`, options, null, (v) => { answers[i] = Number(v); }));
  const save = async () => {
    if (answers.some((a) => a === null)) return say(W.checkinIncomplete, "problem");
    const given = answers as number[];
    await journal().addCheckin(m.key, given);
    await go(state.home);
    say(W.checkinSaved);
    if (m.risk_items.some((n) => (given[n - 1] ?? 0) > m.min)) showUrgentHelp();
  };
  return h("section", {},
    h("h1", {}, m.title),
    h("p", {}, m.stem),
    h("p", { class: "status" }),
    ...questions,
    h("div", { class: "actions" }, button(W.back, () => void go(checkinScreen)), button(W.save, () => void save(), "primary")),
    h("p", { class: "small" }, m.copyright),
  );
}
