// A TypeScript consumer of closeshim's types, as an npm user writes it:
// `make typecheck` compiles it with tsc --noEmit against web/closeevent.d.ts
// (tsconfig.json maps "closeshim" to it). Every line is something the API
// accepts; the @ts-expect-error lines are what it must refuse.
import load, { load as namedLoad } from "closeshim";
import type {
  CloseEventAPI, ClosedEvent, CodeInfo, DecodedCloseEvent, ReconnectInfo, Reconnector, Tracker,
} from "closeshim";

async function main(): Promise<void> {
  const api: CloseEventAPI = await load();
  const same: CloseEventAPI = await namedLoad(new URL("main.wasm", location.href));
  const classic: CloseEventAPI = await closeeventLoad("main.wasm");
  const global: CloseEventAPI | undefined = globalThis.closeevent;
  console.log(api === same, api === classic, global, api.version.length);

  const ws = new WebSocket("ws://127.0.0.1:8080/ws?close=4001&reason=bye");

  // watch takes any EventTarget; its callback gets what decode hands out.
  const stop: () => void = api.watch(ws, (e: DecodedCloseEvent) => {
    const info: CodeInfo = api.describe(e.code);
    console.log(e.reason, e.wasClean, e.abnormal, info.retryable, info.range);
    console.log(api.shouldReconnect(e), api.shouldReconnect(e, false));
  });
  api.watch(new EventTarget(), () => {});
  api.watch(window, () => {});
  stop();

  // decode takes native events, and what create makes.
  const native: CloseEvent = api.create("close", { code: 4000, reason: "bye", wasClean: true });
  const decoded: DecodedCloseEvent = api.decode(native);
  console.log(api.shouldReconnect(native, true), api.describe(decoded.code).name);
  ws.addEventListener("close", (ev: CloseEvent) => {
    console.log(api.shouldReconnect(ev), api.decode(ev).legacyName);
  });

  const refusal = api.validateClose(1001, "bye");
  if (refusal !== null) {
    console.log(refusal.name, refusal.message);
  }
  api.validateClose();
  const short: string = api.truncateReason("x".repeat(200));
  console.log(short);

  // track: closed hands out a ClosedEvent, which shouldReconnect and
  // describe take.
  const t: Tracker = api.track(ws);
  t.close(4000, "bye");
  t.close();
  const local: boolean = t.local;
  const closed: ClosedEvent = await t.closed;
  console.log(local, closed.local, api.shouldReconnect(closed, closed.local), api.describe(closed.code));
  console.log(api.decode(closed).code, api.decode({ code: 1000, reason: "", wasClean: true }).name);

  // reconnect: every option, decide's event taken by shouldReconnect.
  const r: Reconnector = api.reconnect("ws://127.0.0.1:8080/ws", {
    protocols: ["chat"],
    min: 500,
    max: 30000,
    stable: 10000,
    factor: 2,
    maxAttempts: 5,
    decide: (event, isLocal) => api.shouldReconnect(event, isLocal) && event.code !== 4001,
    onopen: (socket: WebSocket) => socket.send("hi"),
    onclose: (event: ClosedEvent, info: ReconnectInfo) => {
      console.log(event.code, info.local, info.attempt, info.delay, info.reconnecting);
    },
    ongiveup: (event) => console.log(event === null ? "never connected" : api.describe(event.code).description),
  });
  api.reconnect(new URL("ws://127.0.0.1:8080/ws"));
  const socket: WebSocket | null = r.socket;
  const attempt: number = r.attempt;
  console.log(socket, attempt);
  r.stop(1000, "done");
  r.stop();

  globalThis.addEventListener("closeevent:ready", (ev: Event) => console.log(ev.type));

  // What the types refuse.
  // @ts-expect-error describe takes a number, not a string.
  api.describe("1000");
  // @ts-expect-error watch takes an EventTarget.
  api.watch({}, () => {});
  // @ts-expect-error the API is frozen: version is read-only.
  api.version = "x";
  // @ts-expect-error decode needs a close event's fields.
  api.decode(new Event("close"));
  // @ts-expect-error track takes a WebSocket.
  api.track(new EventTarget());
  // @ts-expect-error attempt is read-only.
  r.attempt = 3;
  // @ts-expect-error no such option.
  api.reconnect("ws://x", { retries: 3 });
  // @ts-expect-error ongiveup's event may be null.
  api.reconnect("ws://x", { ongiveup: (event) => api.describe(event.code) });
}

main();
