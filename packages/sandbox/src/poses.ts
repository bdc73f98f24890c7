// The five poses of the v1 contract, and the four a synthesis produces (in ref order).
export const POSES = ["portrait", "front", "side", "back", "other"] as const;
export type Pose = (typeof POSES)[number];

export const SYNTHESIZED_POSES = ["portrait", "front", "side", "back"] as const satisfies readonly Pose[];
