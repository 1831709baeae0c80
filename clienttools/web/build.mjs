// Deterministic build of the web journal into ../web_build (shipped in the Python package).
// Same sources + same pinned packages => byte-identical output (make test checks it).
import { createHash } from "node:crypto";
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { build } from "esbuild";

const OUT = new URL("../web_build/", import.meta.url).pathname;
rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });

const common = { bundle: true, minify: true, legalComments: "eof", logLevel: "warning", charset: "utf8" };
// Split so the QR decoder (loaded only when scanning) is its own content-hashed chunk.
await build({
  ...common,
  entryPoints: { app: "src/main.ts" },
  outdir: OUT,
  splitting: true,
  chunkNames: "chunk-[hash]",
  format: "esm",
  target: ["es2020", "safari15", "chrome100"],
});
await build({ ...common, entryPoints: ["static/app.css"], outfile: `${OUT}app.css`, target: ["safari15", "chrome100"] });
for (const name of ["index.html", "manifest.webmanifest", "icon.svg"]) copyFileSync(`static/${name}`, `${OUT}${name}`);

const files = readdirSync(OUT).sort();
const hash = createHash("sha256");
for (const name of files) hash.update(name).update(readFileSync(`${OUT}${name}`));
const sw = readFileSync("static/sw.template.js", "utf8")
  .replace("__VERSION__", `securebase-journal-${hash.digest("hex").slice(0, 16)}`)
  .replace("__FILES__", JSON.stringify(["./", ...files]));
writeFileSync(`${OUT}sw.js`, sw);
console.log(`built ${files.length + 1} files into clienttools/web_build/`);
