/**
 * Identities (docs/FORMAT.md section 2, "Keys"): one age X25519 secret backs
 * both the age identity and an Ed25519 signing key derived with HKDF-SHA256
 * (no salt, info "securebase/v1 ed25519 signing key"), as securebase/identity.py.
 *
 * Signing uses WebCrypto Ed25519 where the browser has it and @noble/curves
 * otherwise; Ed25519 is deterministic, so both give the same bytes.
 * `identity.age` is the age-keygen text layout encrypted with an age scrypt
 * (passphrase) recipient. The secret never leaves this module unencrypted
 * except inside an Identity object held in memory.
 */
import { Decrypter, Encrypter, generateIdentity, identityToRecipient } from "age-encryption";
import { ed25519 } from "@noble/curves/ed25519.js";
import { hkdf } from "@noble/hashes/hkdf.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { base32 } from "@scure/base";
import * as bech32 from "./bech32";
import { concat, utf8 } from "./bytes";

const SIGNING_KEY_INFO = utf8.encode("securebase/v1 ed25519 signing key");
const FINGERPRINT_LABEL = utf8.encode("securebase/v1 fingerprint");
const PKCS8_ED25519 = Uint8Array.from([
  0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
]);

export class IdentityError extends Error {}
export class WrongPassphrase extends Error {}

export function fingerprint(signingKey: Uint8Array): string {
  const digest = sha256(concat(FINGERPRINT_LABEL, signingKey)).slice(0, 10);
  const text = base32.encode(digest);
  return [0, 4, 8, 12].map((i) => text.slice(i, i + 4)).join("-");
}

export class Identity {
  readonly ageSecret: string;
  readonly recipient: string;
  readonly signingKey: Uint8Array;
  private readonly seed: Uint8Array;
  private webKey: Promise<CryptoKey | null> | null = null;

  private constructor(ageSecret: string, recipient: string) {
    const { prefix, data } = bech32.decode(ageSecret);
    if (prefix !== "age-secret-key-" || data.length !== 32) throw new IdentityError();
    this.ageSecret = ageSecret.toUpperCase();
    this.recipient = recipient;
    this.seed = hkdf(sha256, data, undefined, SIGNING_KEY_INFO, 32);
    this.signingKey = ed25519.getPublicKey(this.seed);
  }

  static async fromSecret(ageSecret: string): Promise<Identity> {
    return new Identity(ageSecret, await identityToRecipient(ageSecret.toUpperCase()));
  }

  static async generate(): Promise<Identity> {
    return Identity.fromSecret(await generateIdentity());
  }

  get fingerprint(): string {
    return fingerprint(this.signingKey);
  }

  async sign(message: Uint8Array): Promise<Uint8Array> {
    const key = await this.webCryptoKey();
    if (key) {
      try {
        return new Uint8Array(await crypto.subtle.sign("Ed25519", key, message as BufferSource));
      } catch {
        // fall through to the portable implementation
      }
    }
    return ed25519.sign(message, this.seed);
  }

  private webCryptoKey(): Promise<CryptoKey | null> {
    this.webKey ??= crypto.subtle
      .importKey("pkcs8", concat(PKCS8_ED25519, this.seed) as BufferSource, "Ed25519", false, [
        "sign",
      ])
      .catch(() => null);
    return this.webKey;
  }

  /** The identity in the exact layout age-keygen writes. */
  keygenText(created: Date = new Date()): string {
    const stamp = created.toISOString().replace(/\.\d{3}Z$/, "Z");
    return `# created: ${stamp}\n# public key: ${this.recipient}\n${this.ageSecret}\n`;
  }
}

export function verifySignature(key: Uint8Array, signature: Uint8Array, message: Uint8Array) {
  try {
    return ed25519.verify(signature, message, key, { zip215: false });
  } catch {
    return false;
  }
}

/** `identity.age`: the keygen text encrypted with the passphrase (age scrypt recipient). */
export async function sealIdentity(
  identity: Identity,
  passphrase: string,
  workFactor: number,
): Promise<Uint8Array> {
  const encrypter = new Encrypter();
  encrypter.setPassphrase(passphrase);
  encrypter.setScryptWorkFactor(workFactor);
  return encrypter.encrypt(identity.keygenText());
}

export async function openIdentity(file: Uint8Array, passphrase: string): Promise<Identity> {
  const decrypter = new Decrypter();
  decrypter.addPassphrase(passphrase);
  let text: string;
  try {
    text = await decrypter.decrypt(file, "text");
  } catch {
    throw new WrongPassphrase();
  }
  return identityFromKeygenText(text);
}

/** The identity in an age-keygen text (one secret key line; comments ignored). */
export async function identityFromKeygenText(text: string): Promise<Identity> {
  const secrets = text.split(/\r?\n/).filter((line) => line && !line.startsWith("#"));
  const secret = secrets[0];
  if (secrets.length !== 1 || !secret?.startsWith("AGE-SECRET-KEY-1")) throw new IdentityError();
  return Identity.fromSecret(secret);
}
