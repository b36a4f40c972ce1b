package closeserver

import (
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/closeshim/closeshim/closeevent"
)

// Action is what the /ws endpoint does with a connection once it has
// upgraded it.
type Action uint8

// The actions a /ws query can ask for. Each starts right after the
// upgrade, which Plan.Delay may put off.
const (
	// ActionEcho sends every message back until the client closes; the
	// client's code and reason come back in its own close event.
	ActionEcho Action = iota
	// ActionClose sends a Close frame carrying Plan.Code and Plan.Reason
	// and completes the closing handshake (RFC 6455 section 7.1.2): the
	// browser reports that code and reason, and wasClean true.
	ActionClose
	// ActionCloseNoStatus sends a Close frame with an empty body, which
	// RFC 6455 section 5.5.1 allows: the browser reports 1005,
	// NoStatusReceived (section 7.1.5), with wasClean true.
	ActionCloseNoStatus
	// ActionAbort drops the TCP connection without any Close frame: the
	// browser reports 1006, AbnormalClosure, with wasClean false (RFC 6455
	// section 7.1.5; WebSockets Standard, "fail the WebSocket connection").
	ActionAbort
	// ActionStall reads and discards everything the client sends, answers
	// nothing (not even its Close frame) and keeps the TCP connection open
	// until the server shuts down or StallLimit passes, then drops it.
	ActionStall
	// ActionRefuse answers the opening handshake with the HTTP status
	// Plan.Status and no upgrade: the browser reports 1006, not clean.
	ActionRefuse
)

var actionNames = [...]string{
	ActionEcho:          "echo",
	ActionClose:         "close",
	ActionCloseNoStatus: "close without status",
	ActionAbort:         "abort",
	ActionStall:         "stall",
	ActionRefuse:        "refuse",
}

// String returns the action's name, such as "abort", or "Action(9)" for a
// value that is not one of the constants.
func (a Action) String() string {
	if int(a) < len(actionNames) {
		return actionNames[a]
	}
	return "Action(" + strconv.Itoa(int(a)) + ")"
}

// Plan is a parsed /ws query: what the server does with one connection.
// The zero Plan echoes.
type Plan struct {
	// Action is what happens after the upgrade.
	Action Action
	// Code is the status of the Close frame, for ActionClose only.
	Code closeevent.Code
	// Reason is the Close frame's reason, for ActionClose only: valid
	// UTF-8 of at most closeevent.MaxReasonBytes bytes.
	Reason string
	// Delay is how long the server waits before it answers the opening
	// handshake, whatever the action: the browser's WebSocket stays
	// CONNECTING meanwhile. 0 to MaxDelay in whole milliseconds.
	Delay time.Duration
	// Wait holds the connection open after the upgrade until the client
	// sends a message (any message), and only then acts: for ActionClose,
	// ActionCloseNoStatus and ActionAbort only. A page uses it to choose
	// when the server closes, or to hold many sockets open at once.
	Wait bool
	// Status is the HTTP status of the refusal, for ActionRefuse only:
	// MinRefuseStatus to MaxRefuseStatus.
	Status int
	// Key and Times, given together, limit the action to the first Times
	// connections that carry Key; the server counts connections per key,
	// and later ones echo, without delay. A client that reconnects meets a
	// server that closes (or refuses) and is then back. Key follows
	// ValidGroup's rule; Times is 1 to MaxTimes.
	Key   string
	Times int
}

// The /ws query parameters, in the order the messages list them.
const (
	paramClose  = "close"
	paramReason = "reason"
	paramAbort  = "abort"
	paramDelay  = "delay"
	paramStall  = "stall"
	paramWait   = "wait"
)

var params = []string{paramClose, paramReason, paramAbort, paramDelay, paramStall, paramWait, paramRefuse, paramKey, paramTimes}

// QueryError is the error ParseQuery returns. The /ws endpoint sends its
// text as the body of an HTTP 400 response.
type QueryError struct {
	// Param is the parameter at fault, or "" when the query as a whole
	// could not be parsed.
	Param string
	// Message says what was wrong and what is allowed.
	Message string
}

// Error returns "bad /ws query: " followed by the message.
func (e *QueryError) Error() string {
	return "bad /ws query: " + e.Message
}

