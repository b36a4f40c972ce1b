package closeevent

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

func addReasonSeeds(f *testing.F) {
	for _, tc := range decodeCases {
		f.Add(tc.in)
	}
	for _, s := range []string{"", strings.Repeat("a", 124), strings.Repeat("é", 62),
		strings.Repeat("😀", 31), strings.Repeat("\xff", 42), strings.Repeat("\xe2\x82", 70)} {
		f.Add(s)
	}
}

// FuzzTruncateReason checks TruncateReason's invariants:
//   - the result is valid UTF-8 of at most MaxReasonBytes bytes;
//   - it is a prefix of the reason as the browser sees it, and that whole
//     reason when it fits;
//   - it is the longest such prefix: the next character would not fit;
//   - truncating again changes nothing;
//   - ValidateClose never rejects it with a sendable code.
func FuzzTruncateReason(f *testing.F) {
	addReasonSeeds(f)
	f.Fuzz(func(t *testing.T, reason string) {
		got := TruncateReason(reason)
		if !utf8.ValidString(got) {
			t.Fatalf("TruncateReason(%q) = %q: not valid UTF-8", reason, got)
		}
		if len(got) > MaxReasonBytes {
			t.Fatalf("TruncateReason(%q) = %d bytes, want at most %d", reason, len(got), MaxReasonBytes)
		}
		seen := browserString(reason)
		if !strings.HasPrefix(seen, got) {
			t.Fatalf("TruncateReason(%q) = %q, not a prefix of %q", reason, got, seen)
		}
		if len(seen) <= MaxReasonBytes && got != seen {
			t.Fatalf("TruncateReason(%q) = %q, want the whole %q", reason, got, seen)
		}
		if rest := seen[len(got):]; rest != "" {
			_, size := utf8.DecodeRuneInString(rest)
			if len(got)+size <= MaxReasonBytes {
				t.Fatalf("TruncateReason(%q) = %q stops early: the next %d-byte character fits", reason, got, size)
			}
		}
		if again := TruncateReason(got); again != got {
			t.Fatalf("TruncateReason is not idempotent: %q then %q", got, again)
		}
		if err := ValidateClose(NormalClosure, got); err != nil {
			t.Fatalf("ValidateClose(1000, TruncateReason(%q)) = %v, want nil", reason, err)
		}
	})
}

// FuzzValidateClose checks ValidateClose's invariants against the rules
// of the close() steps written out independently: the code error comes
// first and exactly for codes other than 1000 and 3000-4999; the reason
// error exactly when the browser's UTF-8 is over 123 bytes; each error is
// a *ValidationError matching one sentinel.
func FuzzValidateClose(f *testing.F) {
	for _, c := range []uint16{0, 999, 1000, 1001, 1005, 2999, 3000, 4999, 5000, 65535} {
		f.Add(c, "bye")
		f.Add(c, strings.Repeat("\xff", 42))
	}
	f.Fuzz(func(t *testing.T, code uint16, reason string) {
		err := ValidateClose(Code(code), reason)
		codeOK := code == 1000 || (code >= 3000 && code <= 4999)
		reasonOK := len(browserString(reason)) <= 123
		switch {
		case !codeOK:
			if !errors.Is(err, ErrInvalidAccess) || errors.Is(err, ErrSyntax) {
				t.Fatalf("ValidateClose(%d, %q) = %v, want only ErrInvalidAccess", code, reason, err)
			}
		case !reasonOK:
			if !errors.Is(err, ErrSyntax) || errors.Is(err, ErrInvalidAccess) {
				t.Fatalf("ValidateClose(%d, %q) = %v, want only ErrSyntax", code, reason, err)
			}
		case err != nil:
			t.Fatalf("ValidateClose(%d, %q) = %v, want nil", code, reason, err)
		}
		if err != nil {
			var ve *ValidationError
			if !errors.As(err, &ve) || ve.Message == "" {
				t.Fatalf("ValidateClose(%d, %q) = %#v, want a *ValidationError with a message", code, reason, err)
			}
		}
		if codeOK && ValidateClose(Code(code), TruncateReason(reason)) != nil {
			t.Fatalf("ValidateClose(%d, TruncateReason(%q)) failed", code, reason)
		}
	})
}
