/**
 * The journal at rest in IndexedDB, nothing readable in it.
 *
 * Layout (database "securebase-journal", version 1):
 *   keys     "identity" -> identity.age (age scrypt file, as the desktop tool writes)
 *            "datakey"  -> an age file to the client's own X25519 recipient
 *                          holding a random 256-bit record key
 *            "passkey"  -> optional { credential, identity }: the same keygen text
 *                          as identity.age, age-encrypted to this device's passkey
 *                          (typage's fido2prf stanza, WebAuthn PRF); see store/passkey
 *   records  key -> { iv, data }: AES-256-GCM of the record's JSON under the
 *            record key, with the record's key as additional data (a record
 *            cannot be moved to another key unnoticed)
 * Unlocking costs one scrypt (the passphrase) and one X25519 unwrap; a save
 * costs one AES-GCM encryption, so saves stay fast at 10,000 entries. The
 * record key lives only in memory as a non-extractable CryptoKey.
 */
import { Decrypter, Encrypter } from "age-encryption";
import { type IDBPDatabase, openDB } from "idb";
import { type Identity, openIdentity, sealIdentity } from "../core/keys";
import { utf8 } from "../core/bytes";

export const DB_NAME = "securebase-journal";
/** scrypt log2(N) for new identity files here (the desktop tool uses 18; see docs/CLIENT.md). */
export const WORK_FACTOR = 17;

interface Sealed {
  iv: Uint8Array;
  data: Uint8Array;
}

async function database(): Promise<IDBPDatabase> {
  return openDB(DB_NAME, 1, {
    upgrade(db) {
      db.createObjectStore("keys");
      db.createObjectStore("records");
    },
  });
}

function workFactor(): number {
  // Tests lower the cost through an init script; never below 10 for anything real.
  const wanted = (globalThis as { SECUREBASE_WORK_FACTOR?: number }).SECUREBASE_WORK_FACTOR;
  return typeof wanted === "number" && wanted >= 2 && wanted <= 20 ? wanted : WORK_FACTOR;
}

export async function hasJournal(): Promise<boolean> {
  const db = await database();
  const found = (await db.get("keys", "identity")) !== undefined;
  db.close();
  return found;
}

export class Vault {
  private constructor(
    private readonly db: IDBPDatabase,
    private readonly key: CryptoKey,
    readonly identity: Identity,
  ) {}

  static async create(identity: Identity, passphrase: string): Promise<Vault> {
    const db = await database();
    const raw = crypto.getRandomValues(new Uint8Array(32));
    const encrypter = new Encrypter();
    encrypter.addRecipient(identity.recipient);
    const wrapped = await encrypter.encrypt(raw);
    const identityFile = await sealIdentity(identity, passphrase, workFactor());
    const tx = db.transaction("keys", "readwrite");
    await Promise.all([tx.store.put(identityFile, "identity"), tx.store.put(wrapped, "datakey"), tx.done]);
    return new Vault(db, await importKey(raw), identity);
  }

  /** Throws WrongPassphrase for a wrong passphrase. */
  static async unlock(passphrase: string): Promise<Vault> {
    const db = await database();
    const identityFile = (await db.get("keys", "identity")) as Uint8Array;
    db.close();
    return Vault.open(await openIdentity(identityFile, passphrase));
  }

  /** Open with an identity already unsealed (by the passphrase or this device's passkey). */
  static async open(identity: Identity): Promise<Vault> {
    const db = await database();
    const decrypter = new Decrypter();
    decrypter.addIdentity(identity.ageSecret);
    const raw = await decrypter.decrypt((await db.get("keys", "datakey")) as Uint8Array, "uint8array");
    return new Vault(db, await importKey(raw), identity);
  }

  async put(key: string, value: unknown): Promise<void> {
    await this.db.put("records", await this.seal(key, value), key);
  }

  async putMany(values: [string, unknown][]): Promise<void> {
    const sealed = await Promise.all(values.map(async ([k, v]) => [k, await this.seal(k, v)] as const));
    const tx = this.db.transaction("records", "readwrite");
    await Promise.all([...sealed.map(([k, s]) => tx.store.put(s, k)), tx.done]);
  }

  async delete(key: string): Promise<void> {
    await this.db.delete("records", key);
  }

  async get<T>(key: string): Promise<T | undefined> {
    const sealed = (await this.db.get("records", key)) as Sealed | undefined;
    return sealed ? this.open<T>(key, sealed) : undefined;
  }

