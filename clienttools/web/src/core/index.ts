/** The format layer in one import, for the app and for the node interop tool. */
export * from "./bytes";
export * as bech32 from "./bech32";
export * from "./envelope";
export * from "./export";
export * from "./invitation";
export * from "./keys";
export * from "./model";
export * from "./pack";
export * from "./risk";
