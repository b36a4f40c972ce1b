//go:build js && wasm

package closeevent

import (
	"errors"
	"strings"
	"syscall/js"
	"testing"

	"github.com/closeshim/closeshim/internal/jsguard"

	"github.com/closeshim/closeshim/internal/testing/jstest"
)

// A JavaScript exception stays the wrapped cause: errors.As reaches the
// *jsguard.Exception, whose Value is what was thrown and whose text the
// message carries once, after one "closeevent:" context.
func TestErrors_ExceptionIsTheCause(t *testing.T) {
	tests := []struct {
		name string
		run  func(t *testing.T, thrown js.Value) error
		want string // the start of the message
	}{
		{"FromJS, a getter throws", func(t *testing.T, x js.Value) error {
			_, err := FromJS(jstest.Eval(t, `const x = arguments[0]; return {get code() { throw x }}`, x))
			return err
		}, "closeevent: not a close event: reading code threw Error: boom"},
		{"OnClose, addEventListener throws", func(t *testing.T, x js.Value) error {
			_, err := OnClose(jstest.Eval(t, `const x = arguments[0]; return {addEventListener() { throw x }}`, x), func(CloseEvent) {})
			return err
		}, `closeevent: OnClose: target.addEventListener("close") threw Error: boom`},
		{"New, the constructor throws", func(t *testing.T, x js.Value) error {
			needCloseEvent(t)
			original := js.Global().Get("CloseEvent")
			jstest.Eval(t, `const x = arguments[0]; globalThis.CloseEvent = function CloseEvent() { throw x }`, x)
			defer js.Global().Set("CloseEvent", original)
			_, err := New("close", Init{})
			return err
		}, `closeevent: New: new CloseEvent("close") threw Error: boom`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			thrown := jstest.Eval(t, `return new Error("boom")`)
			err := tt.run(t, thrown)
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("message = %q, want it to start %q", err.Error(), tt.want)
			}
			if n := strings.Count(err.Error(), "closeevent:"); n != 1 {
				t.Errorf("message %q holds the prefix %d times, want once", err.Error(), n)
			}
			var exc *jsguard.Exception
			if !errors.As(err, &exc) {
				t.Fatalf("errors.As(%q, *jsguard.Exception) = false", err.Error())
			}
			if !exc.Value.Equal(thrown) || exc.Error() != "Error: boom" {
				t.Errorf("the cause holds %v (%q), want the thrown Error: boom", exc.Value, exc.Error())
			}
		})
	}
}

// Every message names the bad value, not which call failed inside.
func TestErrors_NameTheBadValue(t *testing.T) {
	tests := []struct {
		name string
		err  func() error
		want string
	}{
		{"OnClose(42)", func() error {
			_, err := OnClose(js.ValueOf(42), func(CloseEvent) {})
			return err
		}, "closeevent: OnClose: target is number 42, want an EventTarget such as a WebSocket"},
		{"OnClose(undefined)", func() error {
			_, err := OnClose(js.Undefined(), func(CloseEvent) {})
			return err
		}, "closeevent: OnClose: target is undefined, want an EventTarget such as a WebSocket"},
		{"OnClose({})", func() error {
			_, err := OnClose(jstest.Eval(t, `return {}`), func(CloseEvent) {})
			return err
		}, "closeevent: OnClose: target.addEventListener is undefined, want a function (is target an EventTarget?)"},
		{"OnClose(target, nil)", func() error {
			_, err := OnClose(jstest.Eval(t, `return new EventTarget()`), nil)
			return err
		}, "closeevent: OnClose: fn is nil"},
		{"FromJS(42)", func() error {
			_, err := FromJS(js.ValueOf(42))
			return err
		}, "closeevent: not a close event: got number 42, want an object"},
	}
	for _, tt := range tests {
		if got := tt.err(); got == nil || got.Error() != tt.want {
			t.Errorf("%s = %v, want %q", tt.name, got, tt.want)
		}
	}
}
