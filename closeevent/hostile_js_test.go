//go:build js && wasm

package closeevent

import (
	"errors"
	"flag"
	"math"
	"os"
	"strconv"
	"strings"
	"sync"
	"syscall/js"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/closeshim/closeshim/internal/testing/jstest"
)

// Hostile values: FromJS, and OnClose's listener behind it, fed thousands
// of JavaScript values built to break a reader (throwing getters, Proxies
// with throwing traps, revoked Proxies, frozen and null-prototype objects,
// huge strings, lone surrogates, numbers at every edge, symbols, BigInts,
// functions, objects whose conversions throw, getters that answer
// differently each time). Every value must give a CloseEvent or an error
// wrapping ErrNotCloseEvent, never a panic or the end of the program; a
// CloseEvent only when JavaScript itself, reading the same object, finds
// the fields valid, and then with the values JavaScript read.
//
// The values come from a seeded generator, so that a failure can be
// replayed: the seed is logged, and CLOSESHIM_HOSTILE_SEED=N or
// -hostile.seed=N sets it.

var hostileSeedFlag = flag.Uint("hostile.seed", 0, "seed of the hostile-value generator (default: from the clock; also CLOSESHIM_HOSTILE_SEED)")

const hostileSeedEnv = "CLOSESHIM_HOSTILE_SEED"

// hostileSeed returns the seed to use, from the flag, the environment or
// the clock, and where it came from.
func hostileSeed(t testing.TB) uint32 {
	if *hostileSeedFlag != 0 {
		return uint32(*hostileSeedFlag)
	}
	if s := os.Getenv(hostileSeedEnv); s != "" {
		n, err := strconv.ParseUint(s, 10, 32)
		if err != nil {
			t.Fatalf("%s=%q: want a number below 2^32", hostileSeedEnv, s)
		}
		return uint32(n)
	}
	return uint32(time.Now().UnixNano()) | 1
}

