// Types of closeshim's JavaScript API: the object that closeeventLoad()
// (closeevent.js) and load() (closeevent.mjs) resolve to. The DOM's own
// CloseEvent, WebSocket, EventTarget and DOMException are used as they are,
// never redeclared: a consumer compiles with the "dom" lib.

/** The block of the close-code space a code belongs to (RFC 6455 section 7.4.2). */
export type CodeRange = "Unused" | "Protocol" | "Library" | "Private" | "Undefined";

/** What describe(code) returns: the close-code registry's facts about one code. */
export interface CodeInfo {
  /** The code, 0..65535. */
  readonly code: number;
  /** The registry's constant name, such as "NormalClosure", or "Code(4001)" for an unregistered code. */
  readonly name: string;
  /** The legacy constant name, such as "CLOSE_NORMAL", or "". */
  readonly legacyName: string;
  /** One line on the code's meaning. */
  readonly description: string;
  readonly range: CodeRange;
  /** Whether the code is in the IANA registry. */
  readonly registered: boolean;
  /** Whether WebSocket.prototype.close() accepts it: 1000 and 3000..4999. */
  readonly sendable: boolean;
  /** Whether a Close frame may carry it. */
  readonly validOnWire: boolean;
  /** Whether reconnecting after it can help, by this package's policy. */
  readonly retryable: boolean;
}

/**
 * What decode reads: a native CloseEvent, or any object with these three
 * fields (Node.js's or a polyfill's close event, or what decode itself
 * returns). The Event attributes are read too when present.
 */
export interface CloseEventLike {
  readonly code: number;
  readonly reason: string;
  readonly wasClean: boolean;
}

/** What decode(event) returns: a close event as a plain object that outlives the event. */
export interface DecodedCloseEvent extends CodeInfo {
  readonly type: string;
  readonly reason: string;
  readonly wasClean: boolean;
  readonly isTrusted: boolean;
  readonly timeStamp: number;
  readonly bubbles: boolean;
  readonly cancelable: boolean;
  readonly composed: boolean;
  /** Whether the connection did not close cleanly, or the code is 1006. */
  readonly abnormal: boolean;
}

/** A decoded close with whether this page began the closing handshake. */
export interface ClosedEvent extends DecodedCloseEvent {
  /** True when this page called close() (through the tracker, or its own ws.close()). */
  readonly local: boolean;
}

/** What validateClose returns when close() would throw: the DOMException's name and message. */
export interface CloseRefusal {
  readonly name: "InvalidAccessError" | "SyntaxError" | (string & {});
  readonly message: string;
}

/** track(ws)'s handle on one socket. */
export interface Tracker {
  /**
   * Resolves with the close, decoded and with `local`, once the socket
   * closes; rejects with an Error for a socket that was already CLOSED.
   */
  readonly closed: Promise<ClosedEvent>;
  /**
   * Closes the socket as ws.close(code, reason) does, and records the close
   * as local. Throws the DOMException validateClose names, and sends
   * nothing, when close() would refuse the arguments.
   */
  close(code?: number, reason?: string): void;
  /** Whether this page began the closing handshake, so far. */
  readonly local: boolean;
}

/** The second argument of reconnect's onclose. */
export interface ReconnectInfo {
  readonly local: boolean;
  /** The attempt the coming wait is for, as Policy.Delay counts it. */
  readonly attempt: number;
  /** The coming wait in milliseconds. */
  readonly delay: number;
  /** Whether the loop goes on. */
  readonly reconnecting: boolean;
}

/** reconnect(url, options)'s options; every member is optional. */
export interface ReconnectOptions {
  /** The WebSocket constructor's second argument. */
  protocols?: string | string[];
  /** The longest wait after the first failure, milliseconds (the wait is drawn from [min/2, min]). */
  min?: number;
  /** The cap of every wait, milliseconds. */
  max?: number;
  /** How long a connection must stay open to count as a success, milliseconds. */
  stable?: number;
  /** What each consecutive failure multiplies the wait by. */
  factor?: number;
  /** How many dials in a row may fail before the loop gives up (ongiveup); absent for no limit. */
  maxAttempts?: number;
  /** Whether to reconnect after this close; when absent or throwing, shouldReconnect decides. */
  decide?: (event: ClosedEvent, local: boolean) => unknown;
  onopen?: (ws: WebSocket) => void;
  onclose?: (event: ClosedEvent, info: ReconnectInfo) => void;
  /**
   * Called when the loop gives up: after maxAttempts failures, or when the
   * WebSocket constructor throws after an offline start; null when no
   * socket ever closed.
   */
  ongiveup?: (event: ClosedEvent | null) => void;
}

/** reconnect(url, options)'s handle on the loop. */
export interface Reconnector {
  /**
   * Closes the current socket (a local close, default code 1000) and ends
   * the loop. Throws as Tracker.close does for arguments close() refuses.
   */
  stop(code?: number, reason?: string): void;
  /** The current socket, or null before the first one. */
  readonly socket: WebSocket | null;
  /** Consecutive failed attempts so far; 0 while a connection is healthy. */
  readonly attempt: number;
}

/** The shim's API: every rule is computed by the Go package closeevent. */
export interface CloseEventAPI {
  /** The shim's version string. */
  readonly version: string;
  /** Reads a close event; throws a TypeError naming the field when event is not one. */
  decode(event: CloseEvent | CloseEventLike): DecodedCloseEvent;
  /** Describes a code; throws a RangeError unless code is an integer in 0..65535. */
  describe(code: number): CodeInfo;
  /** null when WebSocket.prototype.close(code, reason) accepts the arguments, else what it would throw. */
  validateClose(code?: number, reason?: string): CloseRefusal | null;
  /** The longest prefix of reason that fits in 123 UTF-8 bytes. */
  truncateReason(reason: string): string;
  /** A native CloseEvent, as new CloseEvent(type, init) makes it. */
  create(type: string, init?: CloseEventInit): CloseEvent;
  /** Calls callback(decode(event)) for each close event on target; returns a function that stops. */
  watch(target: EventTarget, callback: (event: DecodedCloseEvent) => void): () => void;
  /** Tracks one socket's close. */
  track(ws: WebSocket): Tracker;
  /** The Go package's verdict on reconnecting after this close. */
  shouldReconnect(event: CloseEvent | DecodedCloseEvent, local?: boolean): boolean;
  /** Keeps a socket to url open, reconnecting with a backoff, as Policy.Run does. */
  reconnect(url: string | URL, options?: ReconnectOptions): Reconnector;
}

/**
 * Loads main.wasm once and resolves to the frozen API; every later call,
 * through either loader, returns the same Promise. The default URL is
 * main.wasm beside closeevent.mjs.
 */
export declare function load(wasmURL?: string | URL): Promise<CloseEventAPI>;
export default load;

declare global {
  /**
   * closeevent.js's loader: main.wasm beside the script by default. The
   * same Promise as closeevent.mjs's load().
   */
  function closeeventLoad(wasmURL?: string | URL): Promise<CloseEventAPI>;
  /** The API once loaded (also the value the loaders resolve to). */
  var closeevent: CloseEventAPI | undefined;
  interface WindowEventMap {
    "closeevent:ready": Event;
  }
}
