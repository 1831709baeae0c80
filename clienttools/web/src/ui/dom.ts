/**
 * Tiny DOM helpers. Rule: client text only ever reaches the page as text
 * nodes or attribute values (h() never parses HTML), so nothing a client or
 * a homework pack wrote can become markup.
 */

type Child = Node | string | null | undefined | false;
type Attrs = Record<string, string | number | boolean | EventListener | undefined>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (typeof value === "function") el.addEventListener(name.replace(/^on/, ""), value);
    else if (name in el && typeof value !== "string" && name !== "class") (el as unknown as Record<string, unknown>)[name] = value;
    else el.setAttribute(name === "className" ? "class" : name, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return el;
}

let ids = 0;
export const uid = (stem: string) => `${stem}-${++ids}`;

export function button(label: string, onclick: () => void, kind = "secondary", extra: Attrs = {}) {
  return h("button", { type: "button", class: `btn ${kind}`, onclick: () => onclick(), ...extra }, label);
}

export function field(label: string, control: HTMLElement, hint?: string): HTMLElement {
  const id = control.id || uid("f");
  control.id = id;
  const hintEl = hint ? h("p", { class: "hint", id: `${id}-hint` }, hint) : null;
  if (hintEl) control.setAttribute("aria-describedby", hintEl.id);
  return h("div", { class: "field" }, h("label", { for: id }, label), hintEl, control);
}

/** A 0..max rating as a native range with its value spoken and shown. */
export function slider(label: string, max: number, value: number | null, onchange: (v: number) => void, ends: [string, string]) {
  const out = h("output", { class: "value" }, value === null ? "—" : String(value));
  const input = h("input", {
    type: "range", min: 0, max, step: 1, value: value ?? Math.round(max / 2),
    "aria-valuetext": value === null ? "not set" : String(value),
  });
  input.addEventListener("input", () => {
    out.textContent = input.value;
    input.setAttribute("aria-valuetext", input.value);
    onchange(Number(input.value));
  });
  const id = uid("r");
  input.id = id;
  return h("div", { class: "field" },
    h("label", { for: id }, label, " ", out),
    input,
    h("div", { class: "ends", "aria-hidden": "true" }, h("span", {}, ends[0]), h("span", {}, ends[1])),
  );
}

/** Toggle chips for choosing several keys from a vocabulary. */
export function chips(legend: string, options: Record<string, string>, chosen: string[], onchange: (v: string[]) => void) {
  const set = new Set(chosen);
  const group = h("fieldset", { class: "chips" }, h("legend", {}, legend));
  for (const [key, label] of Object.entries(options)) {
    const input = h("input", { type: "checkbox", value: key, checked: set.has(key) });
    input.addEventListener("change", () => {
      if (input.checked) set.add(key);
      else set.delete(key);
      onchange(Object.keys(options).filter((k) => set.has(k)));
    });
    group.append(h("label", { class: "chip" }, input, h("span", {}, label)));
  }
  return group;
}

export function radios(legend: string, options: [string, string][], chosen: string | null, onchange: (v: string) => void, name = uid("q")) {
  const group = h("fieldset", { class: "radios" }, h("legend", {}, legend));
  for (const [value, label] of options) {
    const input = h("input", { type: "radio", name, value, checked: chosen === value });
    input.addEventListener("change", () => input.checked && onchange(value));
    group.append(h("label", { class: "radio" }, input, h("span", {}, label)));
  }
  return group;
}

export function downloadFile(name: string, bytes: Uint8Array, type: string): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type }));
  const a = h("a", { href: url, download: name, class: "hidden" });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export async function readFile(input: HTMLInputElement): Promise<Uint8Array | null> {
  const file = input.files?.[0];
  return file ? new Uint8Array(await file.arrayBuffer()) : null;
}

export function firstWords(text: string, count = 6): string {
  const words = text.trim().split(/\s+/);
  return words.slice(0, count).join(" ") + (words.length > count ? "…" : "");
}

export function localDay(timestamp: string): string {
  const date = new Date(Date.parse(timestamp));
  return date.toLocaleDateString(undefined, { weekday: "short", day: "numeric", month: "short" });
}