// hostileJS builds the generator and the JavaScript-side judge. make(seed,
// i) returns [value, log, label, dispatchable]: the value, the log of what
// its changing getters returned (null when every read of the value gives
// the same answer), a description of how it was built, and whether it is
// an Event of type "close" that can be dispatched as it is. judge(value,
// log, got) compares FromJS's outcome, got, with JavaScript's own reading
// and returns "" or what is wrong.
const hostileJS = `
const inBrowser = typeof document !== "undefined";
const hasCloseEvent = typeof CloseEvent === "function";
const enc = new TextEncoder(), dec = new TextDecoder();
// What a JavaScript string becomes in Go: wasm_exec.js encodes it to UTF-8
// with TextEncoder, which turns each lone surrogate into U+FFFD.
const usv = s => dec.decode(enc.encode(s));

function mulberry32(a) {
	return () => {
		a |= 0; a = a + 0x6D2B79F5 | 0;
		let t = Math.imul(a ^ a >>> 15, 1 | a);
		t = t + Math.imul(t ^ t >>> 7, 61 | t) ^ t;
		return ((t ^ t >>> 14) >>> 0) / 4294967296;
	};
}

const fieldTypes = {type: "string", code: "number", reason: "string", wasClean: "boolean", isTrusted: "boolean",
	timeStamp: "number", bubbles: "boolean", cancelable: "boolean", composed: "boolean"};
const fields = Object.keys(fieldTypes);
const required = new Set(["code", "reason", "wasClean"]);

// The rule FromJS's documentation states, written here from scratch.
const validFor = (k, x) => typeof x === fieldTypes[k] &&
	(k !== "code" || (Number.isInteger(x) && x >= 0 && x <= 65535));

const edgeNumbers = [0, -0, 1, -1, 0.5, -0.5, 999, 1000, 1000.5, 1005, 1006, 1015, 2999, 3000, 4999,
	4999.999999999999, 5000, 65534.99999999999, 65535, 65535.00000000001, 65535.5, 65536, 65537, 70000, -65535,
	-65536, 2 ** 31 - 1, 2 ** 31, -(2 ** 31), 2 ** 32 - 1, 2 ** 32, 2 ** 53 - 1, 2 ** 53, 2 ** 53 + 2, 2 ** 64, 1e21,
	1e300, -1e300, Number.MAX_VALUE, -Number.MAX_VALUE, Number.MIN_VALUE, -Number.MIN_VALUE, Number.EPSILON,
	1 + Number.EPSILON, 0.1 + 0.2, 1e-7, NaN, Infinity, -Infinity];

function make(seed, index) {
	const r = mulberry32((seed ^ Math.imul(index + 1, 0x9E3779B1)) >>> 0);
	r(); r();
	const int = n => Math.floor(r() * n);
	const pick = a => a[int(a.length)];
	let log = null;                  // made when a getter or trap that answers differently each time is
	let wrapped = false;             // whether the value is a Proxy
	const labels = [];
	const note = s => { if (labels.length < 20) labels.push(s); };
	const record = (log, k, x) => { (log[k] ??= []).push(x); return x; };

	function hugeString() {
		return r() < 0.02 ? "h".repeat(1 << 22) + "\uD800" : "y".repeat(70000 + int(1000));
	}
	function str() {
		switch (int(13)) {
		case 0: return "";
		case 1: return "close";
		case 2: return "\uD800";
		case 3: return "a\uDC00b";
		case 4: return "\uDBFF\uDFFF\uD83D";
		case 5: return "\u0000nul\u0000";
		case 6: return "é😀€\uFFFD";
		case 7: return "x".repeat(int(200));
		case 8: return r() < 0.25 ? hugeString() : "z".repeat(124);
		case 9: { let s = ""; for (let n = int(40); n > 0; n--) s += String.fromCharCode(int(0x10000)); return s; }
		case 10: return "<img src=x onerror=alert(1)>";
		case 11: return "\u2028\u2029\r\n\t\u200B";
		default: return String(int(70000));
		}
	}
	function num() {
		return r() < 0.7 ? pick(edgeNumbers) : pick([int(65536), (r() - 0.5) * 2 ** int(80), r() * 70000]);
	}
	function bigint() { return pick([0n, 1000n, -1n, 2n ** 64n, BigInt(Number.MAX_SAFE_INTEGER) + 2n]); }
	function symbol() { return pick([Symbol(), Symbol("code"), Symbol.iterator, Symbol.for("close")]); }
	function revoked() { const p = Proxy.revocable({code: 1000, reason: "", wasClean: true}, {}); p.revoke(); return p.proxy; }
	function trapsThrow(target) {
		const boom = name => () => { throw new Error("trap " + name); };
		const h = {};
		for (const t of ["get", "has", "getPrototypeOf", "ownKeys", "getOwnPropertyDescriptor", "defineProperty", "set",
			"deleteProperty", "apply", "construct", "isExtensible", "preventExtensions", "setPrototypeOf"]) h[t] = boom(t);
		return new Proxy(target ?? {}, h);
	}
	function convertsThrow() {
		const boom = () => { throw new Error("conversion"); };
		return {toJSON: boom, valueOf: boom, toString: boom, [Symbol.toPrimitive]: boom};
	}
	// Something a getter or trap throws.
	function thrown() {
		switch (int(12)) {
		case 0: return new Error("boom");
		case 1: return new TypeError("typed boom");
		case 2: return "a string";
		case 3: return 42;
		case 4: return Symbol("thrown");
		case 5: return 7n;
		case 6: return null;
		case 7: return undefined;
		case 8: return convertsThrow();
		case 9: return revoked();
		case 10: return trapsThrow();
		default: return hugeString();
		}
	}
	function anyValue(depth) {
		switch (int(depth > 0 ? 16 : 15)) {
		case 0: return undefined;
		case 1: return null;
		case 2: return r() < 0.5;
		case 3: case 4: return num();
		case 5: case 6: return str();
		case 7: return symbol();
		case 8: return bigint();
		case 9: return convertsThrow();
		case 10: return revoked();
		case 11: return trapsThrow();
		case 12: return pick([() => 1000, function code() {}, class X {}, async () => {}, Math.max.bind(null, 1)]);
		case 13: return pick([new Number(1000), new String("close"), new Boolean(true), Object(1n), Object(Symbol())]);
		case 14: return pick([[1000, "", true], new Date(NaN), /x/g, new Map(), Promise.resolve(1), new Uint8Array(3)]);
		default: return eventish(depth - 1);
		}
	}
	function validValue(k) {
		switch (fieldTypes[k]) {
		case "number":
			if (k === "code") return pick([0, -0, 1000, 1005, 1006, 3000, 4999, 65535, int(65536), int(65536)]);
			return num(); // any number is a valid timeStamp
		case "string": return str();
		default: return r() < 0.5;
		}
	}
	// A value just outside what field k accepts.
	function nearMiss(k) {
		switch (fieldTypes[k]) {
		case "number":
			if (k === "code") return pick([65536, -1, -0.5, 0.5, 1000.5, 65535.00000000001, 4999.999999999999, NaN, Infinity,
				-Infinity, 2 ** 32 + 1000, "1000", 1000n, new Number(1000), null, true, [1000], undefined]);
			return pick(["0", 0n, new Number(1), null, false, Symbol("t")]);
		case "string": return pick([new String("close"), 1000, null, Symbol("s"), ["close"], {toString: () => "close"}, 0n]);
		default: return pick([0, 1, "true", "", new Boolean(true), null, 1n, Symbol("b")]);
		}
	}
	// A getter that answers differently each time, logged.
	function changing(k) {
		const answers = [validValue(k), anyValue(0), validValue(k)];
		let n = int(3);
		const l = log ??= {};
		return () => record(l, k, answers[n++ % answers.length]);
	}
	// Defines v[k] in one of the ways JavaScript allows, or leaves it absent.
	function define(o, k, mode, depth) {
		let desc;
		switch (mode) {
		case "absent": return;
		case "valid": desc = pick([{value: validValue(k)}, {get: (x => () => x)(validValue(k))}]); break;
		case "any": desc = pick([{value: anyValue(depth)}, {get: (x => () => x)(anyValue(depth))}]); break;
		case "near": desc = pick([{value: nearMiss(k)}, {get: (x => () => x)(nearMiss(k))}]); break;
		case "throws": { const x = thrown(); desc = {get() { throw x; }}; break; }
		case "changing": desc = {get: changing(k)}; break;
		}
		desc.configurable = r() < 0.5;
		desc.enumerable = r() < 0.5;
		if ("value" in desc) desc.writable = r() < 0.5;
		// On the object itself, or inherited from a prototype of its own
		// put between it and its original prototype (never on a shared
		// one such as Object.prototype).
		let where = o;
		if (r() < 0.2) {
			where = ownProto.get(o);
			if (!where) {
				where = Object.create(Object.getPrototypeOf(o));
				try { Object.setPrototypeOf(o, where); ownProto.set(o, where); } catch (e) { where = o; }
			}
		}
		try { Object.defineProperty(where, k, desc); } catch (e) { note("define " + k + " refused"); }
	}
	const ownProto = new WeakMap();
	function container() {
		switch (int(inBrowser && hasCloseEvent ? 9 : 6)) {
		case 0: case 1: note("object"); return {};
		case 2: note("null-prototype"); return Object.create(null);
		case 3: note("function"); return function closeish() {};
		case 4: note("array"); return [];
		case 5: { const type = pick(["close", "close", "message"]); note("Event " + type); const e = new Event(type); e.__type = type; return e; }
		case 6: note("CloseEvent prototype without a CloseEvent"); return Object.create(CloseEvent.prototype);
		case 7: {
			note("native CloseEvent");
			const init = {};
			for (const k of ["code", "reason", "wasClean", "bubbles", "cancelable", "composed"]) {
				if (r() < 0.6) init[k] = r() < 0.7 ? validValue(k) : anyValue(0);
			}
			try { const e = new CloseEvent("close", init); e.__type = "close"; return e; }
			catch (err) { note("CloseEvent constructor threw"); return {}; }
		}
		default: {
			note("CloseEvent subclass");
			const k = pick(fields);
			class Sub extends CloseEvent {}
			define(Sub.prototype, k, pick(["any", "throws", "valid"]), 0);
			const e = new Sub("close", {code: 4000, reason: "sub", wasClean: true});
			e.__type = "close";
			return e;
		}
		}
	}
	// Field modes for an object not aimed at validity, weighted: most
	// fields absent or valid, so that one bad field is often all there is.
	const modes = ["absent", "absent", "absent", "valid", "valid", "valid", "valid", "any", "near", "throws"];
	function eventish(depth) {
		let o = container();
		const aimValid = r() < 0.5;
		for (const k of fields) {
			let mode;
			if (aimValid) mode = required.has(k) ? "valid" : pick(["absent", "absent", "valid"]);
			else mode = r() < 0.015 ? "changing" : pick(modes);
			if (r() < 0.01) mode = "changing";
			if (mode !== "absent") note(k + ":" + mode);
			define(o, k, mode, depth);
		}
		if (aimValid && r() < 0.4) { const k = pick(fields); note("spoil " + k); define(o, k, pick(["near", "near", "near", "any", "throws"]), depth); }
		switch (int(8)) {
		case 0: note("frozen"); Object.freeze(o); break;
		case 1: note("sealed"); Object.seal(o); break;
		case 2: note("not extensible"); Object.preventExtensions(o); break;
		}
		const proxied = int(10);
		if (proxied < 5) wrapped = true;
		switch (proxied) {
		case 0: note("transparent Proxy"); o = new Proxy(o, {}); break;
		case 1: note("Proxy through Reflect.get"); o = new Proxy(o, {get: (t, k, rcv) => Reflect.get(t, k, rcv)}); break;
		case 2: { const k = pick(fields); const x = thrown(); note("Proxy throwing on " + k);
			o = new Proxy(o, {get: (t, key, rcv) => { if (key === k) throw x; return Reflect.get(t, key, rcv); }}); break; }
		case 3: { if (r() < 0.5) break; note("Proxy changing answers"); let n = 0; const l = log ??= {};
			o = new Proxy(o, {get: (t, key, rcv) => {
				const x = (n++ % 3 === 1 && typeof key === "string") ? anyValue(0) : Reflect.get(t, key, rcv);
				return typeof key === "string" ? record(l, key, x) : x; }}); break; }
		case 4: note("Proxy with every trap throwing"); o = trapsThrow(o); break;
		}
		return o;
	}

	let value;
	const kind = int(100);
	if (kind < 12) { value = anyValue(0); note("primitive " + typeof value); }
	else if (kind < 16) { value = revoked(); note("revoked Proxy"); }
	else if (kind < 19) { value = convertsThrow(); note("conversions throw"); }
	else if (kind < 22) { value = pick([globalThis, Math, JSON, Reflect, Object.prototype, Function.prototype,
		inBrowser ? document : globalThis, new EventTarget()]); note("built-in object"); }
	else { value = eventish(2); }
	// Dispatchable: in a browser, an Event of internal type "close", not
	// wrapped, whose every read gives the same answer (so that the
	// listener's reading and FromJS's must agree). Node.js's Event is
	// written in JavaScript and keeps its state in properties: it cannot
	// dispatch a frozen event, and it reads type through the getters the
	// generator plants, so it is left out.
	let dispatchable = false;
	try {
		dispatchable = inBrowser && log === null && !wrapped && value instanceof Event && value.__type === "close";
	} catch (e) {}
	return [value, log, labels.join(", "), dispatchable];
}

const zero = {type: "", code: 0, reason: "", wasClean: false, isTrusted: false, timeStamp: 0,
	bubbles: false, cancelable: false, composed: false};
// same reports whether FromJS's field got agrees with the JavaScript value x.
function same(k, x, got) {
	if (x === undefined) x = zero[k];
	if (typeof x === "string") return usv(x) === got;
	if (typeof x === "number" && Number.isNaN(x)) return Number.isNaN(got);
	return x === got; // -0 === 0: Go has no -0 from JavaScript either
}
function show(x) {
	try { return typeof x === "string" ? JSON.stringify(x.length > 40 ? x.slice(0, 40) + "…" : x) : typeof x + " " + String(x); }
	catch (e) { return typeof x; }
}
// oracle reads v as FromJS's documentation says it should: null when v is
// not a close event, else the fields it holds.
function oracle(v) {
	if (v === null || (typeof v !== "object" && typeof v !== "function")) return null;
	const out = {};
	try {
		for (const k of fields) {
			const x = v[k];
			if (x === undefined && !required.has(k)) continue;
			if (!validFor(k, x)) return null;
			out[k] = x;
		}
	} catch (e) { return null; }
	return out;
}
function judge(v, log, got) {
	if (log === null) {
		const o = oracle(v);
		if ((o !== null) !== got.ok) {
			return o ? "JavaScript reads a valid close event, FromJS failed: " + got.err : "JavaScript finds it invalid, FromJS returned a value";
		}
		if (o) for (const k of fields) {
			if (!same(k, o[k], got[k])) return k + ": JavaScript reads " + show(o[k]) + ", FromJS gave " + show(got[k]);
		}
		return "";
	}
	// Changing answers: FromJS's value must be one some read returned.
	if (!got.ok) return "";
	for (const k of fields) {
		const answers = log[k];
		if (answers === undefined) {
			let x;
			try { x = Reflect.get(v, k); } catch (e) { return k + ": FromJS returned a value, but reading " + k + " throws"; }
			if ((x === undefined && required.has(k)) || (x !== undefined && !validFor(k, x)) || !same(k, x, got[k])) {
				return k + ": JavaScript reads " + show(x) + ", FromJS gave " + show(got[k]);
			}
		} else if (!answers.some(x => (x === undefined ? !required.has(k) : validFor(k, x)) && same(k, x, got[k]))) {
			return k + ": FromJS gave " + show(got[k]) + ", which no read returned (answers: " + answers.map(show).join(", ") + ")";
		}
	}
	return "";
}
function dispatch(target, v) {
	try { target.dispatchEvent(v); return ""; } catch (e) { return String(e); }
}
return {make, judge, dispatch};
`

