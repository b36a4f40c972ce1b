//go:build js && wasm

package closeevent

import (
	"context"
	"errors"
	"os"
	"strconv"
	"syscall/js"
	"testing"
	"time"

	"github.com/closeshim/closeshim/internal/jsguard"
	"github.com/closeshim/closeshim/internal/testing/hostile"

	"github.com/closeshim/closeshim/internal/testing/jstest"
)

// The package's entry points on a hostile page: throwing getters and
// setters on Object.prototype, Array.prototype and Function.prototype for
// every name the module reads or writes (internal/testing/hostile). Each
// entry point must give what it gives on a clean page; with the array
// indices polluted too, which breaks every call wasm_exec.js makes with
// arguments, it must give that or an error, and the program must live.

// pollutionFixture holds what the entry points run on, made on the clean
// page.
type pollutionFixture struct {
	native, plain js.Value // a CloseEvent, an object of own data properties
	event, event2 js.Value // events to dispatch, one per entry point
	target        js.Value // an EventTarget
	later         js.Value // later(target, event): dispatch in 20 ms
	closedSocket  js.Value // a WebSocket already CLOSED, or undefined
	serverCloses  string   // a /ws URL whose server closes with 4000 "bye", or ""
	serverNormal  string   // a /ws URL whose server closes with 1000, or ""
}

func newPollutionFixture(t *testing.T) *pollutionFixture {
	needCloseEvent(t)
	f := &pollutionFixture{
		native: jstest.Eval(t, `return new CloseEvent("close", {code: 4001, reason: "native", wasClean: true, bubbles: true})`),
		plain: jstest.Eval(t, `return {type: "close", code: 1000, reason: "plain", wasClean: false, isTrusted: false,
			timeStamp: 12.5, bubbles: false, cancelable: true, composed: false}`),
		event:        jstest.Eval(t, `return new CloseEvent("close", {code: 4002, reason: "dispatched", wasClean: true})`),
		event2:       jstest.Eval(t, `return new CloseEvent("close", {code: 4004, reason: "later", wasClean: false})`),
		target:       jstest.Eval(t, `return new EventTarget()`),
		later:        jstest.Eval(t, `return (target, ev) => { setTimeout(() => target.dispatchEvent(ev), 20); }`),
		closedSocket: js.Undefined(),
	}
	if base := os.Getenv(jstest.EnvServerURL); base != "" && !js.Global().Get("WebSocket").IsUndefined() {
		ws := js.Global().Get("WebSocket").New(jstest.WSURL(t, "close=4000"))
		nextAndCompare(t, ws, CloseEvent{Code: 4000, WasClean: true})
		f.closedSocket = ws
		f.serverCloses, f.serverNormal = jstest.WSURL(t, "close=4000&reason=bye"), jstest.WSURL(t, "close=1000")
	}
	return f
}

// pollutionShow is an entry point's result as text: the event (without
// its timeStamp where it changes from run to run) or the error.
func pollutionShow(e CloseEvent, withTime bool, err error) string {
	if err != nil {
		return "error: " + err.Error()
	}
	s := e.String() + " type=" + strconv.Quote(e.Type) + " clean=" + strconv.FormatBool(e.WasClean) +
		" trusted=" + strconv.FormatBool(e.IsTrusted) + " flags=" + strconv.FormatBool(e.Bubbles) +
		strconv.FormatBool(e.Cancelable) + strconv.FormatBool(e.Composed)
	if withTime {
		s += " timeStamp=" + strconv.FormatFloat(e.TimeStamp, 'g', -1, 64)
	}
	return s
}

