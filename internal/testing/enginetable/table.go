// Package enginetable is the one table of what each browser engine does
// under load and faults, as measured on this project's machine: how many
// WebSockets a page may hold, what the socket past that limit fires, what a
// server drop, a refused connection, a Fetch "bad port" and an unanswered
// closing handshake fire, and the timing bounds in which engines differ.
//
// The tests read it from here, and nowhere else: the js/wasm tests of
// package closeevent (ForUserAgent picks the row of the engine they run
// in), the native harness tests, and web/test/reliability.html, to which
// the harness hands its row as JSON (Row.JSON) in the page's URL. Each test
// asserts its engine's row; when an engine stops matching, Mismatch words
// the failure: which row and field, what the table says, what the engine
// did, and where to change the table once the change is confirmed.
//
// Events are written as a socket fires them, comma-separated in order, as
// the tests record them: "open,close", "error,close", "error". An empty
// string means no event at all. Every close event of a failure in this
// table is 1006 with wasClean false (the specification's "fail the
// WebSocket connection"), which the tests check besides the order.
//
// The package is portable Go without build tags, so that GOOS=js test
// binaries and native ones build it alike.
package enginetable

import (
	"encoding/json"
	"strconv"
	"strings"
	"time"
)

// Row is one engine's measured behaviour.
type Row struct {
	// Engine is the engine's name as internal/testing/engine knows it:
	// "chromium", "firefox" or "webkit".
	Engine string `json:"engine"`
	// Measured names the engine build the row was measured with.
	Measured string `json:"measured"`

	// SocketLimit is how many WebSockets to one host a page holds open
	// at once: every socket up to it opens.
	SocketLimit int `json:"socketLimit"`
	// PastLimit is what the first socket past SocketLimit fires while
	// the others are held open.
	PastLimit string `json:"pastLimit"`

	// SilentClosed: a socket whose events above end without a close
	// event is CLOSED (readyState 3) all the same, so closeevent.Next on
	// it returns ErrAlreadyClosed at once; false where such a socket stays
	// CONNECTING, so that Next waits for its context.
	SilentClosed bool `json:"silentClosed"`

	// DropOpen is what an open socket fires when the server drops its
	// TCP connection without a Close frame.
	DropOpen string `json:"dropOpen"`
	// DropConnecting is what a socket whose opening handshake the server
	// drops fires.
	DropConnecting string `json:"dropConnecting"`
	// MayMissOpen: when the server drops a connection right after the
	// handshake, the engine may fire no open event before its close.
	MayMissOpen bool `json:"mayMissOpen"`
	// Refused is what a socket to a port nothing listens on fires.
	Refused string `json:"refused"`
	// BadPort is what a socket to a Fetch Standard "bad port" (port 1)
	// fires; the engine refuses it without connecting.
	BadPort string `json:"badPort"`
	// StalledClose is what an open socket whose Close frame the server
	// never answers fires once the server drops the connection; until
	// then it stays CLOSING and fires nothing.
	StalledClose string `json:"stalledClose"`
	// StalledCloseGiveUp is how long the engine itself waits for an
	// unanswered closing handshake, from close(), before it fails the
	// connection (measured under `make soak`).
	StalledCloseGiveUp time.Duration `json:"stalledCloseGiveUpMs"`
	// StalledCloseGiveUpEvents is what the socket fires then.
	StalledCloseGiveUpEvents string `json:"stalledCloseGiveUpEvents"`

	// RedialDelays are the delays the engine puts before successive
	// dials to a host and port whose connections just failed, as
	// measured for refused dials; nil when it dials at once.
	RedialDelays []time.Duration `json:"redialDelaysMs"`
	// RedialDelayMax bounds that delay: the longest the engine made a
	// dial wait after many failed connections (50 dropped sockets).
	RedialDelayMax time.Duration `json:"redialDelayMaxMs"`
	// SlotsFreedLate: a closed socket's place under SocketLimit is free
	// only some time after its close event, so a full wave right after
	// another finds one place still taken (its socket fires PastLimit).
	// Waves right after each other then stay SlotMargin below the limit.
	SlotsFreedLate bool `json:"slotsFreedLate"`
	// WaveOpen bounds how long a wave of SocketLimit sockets created at
	// once takes to be all open on a busy 2-core machine.
	WaveOpen time.Duration `json:"waveOpenMs"`
}

// Rows is the table, one row per engine, in the order of
// internal/testing/engine.Names.
var Rows = []Row{
	{
		Engine:   "chromium",
		Measured: "Chromium 156.0.8078 headless",
		// Chromium counts sockets per host, and opens them one
		// CONNECTING at a time.
		SocketLimit:              255,
		PastLimit:                "error,close",
		DropOpen:                 "open,close", // no error event
		DropConnecting:           "error,close",
		Refused:                  "error,close",
		BadPort:                  "error,close", // does not throw: fails later
		StalledClose:             "open,close",
		StalledCloseGiveUp:       60 * time.Second,
		StalledCloseGiveUpEvents: "open,close",
		WaveOpen:                 60 * time.Second,
	},
	{
		Engine:         "firefox",
		Measured:       "Firefox 153.8 ESR headless",
		SocketLimit:    200,
		PastLimit:      "error,close",
		DropOpen:       "open,close", // no error event
		DropConnecting: "error,close",
		MayMissOpen:    true,
		Refused:        "error,close",
		BadPort:        "error,close", // does not throw: fails later
		StalledClose:   "open,close",
		// Firefox gives up sooner than Chromium, and with an error event.
		StalledCloseGiveUp:       20 * time.Second,
		StalledCloseGiveUpEvents: "open,error,close",
		RedialDelays: []time.Duration{16 * time.Millisecond, 318 * time.Millisecond, 447 * time.Millisecond,
			699 * time.Millisecond, 978 * time.Millisecond, 1462 * time.Millisecond},
		RedialDelayMax: 60 * time.Second,
		WaveOpen:       60 * time.Second,
	},
	{
		Engine:         "webkit",
		Measured:       "WebKitGTK 2.50.6 MiniBrowser",
		SocketLimit:    199,
		PastLimit:      "error",      // and no close event, ever
		DropOpen:       "open,close", // no error event
		DropConnecting: "error,close",
		Refused:        "error,close",
		BadPort:        "error", // and no close event, ever
		StalledClose:   "open,close",
		// WebKit gives up soonest.
		StalledCloseGiveUp:       5 * time.Second,
		StalledCloseGiveUpEvents: "open,close",
		SilentClosed:             true,
		SlotsFreedLate:           true,
		WaveOpen:                 60 * time.Second,
	},
}

