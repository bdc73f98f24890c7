// The poses of the contract (a type generated from the spec), and the four a synthesis produces,
// in ref order; `satisfies` keeps that list inside the spec's enum.
import type { Pose } from "@aurous/server-stubs";

export type { Pose };

export const SYNTHESIZED_POSES = ["portrait", "front", "side", "back"] as const satisfies readonly Pose[];
