/**
 * The invitation code SBINVITE1... (docs/FORMAT.md section 3), as securebase/invitation.py:
 * version | therapist X25519 key (32) | therapist Ed25519 key (32) | client id (16)
 * | issue date, days since 2000-01-01 (2) | label length (1) | label (UTF-8).
 * Errors are InvitationError with a reason in the client's words.
 */
import * as bech32 from "./bech32";
import { fromUtf8, uuidFromBytes } from "./bytes";
import { fingerprint } from "./keys";

const FIXED_BYTES = 1 + 32 + 32 + 16 + 2 + 1;
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

export class InvitationError extends Error {}

export interface Invitation {
  therapistRecipient: string;
  therapistSigningKey: Uint8Array;
  clientId: string;
  label: string;
  issued: string; // YYYY-MM-DD
  fingerprint: string;
}

/** The code inside what was pasted or scanned: a bare code or a link with #SBINVITE1... */
export function extractCode(text: string): string {
  const hash = text.indexOf("#");
  const tail = hash >= 0 ? text.slice(hash + 1) : text;
  return decodeURIComponent(tail).replace(/\s+/g, "");
}

export function decodeInvitation(text: string): Invitation {
  const compact = extractCode(text);
  let decoded;
  try {
    decoded = bech32.decode(compact);
  } catch {
    throw new InvitationError(
      "This code does not look complete. Please check each character, or scan the QR code.",
    );
  }
  const { prefix, data } = decoded;
  if (prefix !== "sbinvite") throw new InvitationError("This is not a SecureBase invitation.");
  if (data[0] !== 1) {
    throw new InvitationError("This invitation was made by a newer SecureBase. Please reload.");
  }
  if (data.length < FIXED_BYTES || data.length !== FIXED_BYTES + (data[FIXED_BYTES - 1] ?? 0)) {
    throw new InvitationError("This invitation is damaged. Please ask your therapist for a new one.");
  }
  let label: string;
  try {
    label = fromUtf8(data.slice(FIXED_BYTES));
  } catch {
    label = "\u0000";
  }
  if (CONTROL.test(label)) {
    throw new InvitationError("This invitation is damaged. Please ask your therapist for a new one.");
  }
  const days = ((data[81] ?? 0) << 8) | (data[82] ?? 0);
  const issued = new Date(Date.UTC(2000, 0, 1) + days * 86_400_000).toISOString().slice(0, 10);
  const therapistSigningKey = data.slice(33, 65);
  return {
    therapistRecipient: bech32.encode("age", data.slice(1, 33)),
    therapistSigningKey,
    clientId: uuidFromBytes(data.slice(65, 81)),
    label,
    issued,
    fingerprint: fingerprint(therapistSigningKey),
  };
}
