//go:build js && wasm

package main

import (
	"context"
	"errors"
	"math"
	"strconv"
	"sync"
	"syscall/js"
	"time"

	"github.com/closeshim/closeshim/closeevent"
	"github.com/closeshim/closeshim/internal/jsguard"
)

// reconnect(report, setSocket, ended, url, options) keeps a WebSocket to
// url going with closeevent.Policy.Run, and returns its control function,
// ctl(op, code, reason): op 0 stops (closes the current socket through
// Tracker.Close, a local close, then ends the loop; refused arguments give
// close()'s DOMException and change nothing), op 1 returns the number of
// consecutive failed attempts so far. web/closeevent.js builds reconnect's
// {stop, socket, attempt} on it: setSocket(ws) is called with every new
// socket, ended(attempt) once the loop is over, after which ctl is
// released and the wrapper stops calling it.
//
// The options are read once, in WebIDL's dictionary order (by name):
// decide, factor, max, maxAttempts, min, onclose, ongiveup, onopen,
// protocols, stable. A wrong type is a TypeError naming the option and
// what is allowed; a getter that throws gives a TypeError naming the
// option, whose cause is the exception.
//
// url is converted to a string once; the first socket is made during the
// call when navigator.onLine is not false, so that what the WebSocket
// constructor throws (a SyntaxError for a bad URL or protocol) is thrown
// by reconnect itself. A later constructor exception (after an offline
// start) is reported and ends the loop, with ongiveup(null or the last
// event): the same arguments would fail every time.
//
// Callbacks run on the page's event loop; what they throw is passed to
// report (reportError), never into Go. decide's answer is converted with
// ToBoolean; when decide throws, closeevent.ShouldReconnect decides.
func (b *builtins) reconnect(args []js.Value) (any, error) {
	l := &loop{b: b, report: arg(args, 0), setSocket: arg(args, 1), ended: arg(args, 2)}
	if len(args) < 4 {
		return nil, plainTypeError("closeevent.reconnect: 1 argument required, but only 0 present: reconnect(url, options)")
	}
	if err := l.readArgs(args[3], arg(args, 4)); err != nil {
		return nil, err
	}
	ctor, err := b.get(b.global, "WebSocket")
	if err != nil || !isFunction(ctor) {
		return nil, plainTypeError("closeevent.reconnect: this JavaScript runtime has no WebSocket constructor")
	}
	l.ctor = ctor
	if !jsguard.Offline() {
		t, err := l.open()
		if err != nil {
			return nil, passOn(err, "constructing the WebSocket")
		}
		l.first = t
	}
	return l.start()
}

// loop is one reconnect() call.
type loop struct {
	b                        *builtins
	report, setSocket, ended js.Value
	ctor, url, protocols     js.Value
	decide, onopen, onclose  js.Value
	ongiveup                 js.Value
	policy                   closeevent.Policy // the page's: Delay and Stable
	ctx                      *stopCtx
	wake                     chan struct{} // a token per online event
	onlineFn                 js.Func
	onlineAttached           bool

	mu       sync.Mutex
	first    *closeevent.Tracker // the socket made during reconnect()
	current  *closeevent.Tracker
	openedAt time.Time // when the current socket opened; zero if it has not
	failures int       // consecutive failed attempts, as Run counts them
	dialErr  error
	last     js.Value // the last close event, decoded, or null
}

// defaultStable is Policy's default Stable (closeevent.Policy): the loop
// needs it to count failures as Run does.
const defaultStable = 10 * time.Second

// maxMillis bounds the millisecond options: setTimeout's own limit.
const maxMillis = math.MaxInt32

