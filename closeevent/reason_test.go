package closeevent

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// Cases of the Encoding Standard's UTF-8 decoder (section 9.1.1), worked
// out by hand from its steps: a broken multi-byte sequence gives one U+FFFD
// for its valid prefix, and the byte that broke it starts afresh.
var decodeCases = []struct {
	name, in, want string
}{
	{"ascii", "bye", "bye"},
	{"valid multi-byte", "é€😀", "é€😀"},
	{"lone continuation", "a\x80b", "a\uFFFDb"},
	{"two invalid bytes", "\xff\xfe", "\uFFFD\uFFFD"},
	{"truncated 3-byte then ascii", "\xe2\x82A", "\uFFFDA"},
	{"truncated 4-byte then ascii", "\xf0\x9f\x98x", "\uFFFDx"},
	{"truncated at end", "ok\xe0\xa0", "ok\uFFFD"},
	{"overlong 2-byte", "\xc0\xaf", "\uFFFD\uFFFD"},
	{"overlong 3-byte", "\xe0\x80\xaf", "\uFFFD\uFFFD\uFFFD"},
	{"encoded surrogate", "\xed\xa0\x80", "\uFFFD\uFFFD\uFFFD"},
	{"above U+10FFFF", "\xf4\x90\x80\x80", "\uFFFD\uFFFD\uFFFD\uFFFD"},
	{"F5 lead", "\xf5\x80", "\uFFFD\uFFFD"},
	{"broken by a lead byte", "\xe2\xe2\x82\xac", "\uFFFD€"},
}

func TestBrowserString_EncodingStandard(t *testing.T) {
	for _, tc := range decodeCases {
		t.Run(tc.name, func(t *testing.T) {
			if got := browserString(tc.in); got != tc.want {
				t.Errorf("browserString(%q) = %q, want %q", tc.in, got, tc.want)
			}
			if got, want := ReasonLen(tc.in), len(tc.want); got != want {
				t.Errorf("ReasonLen(%q) = %d, want %d", tc.in, got, want)
			}
		})
	}
}

// TestBrowserString_NotGoDecoding documents why the package has its own
// decoder: neither of Go's usual replacements matches the browser.
func TestBrowserString_NotGoDecoding(t *testing.T) {
	in := "\xe2\x82A\xff\xfe"
	want := "\uFFFDA\uFFFD\uFFFD"
	if got := browserString(in); got != want {
		t.Fatalf("browserString(%q) = %q, want %q", in, got, want)
	}
	if got := strings.ToValidUTF8(in, "\uFFFD"); got == want {
		t.Errorf("strings.ToValidUTF8 agrees with the Encoding Standard on %q; the case no longer shows the difference", in)
	}
	if got := string([]rune(in)); got == want {
		t.Errorf("[]rune conversion agrees with the Encoding Standard on %q; the case no longer shows the difference", in)
	}
}

func TestTruncateReason(t *testing.T) {
	a123 := strings.Repeat("a", 123)
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"short", "bye", "bye"},
		{"exactly 123", a123, a123},
		{"124 ascii", a123 + "b", a123},
		{"2-byte char across the edge", strings.Repeat("a", 122) + "é", strings.Repeat("a", 122)},
		{"2-byte char ending on the edge", strings.Repeat("a", 121) + "éz", strings.Repeat("a", 121) + "é"},
		{"3-byte chars", strings.Repeat("€", 42), strings.Repeat("€", 41)},
		{"4-byte chars", strings.Repeat("😀", 31), strings.Repeat("😀", 30)},
		{"invalid short becomes U+FFFD", "a\xffb", "a\uFFFDb"},
		{"invalid bytes grow past the edge", strings.Repeat("\xff", 41) + "x", strings.Repeat("\uFFFD", 41)},
		{"invalid bytes at the edge", strings.Repeat("a", 121) + "\xff", strings.Repeat("a", 121)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := TruncateReason(tc.in)
			if got != tc.want {
				t.Errorf("TruncateReason(%q) = %q (%d bytes), want %q (%d bytes)", tc.in, got, len(got), tc.want, len(tc.want))
			}
			if !utf8.ValidString(got) || len(got) > MaxReasonBytes {
				t.Errorf("TruncateReason(%q) = %q: valid %v, %d bytes; want valid and at most %d", tc.in, got, utf8.ValidString(got), len(got), MaxReasonBytes)
			}
		})
	}
}