// ParseQuery parses the raw query of a /ws request (without the "?") into a
// Plan, or returns a *QueryError saying what is wrong. The parameters:
//
//	close=CODE    send a Close frame with this status: a decimal code that
//	              closeevent.FormatClosePayload accepts, other than 1005
//	              (1000-1003, 1007-1014, 3000-4999)
//	close=none    send a Close frame without a status
//	reason=TEXT   the Close frame's reason; needs close=CODE; what
//	              closeevent.FormatClosePayload accepts: valid UTF-8 of
//	              at most closeevent.MaxReasonBytes (123) bytes
//	abort=1       drop the TCP connection without a Close frame
//	delay=MS      wait MS milliseconds (0-10000) before answering the
//	              opening handshake, then upgrade and act as asked; the
//	              wait ends early, without an upgrade, if the client goes
//	              away or the server shuts down
//	stall=1       never answer the client's Close frame
//	wait=1        with close or abort: after the upgrade, wait for the
//	              client's first message, then close or abort
//	refuse=STATUS answer the handshake with this HTTP status (400-599)
//	              and no upgrade: the browser reports 1006, not clean;
//	              with delay, key and times only
//	key=NAME&times=N
//	              with close, abort, stall or refuse: only the first N
//	              connections (1-1000) that carry this key act so; later
//	              ones echo, at once. NAME is 1 to 64 ASCII letters,
//	              digits, '.', '_' or '-'. A client that reconnects
//	              meets a server that closes (1012, say) and is back.
//
// With neither close, abort nor stall, the connection echoes. Every
// parameter is optional and may appear at most once; any other name, a
// repeated name, a value outside these forms, the combinations
// abort+close, stall+close and stall+abort, and wait without close or
// abort are errors. The empty query is
// valid (echo).
//
// Chromium opens WebSockets to one host one CONNECTING at a time
// (docs/engines.md, "Engines"), so while a delayed handshake waits, the
// page's other sockets to the same server wait behind it.
//
// The server sends 1012, 1013 and 1014 when asked, since they are valid,
// although one engine fails the connection on them (docs/engines.md,
// "Engines").
func ParseQuery(rawQuery string) (Plan, error) {
	values, err := url.ParseQuery(rawQuery)
	if err != nil {
		return Plan{}, &QueryError{Message: "cannot parse the query: " + err.Error() +
			"; write name=value pairs joined by & and escape other bytes as %XX"}
	}

	// Names first, in a fixed order, so the same query always gets the
	// same message.
	names := make([]string, 0, len(values))
	for name := range values {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		if !slices.Contains(params, name) {
			return Plan{}, &QueryError{Param: name, Message: "unknown parameter " + quote(name) +
				"; the parameters are close, reason, abort, delay, stall, wait, refuse, key and times"}
		}
		if n := len(values[name]); n > 1 {
			return Plan{}, &QueryError{Param: name, Message: "parameter " + quote(name) + " is given " +
				strconv.Itoa(n) + " times; give each parameter at most once"}
		}
	}
	get := func(name string) (string, bool) {
		v, ok := values[name]
		if !ok {
			return "", false
		}
		return v[0], true
	}

	var p Plan
	closeValue, hasClose := get(paramClose)
	if hasClose {
		if closeValue == "none" {
			p.Action = ActionCloseNoStatus
		} else {
			n, ok := parseDecimal(closeValue, 0xFFFF)
			if !ok {
				return Plan{}, &QueryError{Param: paramClose, Message: "close=" + quote(closeValue) +
					" is not a close code; " + closeAllowed()}
			}
			// closeevent.FormatClosePayload decides what a Close frame
			// may carry. 1005 passes it only as a Close frame without a
			// status, which this query writes close=none.
			code := closeevent.Code(n)
			if _, err := closeevent.FormatClosePayload(code, ""); err != nil || code == closeevent.NoStatusReceived {
				name := ""
				if code.Registered() {
					name = " (" + code.String() + ")"
				}
				return Plan{}, &QueryError{Param: paramClose, Message: "close=" + strconv.Itoa(n) + name +
					" cannot be sent in a Close frame; " + closeAllowed()}
			}
			p.Action, p.Code = ActionClose, code
		}
	}

	reason, hasReason := get(paramReason)
	if hasReason {
		// closeevent.FormatClosePayload decides whether the reason fits
		// in a Close frame: valid UTF-8 (invalid bytes would reach the
		// page as U+FFFD, not as sent) of at most MaxReasonBytes bytes.
		// Without a numeric code the combination check below refuses
		// the reason; the reason alone is checked here with 1000.
		code := p.Code
		if p.Action != ActionClose {
			code = closeevent.NormalClosure
		}
		if _, err := closeevent.FormatClosePayload(code, reason); err != nil {
			// The message is closeevent's, without its "closeevent: "
			// context (Detail): it names the fault and the rule.
			msg := err.Error()
			if d, ok := err.(interface{ Detail() string }); ok {
				msg = d.Detail()
			}
			return Plan{}, &QueryError{Param: paramReason, Message: msg}
		}
		p.Reason = reason
	}

	abort, hasAbort := get(paramAbort)
	if hasAbort && abort != "1" {
		return Plan{}, &QueryError{Param: paramAbort, Message: "abort=" + quote(abort) +
			" is not allowed; the only value is abort=1"}
	}

	delay, hasDelay := get(paramDelay)
	if hasDelay {
		ms, ok := parseDecimal(delay, int(MaxDelay/time.Millisecond))
		if !ok {
			return Plan{}, &QueryError{Param: paramDelay, Message: "delay=" + quote(delay) +
				" is not allowed; delay is a whole number of milliseconds from 0 to " +
				strconv.Itoa(int(MaxDelay/time.Millisecond))}
		}
		p.Delay = time.Duration(ms) * time.Millisecond
	}

	stall, hasStall := get(paramStall)
	if hasStall && stall != "1" {
		return Plan{}, &QueryError{Param: paramStall, Message: "stall=" + quote(stall) +
			" is not allowed; the only value is stall=1"}
	}

	wait, hasWait := get(paramWait)
	if hasWait && wait != "1" {
		return Plan{}, &QueryError{Param: paramWait, Message: "wait=" + quote(wait) +
			" is not allowed; the only value is wait=1"}
	}

	if err := parseReconnectParams(get, &p); err != nil {
		return Plan{}, err
	}

	// Combinations, once every value is known to be well formed.
	switch {
	case hasAbort && hasClose:
		return Plan{}, &QueryError{Param: paramAbort, Message: "abort and close cannot be combined: " +
			"abort drops the connection without any Close frame; give one of them"}
	case hasStall && (hasClose || hasAbort):
		return Plan{}, &QueryError{Param: paramStall, Message: "stall cannot be combined with close or abort: " +
			"a stalled connection neither closes nor drops the connection until the server shuts down"}
	case hasWait && !hasClose && !hasAbort:
		return Plan{}, &QueryError{Param: paramWait, Message: "wait needs close or abort: it puts off the server's close " +
			"or abort until the client's first message; the echo and stall have nothing to put off"}
	case hasReason && p.Action != ActionClose:
		return Plan{}, &QueryError{Param: paramReason, Message: "reason needs a numeric close code (close=CODE); " +
			"a Close frame without a status (close=none) carries no reason (RFC 6455 section 5.5.1), " +
			"and abort, stall and the echo send no Close frame of their own"}
	}

	switch {
	case hasAbort:
		p.Action = ActionAbort
	case hasStall:
		p.Action = ActionStall
	}
	p.Wait = hasWait
	return p, nil
}

