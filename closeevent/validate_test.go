package closeevent

import (
	"errors"
	"strings"
	"testing"
)

func TestValidateClose(t *testing.T) {
	tests := []struct {
		name    string
		code    Code
		reason  string
		want    error // nil, ErrInvalidAccess or ErrSyntax
		domName string
	}{
		{"normal closure", 1000, "", nil, ""},
		{"library code", 3000, "bye", nil, ""},
		{"last private code", 4999, "bye", nil, ""},
		{"123 ascii bytes", 4000, strings.Repeat("a", 123), nil, ""},
		{"123 bytes of 3-byte chars", 4000, strings.Repeat("€", 41), nil, ""},
		{"going away is refused", 1001, "", ErrInvalidAccess, "InvalidAccessError"},
		{"internal error is refused", 1011, "", ErrInvalidAccess, "InvalidAccessError"},
		{"no status is refused", 1005, "", ErrInvalidAccess, "InvalidAccessError"},
		{"zero is refused", 0, "", ErrInvalidAccess, "InvalidAccessError"},
		{"2999 is refused", 2999, "", ErrInvalidAccess, "InvalidAccessError"},
		{"5000 is refused", 5000, "", ErrInvalidAccess, "InvalidAccessError"},
		{"code checked before reason", 1001, strings.Repeat("a", 500), ErrInvalidAccess, "InvalidAccessError"},
		{"124 ascii bytes", 1000, strings.Repeat("a", 124), ErrSyntax, "SyntaxError"},
		{"multi-byte over the edge", 1000, strings.Repeat("a", 122) + "é", ErrSyntax, "SyntaxError"},
		{"4-byte chars over the edge", 1000, strings.Repeat("😀", 31), ErrSyntax, "SyntaxError"},
		// 41 invalid bytes are 41 bytes in Go but 41 U+FFFD, 123 bytes, in
		// the browser; 42 are 126.
		{"invalid bytes counted as U+FFFD, fits", 1000, strings.Repeat("\xff", 41), nil, ""},
		{"invalid bytes counted as U+FFFD, too long", 1000, strings.Repeat("\xff", 42), ErrSyntax, "SyntaxError"},
		// A truncated sequence is one U+FFFD, not one per byte.
		{"truncated sequences counted once", 1000, strings.Repeat("\xe2\x82", 41), nil, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := ValidateClose(tc.code, tc.reason)
			if tc.want == nil {
				if err != nil {
					t.Fatalf("ValidateClose(%d, %d bytes) = %v, want nil", tc.code, len(tc.reason), err)
				}
				return
			}
			if !errors.Is(err, tc.want) {
				t.Fatalf("ValidateClose(%d, %d bytes) = %v, want an error wrapping %v", tc.code, len(tc.reason), err, tc.want)
			}
			var ve *ValidationError
			if !errors.As(err, &ve) || ve.Name != tc.domName {
				t.Fatalf("ValidateClose(%d, …) = %#v, want a *ValidationError named %q", tc.code, err, tc.domName)
			}
			other := ErrSyntax
			if tc.want == ErrSyntax {
				other = ErrInvalidAccess
			}
			if errors.Is(err, other) {
				t.Errorf("error %v also matches %v", err, other)
			}
			if !strings.Contains(err.Error(), tc.domName) {
				t.Errorf("error %q does not name %s", err, tc.domName)
			}
		})
	}
}

func TestValidateClose_MessagesSayWhatIsAllowed(t *testing.T) {
	err := ValidateClose(GoingAway, "")
	for _, want := range []string{"1001", "GoingAway", "1000", "3000", "4999"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("code error %q does not mention %q", err, want)
		}
	}
	err = ValidateClose(NormalClosure, strings.Repeat("\xff", 42))
	for _, want := range []string{"126", "123"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("reason error %q does not mention %q", err, want)
		}
	}
}
