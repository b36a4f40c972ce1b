//go:build js && wasm

package main

import (
	"syscall/js"

	"github.com/closeshim/closeshim/closeevent"
	"github.com/closeshim/closeshim/internal/jsguard"
)

// watch(target, callback, report) calls callback(decode(event)) for every
// close event dispatched on target, through closeevent.OnClose, and
// returns a function that stops watching. web/closeevent.js passes report,
// the page's reportError, for the exceptions callback throws: a listener's
// exception is reported, not thrown to whoever dispatched the event (DOM
// Standard, "inner invoke"). An event that is not a close event is skipped
// and reported on the console by OnClose.
//
// The stop function releases the listener and then itself; the wrapper
// makes calling it again a no-op.
func (b *builtins) watch(args []js.Value) (any, error) {
	target, callback, report := arg(args, 0), arg(args, 1), arg(args, 2)
	if t := kind(target); t != js.TypeObject && t != js.TypeFunction {
		return nil, typeError("closeevent.watch: target is %s, want an EventTarget such as a WebSocket", jsguard.Describe(target))
	}
	if !isFunction(callback) {
		return nil, typeError("closeevent.watch: callback is %s, want a function", jsguard.Describe(callback))
	}
	release, err := closeevent.OnClose(target, func(e closeevent.CloseEvent) {
		// OnClose runs this on a goroutine of its own; calls into
		// JavaScript are fine there, and nothing here blocks.
		obj, err := b.eventObject(e)
		if err != nil {
			b.report(report, "closeevent.watch: could not build the decoded event")
			return
		}
		if _, err := jsguard.Invoke(callback, obj); err != nil {
			if thrown, ok := passOn(err, "calling the watch callback").(rethrow); ok {
				b.report(report, thrown.value)
			} else {
				b.report(report, "closeevent.watch: the callback failed")
			}
		}
	})
	if err != nil {
		return nil, typeError("closeevent.watch: %s", detail(err))
	}
	var stop js.Func
	stop, err = jsguard.FuncOf(func(js.Value, []js.Value) any {
		release()
		stop.Release() // allowed while it runs (syscall/js, Func.Release)
		return nil
	})
	if err != nil {
		release()
		return nil, &apiError{kind: "Error", msg: "closeevent.watch: could not make the stop function"}
	}
	return stop.Value, nil
}

// report hands v (an exception as a js.Value, or a message) to report when
// it is a function, else to console.error.
func (b *builtins) report(report js.Value, v any) {
	if isFunction(report) {
		if _, err := jsguard.Invoke(report, v); err == nil {
			return
		}
	}
	if !jsguard.ConsoleErrorValue(v) {
		println("closeevent: an exception a callback threw could not be reported")
	}
}
