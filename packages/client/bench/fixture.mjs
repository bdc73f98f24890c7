// What the benchmark's server answers and its tasks ask for.
export const CHARACTER_ID = 'char_01HXMQ7Z3K8Y2NABCDEFGHJKMR';
export const API_KEY = `al_live_${'a'.repeat(64)}`;
/** Where run.mjs bundles hey-api's generated fetch client (not part of dist/) for its row. */
export const HEY_API_CLIENT = new URL('../.tmp/bench-hey-api-client.mjs', import.meta.url);