func (l *loop) readArgs(url, opts js.Value) error {
	s, err := l.b.toUSVString(url)
	if err != nil {
		return err
	}
	l.url = js.ValueOf(s)
	if t := kind(opts); t != js.TypeUndefined && t != js.TypeNull && t != js.TypeObject && t != js.TypeFunction {
		return plainTypeError("closeevent.reconnect: options is " + jsguard.Describe(opts) + ", want an object or undefined")
	}
	for _, o := range []struct {
		name string
		read func(js.Value) error
	}{
		{"decide", l.fnOption("decide", &l.decide)},
		{"factor", l.numOption("factor", func(f float64) { l.policy.Factor = f }, math.MaxFloat64, "a finite number >= 0 (0 or undefined: 2)")},
		{"max", l.msOption("max", &l.policy.Max)},
		{"maxAttempts", l.numOption("maxAttempts", func(f float64) {
			if f <= math.MaxInt32 {
				l.policy.MaxAttempts = int(f)
			}
		}, math.Inf(1), "a whole number >= 0 (0, Infinity or undefined: no limit)")},
		{"min", l.msOption("min", &l.policy.Min)},
		{"onclose", l.fnOption("onclose", &l.onclose)},
		{"ongiveup", l.fnOption("ongiveup", &l.ongiveup)},
		{"onopen", l.fnOption("onopen", &l.onopen)},
		{"protocols", func(v js.Value) error { l.protocols = v; return nil }},
		{"stable", l.msOption("stable", &l.policy.Stable)},
	} {
		v := js.Undefined()
		if t := kind(opts); t == js.TypeObject || t == js.TypeFunction {
			if v, err = l.b.get(opts, o.name); err != nil {
				if ex, ok := jsguard.ThrownValue(err); ok {
					return &apiError{kind: "TypeError", msg: "closeevent.reconnect: reading options." + o.name +
						" threw " + jsguard.DescribeThrown(ex), extra: ex}
				}
				return passOn(err, "reading options."+o.name)
			}
		}
		if err := o.read(v); err != nil {
			return err
		}
	}
	return nil
}

func (l *loop) fnOption(name string, dst *js.Value) func(js.Value) error {
	return func(v js.Value) error {
		switch {
		case v.IsUndefined() || v.IsNull():
		case isFunction(v):
			*dst = v
		default:
			return plainTypeError("closeevent.reconnect: options." + name + " is " + jsguard.Describe(v) + ", want a function or undefined")
		}
		return nil
	}
}

// numOption reads a number option that must be >= 0 and at most max; a
// fractional maxAttempts is refused through want's wording.
func (l *loop) numOption(name string, set func(float64), max float64, want string) func(js.Value) error {
	return func(v js.Value) error {
		if v.IsUndefined() {
			return nil
		}
		f := math.NaN()
		if kind(v) == js.TypeNumber {
			f = v.Float()
		}
		whole := name != "maxAttempts" || math.IsInf(f, 1) || f == math.Trunc(f)
		if kind(v) != js.TypeNumber || math.IsNaN(f) || f < 0 || f > max || !whole {
			msg := "closeevent.reconnect: options." + name + " is " + jsguard.Describe(v) + ", want " + want
			if kind(v) == js.TypeNumber {
				return &apiError{kind: "RangeError", msg: msg}
			}
			return plainTypeError(msg)
		}
		set(f)
		return nil
	}
}

func (l *loop) msOption(name string, dst *time.Duration) func(js.Value) error {
	return l.numOption(name, func(f float64) { *dst = time.Duration(f * float64(time.Millisecond)) },
		maxMillis, "a number of milliseconds from 0 to "+strconv.Itoa(maxMillis)+" (0 or undefined: the default)")
}

// stable is the page's Stable, or Policy's default.
func (l *loop) stable() time.Duration {
	if l.policy.Stable <= 0 {
		return defaultStable
	}
	return l.policy.Stable
}

