//go:build js && wasm

package closeevent

import (
	"strings"
	"syscall/js"
	"testing"

	"github.com/closeshim/closeshim/internal/testing/jstest"
)

// The naive baselines: what a developer writes by hand with syscall/js.
// They trust the value completely; a throwing getter ends the program.

func naiveRead9(e js.Value) CloseEvent {
	return CloseEvent{
		Type:       e.Get("type").String(),
		Code:       Code(e.Get("code").Int()),
		Reason:     e.Get("reason").String(),
		WasClean:   e.Get("wasClean").Bool(),
		IsTrusted:  e.Get("isTrusted").Bool(),
		TimeStamp:  e.Get("timeStamp").Float(),
		Bubbles:    e.Get("bubbles").Bool(),
		Cancelable: e.Get("cancelable").Bool(),
		Composed:   e.Get("composed").Bool(),
	}
}

func naiveRead3(e js.Value) CloseEvent {
	return CloseEvent{
		Code:     Code(e.Get("code").Int()),
		Reason:   e.Get("reason").String(),
		WasClean: e.Get("wasClean").Bool(),
	}
}

var sink CloseEvent

func benchEvent(b *testing.B, reason string) js.Value {
	if js.Global().Get("CloseEvent").IsUndefined() {
		b.Skip("no CloseEvent constructor in this runtime")
	}
	v, err := New("close", Init{Code: 4001, Reason: reason, WasClean: true})
	if err != nil {
		b.Fatal(err)
	}
	return v
}

var benchReasons = map[string]string{"short": "bye", "123B": strings.Repeat("a", 123)}

func BenchmarkRead(b *testing.B) {
	for _, name := range []string{"short", "123B"} {
		reason := benchReasons[name]
		b.Run("FromJS/"+name, func(b *testing.B) {
			v := benchEvent(b, reason)
			for b.Loop() {
				e, err := FromJS(v)
				if err != nil {
					b.Fatal(err)
				}
				sink = e
			}
		})
		b.Run("Naive9/"+name, func(b *testing.B) {
			v := benchEvent(b, reason)
			for b.Loop() {
				sink = naiveRead9(v)
			}
		})
		b.Run("Naive3/"+name, func(b *testing.B) {
			v := benchEvent(b, reason)
			for b.Loop() {
				sink = naiveRead3(v)
			}
		})
	}
}

// BenchmarkDispatch measures events per second from JavaScript's
// dispatchEvent to a Go handler: through OnClose (read, validated, queued,
// delivered on its goroutine) and through a bare js.FuncOf listener doing
// the naive nine-field read. JavaScript dispatches b.N events in one loop,
// so the figure is the listener's cost, not the cost of calling in.
func BenchmarkDispatch(b *testing.B) {
	loop := jstest.Eval(b, `return (target, ev, n) => { for (let i = 0; i < n; i++) target.dispatchEvent(ev); }`)
	b.Run("OnClose", func(b *testing.B) {
		ev := benchEvent(b, "bye")
		target := js.Global().Get("EventTarget").New()
		got := 0
		release, err := OnClose(target, func(e CloseEvent) { got++; sink = e })
		if err != nil {
			b.Fatal(err)
		}
		defer release()
		b.ResetTimer()
		loop.Invoke(target, ev, b.N)
		b.StopTimer()
		if got != b.N {
			b.Fatalf("handler saw %d events, want %d", got, b.N)
		}
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "events/s")
	})
	b.Run("BareFuncOf", func(b *testing.B) {
		ev := benchEvent(b, "bye")
		target := js.Global().Get("EventTarget").New()
		got := 0
		fn := js.FuncOf(func(_ js.Value, args []js.Value) any { got++; sink = naiveRead9(args[0]); return nil })
		defer fn.Release()
		target.Call("addEventListener", "close", fn)
		defer target.Call("removeEventListener", "close", fn)
		b.ResetTimer()
		loop.Invoke(target, ev, b.N)
		b.StopTimer()
		if got != b.N {
			b.Fatalf("handler saw %d events, want %d", got, b.N)
		}
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "events/s")
	})
}
