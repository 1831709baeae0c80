/**
 * Entry point: mount the shell, register the service worker (offline after
 * the first visit), and start at joining, unlocking or home.
 */
import { go, mountShell, state } from "./ui/app";
import { installHome } from "./ui/home";
import { codeFromLocation, joinScreen, unlockScreen } from "./ui/join";
import { hasJournal } from "./store/vault";

// Browsers that support installing a web app say so with this event; iOS does not
// (the set-up and backup screens explain "Add to Home Screen" there).
window.addEventListener("beforeinstallprompt", (event) => {
  event.preventDefault();
  (globalThis as { SECUREBASE_INSTALL?: Event }).SECUREBASE_INSTALL = event;
});

async function start(): Promise<void> {
  mountShell();
  installHome();
  state.locked = unlockScreen;
  if ("serviceWorker" in navigator && location.protocol !== "file:") {
    navigator.serviceWorker.register("sw.js").catch(() => undefined);
  }
  const code = codeFromLocation();
  if (await hasJournal()) {
    if (code) history.replaceState(null, "", location.pathname);
    await go(unlockScreen);
  } else {
    await go(() => joinScreen(code));
  }
  document.documentElement.dataset.ready = "1";
}

void start();
