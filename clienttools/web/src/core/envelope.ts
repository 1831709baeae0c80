/**
 * Sealed documents (docs/FORMAT.md section 2), as securebase/envelope.py:
 * an age v1 file whose payload is the signed statement
 *   "SBSEALED" | 1 | kind | signer key | sorted recipients | u64 length | document | signature
 * with the Ed25519 signature over "SecureBase sealed document v1\0" + statement.
 *
 * openSealed follows the reader's order: size, age decrypt, magic and version,
 * bounds-checked fields, signature, then kind, signer and recipient binding.
 * It never parses the document; callers get verified bytes. Each failure is
 * a SealError with a stable code; the UI turns codes into the client's words.
 */
import { Decrypter, Encrypter, armor } from "age-encryption";
import core from "../generated/core.json";
import { concat, equalBytes, fromUtf8, utf8 } from "./bytes";
import { type Identity, verifySignature } from "./keys";

const MAGIC = utf8.encode("SBSEALED");
const DOMAIN = utf8.encode("SecureBase sealed document v1\u0000");
const AGE_BINARY = utf8.encode("age-encryption.org/v1\n");
const AGE_ARMOR = "-----BEGIN AGE ENCRYPTED FILE-----";
const limits = core.limits;

export type SealFailure =
  | "too_large"
  | "not_age"
  | "not_for_you"
  | "tampered"
  | "unsigned"
  | "unsupported_version"
  | "bad_signature"
  | "wrong_kind"
  | "unexpected_signer"
  | "recipient_mismatch";

export class SealError extends Error {
  constructor(readonly code: SealFailure) {
    super(code);
  }
}

export interface Unsealed {
  kind: string;
  signer: Uint8Array;
  recipients: string[];
  document: Uint8Array;
}

function short(field: Uint8Array): Uint8Array {
  if (field.length > 255) throw new Error("field longer than 255 bytes");
  return concat(Uint8Array.of(field.length), field);
}

function u64(value: number): Uint8Array {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, BigInt(value));
  return out;
}

export async function seal(
  document: Uint8Array,
  signer: Identity,
  recipients: string[],
  kind: string,
  armored = false,
): Promise<Uint8Array> {
  const ordered = [...new Set(recipients)].sort();
  if (ordered.length < 1 || ordered.length > limits.MAX_RECIPIENTS) {
    throw new Error("a sealed document needs 1-16 recipients");
  }
  if (document.length > limits.MAX_DOCUMENT_BYTES) throw new SealError("too_large");
  const body = concat(
    MAGIC,
    Uint8Array.of(1),
    short(utf8.encode(kind)),
    signer.signingKey,
    Uint8Array.of(ordered.length),
    ...ordered.map((r) => short(utf8.encode(r))),
    u64(document.length),
    document,
  );
  const signature = await signer.sign(concat(DOMAIN, body));
  const encrypter = new Encrypter();
  for (const recipient of ordered) encrypter.addRecipient(recipient);
  const sealed = await encrypter.encrypt(concat(body, signature));
  return armored ? utf8.encode(armor.encode(sealed)) : sealed;
}

function startsWith(data: Uint8Array, prefix: Uint8Array): boolean {
  return data.length >= prefix.length && equalBytes(data.subarray(0, prefix.length), prefix);
}

async function decrypt(data: Uint8Array, identity: Identity): Promise<Uint8Array> {
  let binary = data;
  const head = new TextDecoder().decode(data.subarray(0, 64)).trimStart();
  if (head.startsWith(AGE_ARMOR)) {
    try {
      binary = armor.decode(new TextDecoder().decode(data));
    } catch {
      throw new SealError("tampered");
    }
  } else if (!startsWith(data, AGE_BINARY)) {
    throw new SealError("not_age");
  }
  const decrypter = new Decrypter();
  decrypter.addIdentity(identity.ageSecret);
  try {
    return await decrypter.decrypt(binary, "uint8array");
  } catch (error) {
    const message = error instanceof Error ? error.message : "";
    throw new SealError(message.includes("no identity matched") ? "not_for_you" : "tampered");
  }
}

class Reader {
  constructor(
    private readonly data: Uint8Array,
    public offset: number,
  ) {}
  take(count: number): Uint8Array {
    if (this.offset + count > this.data.length) throw new SealError("unsigned");
    const chunk = this.data.subarray(this.offset, this.offset + count);
    this.offset += count;
    return chunk;
  }
  byte(): number {
    return this.take(1)[0] ?? 0;
  }
  short(): string {
    const bytes = this.take(this.byte());
    return new TextDecoder().decode(bytes);
  }
}

function verify(signed: Uint8Array): Unsealed {
  if (!startsWith(signed, MAGIC)) throw new SealError("unsigned");
  const reader = new Reader(signed, MAGIC.length);
  if (reader.byte() !== 1) throw new SealError("unsupported_version");
  const kind = reader.short();
  const signer = reader.take(32).slice();
  const count = reader.byte();
  const recipients: string[] = [];
  for (let i = 0; i < count; i++) recipients.push(reader.short());
  const length = new DataView(reader.take(8).slice().buffer).getBigUint64(0);
  if (length > BigInt(limits.MAX_DOCUMENT_BYTES)) throw new SealError("too_large");
  const document = reader.take(Number(length)).slice();
  const bodyEnd = reader.offset;
  const signature = reader.take(64);
  const sorted = [...new Set(recipients)].sort();
  if (reader.offset !== signed.length || sorted.join("\n") !== recipients.join("\n")) {
    throw new SealError("unsigned");
  }
  if (!verifySignature(signer, signature, concat(DOMAIN, signed.subarray(0, bodyEnd)))) {
    throw new SealError("bad_signature");
  }
  return { kind, signer, recipients, document };
}

export async function openSealed(
  data: Uint8Array,
  identity: Identity,
  expected: { signer?: Uint8Array; kind?: string } = {},
): Promise<Unsealed> {
  if (data.length > limits.MAX_SEALED_BYTES) throw new SealError("too_large");
  const unsealed = verify(await decrypt(data, identity));
  if (expected.kind !== undefined && unsealed.kind !== expected.kind) {
    throw new SealError("wrong_kind");
  }
  if (expected.signer !== undefined && !equalBytes(unsealed.signer, expected.signer)) {
    throw new SealError("unexpected_signer");
  }
  if (!unsealed.recipients.includes(identity.recipient)) throw new SealError("recipient_mismatch");
  return unsealed;
}

export { fromUtf8 };
