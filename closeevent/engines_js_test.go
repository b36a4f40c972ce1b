//go:build js && wasm

package closeevent

import (
	"context"
	"errors"
	"net"
	"strconv"
	"strings"
	"syscall/js"
	"testing"
	"time"

	"github.com/closeshim/closeshim/internal/testing/enginetable"

	"github.com/closeshim/closeshim/internal/testing/jstest"
)

// Each engine's behaviour under load and faults is one row of
// internal/testing/enginetable; the load and fault tests check the row of
// the engine they run in, which jstest.EngineRow tells from
// navigator.userAgent.

// checkRow fails t when got differs from the row's field want.
func checkRow(t testing.TB, row enginetable.Row, field, want, got string) {
	t.Helper()
	if msg := row.Check(field, want, got); msg != "" {
		t.Error(msg)
	}
}

// postFault POSTs to the server's fault endpoint path?query with fetch and
// returns the answer's body, failing t unless the status is 200.
func postFault(t testing.TB, base, target string, limit time.Duration) string {
	t.Helper()
	p := jstest.Eval(t, `return fetch(arguments[0], {method: "POST"}).then(r => r.text().then(b => r.status + " " + b))`, base+target)
	v, err := await(p, limit)
	if err != nil {
		t.Fatalf("POST %s: %v", target, err)
	}
	status, body, _ := strings.Cut(strings.TrimSpace(v.String()), " ")
	if status != "200" {
		t.Fatalf("POST %s: %s %q, want 200", target, status, body)
	}
	return body
}

// faultListener is a listener of the server's own on a port of its own
// (/_fault/listen), which a test may restart; its failures stay on its port,
// so that an engine's penalty on a host and port whose connections just
// failed (enginetable.Row.RedialDelays) slows no other test.
type faultListener struct {
	base, port string
}

func newFaultListener(t testing.TB, base string) faultListener {
	t.Helper()
	u := postFault(t, base, "/_fault/listen", 10*time.Second)
	host := strings.TrimPrefix(u, "http://")
	_, port, err := net.SplitHostPort(host)
	if err != nil || !strings.HasPrefix(u, "http://127.0.0.1:") {
		t.Fatalf("POST /_fault/listen answered %q, want http://127.0.0.1:PORT", u)
	}
	return faultListener{base: u, port: port}
}

// restart restarts the listener, down for down, and returns how many
// connections it dropped.
func (l faultListener) restart(t testing.TB, server string, down time.Duration) int {
	t.Helper()
	body := postFault(t, server, "/_fault/restart?port="+l.port+"&down="+strconv.FormatInt(down.Milliseconds(), 10), down+20*time.Second)
	n, err := strconv.Atoi(strings.TrimPrefix(body, "restarted "))
	if err != nil {
		t.Fatalf("POST /_fault/restart answered %q, want \"restarted N\"", body)
	}
	return n
}

// noClose checks a socket that the engine's row says fires no close
// event: Next with a deadline returns, not hangs: ErrAlreadyClosed at once
// where the row says the engine leaves it CLOSED all the same
// (SilentClosed), else the context's error at the deadline; and no close
// event comes meanwhile.
func noClose(t testing.TB, row enginetable.Row, field string, ws js.Value, limit time.Duration) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	start := time.Now()
	e, err := Next(ctx, ws)
	got := "another outcome"
	switch {
	case err == nil:
		got = "a close event " + e.String()
	case errors.Is(err, ErrAlreadyClosed):
		got = "CLOSED without a close event (Next: ErrAlreadyClosed)"
	case errors.Is(err, context.DeadlineExceeded):
		got = "no close event, not CLOSED (Next: the context's error)"
	}
	want := "no close event, not CLOSED (Next: the context's error)"
	if row.SilentClosed {
		want = "CLOSED without a close event (Next: ErrAlreadyClosed)"
	}
	if got != want {
		t.Errorf("%s (Next: %v, %v)", row.Mismatch(field+", SilentClosed", want, got), e, err)
	}
	if d := time.Since(start); d > limit+5*time.Second {
		t.Errorf("Next returned %v after its %v deadline, want at it", d, limit)
	}
}

// betweenWaves waits, in an engine that frees a closed socket's place late
// (Row.SlotsFreedLate), long enough for a full wave to follow the last.
func betweenWaves(row enginetable.Row) {
	if row.SlotsFreedLate {
		time.Sleep(5 * time.Second)
	}
}

// tally counts, per table field, the events each socket fired, and checks
// them against the row at the end: one failure per field and outcome.
type tally struct {
	row    enginetable.Row
	fields []string
	want   map[string]string
	got    map[string]map[string]int
}

func newTally(row enginetable.Row) *tally {
	return &tally{row: row, want: map[string]string{}, got: map[string]map[string]int{}}
}

func (ta *tally) add(field, want, events string) {
	if ta.got[field] == nil {
		ta.fields = append(ta.fields, field)
		ta.got[field] = map[string]int{}
		ta.want[field] = want
	}
	ta.got[field][events]++
}

// check fails t for every field some socket fired other events for.
func (ta *tally) check(t testing.TB) {
	t.Helper()
	for _, f := range ta.fields {
		total := 0
		for _, n := range ta.got[f] {
			total += n
		}
		for events, n := range ta.got[f] {
			if events != ta.want[f] {
				t.Error(ta.row.Mismatch(f, ta.want[f], events+" on "+strconv.Itoa(n)+" of "+strconv.Itoa(total)+" sockets"))
			}
		}
	}
}

// String is the events per field, for the log.
func (ta *tally) String() string {
	var b strings.Builder
	for i, f := range ta.fields {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(f + ":")
		for events, n := range ta.got[f] {
			b.WriteString(" " + strconv.Itoa(n) + "x " + events)
		}
	}
	return b.String()
}

func TestEngineTable_UserAgents(t *testing.T) {
	row := jstest.EngineRow(t)
	t.Logf("engine %s: table row %s", row.Engine, row.JSON())
}
