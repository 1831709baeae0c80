/**
 * Unlocking with this device's passkey (WebAuthn PRF), through typage's own
 * webauthn module. The client's identity (the same age-keygen text that
 * identity.age holds under the passphrase) is age-encrypted to the passkey and
 * kept as the "passkey" record beside identity.age, which stays exactly as it
 * is: the passphrase always opens the journal, the passkey is a second way in.
 *
 * Rules:
 * - nothing readable is stored: the record is a credential reference and an
 *   age file whose only stanza needs the passkey's PRF output;
 * - every failure (cancelled, passkey gone, no PRF) changes nothing stored.
 */
import { Decrypter, Encrypter, webauthn } from "age-encryption";
import { type Identity, identityFromKeygenText } from "../core/keys";
import { Vault, passkeyRecord, savePasskeyRecord } from "./vault";

/** The name the device shows for the passkey it keeps for the journal. */
export const PASSKEY_NAME = "SecureBase journal";

export type PasskeyProblem = "cancelled" | "unavailable" | "missing" | "failed";

export class PasskeyError extends Error {
  constructor(readonly problem: PasskeyProblem) {
    super(problem);
  }
}

/** WebAuthn says "the person said no, or no passkey answered" with NotAllowedError. */
function problemOf(error: unknown, otherwise: PasskeyProblem): PasskeyError {
  if (error instanceof PasskeyError) return error;
  if (error instanceof DOMException && (error.name === "NotAllowedError" || error.name === "AbortError")) {
    return new PasskeyError("cancelled");
  }
  return new PasskeyError(otherwise);
}

/**
 * Make a passkey on this device and seal the identity to it. Two prompts on a
 * real device: one to make the passkey, one to use it (its PRF output is the key).
 */
export async function setUpPasskey(identity: Identity): Promise<void> {
  let credential: string;
  try {
    credential = await webauthn.createCredential({ keyName: PASSKEY_NAME });
  } catch (error) {
    // typage throws a plain Error when the new passkey has no PRF: this device cannot do it.
    throw problemOf(error, "unavailable");
  }
  let sealed: Uint8Array;
  try {
    const encrypter = new Encrypter();
    encrypter.addRecipient(new webauthn.WebAuthnRecipient({ identity: credential }));
    sealed = await encrypter.encrypt(identity.keygenText());
  } catch (error) {
    throw problemOf(error, "unavailable");
  }
  await savePasskeyRecord({ credential, identity: sealed });
}

/** Open the journal with the passkey; throws PasskeyError and changes nothing when it cannot. */
export async function unlockWithPasskey(): Promise<Vault> {
  const record = await passkeyRecord();
  if (!record) throw new PasskeyError("missing");
  let text: string;
  try {
    const decrypter = new Decrypter();
    decrypter.addIdentity(new webauthn.WebAuthnIdentity({ identity: record.credential }));
    text = await decrypter.decrypt(record.identity, "text");
  } catch (error) {
    throw problemOf(error, "failed");
  }
  try {
    return await Vault.open(await identityFromKeygenText(text));
  } catch {
    throw new PasskeyError("failed");
  }
}