// entries are the package's public entry points, as a table that the
// lifecycle API's entries join.
func (f *pollutionFixture) entries() []hostile.Entry {
	return []hostile.Entry{
		{Name: "FromJS(native CloseEvent)", Run: func() string {
			e, err := FromJS(f.native)
			return pollutionShow(e, true, err)
		}},
		{Name: "FromJS(own data properties)", Run: func() string {
			e, err := FromJS(f.plain)
			return pollutionShow(e, true, err)
		}},
		{Name: "FromJS(42)", Run: func() string {
			e, err := FromJS(js.ValueOf(42))
			return pollutionShow(e, false, err)
		}},
		{Name: "New", Run: func() string {
			ev, err := New("close", Init{Code: 4003, Reason: "made", WasClean: true, Bubbles: true, Composed: true})
			if err != nil {
				return "error: " + err.Error()
			}
			e, err := FromJS(ev)
			return pollutionShow(e, false, err)
		}},
		{Name: "OnClose, then a dispatch", MakesFunction: true, Run: func() string {
			got := make(chan CloseEvent, 1)
			release, err := OnClose(f.target, func(e CloseEvent) { got <- e })
			if err != nil {
				return "error: " + err.Error()
			}
			defer release()
			if _, err := jsguard.Call(f.target, "dispatchEvent", f.event); err != nil {
				return "error: dispatchEvent: " + err.Error()
			}
			select {
			case e := <-got:
				return pollutionShow(e, false, nil)
			case <-time.After(5 * time.Second):
				return "no event within 5 s"
			}
		}},
		{Name: "OnClose(42)", Run: func() string {
			_, err := OnClose(js.ValueOf(42), func(CloseEvent) {})
			return pollutionShow(CloseEvent{}, false, err)
		}},
		{Name: "Next, then a dispatch", MakesFunction: true, Run: func() string {
			// On the page whose indices are polluted, scheduling the
			// dispatch fails too (no call with arguments works), and
			// Next must fail by itself, at once.
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			_, _ = jsguard.Invoke(f.later, f.target, f.event2)
			e, err := Next(ctx, f.target)
			return pollutionShow(e, false, err)
		}},
		{Name: "Track(a WebSocket the server closes), Wait", MakesFunction: true, Run: func() string {
			ws, err := f.newSocket(f.serverCloses)
			if ws.IsUndefined() {
				return err
			}
			t, terr := Track(ws)
			if terr != nil {
				return "error: " + terr.Error()
			}
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			e, werr := t.Wait(ctx)
			return pollutionShow(e, false, werr) + " local=" + strconv.FormatBool(t.Local())
		}},
		{Name: "Track(42)", Run: func() string {
			_, err := Track(js.ValueOf(42))
			return pollutionShow(CloseEvent{}, false, err)
		}},
		{Name: "ShouldReconnect(1006)", Run: func() string {
			return strconv.FormatBool(ShouldReconnect(CloseEvent{Code: AbnormalClosure}, false))
		}},
		{Name: "Policy.Run(a server that closes with 1000)", MakesFunction: true, Run: func() string {
			if f.serverNormal == "" {
				return "skipped: no server or no WebSocket"
			}
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			p := Policy{Min: 10 * time.Millisecond, Max: 20 * time.Millisecond, MaxAttempts: 2}
			e, err := p.Run(ctx, func(context.Context) (*Tracker, error) {
				ws, msg := f.newSocket(f.serverNormal)
				if ws.IsUndefined() {
					return nil, errors.New(msg)
				}
				return Track(ws)
			})
			return pollutionShow(e, false, err)
		}},
		{Name: "Next(CLOSED WebSocket)", Run: func() string {
			if f.closedSocket.IsUndefined() {
				return "skipped: no server or no WebSocket"
			}
			_, err := Next(context.Background(), f.closedSocket)
			if !errors.Is(err, ErrAlreadyClosed) {
				return "error, not ErrAlreadyClosed: " + pollutionShow(CloseEvent{}, false, err)
			}
			return pollutionShow(CloseEvent{}, false, err)
		}},
	}
}

func TestEntryPoints_PollutedPrototypes(t *testing.T) {
	f := newPollutionFixture(t)
	hostile.Check(t, f.entries(), false)
}

func TestEntryPoints_PollutedArrayIndices(t *testing.T) {
	f := newPollutionFixture(t)
	hostile.Check(t, f.entries(), true)
}

// newSocket makes a WebSocket for url through jsguard, or returns
// undefined and what went wrong.
func (f *pollutionFixture) newSocket(url string) (js.Value, string) {
	if url == "" {
		return js.Undefined(), "skipped: no server or no WebSocket"
	}
	ctor, err := jsguard.Get(js.Global(), "WebSocket")
	if err != nil {
		return js.Undefined(), "error: reading WebSocket: " + err.Error()
	}
	ws, err := jsguard.Construct(ctor, url)
	if err != nil {
		return js.Undefined(), "error: new WebSocket: " + err.Error()
	}
	return ws, ""
}
