/** The core's vocabularies (key -> label, in the core's order), from generated/core.json. */
import core from "../generated/core.json";

type Vocabulary = Record<string, string>;
const build = (pairs: string[][]): Vocabulary => Object.fromEntries(pairs.map(([k, v]) => [k, v]));

export const V: Record<"Trigger" | "Emotion" | "Behaviour" | "SoothingTechnique" | "Distortion" | "MeasureKey", Vocabulary> = {
  Trigger: build(core.vocabularies.Trigger),
  Emotion: build(core.vocabularies.Emotion),
  Behaviour: build(core.vocabularies.Behaviour),
  SoothingTechnique: build(core.vocabularies.SoothingTechnique),
  Distortion: build(core.vocabularies.Distortion),
  MeasureKey: build(core.vocabularies.MeasureKey),
};
