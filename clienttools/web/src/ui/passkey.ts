/**
 * Passkey unlock, as the client meets it: a calm, optional offer on the home
 * screen (answered once: set up, or "not now" and it is not offered again),
 * the "This device" screen to set it up or remove it, and the "Use my
 * passkey" button on the unlock screen. The passphrase always remains.
 *
 * Offered only where it can work: WebAuthn with the PRF extension and a
 * user-verifying authenticator on this device, on a named host (WebAuthn
 * refuses IP addresses such as 127.0.0.1). Whether the device's passkey
 * really has PRF is only known once one is made; if not, the journal says so
 * and stops offering. typage's WebAuthn part is small (about 2 KiB gzip),
 * so it is in the main bundle rather than a lazily loaded chunk.
 */
import { Journal } from "../store/journal";
import { setUpPasskey, unlockWithPasskey } from "../store/passkey";
import { passkeyRecord, removePasskeyRecord } from "../store/vault";
import { go, journal, say, state } from "./app";
import { button, h } from "./dom";
import { resumeScreen } from "./resume";
import { W } from "./words";

/** True where a passkey with PRF can be made on this device (not a promise it has PRF). */
export async function passkeysPossible(): Promise<boolean> {
  const PKC = globalThis.PublicKeyCredential;
  if (!PKC || !window.isSecureContext || typeof PKC.getClientCapabilities !== "function") return false;
  if (/^[\d.]+$|:/.test(location.hostname)) return false; // an IP address cannot hold passkeys
  try {
    const capabilities = await PKC.getClientCapabilities();
    return capabilities["extension:prf"] === true && (await PKC.isUserVerifyingPlatformAuthenticatorAvailable());
  } catch {
    return false;
  }
}

async function setUp(after: () => HTMLElement | Promise<HTMLElement>): Promise<void> {
  say(W.passkeySettingUp);
  const j = journal();
  try {
    await setUpPasskey(j.identity);
  } catch (error) {
    const problem = (error as { problem?: string }).problem;
    if (problem === "cancelled") return say(W.passkeyCancelled, "problem");
    await j.saveSettings({ passkeyOffer: "unavailable" });
    await go(after);
    return say(W.passkeyUnavailable, "problem");
  }
  await j.saveSettings({ passkeyOffer: "answered" });
  await go(after);
  say(W.passkeyReady);
}

/** The home screen's offer, or nothing once answered, set up or impossible here. */
export async function passkeyOffer(): Promise<HTMLElement | null> {
  const j = journal();
  if (j.settings.passkeyOffer || (await passkeyRecord()) || !(await passkeysPossible())) return null;
  const notNow = async () => {
    await j.saveSettings({ passkeyOffer: "answered" });
    await go(state.home);
    say(W.passkeyLater);
  };
  return h("div", { class: "card passkey-offer", role: "region", "aria-labelledby": "passkey-offer-title" },
    h("h2", { id: "passkey-offer-title" }, W.passkeyOfferTitle),
    h("p", {}, W.passkeyOffer),
    h("p", { class: "small" }, W.passkeyWho),
    h("div", { class: "actions" },
      button(W.passkeySetUp, () => void setUp(state.home), "primary"),
      button(W.notNow, () => void notNow(), "link"),
    ),
  );
}

/** Settings for this device: passkey unlock on or off. */
export async function deviceScreen(): Promise<HTMLElement> {
  const record = await passkeyRecord();
  const remove = async () => {
    await removePasskeyRecord();
    await go(deviceScreen);
    say(W.passkeyRemoved);
  };
  let part: HTMLElement[];
  if (record) {
    part = [h("p", {}, W.passkeyOn), h("p", { class: "small" }, W.passkeyWho), button(W.passkeyRemove, () => void remove(), "danger")];
  } else if (await passkeysPossible()) {
    part = [h("p", {}, W.passkeyOffer), h("p", { class: "small" }, W.passkeyWho), button(W.passkeySetUp, () => void setUp(deviceScreen), "primary")];
  } else {
    part = [h("p", {}, W.passkeyNotHere)];
  }
  return h("section", { class: "device" },
    h("h1", {}, W.device),
    h("p", { class: "status" }),
    h("h2", {}, W.passkeyHeading),
    ...part,
    h("p", { class: "small" }, W.passkeyPassphraseStays),
    button(W.back, () => void go(state.home)),
  );
}

/** "Use my passkey" for the unlock screen, or null when none is set up here. */
export async function passkeyUnlockButton(passphrase: HTMLInputElement): Promise<HTMLElement | null> {
  if (!(await passkeyRecord())) return null;
  const use = async () => {
    say(W.unlocking);
    try {
      state.journal = await Journal.open(await unlockWithPasskey());
    } catch {
      say(W.passkeyFailed, "problem");
      return passphrase.focus();
    }
    await go(await resumeScreen());
  };
  return button(W.usePasskey, () => void use(), "primary");
}
