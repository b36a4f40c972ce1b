package wsinterop_test

import (
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"testing"

	"github.com/closeshim/closeshim/closeevent"
	"github.com/closeshim/closeshim/closeevent/wsinterop"
	"github.com/coder/websocket"
)

// registeredCodes returns every code with a named entry in the IANA
// registry, found by scanning the whole code space.
func registeredCodes(t *testing.T) []closeevent.Code {
	t.Helper()
	var codes []closeevent.Code
	for i := 0; i <= 0xFFFF; i++ {
		if c := closeevent.Code(i); c.Registered() {
			codes = append(codes, c)
		}
	}
	if len(codes) != 18 {
		t.Fatalf("found %d registered codes, want 18: %v", len(codes), codes)
	}
	return codes
}

func TestErr_RoundTripsEveryRegisteredCode(t *testing.T) {
	for _, code := range registeredCodes(t) {
		for _, clean := range []bool{true, false} {
			e := closeevent.CloseEvent{
				Type: "close", Code: code, Reason: "reason of " + code.String(), WasClean: clean,
				IsTrusted: true, TimeStamp: 1234.5,
			}
			t.Run(fmt.Sprintf("%d/clean=%v", code, clean), func(t *testing.T) {
				err := wsinterop.Err(e)
				if code == closeevent.NormalClosure && clean {
					if err != nil {
						t.Fatalf("Err(%v) = %v, want nil for a clean NormalClosure", e, err)
					}
					return
				}
				if err == nil {
					t.Fatalf("Err(%v) = nil, want an error", e)
				}
				var ce websocket.CloseError
				if !errors.As(err, &ce) || ce.Code != websocket.StatusCode(code) || ce.Reason != e.Reason {
					t.Errorf("errors.As(Err(e)) = %v (%#v), want CloseError{%d, %q}", errors.As(err, &ce), ce, code, e.Reason)
				}
				if got := websocket.CloseStatus(err); got != websocket.StatusCode(code) {
					t.Errorf("CloseStatus = %v, want %d", got, code)
				}
				if got := strings.Contains(err.Error(), "uncleanly"); got != !clean {
					t.Errorf("message %q says uncleanly = %v, want %v", err, got, !clean)
				}
				if !strings.Contains(err.Error(), ce.Error()) {
					t.Errorf("message %q does not contain the CloseError's %q", err, ce.Error())
				}
				wrapped := map[string]error{
					"as is":          err,
					"fmt.Errorf %w":  fmt.Errorf("reading: %w", err),
					"twice wrapped":  fmt.Errorf("outer: %w", fmt.Errorf("inner: %w", err)),
					"errors.Join":    errors.Join(io.EOF, err),
					"two %w, second": fmt.Errorf("%w and %w", net.ErrClosed, err),
				}
				for name, werr := range wrapped {
					got, ok := wsinterop.FromError(werr)
					if !ok || got != e {
						t.Errorf("%s: FromError = %v, %v; want %v, true", name, got, ok, e)
					}
				}
			})
		}
	}
}

