/** The home screen: what the client can do, with the note in progress and a running timer first. */
import { go, journal, lockNow, state } from "./app";
import { button, h } from "./dom";
import { DRAFT, type Draft, editor, newDraft } from "./entry";
import { breathingScreen, timerScreen, timeLeft } from "./tools";
import { deviceScreen, passkeyOffer } from "./passkey";
import { checkinScreen, homeworkScreen } from "./homework";
import { backupScreen, entriesScreen, sendScreen } from "./send";
import { W } from "./words";

function tile(label: string, hint: string | null, onclick: () => void, kind = "tile") {
  return h("button", { type: "button", class: `btn ${kind}`, onclick: () => onclick() },
    h("span", { class: "label" }, label), hint ? h("span", { class: "hint" }, hint) : null);
}

export async function homeScreen(): Promise<HTMLElement> {
  const j = journal();
  const draft = await j.draft<Draft>(DRAFT);
  const timer = j.settings.timer;
  const unsent = j.unsent().length;
  const offer = await passkeyOffer();
  return h("section", { class: "home" },
    h("h1", {}, W.homeTitle),
    h("p", { class: "status" }),
    offer,
    draft ? tile(W.continueDraft, draft.entry.situation.slice(0, 60) || null, () => void go(() => editor(draft)), "tile primary") : null,
    timer ? tile(W.timer, timeLeft(timer), () => void go(timerScreen), "tile primary") : null,
    h("div", { class: "grid" },
      tile(W.quick, W.quickHint, () => void go(() => editor(newDraft("quick")))),
      tile(W.full, W.fullHint, () => void go(() => editor(newDraft("full")))),
      timer ? null : tile(W.timer, null, () => void go(timerScreen)),
      tile(W.breathing, null, () => void go(breathingScreen)),
      tile(W.homework, j.settings.assignments.length ? `${j.settings.assignments.length}` : null, () => void go(homeworkScreen)),
      tile(W.checkin, null, () => void go(checkinScreen)),
      tile(W.entries, null, () => void go(entriesScreen)),
      tile(W.send, unsent ? `${unsent} new` : null, () => void go(sendScreen)),
      tile(W.backup, null, () => void go(backupScreen)),
      tile(W.device, W.deviceHint, () => void go(deviceScreen)),
    ),
    h("p", { class: "small" }, W.private),
    h("p", { class: "small" }, `${W.fingerprintIntro}: ${j.settings.therapist.label} · ${j.settings.therapist.fingerprint}`),
    button(W.lock, () => void lockNow(), "link"),
  );
}

export function installHome(): void {
  state.home = homeScreen;
}
