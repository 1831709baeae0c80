/** After unlocking: back to the draft being written, if any, else home. */
import { journal, state, type Screen } from "./app";
import { DRAFT, type Draft, editor } from "./entry";

export async function resumeScreen(): Promise<Screen> {
  const draft = await journal().draft<Draft>(DRAFT);
  return draft ? () => editor(draft) : state.home;
}