// coder/websocket's errors, built the way its two builds build them
// (v1.8.15: read.go handleControl; ws_js.go Conn.close, exportedClose and
// Close, setCloseErr).
func TestFromError_CoderWebSocketErrors(t *testing.T) {
	ce := func(code websocket.StatusCode, reason string) websocket.CloseError {
		return websocket.CloseError{Code: code, Reason: reason}
	}
	ev := func(code closeevent.Code, reason string, clean bool) closeevent.CloseEvent {
		return closeevent.CloseEvent{Type: "close", Code: code, Reason: reason, WasClean: clean}
	}
	tests := []struct {
		name string
		err  error
		want closeevent.CloseEvent
	}{
		{"server Read: peer's Close frame",
			fmt.Errorf("failed to get reader: %w", fmt.Errorf("received close frame: %w", ce(4001, "bye"))),
			ev(4001, "bye", true)},
		{"server Read: Close frame without status",
			fmt.Errorf("failed to get reader: %w", fmt.Errorf("received close frame: %w", ce(websocket.StatusNoStatusRcvd, ""))),
			ev(closeevent.NoStatusReceived, "", true)},
		{"server Read: GoingAway",
			fmt.Errorf("received close frame: %w", ce(websocket.StatusGoingAway, "restart")),
			ev(closeevent.GoingAway, "restart", true)},
		{"browser: unclean close event",
			fmt.Errorf("WebSocket closed: %w", fmt.Errorf("unclean connection close: %w", ce(4002, "x"))),
			ev(4002, "x", false)},
		{"browser Close: handshake did not complete",
			fmt.Errorf("failed to close WebSocket: %w", fmt.Errorf("WebSocket closed: %w", fmt.Errorf("sent close: %w", ce(websocket.StatusNormalClosure, "done")))),
			ev(closeevent.NormalClosure, "done", false)},
		{"bare CloseError",
			ce(3000, "auth"),
			ev(closeevent.Unauthorized, "auth", true)},
		{"bare AbnormalClosure is never clean",
			ce(websocket.StatusAbnormalClosure, ""),
			ev(closeevent.AbnormalClosure, "", false)},
		{"bare TLSHandshake is never clean",
			ce(websocket.StatusTLSHandshake, ""),
			ev(closeevent.TLSHandshake, "", false)},
		{"a reason that looks like a marker does not count",
			fmt.Errorf("received close frame: %w", ce(4003, "unclean connection close: sent close: ")),
			ev(4003, "unclean connection close: sent close: ", true)},
		{"joined with an unrelated marker-free error",
			errors.Join(io.EOF, fmt.Errorf("received close frame: %w", ce(4004, ""))),
			ev(4004, "", true)},
		{"the server's own sent-close text is not the browser's marker",
			errors.Join(fmt.Errorf("sent close frame: %w", net.ErrClosed), ce(4005, "")),
			ev(4005, "", true)},
		{"code 0 is a close code",
			ce(0, "zero"),
			ev(0, "zero", true)},
		{"code 65535 is a close code",
			ce(65535, "max"),
			ev(65535, "max", true)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := wsinterop.FromError(tt.err)
			if !ok || got != tt.want {
				t.Errorf("FromError(%q) = %v, %v; want %v, true", tt.err, got, ok, tt.want)
			}
		})
	}
}

func TestFromError_NoClose(t *testing.T) {
	tests := []struct {
		name string
		err  error
	}{
		{"nil", nil},
		{"Err of a clean NormalClosure", wsinterop.Err(closeevent.CloseEvent{Type: "close", Code: closeevent.NormalClosure, WasClean: true})},
		{"foreign error", errors.New("status = 1000 and reason = \"\"")},
		{"net.ErrClosed, what the browser's Read returns", fmt.Errorf("failed to read: %w", net.ErrClosed)},
		{"io.EOF wrapped", fmt.Errorf("x: %w", io.EOF)},
		{"CloseStatus's -1", websocket.CloseError{Code: -1}},
		{"code above 65535", fmt.Errorf("x: %w", websocket.CloseError{Code: 65536, Reason: "big"})},
		{"negative code", websocket.CloseError{Code: -65536}},
		{"a closeevent validation error", closeevent.ValidateClose(1001, "")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, ok := wsinterop.FromError(tt.err); ok {
				t.Errorf("FromError(%v) = %v, true; want false", tt.err, got)
			}
		})
	}
}

func TestErr_Message(t *testing.T) {
	tests := []struct {
		e    closeevent.CloseEvent
		want string
	}{
		{closeevent.CloseEvent{Code: closeevent.AbnormalClosure},
			`wsinterop: WebSocket closed uncleanly: status = StatusAbnormalClosure and reason = ""`},
		{closeevent.CloseEvent{Code: 4001, Reason: "bye", WasClean: true},
			`wsinterop: WebSocket closed: status = StatusCode(4001) and reason = "bye"`},
		{closeevent.CloseEvent{Code: closeevent.NormalClosure, Reason: "x"},
			`wsinterop: WebSocket closed uncleanly: status = StatusNormalClosure and reason = "x"`},
	}
	for _, tt := range tests {
		if got := wsinterop.Err(tt.e).Error(); got != tt.want {
			t.Errorf("Err(%v) = %q, want %q", tt.e, got, tt.want)
		}
	}
}
