/**
 * In-the-moment tools: the reassurance-delay timer (kept in the encrypted
 * settings, so it survives reloads and locks) and the paced-breathing guide
 * (about 5 s in, 5 s out; with reduced motion the circle stays still and only
 * the words change), whose minutes go into the note in progress as soothing.
 */
import { type DelayTimer } from "../store/journal";
import { go, journal, say, state } from "./app";
import { button, field, h, slider } from "./dom";
import { DRAFT, type Draft, editor, newDraft } from "./entry";
import { W } from "./words";

const PHASE_MS = 5000;

function remainingMs(t: DelayTimer): number {
  return t.startedAt + t.minutes * 60_000 - Date.now();
}

export function timeLeft(t: DelayTimer): string {
  const ms = Math.max(0, remainingMs(t));
  const total = Math.ceil(ms / 1000);
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, "0")}`;
}

export function timerScreen(): HTMLElement {
  const j = journal();
  const t = j.settings.timer;
  if (!t) return startTimer();
  if (remainingMs(t) > 0) return running(t);
  let after = t.urgeBefore;
  return h("section", {},
    h("h1", {}, W.delayDone),
    h("p", { class: "status" }),
    slider(W.delayRerate, 10, null, (v) => { after = v; }, ["none", "very strong"]),
    h("div", { class: "actions" },
      button(W.delayRecord, () => void record(t, after), "primary"),
    ),
  );
}

function startTimer(): HTMLElement {
  const minutes = h("input", { type: "number", min: 1, max: 180, value: 15, inputmode: "numeric" });
  let urge = 5;
  const start = async () => {
    const value = Math.min(180, Math.max(1, Math.round(Number(minutes.value) || 15)));
    await journal().saveSettings({ timer: { startedAt: Date.now(), minutes: value, urgeBefore: urge } });
    await go(timerScreen);
  };
  return h("section", {},
    h("h1", {}, W.timer),
    h("p", {}, W.delayIntro),
    h("p", { class: "status" }),
    slider(W.urge, 10, null, (v) => { urge = v; }, ["none", "very strong"]),
    field(W.delayMinutes, minutes),
    button(W.delayStart, () => void start(), "primary"),
  );
}

function running(t: DelayTimer): HTMLElement {
  const clock = h("p", { class: "countdown", role: "timer", "aria-live": "off" }, timeLeft(t));
  const words = h("p", {}, W.delayLeft);
  const tick = window.setInterval(() => {
    if (!clock.isConnected) return clearInterval(tick);
    if (remainingMs(t) <= 0) {
      clearInterval(tick);
      void go(timerScreen);
      return;
    }
    clock.textContent = timeLeft(t);
  }, 1000);
  return h("section", {},
    h("h1", {}, W.timer),
    clock,
    words,
    h("p", { class: "status" }),
    button(W.breathing, () => void go(breathingScreen)),
    button(W.delayCancel, async () => {
      await journal().saveSettings({ timer: null });
      await go(state.home);
    }, "link"),
  );
}

async function record(t: DelayTimer, after: number): Promise<void> {
  const j = journal();
  const draft = newDraft("quick", { urge: { intensity: after, acted: false, behaviours: [], delay_minutes: t.minutes } });
  await j.saveSettings({ timer: null });
  await go(() => editor(draft));
}

export function breathingScreen(): HTMLElement {
  const circle = h("div", { class: "breath", "aria-hidden": "true" });
  const words = h("p", { class: "breath-words", "aria-live": "polite" }, W.breatheIntro);
  let started = 0;
  let phase: number | undefined;
  const toggle = () => {
    if (!circle.isConnected) return clearInterval(phase);
    const inhale = !circle.classList.contains("in");
    circle.classList.toggle("in", inhale);
    words.textContent = inhale ? W.breatheIn : W.breatheOut;
  };
  const start = () => {
    if (started) return;
    started = Date.now();
    toggle();
    phase = window.setInterval(toggle, PHASE_MS);
  };
  const finish = async () => {
    clearInterval(phase);
    const elapsed = started ? Date.now() - started : 0;
    if (elapsed < 2 * PHASE_MS) return go(state.home);
    const minutes = Math.max(1, Math.round(elapsed / 60_000));
    const j = journal();
    const draft = (await j.draft<Draft>(DRAFT)) ?? newDraft("quick");
    const use = draft.entry.soothing.find((s) => s.technique === "paced_breathing");
    if (use) use.minutes = (use.minutes ?? 0) + minutes;
    else draft.entry.soothing.push({ technique: "paced_breathing", minutes });
    await j.saveDraft(DRAFT, draft);
    await go(() => editor(draft));
    say(W.breatheLogged(minutes));
  };
  return h("section", { class: "breathing" },
    h("h1", {}, W.breathing),
    circle,
    words,
    h("p", { class: "status" }),
    h("div", { class: "actions" },
      button(W.breatheStart, start, "primary"),
      button(W.breatheStop, () => void finish()),
    ),
  );
}