  /** Every record whose key starts with `prefix`. */
  async all<T>(prefix: string): Promise<[string, T][]> {
    const range = IDBKeyRange.bound(prefix, `${prefix}\uffff`);
    const tx = this.db.transaction("records");
    const [keys, values] = await Promise.all([tx.store.getAllKeys(range), tx.store.getAll(range)]);
    return Promise.all(
      keys.map(async (k, i) => [String(k), await this.open<T>(String(k), values[i] as Sealed)] as [string, T]),
    );
  }

  close(): void {
    this.db.close();
  }

  private async seal(key: string, value: unknown): Promise<Sealed> {
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const data = await crypto.subtle.encrypt(
      { name: "AES-GCM", iv, additionalData: utf8.encode(key) },
      this.key,
      utf8.encode(JSON.stringify(value)),
    );
    return { iv, data: new Uint8Array(data) };
  }

  private async open<T>(key: string, sealed: Sealed): Promise<T> {
    const plain = await crypto.subtle.decrypt(
      { name: "AES-GCM", iv: sealed.iv as BufferSource, additionalData: utf8.encode(key) },
      this.key,
      sealed.data as BufferSource,
    );
    return JSON.parse(new TextDecoder().decode(plain)) as T;
  }
}

async function importKey(raw: Uint8Array): Promise<CryptoKey> {
  const key = await crypto.subtle.importKey("raw", raw as BufferSource, "AES-GCM", false, ["encrypt", "decrypt"]);
  raw.fill(0);
  return key;
}

/** The passkey record: which credential (typage's AGE-PLUGIN-FIDO2PRF-1 string) and the identity sealed to it. */
export interface PasskeyRecord {
  credential: string;
  identity: Uint8Array;
}

export async function passkeyRecord(): Promise<PasskeyRecord | undefined> {
  const db = await database();
  const found = (await db.get("keys", "passkey")) as PasskeyRecord | undefined;
  db.close();
  return found;
}

export async function savePasskeyRecord(record: PasskeyRecord): Promise<void> {
  const db = await database();
  await db.put("keys", record, "passkey");
  db.close();
}

export async function removePasskeyRecord(): Promise<void> {
  const db = await database();
  await db.delete("keys", "passkey");
  db.close();
}

/** Everything in the database, still encrypted, as one backup file (JSON, base64; never the passkey record). */
export async function backupFile(): Promise<Uint8Array> {
  const db = await database();
  const b64 = (b: Uint8Array) => btoa(Array.from(b, (c) => String.fromCharCode(c)).join(""));
  const keys: Record<string, string> = {};
  for (const name of ["identity", "datakey"]) keys[name] = b64((await db.get("keys", name)) as Uint8Array);
  const tx = db.transaction("records");
  const [ids, values] = await Promise.all([tx.store.getAllKeys(), tx.store.getAll()]);
  const records = ids.map((k, i) => {
    const s = values[i] as Sealed;
    return [String(k), b64(s.iv), b64(s.data)];
  });
  db.close();
  return utf8.encode(JSON.stringify({ format: "securebase/web-journal-backup", version: 1, keys, records }));
}

export class BackupError extends Error {}

/** Replace this browser's journal with a backup file (checked before anything is removed). */
export async function restoreBackup(file: Uint8Array, passphrase: string): Promise<void> {
  const unb64 = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
  let parsed: { format?: string; keys?: Record<string, string>; records?: [string, string, string][] };
  try {
    parsed = JSON.parse(new TextDecoder().decode(file));
  } catch {
    throw new BackupError("not_backup");
  }
  if (parsed.format !== "securebase/web-journal-backup" || !parsed.keys?.identity || !parsed.keys.datakey || !Array.isArray(parsed.records)) {
    throw new BackupError("not_backup");
  }
  const identityFile = unb64(parsed.keys.identity);
  await openIdentity(identityFile, passphrase); // a wrong passphrase stops here, nothing changed
  const db = await database();
  const tx = db.transaction(["keys", "records"], "readwrite");
  await tx.objectStore("records").clear();
  // A passkey record belongs to the identity it replaces: it could not open the restored journal.
  await tx.objectStore("keys").delete("passkey");
  await tx.objectStore("keys").put(identityFile, "identity");
  await tx.objectStore("keys").put(unb64(parsed.keys.datakey), "datakey");
  for (const [k, iv, data] of parsed.records) {
    await tx.objectStore("records").put({ iv: unb64(iv), data: unb64(data) }, k);
  }
  await tx.done;
  db.close();
}
