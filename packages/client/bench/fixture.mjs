// What the benchmark's server answers and its tasks ask for.
export const CHARACTER_ID = "char_01HXMQ7Z3K8Y2NABCDEFGHJKMR";
export const API_KEY = `al_live_${"a".repeat(64)}`;
/**
 * Where run.mjs bundles hey-api's fetch client (not part of dist/) for its row: one file
 * per run, named in the environment the workers inherit, so that two runs never share one.
 */
export const HEY_API_CLIENT_ENV = "AUROUS_BENCH_HEY_API_CLIENT";
