package closeevent

import (
	"errors"
	"strings"
	"testing"
)

// One helper writes the "closeevent: Op: " context, once, before the
// sentinel's own words and the detail.
func TestOpError_OneContext(t *testing.T) {
	cause := errors.New("the cause")
	tests := []struct {
		op       string
		kind     error
		what     string
		cause    error
		msg, det string
	}{
		{"Next", ErrAlreadyClosed, "", nil, "closeevent: Next: WebSocket is already closed", "WebSocket is already closed"},
		{"", ErrNotCloseEvent, "not a close event: code is string \"1\", want a number", nil,
			"closeevent: not a close event: code is string \"1\", want a number", "not a close event: code is string \"1\", want a number"},
		{"New", ErrUnsupported, "no CloseEvent constructor in this runtime", nil,
			"closeevent: New: no CloseEvent constructor in this runtime", "no CloseEvent constructor in this runtime"},
		{"OnClose", nil, "fn is nil", cause, "closeevent: OnClose: fn is nil", "fn is nil"},
	}
	for _, tt := range tests {
		err := opError(tt.op, tt.kind, tt.what, tt.cause)
		if got := err.Error(); got != tt.msg {
			t.Errorf("opError(%q, ...).Error() = %q, want %q", tt.op, got, tt.msg)
		}
		if got := strings.Count(err.Error(), "closeevent:"); got != 1 {
			t.Errorf("%q holds the prefix %d times, want once", err.Error(), got)
		}
		if got := detail(err); got != tt.det {
			t.Errorf("detail(%q) = %q, want %q", err.Error(), got, tt.det)
		}
		if tt.kind != nil && !errors.Is(err, tt.kind) {
			t.Errorf("%q does not wrap %v", err.Error(), tt.kind)
		}
		if tt.cause != nil && !errors.Is(err, tt.cause) {
			t.Errorf("%q does not wrap its cause", err.Error())
		}
	}
}
