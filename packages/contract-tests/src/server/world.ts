// Shared state of one server-side run: the recorder, the target, and the resources scenarios
// create for each other (a ready character, a second team's upload, …).
import { type Exchange, errorOf } from "../http/exchange.js";
import { pollUntil } from "../http/wait.js";
import { png } from "./png.js";
import type { Recorder } from "./recorder.js";
import { type Auth, req } from "./requests.js";

export interface World {
  rec: Recorder;
  main: Auth;
  second: Auth;
  /** A `ready` character of the main team (upload flow). */
  readyId?: string;
  /** A character the suite may delete at the end. */
  log: (line: string) => void;
}

export function body<T = Record<string, unknown>>(x: Exchange | undefined): T {
  return (x?.json ?? {}) as T;
}

export function must<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null) throw new Error(`scenario precondition failed: ${what}`);
  return value;
}

/** Mints a ticket and PUTs real PNG bytes, without claiming matrix entries. Returns the upload id. */
export async function uploadedImage(w: World, auth: Auth, width = 64, height = 128): Promise<string> {
  const init = await w.rec.send("initCharacterUpload", req.init(auth));
  const ticket = body<{ upload_id: string; upload_url: string }>(init);
  if (init.status !== 201) throw new Error(`upload init failed: ${init.status} ${JSON.stringify(errorOf(init))}`);
  // Direct: Prism's proxy corrupts binary bodies (see scenarios/uploads.ts).
  const put = await w.rec.send(
    "uploadCharacterImage",
    req.put(ticket.upload_url, "image/png", png(width, height)),
    "direct",
  );
  if (put.status !== 204) throw new Error(`upload PUT failed: ${put.status} ${put.bodyText.slice(0, 200)}`);
  return ticket.upload_id;
}

/** A ready character through the free upload flow. */
export async function readyCharacter(w: World, auth: Auth, name = "Contract Ready"): Promise<string> {
  const upload = await uploadedImage(w, auth);
  const created = await w.rec.send("createCharacter", req.create(auth, { name, upload_ids: [upload] }));
  if (created.status !== 201)
    throw new Error(`upload-flow create failed: ${created.status} ${created.bodyText.slice(0, 200)}`);
  return body<{ id: string }>(created).id;
}

/** Polls a character until it leaves `synthesizing`; returns its status. */
export async function settle(w: World, auth: Auth, id: string): Promise<string> {
  const read = async () => {
    const x = await w.rec.send("getCharacter", req.get(auth, id));
    return body<{ status?: string }>(x).status ?? `http ${x.status}`;
  };
  return pollUntil(read, (status) => status !== "synthesizing", {
    timeoutMs: w.rec.target.synthesisTimeoutMs ?? 120_000,
    intervalMs: 250,
  });
}
