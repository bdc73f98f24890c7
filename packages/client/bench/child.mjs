// A forked bench script (server.mjs, worker.mjs) that answers each message it is sent with one
// message; its first message comes unasked, once it is ready. Every wait is bounded, so that a
// stalled child fails the bench instead of hanging it for undici's 300 s.
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";

const ANSWER_TIMEOUT_MS = 60_000;

export class Child {
  #process;
  #pending;
  #exited;
  #closed;

  /** What the script said when it was ready (the server: its port). */
  hello;

  static async start(script, args, name) {
    const child = new Child(script, args, name);
    child.hello = await child.#pending.promise;
    return child;
  }

  constructor(script, args, name) {
    this.name = name;
    this.#process = fork(fileURLToPath(new URL(script, import.meta.url)), args, {
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    // 'exit', not 'close': 'close' never comes for a child whose channel this side disconnected.
    this.#closed = new Promise((resolve) => this.#process.once("exit", resolve));
    this.#process.on("message", (message) =>
      this.#settle(message?.error ? new Error(`${name}: ${message.error}`) : undefined, message),
    );
    this.#process.on("error", (error) => this.#settle(new Error(`${name}: ${error.message}`)));
    this.#process.on("exit", (code, signal) => {
      this.#exited = new Error(`${name} exited (${signal ?? `code ${code}`})`);
      // A last message may still be on its way: let it be delivered first.
      setImmediate(() => this.#settle(this.#exited));
    });
    this.#pending = this.#expect();
  }

  /** Sends `message` and resolves with the answer. */
  ask(message) {
    if (this.#exited) return Promise.reject(this.#exited);
    if (this.#pending) return Promise.reject(new Error(`${this.name}: asked again before it answered`));
    this.#pending = this.#expect();
    const { promise } = this.#pending;
    this.#process.send(message, (error) => error && this.#settle(error));
    return promise;
  }

  /** Closes the channel (the child then exits) and resolves once it has. */
  stop() {
    if (this.#process.connected) this.#process.disconnect();
    return this.#closed;
  }

  #expect() {
    const pending = {};
    pending.promise = new Promise((resolve, reject) => Object.assign(pending, { resolve, reject }));
    pending.timer = setTimeout(() => {
      this.#settle(new Error(`${this.name}: no answer in ${ANSWER_TIMEOUT_MS / 1000} s`));
      this.#process.kill();
    }, ANSWER_TIMEOUT_MS);
    return pending;
  }

  #settle(error, message) {
    const pending = this.#pending;
    if (!pending) return;
    this.#pending = undefined;
    clearTimeout(pending.timer);
    if (error) pending.reject(error);
    else pending.resolve(message);
  }
}