// start makes the control function and the online listener, and runs
// Policy.Run on a goroutine of its own.
//
// Run is given a Policy whose own waits are a nanosecond: the wait between
// attempts happens in decide (see wait), where the loop knows the delay it
// draws with the page's Policy.Delay and can hand it to onclose first; Run
// cannot say which delay it drew. Run still counts the attempts, gives up
// after MaxAttempts, and does not dial while navigator.onLine is false.
func (l *loop) start() (any, error) {
	l.ctx = newStopCtx()
	l.wake = make(chan struct{}, 1)
	var err error
	l.onlineFn, err = jsguard.FuncOf(func(js.Value, []js.Value) any {
		select {
		case l.wake <- struct{}{}:
		default:
		}
		return nil
	})
	if err == nil {
		_, err = jsguard.Call(js.Global(), "addEventListener", "online", l.onlineFn.Value)
	}
	l.onlineAttached = err == nil
	ctl, err := jsguard.FuncOf(l.b.guard("reconnect", l.control))
	if err != nil {
		l.ctx.stop()
		l.stopFirst()
		l.onlineFn.Release()
		return nil, &apiError{kind: "Error", msg: "closeevent.reconnect: could not make the control function"}
	}
	run := closeevent.Policy{
		Min:         time.Nanosecond,
		Max:         time.Nanosecond,
		MaxAttempts: l.policy.MaxAttempts,
		Stable:      l.stable(),
		Decide:      l.decideFn,
	}
	go func() {
		e, err := run.Run(l.ctx, l.dial)
		l.finish(e, err, ctl)
	}()
	return ctl.Value, nil
}

// stopFirst closes the socket made during reconnect() when the loop could
// not start.
func (l *loop) stopFirst() {
	if l.first != nil {
		_ = l.first.Close(closeevent.NormalClosure, "")
	}
}

// control is ctl: op 0 stop(code, reason), op 1 attempt.
func (l *loop) control(a []js.Value) (any, error) {
	if op := arg(a, 0); kind(op) == js.TypeNumber && op.Int() == 1 {
		return l.attempt(), nil
	}
	code, reason, err := l.b.closeArgs(rest(a))
	if err != nil {
		return nil, err
	}
	if err := closeevent.ValidateClose(code, reason); err != nil {
		return nil, refusedClose(err)
	}
	l.mu.Lock()
	t := l.current
	l.mu.Unlock()
	// Close first, then cancel: while ws.close runs, the close accessor's
	// getter calls into Go, which can run Run's goroutine, and a cancelled
	// Run would close the socket first with NormalClosure.
	err = nil
	if t != nil {
		err = t.Close(code, reason)
	}
	l.ctx.stop()
	if err != nil {
		return nil, refusedClose(err)
	}
	return nil, nil
}

// attempt is the number of consecutive failed attempts so far: 0 once the
// current socket has been open for Stable.
func (l *loop) attempt() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.openedAt.IsZero() && time.Since(l.openedAt) >= l.stable() {
		return 0
	}
	return l.failures
}

// dial is Run's: the socket made during reconnect() first, then a new one.
func (l *loop) dial(context.Context) (*closeevent.Tracker, error) {
	l.mu.Lock()
	t := l.first
	l.first = nil
	l.mu.Unlock()
	if t != nil {
		return t, nil
	}
	t, err := l.open()
	if err != nil {
		// The same URL and protocols would fail again: say so, and stop.
		if ex, ok := jsguard.ThrownValue(err); ok {
			l.b.report(l.report, ex)
		} else {
			l.b.report(l.report, "closeevent.reconnect: constructing the WebSocket failed")
		}
		l.mu.Lock()
		l.dialErr = err
		l.mu.Unlock()
		l.ctx.stop()
	}
	return t, err
}

// open constructs a WebSocket (a guarded construct), tracks it, and
// listens for its open event, which calls onopen(ws).
func (l *loop) open() (*closeevent.Tracker, error) {
	var (
		ws  js.Value
		err error
	)
	if l.protocols.IsUndefined() {
		ws, err = jsguard.Construct(l.ctor, l.url)
	} else {
		ws, err = jsguard.Construct(l.ctor, l.url, l.protocols)
	}
	if err != nil {
		return nil, err
	}
	t, err := closeevent.Track(ws)
	if err != nil {
		// A WebSocket constructor a page replaced with something else.
		return nil, trackError("closeevent.reconnect", err)
	}
	opened, err := jsguard.FuncOf(func(js.Value, []js.Value) any {
		defer func() {
			if p := recover(); p != nil {
				l.b.report(l.report, "closeevent.reconnect: internal error (please report): "+jsguard.PanicText(p))
			}
		}()
		l.mu.Lock()
		l.openedAt = time.Now()
		l.mu.Unlock()
		if !l.onopen.IsUndefined() {
			l.call(l.onopen, ws)
		}
		return nil
	})
	if err == nil {
		_, err = jsguard.Call(ws, "addEventListener", "open", opened.Value)
	}
	if err != nil {
		opened.Release()
		opened = js.Func{}
	}
	l.mu.Lock()
	l.current, l.openedAt = t, time.Time{}
	l.mu.Unlock()
	l.call(l.setSocket, ws)
	go func() {
		<-t.Done()
		if !opened.IsUndefined() {
			_, _ = jsguard.Call(ws, "removeEventListener", "open", opened.Value)
			opened.Release()
		}
	}()
	return t, nil
}

