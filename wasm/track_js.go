//go:build js && wasm

package main

import (
	"errors"
	"strings"
	"syscall/js"

	"github.com/closeshim/closeshim/closeevent"
	"github.com/closeshim/closeshim/internal/jsguard"
)

// track(settle, ws) follows ws with closeevent.Track and returns its
// control function, ctl(op, code, reason): op 0 closes the socket through
// Tracker.Close (close()'s arguments converted as validateClose converts
// them, an absent code being NormalClosure; refused ones give the
// DOMException close() would throw, and nothing is sent), op 1 returns
// Tracker.Local. web/closeevent.js builds track's {closed, close, local}
// on it.
//
// Once the close event has been read, settle(event) is called with
// decode(event) plus a boolean local, or settle(undefined, message) for a
// socket that was already CLOSED; then ctl is released. settle is the
// wrapper's, which stops calling ctl the moment it runs: a released
// function must never be called (syscall/js, Func.Release).
//
// It throws a TypeError for anything that is not a WebSocket.
func (b *builtins) track(args []js.Value) (any, error) {
	settle, ws := arg(args, 0), arg(args, 1)
	t, err := closeevent.Track(ws)
	if err != nil {
		return nil, trackError("closeevent.track", err)
	}
	ctl, err := jsguard.FuncOf(b.guard("track", func(a []js.Value) (any, error) {
		if op := arg(a, 0); kind(op) == js.TypeNumber && op.Int() == 1 {
			return t.Local(), nil
		}
		code, reason, err := b.closeArgs(rest(a))
		if err != nil {
			return nil, err
		}
		if err := t.Close(code, reason); err != nil {
			return nil, refusedClose(err)
		}
		return nil, nil
	}))
	if err != nil {
		return nil, &apiError{kind: "Error", msg: "closeevent.track: could not make the control function"}
	}
	go func() {
		defer ctl.Release()
		e, err := t.Wait(newStopCtx()) // a context that never ends
		if err != nil {
			msg := "closeevent.track: " + detail(err)
			if errors.Is(err, closeevent.ErrAlreadyClosed) {
				msg = "closeevent.track: the WebSocket was already CLOSED when track was called: its close event has passed"
			}
			_, _ = jsguard.Invoke(settle, js.Undefined(), msg)
			return
		}
		obj, err := b.eventObject(e, "local", t.Local())
		if err != nil {
			_, _ = jsguard.Invoke(settle, js.Undefined(), "closeevent.track: could not build the decoded event")
			return
		}
		_, _ = jsguard.Invoke(settle, obj)
	}()
	return ctl.Value, nil
}

// rest returns args without the first, the control functions' op.
func rest(args []js.Value) []js.Value {
	if len(args) == 0 {
		return nil
	}
	return args[1:]
}

// trackError turns an error of closeevent.Track into the JS API's: a
// TypeError for a value that is not a WebSocket or a runtime without
// WebSocket, else an Error carrying the exception.
func trackError(member string, err error) error {
	msg := member + ": " + strings.TrimPrefix(detail(err), "Track: ")
	if _, thrown := jsguard.ThrownValue(err); thrown {
		return &apiError{kind: "Error", msg: msg}
	}
	return plainTypeError(msg)
}

// shouldReconnect(event, local) returns closeevent.ShouldReconnect for
// event's code: event is what decode, track().closed or reconnect's
// callbacks hand out, or a native CloseEvent; its code must be an integer
// in 0..65535. local must be a boolean or undefined; undefined takes
// event.local when that is a boolean (track().closed has one), else false.
// Anything else is a TypeError naming the value; a getter's exception is
// thrown on as it is.
func (b *builtins) shouldReconnect(args []js.Value) (any, error) {
	ev, lv := arg(args, 0), arg(args, 1)
	if t := kind(ev); t != js.TypeObject && t != js.TypeFunction {
		return nil, plainTypeError("closeevent.shouldReconnect: event is " + jsguard.Describe(ev) +
			", want a close event (a CloseEvent, or what decode or track().closed gives)")
	}
	cv, err := b.get(ev, "code")
	if err != nil {
		return nil, passOn(err, "reading event.code")
	}
	c, ok := uint16(0), false
	if kind(cv) == js.TypeNumber {
		c, ok = closeCode(cv.Float())
	}
	if !ok {
		return nil, plainTypeError("closeevent.shouldReconnect: event.code is " + jsguard.Describe(cv) +
			", want an integer in 0..65535 (a CloseEvent, or what decode or track().closed gives)")
	}
	if lv.IsUndefined() {
		if own, err := b.get(ev, "local"); err != nil {
			return nil, passOn(err, "reading event.local")
		} else if kind(own) == js.TypeBoolean {
			lv = own
		}
	}
	local := false
	switch kind(lv) {
	case js.TypeUndefined:
	case js.TypeBoolean:
		local = lv.Bool()
	default:
		return nil, plainTypeError("closeevent.shouldReconnect: local is " + jsguard.Describe(lv) +
			", want a boolean (whether this program closed the socket) or undefined")
	}
	return closeevent.ShouldReconnect(closeevent.CloseEvent{Code: closeevent.Code(c)}, local), nil
}
