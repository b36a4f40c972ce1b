package wsinterop

import (
	"errors"
	"testing"

	"github.com/closeshim/closeshim/closeevent"
)

// TestOpError_NoRepeatedPrefix checks that the context wsinterop adds
// replaces, rather than repeats, the one its cause starts with, and that
// the cause stays reachable.
func TestOpError_NoRepeatedPrefix(t *testing.T) {
	_, formatErr := closeevent.FormatClosePayload(1006, "")
	inner := errors.New("wsinterop: no WebSocket is tracked: cannot replace globalThis.WebSocket")
	for _, tt := range []struct {
		op   string
		err  error
		want string
	}{
		{"Dial", inner, "wsinterop: Dial: no WebSocket is tracked: cannot replace globalThis.WebSocket"},
		{"Dial", errors.New("closeevent: unsupported by this JavaScript runtime"), "wsinterop: Dial: unsupported by this JavaScript runtime"},
		{"Close", errors.New("a plain error"), "wsinterop: Close: a plain error"},
		{"Close", formatErr, "wsinterop: Close: " + bare(formatErr)},
	} {
		got := opError(tt.op, tt.err)
		if got.Error() != tt.want {
			t.Errorf("opError(%q, %q) = %q, want %q", tt.op, tt.err, got, tt.want)
		}
		if !errors.Is(got, tt.err) {
			t.Errorf("opError(%q, %q) does not wrap its cause", tt.op, tt.err)
		}
	}
	if b := bare(formatErr); len(b) == 0 || b == formatErr.Error() {
		t.Errorf("bare(%q) = %q, want the message without its closeevent context", formatErr, b)
	}
}