// SlotMargin is how far below SocketLimit back-to-back waves stay in an
// engine that frees places late (Row.SlotsFreedLate).
const SlotMargin = 9

// Wave returns the size of back-to-back waves of at most want sockets in
// r's engine: want, at most SocketLimit, and SlotMargin below it where the
// engine frees places late.
func (r Row) Wave(want int) int {
	limit := r.SocketLimit
	if r.SlotsFreedLate {
		limit -= SlotMargin
	}
	return min(want, limit)
}

// Lookup returns the row of the engine called name.
func Lookup(name string) (Row, bool) {
	for _, r := range Rows {
		if r.Engine == name {
			return r, true
		}
	}
	return Row{}, false
}

// EngineOf names the engine of a navigator.userAgent string: "firefox"
// for Gecko's Firefox/, "chromium" for Chrome/ or HeadlessChrome/ (which
// also say AppleWebKit), "webkit" for any other AppleWebKit/, and "" for
// anything else (Node.js has no userAgent worth the name).
func EngineOf(userAgent string) string {
	switch {
	case strings.Contains(userAgent, "Firefox/"):
		return "firefox"
	case strings.Contains(userAgent, "Chrome/"), strings.Contains(userAgent, "Chromium/"):
		return "chromium"
	case strings.Contains(userAgent, "AppleWebKit/"):
		return "webkit"
	}
	return ""
}

// ForUserAgent returns the row of the engine that userAgent names.
func ForUserAgent(userAgent string) (Row, bool) {
	return Lookup(EngineOf(userAgent))
}

// Fires reports whether events, as the table writes them, include ev.
func Fires(events, ev string) bool {
	for _, e := range strings.Split(events, ",") {
		if e == ev {
			return true
		}
	}
	return false
}

// Closes reports whether events end with a close event.
func Closes(events string) bool { return Fires(events, "close") }

// Mismatch words a test failure where the engine no longer does what
// field of r says: the table's value, what the engine did, and what to do.
func (r Row) Mismatch(field string, want, got any) string {
	return r.Engine + " (table row measured in " + r.Measured + ") no longer matches internal/testing/enginetable: " +
		field + " is " + show(want) + " in the table, the engine gave " + show(got) +
		"; if the engine changed, measure it again and update the row (and docs/engines.md, \"Engines\")"
}

// Check returns "" when got equals r's value want for field, and
// Mismatch otherwise.
func (r Row) Check(field, want, got string) string {
	if want == got {
		return ""
	}
	return r.Mismatch(field, want, got)
}

// RedialDelayAfter is the delay the engine adds before dial n (from 0)
// after n failed connections to the same host and port: RedialDelays[n],
// the last measured one past its end, and never more than RedialDelayMax.
// Zero when the engine dials at once.
func (r Row) RedialDelayAfter(n int) time.Duration {
	if len(r.RedialDelays) == 0 {
		return 0
	}
	d := r.RedialDelays[min(n, len(r.RedialDelays)-1)]
	if n >= len(r.RedialDelays) {
		d = r.RedialDelayMax
	}
	return d
}

// wireRow is Row as the page reads it: durations in milliseconds.
type wireRow struct {
	Row
	StalledCloseGiveUp int64   `json:"stalledCloseGiveUpMs"`
	RedialDelays       []int64 `json:"redialDelaysMs"`
	RedialDelayMax     int64   `json:"redialDelayMaxMs"`
	WaveOpen           int64   `json:"waveOpenMs"`
}

// JSON returns r as a JSON object for a page, with its durations in whole
// milliseconds under the names ending in Ms.
func (r Row) JSON() string {
	w := wireRow{Row: r, StalledCloseGiveUp: r.StalledCloseGiveUp.Milliseconds(),
		RedialDelayMax: r.RedialDelayMax.Milliseconds(), WaveOpen: r.WaveOpen.Milliseconds()}
	for _, d := range r.RedialDelays {
		w.RedialDelays = append(w.RedialDelays, d.Milliseconds())
	}
	b, err := json.Marshal(w)
	if err != nil { // a Row holds only strings, numbers and bools
		panic("enginetable: " + err.Error())
	}
	return string(b)
}

func show(v any) string {
	switch v := v.(type) {
	case string:
		if v == "" {
			return "no event"
		}
		return strconv.Quote(v)
	case int:
		return strconv.Itoa(v)
	case bool:
		return strconv.FormatBool(v)
	case time.Duration:
		return v.String()
	}
	b, _ := json.Marshal(v)
	return string(b)
}
