package wsinterop

import (
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/closeshim/closeshim/closeevent"
)

// The server's rules, over the whole code space: exactly the codes a peer
// may send, plus 1005 as "no status".
func TestCheckServerClose_Codes(t *testing.T) {
	for i := 0; i <= 0xFFFF; i++ {
		code := closeevent.Code(i)
		err := checkServerClose(code, "")
		want := code.ValidOnWire() || code == closeevent.NoStatusReceived
		if (err == nil) != want {
			t.Fatalf("checkServerClose(%d, \"\") = %v, want accepted = %v", i, err, want)
		}
		if err != nil && !errors.Is(err, closeevent.ErrInvalidAccess) {
			t.Fatalf("checkServerClose(%d, \"\") = %v, want it to wrap ErrInvalidAccess", i, err)
		}
	}
}

func TestCheckServerClose_Reasons(t *testing.T) {
	tests := []struct {
		name   string
		code   closeevent.Code
		reason string
		want   error // nil, ErrSyntax or ErrInvalidAccess
	}{
		{"GoingAway, which the browser refuses", closeevent.GoingAway, "restarting", nil},
		{"InternalError", closeevent.InternalError, "oops", nil},
		{"123 bytes", 4000, strings.Repeat("a", 123), nil},
		{"124 bytes", 4000, strings.Repeat("a", 124), closeevent.ErrSyntax},
		{"41 euro signs, 123 bytes", 4000, strings.Repeat("€", 41), nil},
		{"42 euro signs, 126 bytes", 4000, strings.Repeat("€", 42), closeevent.ErrSyntax},
		{"invalid UTF-8", 4000, "a\xffb", closeevent.ErrSyntax},
		{"a lone surrogate encoded in UTF-8", 4000, "\xed\xa0\x80", closeevent.ErrSyntax},
		{"1005 without a reason", closeevent.NoStatusReceived, "", nil},
		{"1005 with a reason", closeevent.NoStatusReceived, "x", closeevent.ErrInvalidAccess},
		{"1006 is checked before the reason", closeevent.AbnormalClosure, strings.Repeat("a", 200), closeevent.ErrInvalidAccess},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := checkServerClose(tt.code, tt.reason)
			if tt.want == nil && err != nil || tt.want != nil && !errors.Is(err, tt.want) {
				t.Errorf("checkServerClose(%d, %q) = %v, want %v", tt.code, tt.reason, err, tt.want)
			}
			// The message names the bad value: the code, or the reason's
			// fault.
			bad := "close code " + strconv.Itoa(int(tt.code))
			if tt.want == closeevent.ErrSyntax {
				bad = "close reason "
			}
			if err != nil && !strings.Contains(err.Error(), bad) {
				t.Errorf("message %q does not name %q", err, bad)
			}
		})
	}
}

func TestClose_NilConn(t *testing.T) {
	if err := Close(nil, closeevent.NormalClosure, ""); err == nil {
		t.Error("Close(nil, ...) = nil, want an error")
	}
}