// call calls fn(args...) and reports what it throws.
func (l *loop) call(fn js.Value, args ...any) (js.Value, bool) {
	v, err := jsguard.Invoke(fn, args...)
	if err != nil {
		if ex, ok := jsguard.ThrownValue(err); ok {
			l.b.report(l.report, ex)
		} else {
			l.b.report(l.report, "closeevent.reconnect: a callback failed")
		}
		return v, false
	}
	return v, true
}

// decideFn is Run's Decide. It counts the attempt as Run does (it failed
// when its socket was open for less than Stable), asks the page's decide,
// calls onclose with the coming wait, and waits it here (see start).
func (l *loop) decideFn(e closeevent.CloseEvent, local bool) bool {
	l.mu.Lock()
	failed := l.openedAt.IsZero() || time.Since(l.openedAt) < l.stable()
	l.openedAt = time.Time{}
	failures := l.failures
	l.mu.Unlock()

	ev, err := l.b.eventObject(e, "local", local)
	if err != nil {
		ev = js.Null()
	}
	verdict := closeevent.ShouldReconnect(e, local)
	if !l.decide.IsUndefined() {
		if v, ok := l.call(l.decide, ev, local); ok {
			verdict, _ = l.b.toBoolean(v)
		}
	}
	attempt, reconnecting := 0, verdict
	if failed {
		attempt = failures
		if verdict {
			failures++
			reconnecting = l.policy.MaxAttempts <= 0 || failures < l.policy.MaxAttempts
		}
	} else {
		failures = 0
	}
	var delay time.Duration
	if reconnecting {
		delay = l.policy.Delay(attempt)
	}
	l.mu.Lock()
	l.failures = failures
	l.last = ev
	l.mu.Unlock()
	if !l.onclose.IsUndefined() {
		info, err := l.b.object("local", local, "attempt", attempt, "delay", float64(delay)/float64(time.Millisecond), "reconnecting", reconnecting)
		if err == nil {
			l.call(l.onclose, ev, info)
		}
	}
	if reconnecting && l.wait(delay) != nil {
		return false // stopped during the wait
	}
	return verdict
}

// wait waits d, or less when an online event arrives (as Policy.Run's own
// wait does), and returns ctx.Err() when the loop is stopped first.
func (l *loop) wait(d time.Duration) error {
	select {
	case <-l.wake:
	default:
	}
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-timer.C:
	case <-l.wake:
	case <-l.ctx.Done():
		return l.ctx.Err()
	}
	return nil
}

// finish runs once Run has returned: it detaches the online listener,
// hands the wrapper the final attempt count, releases ctl, and calls
// ongiveup after MaxAttempts failures or a constructor exception.
func (l *loop) finish(_ closeevent.CloseEvent, err error, ctl js.Func) {
	l.ctx.stop()
	if l.onlineAttached {
		_, _ = jsguard.Call(js.Global(), "removeEventListener", "online", l.onlineFn.Value)
	}
	l.onlineFn.Release()
	l.mu.Lock()
	failures, last, dialErr := l.failures, l.last, l.dialErr
	l.mu.Unlock()
	l.call(l.ended, failures)
	ctl.Release()
	if (errors.Is(err, closeevent.ErrGaveUp) || dialErr != nil) && !l.ongiveup.IsUndefined() {
		if last.IsUndefined() {
			last = js.Null()
		}
		l.call(l.ongiveup, last)
	}
}
