/**
 * Joining (from an invitation link, a pasted code or a scanned QR), creating
 * the passphrase-protected identity, unlocking, and restoring a backup.
 * The invitation code is read from the URL fragment, which browsers never send
 * to the server, and removed from the address bar once read.
 */
import { type Invitation, InvitationError, decodeInvitation } from "../core/invitation";
import { Identity, WrongPassphrase } from "../core/keys";
import { Journal } from "../store/journal";
import { BackupError, Vault, restoreBackup } from "../store/vault";
import { go, say, state } from "./app";
import { passkeyUnlockButton } from "./passkey";
import { button, field, h, readFile } from "./dom";
import { resumeScreen } from "./resume";
import { W } from "./words";

const MIN_PASSPHRASE = 10;

export function codeFromLocation(): string | null {
  const hash = decodeURIComponent(window.location.hash.slice(1)).replace(/\s+/g, "");
  return /^sbinvite1/i.test(hash) ? hash : null;
}

export function joinScreen(prefill: string | null = null): HTMLElement {
  const input = h("textarea", { rows: 3, autocomplete: "off", autocapitalize: "characters", spellcheck: "false" });
  if (prefill) input.value = prefill;
  const scanner = h("div", { class: "scanner" });
  const use = () => {
    try {
      const invitation = decodeInvitation(input.value);
      history.replaceState(null, "", window.location.pathname);
      void go(() => passphraseScreen(invitation));
    } catch (error) {
      say(error instanceof InvitationError ? error.message : W.joinIntro, "problem");
    }
  };
  const screen = h(
    "section",
    {},
    h("h1", {}, W.joinTitle),
    h("p", {}, W.joinIntro),
    h("p", { class: "status" }),
    field(W.pasteCode, input, W.pasteHint),
    button(W.useCode, use, "primary"),
    button(W.scan, () => void scan(scanner, input, use)),
    scanner,
    h("details", { class: "restore" }, h("summary", {}, W.restoreTitle), restoreForm()),
    h("p", { class: "small" }, W.offlineNote),
  );
  if (prefill) queueMicrotask(use);
  return screen;
}

async function scan(box: HTMLElement, input: HTMLTextAreaElement, use: () => void): Promise<void> {
  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } });
  } catch {
    say(W.scanNoCamera, "problem");
    return;
  }
  const video = h("video", { playsinline: true, muted: true, "aria-label": W.scan });
  video.srcObject = stream;
  const stop = () => {
    stream.getTracks().forEach((t) => t.stop());
    box.replaceChildren();
  };
  box.replaceChildren(video, button(W.scanStop, stop));
  await video.play();
  // The QR decoder is a third of the code: loaded only when someone scans.
  const { default: jsQR } = await import("jsqr");
  const canvas = document.createElement("canvas");
  const tick = () => {
    if (!video.isConnected) return stop();
    if (video.videoWidth) {
      canvas.width = video.videoWidth;
      canvas.height = video.videoHeight;
      const ctx = canvas.getContext("2d", { willReadFrequently: true });
      ctx?.drawImage(video, 0, 0);
      const image = ctx?.getImageData(0, 0, canvas.width, canvas.height);
      const found = image && jsQR(image.data, image.width, image.height);
      if (found?.data) {
        input.value = found.data;
        stop();
        return use();
      }
    }
    requestAnimationFrame(tick);
  };
  tick();
}

function passphraseScreen(invitation: Invitation): HTMLElement {
  const first = h("input", { type: "password", autocomplete: "new-password" });
  const second = h("input", { type: "password", autocomplete: "new-password" });
  const create = async () => {
    if (first.value.length < MIN_PASSPHRASE) return say(W.passphraseShort, "problem");
    if (first.value !== second.value) return say(W.passphraseMismatch, "problem");
    say(W.creating);
    const identity = await Identity.generate();
    const vault = await Vault.create(identity, first.value);
    state.journal = await Journal.create(vault, invitation);
    await go(state.home);
    say(`${W.fingerprintCheck} ${invitation.fingerprint}`);
  };
  return h(
    "section",
    {},
    h("h1", {}, W.joinTitle),
    h("div", { class: "card" },
      h("p", {}, W.fingerprintIntro, ": ", h("strong", {}, invitation.label)),
      h("p", {}, W.fingerprintCheck),
      h("p", { class: "fingerprint", "data-testid": "fingerprint" }, invitation.fingerprint),
    ),
    h("p", { class: "status" }),
    field(W.passphrase, first, W.passphraseHint),
    field(W.passphraseAgain, second),
    button(W.create, () => void create(), "primary"),
    h("p", { class: "note" }, W.iosNote),
  );
}

export async function unlockScreen(): Promise<HTMLElement> {
  const input = h("input", { type: "password", autocomplete: "current-password" });
  // With a passkey set up here, it comes first; the passphrase always remains.
  const passkey = await passkeyUnlockButton(input);
  const submit = h("button", { type: "submit", class: passkey ? "btn" : "btn primary" }, W.unlock);
  const form = h("form", {}, field(W.passphrase, input), submit);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    void unlock(input);
  });
  return h("section", {}, h("h1", {}, W.unlockTitle), h("p", {}, passkey ? W.unlockIntroPasskey : W.unlockIntro), h("p", { class: "status" }),
    passkey, passkey ? h("p", {}, W.orPassphrase) : null, form, h("p", { class: "small" }, W.private));
}

async function unlock(input: HTMLInputElement): Promise<void> {
  say(W.unlocking);
  try {
    const vault = await Vault.unlock(input.value);
    state.journal = await Journal.open(vault);
  } catch (error) {
    input.value = "";
    return say(error instanceof WrongPassphrase ? W.wrongPassphrase : W.wrongPassphrase, "problem");
  }
  await go(await resumeScreen());
}

function restoreForm(): HTMLElement {
  const file = h("input", { type: "file", accept: ".sbbackup,.json,application/json" });
  const pass = h("input", { type: "password", autocomplete: "current-password" });
  const restore = async () => {
    const bytes = await readFile(file);
    if (!bytes) return say(W.notBackup, "problem");
    try {
      await restoreBackup(bytes, pass.value);
    } catch (error) {
      return say(error instanceof BackupError ? W.notBackup : W.wrongPassphrase, "problem");
    }
    await go(unlockScreen);
    say(W.restored);
  };
  return h("div", {}, field(W.restoreFile, file), field(W.passphrase, pass), button(W.restore, () => void restore()));
}
