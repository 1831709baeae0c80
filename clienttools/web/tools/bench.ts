/**
 * Benchmark hooks for bench/bench_web.py: the app's own store and journal
 * modules, bundled as an IIFE that the benchmark evaluates in the served page
 * (same origin, so the same IndexedDB). Never part of the app bundle.
 * Every function returns milliseconds measured with performance.now().
 */
import { uuid4 } from "../src/core/bytes";
import { decodeInvitation } from "../src/core/invitation";
import { Identity } from "../src/core/keys";
import { emptyEntry, localTimestamp } from "../src/core/model";
import { Journal } from "../src/store/journal";
import { Vault } from "../src/store/vault";

let journal: Journal | null = null;
const j = () => {
  if (!journal) throw new Error("no journal");
  return journal;
};

function entry(n: number) {
  const when = new Date(Date.now() - n * 3_600_000 * 6);
  return {
    ...emptyEntry(uuid4(), localTimestamp(when)),
    situation: `Entry ${n}: he did not answer for a while and I started to worry about it again`,
    triggers: ["delayed_reply"],
    automatic_thought: "Something is wrong between us",
    urge: { intensity: n % 11, acted: n % 3 === 0, behaviours: ["checking_phone"], delay_minutes: 10 },
  };
}

async function time(work: () => Promise<unknown> | unknown): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

(globalThis as Record<string, unknown>).sbBench = {
  async setup(code: string, passphrase: string, workFactor: number) {
    (globalThis as { SECUREBASE_WORK_FACTOR?: number }).SECUREBASE_WORK_FACTOR = workFactor;
    const vault = await Vault.create(await Identity.generate(), passphrase);
    journal = await Journal.create(vault, decodeInvitation(code));
    return 0;
  },
  async fill(count: number) {
    return time(async () => {
      for (let start = 0; start < count; start += 500) {
        const batch: [string, unknown][] = [];
        for (let n = start; n < Math.min(count, start + 500); n++) {
          const body = { ...entry(n), revision: 1 };
          batch.push([`item:${body.id}`, { type: "entry", body, sent: 0 }]);
        }
        await j().vault.putMany(batch);
      }
    });
  },
  async unlock(passphrase: string) {
    j().vault.close();
    let count = 0;
    const ms = await time(async () => {
      journal = await Journal.open(await Vault.unlock(passphrase));
      count = journal.items.size;
    });
    return [ms, count];
  },
  async save() {
    return time(() => j().saveEntry(entry(1)));
  },
  async list() {
    return time(() => j().entries().slice(0, 200));
  },
  async exportAll() {
    let size = 0;
    const ms = await time(async () => {
      size = (await j().makeExport()).file.length;
    });
    await j().notSent();
    return [ms, size];
  },
};
