/**
 * The risk screen on the client's side: the port of the core's screen
 * (risk_v2.ts, docs/RISK_SCREEN.md) over the same data file
 * (securebase/data/risk_screen.json, bundled through generated/core.json).
 * A test runs the shared agreement file and corpus through both and requires
 * identical categories and levels. Recall first: any match, a plain denial
 * included, shows the urgent-help panel (as the command-line journal does).
 */
import core from "../generated/core.json";
import { type RiskData, RiskScreen, type ScreenMatch } from "./risk_v2";

export type { ScreenMatch };

let cached: RiskScreen | null = null;
const screener = () => (cached ??= new RiskScreen(core.risk_screen as unknown as RiskData));

/** One match per category `text` touches, at its highest level, sorted (Python's `screen`). */
export function screen(text: string): ScreenMatch[] {
  return screener().screen(text);
}

/** The categories flagged (plain denials left out), sorted. */
export function riskCategories(text: string): string[] {
  return screen(text).filter((m) => m.level === "flag").map((m) => m.category);
}

/** Whether the client should see urgent help now: any match in any of the texts. */
export function needsHelp(texts: string[]): boolean {
  return texts.some((text) => screen(text).length > 0);
}