// goResult is FromJS's outcome as the judge takes it.
func goResult(e CloseEvent, err error) map[string]any {
	if err != nil {
		return map[string]any{"ok": false, "err": err.Error()}
	}
	return map[string]any{"ok": true, "type": e.Type, "code": int(e.Code), "reason": e.Reason, "wasClean": e.WasClean,
		"isTrusted": e.IsTrusted, "timeStamp": e.TimeStamp, "bubbles": e.Bubbles, "cancelable": e.Cancelable, "composed": e.Composed}
}

func TestFromJS_HostileValues(t *testing.T) {
	seed := hostileSeed(t)
	n := scale(20000, 1000000)
	t.Logf("seed %d (replay with %s=%d or -hostile.seed=%d), %d values", seed, hostileSeedEnv, seed, seed, n)
	gen := jstest.Eval(t, hostileJS)
	reports := captureConsoleError(t)

	// Events that can be dispatched go through OnClose too: its listener
	// must deliver exactly those FromJS reads, in order, and skip the rest.
	target := js.Global().Get("EventTarget").New()
	var (
		mu        sync.Mutex
		delivered []CloseEvent
	)
	release, err := OnClose(target, func(e CloseEvent) {
		mu.Lock()
		delivered = append(delivered, e)
		mu.Unlock()
	})
	if err != nil {
		t.Fatal(err)
	}
	defer release()

	var (
		start                        = time.Now()
		ok, failed, changing, thrown int
		dispatched, skipped          int
		want                         []CloseEvent
		failures                     int
	)
	for i := 0; i < n && failures < 20; i++ {
		yieldEvery(1000, i)
		made := gen.Call("make", seed, i)
		v, log, label := made.Index(0), made.Index(1), made.Index(2).String()
		e, err := FromJS(v)
		if err != nil {
			failed++
			msg := err.Error()
			switch {
			case !errors.Is(err, ErrNotCloseEvent):
				t.Errorf("value %d (%s): FromJS error %q does not wrap ErrNotCloseEvent", i, label, msg)
				failures++
			case e != CloseEvent{}:
				t.Errorf("value %d (%s): FromJS returned %+v with its error", i, label, e)
				failures++
			case !strings.HasPrefix(msg, "closeevent: not a close event: ") || len(msg) > 600 || !utf8.ValidString(msg):
				// Clear: it says what it is about, and a huge string or
				// exception is clipped.
				t.Errorf("value %d (%s): unclear error (%d bytes): %.300q", i, label, len(msg), msg)
				failures++
			}
			if strings.Contains(msg, " threw ") {
				thrown++
			}
		} else {
			ok++
		}
		if !log.IsNull() {
			changing++
		}
		if bad := gen.Call("judge", v, log, goResult(e, err)).String(); bad != "" {
			t.Errorf("value %d of seed %d (%s): %.300s", i, seed, label, bad)
			failures++
		}
		if made.Index(3).Bool() {
			if bad := gen.Call("dispatch", target, v).String(); bad != "" {
				t.Errorf("value %d of seed %d (%s): dispatchEvent threw %.200s", i, seed, label, bad)
				failures++
				continue
			}
			dispatched++
			if err == nil {
				want = append(want, e)
			} else {
				skipped++
			}
		}
	}
	if failures >= 20 {
		t.Fatalf("stopped after 20 failures")
	}
	if !waitUntil(10*time.Second, func() bool { mu.Lock(); defer mu.Unlock(); return len(delivered) >= len(want) }) {
		t.Errorf("OnClose delivered %d of the %d dispatched events FromJS reads", len(delivered), len(want))
	}
	time.Sleep(20 * time.Millisecond)
	mu.Lock()
	lost := max(len(want)-len(delivered), len(delivered)-len(want))
	if lost != 0 {
		t.Errorf("OnClose delivered %d events, want %d", len(delivered), len(want))
	}
	for k := 0; k < min(len(delivered), len(want)); k++ {
		if a, b := delivered[k], want[k]; a != b && !(math.IsNaN(a.TimeStamp) && math.IsNaN(b.TimeStamp)) {
			if lost++; lost == 1 {
				t.Errorf("dispatched event %d: OnClose delivered %+v, FromJS read %+v", k, a, b)
			}
		}
	}
	mu.Unlock()
	if got := len(reports()); got != skipped {
		t.Errorf("OnClose reported %d skipped events on console.error, want %d", got, skipped)
	}
	alive(t)
	tried := ok + failed
	soakFigure(t, "hostile", tried, lost)
	t.Logf("%d values tried in %v: %d read as close events, %d refused with ErrNotCloseEvent (%d of them a getter or trap that threw), "+
		"%d with getters that answer differently each time; %d dispatched to an OnClose listener (%d delivered, %d skipped); no panic, the program runs",
		tried, time.Since(start).Round(time.Millisecond), ok, failed, thrown, changing, dispatched, len(want), skipped)
}
