/**
 * The web journal's format code driven from the command line (node), for the
 * interop tests in tests/test_web_formats.py. One JSON request on stdin, one
 * JSON answer on stdout; files are read and written where the request says.
 * Uses exactly the modules the app bundles (src/core).
 */
import { webcrypto } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import * as sb from "../src/core/index";

type Request = Record<string, any>;

// Debian's Node 18 has WebCrypto only as a module, not yet as the global the code uses.
(globalThis as { crypto?: unknown }).crypto ??= webcrypto;

async function identityFrom(request: Request): Promise<sb.Identity> {
  return request.secret ? sb.Identity.fromSecret(request.secret) : sb.Identity.generate();
}

const commands: Record<string, (r: Request) => Promise<unknown>> = {
  async keys(r) {
    const id = await identityFrom(r);
    const signature = await id.sign(new TextEncoder().encode(r.message ?? ""));
    return {
      secret: id.ageSecret,
      recipient: id.recipient,
      signing_key: sb.toHex(id.signingKey),
      fingerprint: id.fingerprint,
      signature: sb.toHex(signature),
    };
  },
  async invitation(r) {
    try {
      const inv = sb.decodeInvitation(r.code);
      return { ...inv, therapistSigningKey: sb.toHex(inv.therapistSigningKey) };
    } catch (error) {
      return { error: (error as Error).message };
    }
  },
  async identity_file(r) {
    const id = await identityFrom(r);
    writeFileSync(r.path, await sb.sealIdentity(id, r.passphrase, r.work_factor));
    return { secret: id.ageSecret, recipient: id.recipient };
  },
  async open_identity(r) {
    try {
      const id = await sb.openIdentity(new Uint8Array(readFileSync(r.path)), r.passphrase);
      return { secret: id.ageSecret };
    } catch (error) {
      return { error: (error as Error).constructor.name };
    }
  },
  async export(r) {
    const id = await identityFrom(r);
    const inv = sb.decodeInvitation(r.invitation);
    const therapist: sb.Therapist = {
      label: inv.label,
      recipient: inv.therapistRecipient,
      signingKey: sb.toHex(inv.therapistSigningKey),
      clientId: inv.clientId,
      fingerprint: inv.fingerprint,
      issued: inv.issued,
    };
    const items: sb.Item[] = (r.items as sb.Item[]).map((i) => ({ ...i, sent: i.sent ?? 0 }));
    const problems = items.flatMap((i) =>
      i.type === "entry" && !i.body.deleted ? sb.entryProblems(i.body) : [],
    );
    const selected = sb.unsent(items);
    const document = sb.buildExport(selected, therapist, id, r.sequence ?? 1, sb.uuid4(), r.now ?? sb.localTimestamp());
    writeFileSync(r.path, await sb.sealExport(document, id, therapist));
    return { secret: id.ageSecret, document, problems, counts: sb.counts(selected) };
  },
  async open_pack(r) {
    const id = await identityFrom(r);
    const inv = sb.decodeInvitation(r.invitation);
    try {
      const pack = await sb.openPack(new Uint8Array(readFileSync(r.path)), id, inv.therapistSigningKey, inv.clientId);
      return { pack };
    } catch (error) {
      return { error: error instanceof sb.PackError ? error.code : String(error) };
    }
  },
  async risk(r) {
    const texts = r.texts as string[];
    return { categories: texts.map(sb.riskCategories), screen: texts.map(sb.screen) };
  },
};

const request = JSON.parse(readFileSync(0, "utf-8")) as Request;
const command = commands[request.command as string];
if (!command) throw new Error("unknown command");
process.stdout.write(JSON.stringify(await command(request)));