// Query returns p as a raw /ws query, without the "?": the inverse of
// ParseQuery, so that ParseQuery(p.Query()) returns p for every Plan that
// ParseQuery returned. Fields that p's action does not use are ignored
// (Wait too, unless the action closes or aborts); Delay is written in
// whole milliseconds. A Code not valid on the wire, a
// Reason too long or not UTF-8, or a Delay over MaxDelay yields a query
// that ParseQuery rejects with the reason why.
func (p Plan) Query() string {
	v := url.Values{}
	switch p.Action {
	case ActionClose:
		v.Set(paramClose, strconv.Itoa(int(p.Code)))
		if p.Reason != "" {
			v.Set(paramReason, p.Reason)
		}
	case ActionCloseNoStatus:
		v.Set(paramClose, "none")
	case ActionAbort:
		v.Set(paramAbort, "1")
	case ActionStall:
		v.Set(paramStall, "1")
	case ActionRefuse:
		v.Set(paramRefuse, strconv.Itoa(p.Status))
	}
	if p.Key != "" || p.Times != 0 {
		v.Set(paramKey, p.Key)
		v.Set(paramTimes, strconv.Itoa(p.Times))
	}
	if ms := p.Delay / time.Millisecond; ms > 0 {
		v.Set(paramDelay, strconv.FormatInt(int64(ms), 10))
	}
	if p.Wait && (p.Action == ActionClose || p.Action == ActionCloseNoStatus || p.Action == ActionAbort) {
		v.Set(paramWait, "1")
	}
	return v.Encode()
}

// parseDecimal parses s as ASCII decimal digits, without sign, spaces or
// underscores, and reports whether it is a number from 0 to max.
func parseDecimal(s string, max int) (int, bool) {
	if s == "" {
		return 0, false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
	}
	n, err := strconv.ParseUint(s, 10, 64)
	if err != nil || n > uint64(max) {
		return 0, false
	}
	return int(n), true
}

// quote returns s quoted for a message, shortened if long: a message
// echoes what the client sent without growing with it.
func quote(s string) string {
	const max = 40
	if len(s) > max {
		return strconv.Quote(s[:max]) + "..."
	}
	return strconv.Quote(s)
}

// closeAllowed says which values close takes. The list of codes is read
// off closeevent.Code.ValidOnWire, the one place that rule lives.
func closeAllowed() string {
	return `close must be "none" (a Close frame without a status) or a decimal code valid in a Close frame: ` +
		wireCodes() + " (RFC 6455 section 7.4.1)"
}

// wireCodes lists the runs of codes for which ValidOnWire is true, such as
// "1000-1003, 1007-1014 or 3000-4999".
var wireCodes = sync.OnceValue(func() string {
	var runs []string
	for c := 0; c <= 0xFFFF; c++ {
		if !closeevent.Code(c).ValidOnWire() {
			continue
		}
		start := c
		for c+1 <= 0xFFFF && closeevent.Code(c+1).ValidOnWire() {
			c++
		}
		run := strconv.Itoa(start)
		if c > start {
			run += "-" + strconv.Itoa(c)
		}
		runs = append(runs, run)
	}
	if len(runs) < 2 {
		return strings.Join(runs, "")
	}
	return strings.Join(runs[:len(runs)-1], ", ") + " or " + runs[len(runs)-1]
})
