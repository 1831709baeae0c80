/**
 * Bech32 (BIP 173) without the 90-character limit, exactly as securebase/bech32.py.
 * Encoding is lower case; decoding accepts all-lower or all-upper, never mixed.
 */

const CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
const GENERATOR = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];

export class Bech32Error extends Error {}

function polymod(values: number[]): number {
  let checksum = 1;
  for (const value of values) {
    const top = checksum >>> 25;
    checksum = (((checksum & 0x1ffffff) << 5) ^ value) >>> 0;
    GENERATOR.forEach((g, bit) => {
      if ((top >>> bit) & 1) checksum = (checksum ^ g) >>> 0;
    });
  }
  return checksum;
}

function expandPrefix(prefix: string): number[] {
  const codes = Array.from(prefix, (c) => c.charCodeAt(0));
  return [...codes.map((c) => c >> 5), 0, ...codes.map((c) => c & 31)];
}

function convertBits(data: Iterable<number>, from: number, to: number, pad: boolean): number[] {
  let acc = 0;
  let bits = 0;
  const out: number[] = [];
  const mask = (1 << to) - 1;
  for (const value of data) {
    acc = ((acc << from) | value) & 0xffffff;
    bits += from;
    while (bits >= to) {
      bits -= to;
      out.push((acc >> bits) & mask);
    }
  }
  if (pad && bits) out.push((acc << (to - bits)) & mask);
  else if (!pad && (bits >= from || (acc << (to - bits)) & mask)) {
    throw new Bech32Error("has leftover bits");
  }
  return out;
}

export function encode(prefix: string, data: Uint8Array): string {
  const hrp = prefix.toLowerCase();
  const words = convertBits(data, 8, 5, true);
  const checksum = polymod([...expandPrefix(hrp), ...words, 0, 0, 0, 0, 0, 0]) ^ 1;
  for (let i = 0; i < 6; i++) words.push((checksum >>> (5 * (5 - i))) & 31);
  return `${hrp}1${words.map((w) => CHARSET[w]).join("")}`;
}

export function decode(text: string): { prefix: string; data: Uint8Array } {
  if (text.toLowerCase() !== text && text.toUpperCase() !== text) {
    throw new Bech32Error("mixes upper and lower case");
  }
  const lower = text.toLowerCase();
  const at = lower.lastIndexOf("1");
  const prefix = at > 0 ? lower.slice(0, at) : "";
  const body = at >= 0 ? lower.slice(at + 1) : "";
  if (at < 0 || !prefix || body.length < 6) {
    throw new Bech32Error("lacks a prefix, separator or checksum");
  }
  if (Array.from(prefix).some((c) => c.charCodeAt(0) < 33 || c.charCodeAt(0) > 126)) {
    throw new Bech32Error("has an invalid prefix");
  }
  const words = Array.from(body, (c) => CHARSET.indexOf(c));
  if (words.some((w) => w < 0)) throw new Bech32Error("contains a character outside Bech32");
  if (polymod([...expandPrefix(prefix), ...words]) !== 1) {
    throw new Bech32Error("checksum does not match");
  }
  return { prefix, data: Uint8Array.from(convertBits(words.slice(0, -6), 5, 8, false)) };
}
