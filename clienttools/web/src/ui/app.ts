/**
 * The app shell: the header (with "Help now" always one tap away), the
 * screen being shown, the unlocked journal, and auto-lock after inactivity.
 * Screens are functions that return an element; `go(screen)` shows one and
 * moves focus to its heading. A screen may register `onLeave` to flush its
 * draft (called before auto-lock drops the keys).
 */
import core from "../generated/core.json";
import type { CrisisResource } from "../core/pack";
import type { Journal } from "../store/journal";
import { h } from "./dom";
import { W } from "./words";

export type Screen = () => HTMLElement | Promise<HTMLElement>;

interface State {
  journal: Journal | null;
  onLeave: (() => Promise<void>) | null;
  lockTimer: number | undefined;
  home: Screen;
  locked: Screen;
}

export const state: State = {
  journal: null,
  onLeave: null,
  lockTimer: undefined,
  home: () => h("div"),
  locked: () => h("div"),
};

const LOCK_AFTER_MS = () =>
  (globalThis as { SECUREBASE_LOCK_MS?: number }).SECUREBASE_LOCK_MS ?? 5 * 60_000;

export function journal(): Journal {
  if (!state.journal) throw new Error("locked");
  return state.journal;
}

let main: HTMLElement;

export function mountShell(): void {
  main = h("main", { id: "main", tabindex: "-1" });
  const header = h(
    "header",
    { class: "top" },
    h("span", { class: "brand" }, W.title),
    h("button", { type: "button", class: "btn help", onclick: () => showUrgentHelp() }, W.helpNow),
  );
  document.body.replaceChildren(header, main, h("div", { id: "live", class: "sr-only", "aria-live": "polite" }));
  for (const event of ["pointerdown", "keydown", "input", "scroll", "touchstart"]) {
    document.addEventListener(event, resetLockTimer, { passive: true });
  }
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") void state.onLeave?.();
  });
}

export async function go(screen: Screen): Promise<void> {
  const leaving = state.onLeave;
  state.onLeave = null;
  await leaving?.();
  const el = await screen();
  main.replaceChildren(el);
  window.scrollTo(0, 0);
  const heading = main.querySelector("h1");
  if (heading) {
    heading.setAttribute("tabindex", "-1");
    heading.focus({ preventScroll: true });
  }
  resetLockTimer();
}

/** A calm status line on the current screen, also spoken by screen readers. */
export function say(text: string, kind: "ok" | "problem" = "ok"): void {
  const box = main.querySelector(".status") ?? main.firstElementChild?.appendChild(h("p", { class: "status" }));
  if (box) {
    box.textContent = text;
    box.className = `status ${kind}`;
    box.setAttribute("role", kind === "problem" ? "alert" : "status");
  }
}

export function resetLockTimer(): void {
  clearTimeout(state.lockTimer);
  if (!state.journal) return;
  state.lockTimer = window.setTimeout(() => void lockNow(true), LOCK_AFTER_MS());
}

export async function lockNow(idle = false): Promise<void> {
  const leaving = state.onLeave;
  state.onLeave = null;
  await leaving?.(); // the draft is saved (encrypted) before the keys are dropped
  state.journal?.vault.close();
  state.journal = null;
  clearTimeout(state.lockTimer);
  await go(state.locked);
  if (idle) say(W.lockedIdle);
}

export function crisisResources(): CrisisResource[] {
  return state.journal?.settings.crisisResources ?? core.crisis_resources;
}

/** Contact text with each phone number as a tap-to-call link (the rest stays text). */
function callable(contact: string): (string | HTMLElement)[] {
  return contact.split(/(\+?\d[\d ]{1,16}\d)/).map((part, i) =>
    i % 2 ? h("a", { href: `tel:${part.replace(/ /g, "")}`, class: "tel" }, part) : part,
  );
}

/** The urgent-help panel: a modal dialog, shown at once, closed by the client. */
export function showUrgentHelp(lead?: string): void {
  document.querySelector("dialog.urgent")?.remove();
  const list = h(
    "ul",
    { class: "resources" },
    crisisResources().map((r) => h("li", {}, h("strong", {}, r.name), h("span", {}, ...callable(r.contact)))),
  );
  const dialog = h(
    "dialog",
    { class: "urgent", "aria-labelledby": "urgent-title" },
    h("h2", { id: "urgent-title" }, W.urgentTitle),
    lead ? h("p", { class: "lead" }, lead) : null,
    h("p", {}, W.urgentBody),
    list,
    h("button", { type: "button", class: "btn primary", onclick: () => dialog.close() }, W.close),
  );
  dialog.addEventListener("close", () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
}
