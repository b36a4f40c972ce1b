package closeevent

import "unicode/utf8"

// MaxReasonBytes is the longest close reason, in UTF-8 bytes, that
// WebSocket.close() accepts (WebSockets Standard, the close() method steps,
// step 2): a Close frame's body is at most 125 bytes (RFC 6455 section
// 5.5), two of which hold the code.
const MaxReasonBytes = 123

// ReasonLen returns the number of UTF-8 bytes that WebSocket.close() counts
// for reason once the Go string has crossed into JavaScript. The crossing
// (wasm_exec.js decodes Go strings with TextDecoder) replaces every invalid
// UTF-8 sequence with U+FFFD, three bytes each, following the Encoding
// Standard; this is the one place the package counts a reason's bytes.
func ReasonLen(reason string) int {
	if utf8.ValidString(reason) {
		return len(reason)
	}
	return len(browserString(reason))
}

// TruncateReason returns the longest prefix of reason, as the browser will
// see it, whose UTF-8 encoding fits in MaxReasonBytes. It never cuts a
// character in two, and the result is always valid UTF-8 (invalid sequences
// in reason become U+FFFD first, as they would in the browser), so
// ValidateClose never rejects it.
func TruncateReason(reason string) string {
	s := reason
	if !utf8.ValidString(s) {
		s = browserString(s)
	}
	if len(s) <= MaxReasonBytes {
		return s
	}
	n := MaxReasonBytes
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// browserString returns s as a JavaScript string decoded from it would hold
// it: the Encoding Standard's UTF-8 decoder (section 9.1.1, "UTF-8
// decoder") in replacement mode, which is what TextDecoder does. It differs
// from Go's own decoding, which replaces every invalid byte on its own: the
// standard replaces a truncated multi-byte sequence (a "maximal subpart")
// with a single U+FFFD and then reconsiders the byte that broke it.
func browserString(s string) string {
	const replacement = "\uFFFD"
	out := make([]byte, 0, len(s)+8)
	var (
		needed, seen int
		lower, upper byte = 0x80, 0xBF
		start        int  // index of the first byte of the pending sequence
	)
	for i := 0; i < len(s); {
		b := s[i]
		if needed == 0 {
			switch {
			case b <= 0x7F:
				out = append(out, b)
			case b >= 0xC2 && b <= 0xDF:
				needed = 1
			case b >= 0xE0 && b <= 0xEF:
				if b == 0xE0 {
					lower = 0xA0
				} else if b == 0xED {
					upper = 0x9F
				}
				needed = 2
			case b >= 0xF0 && b <= 0xF4:
				if b == 0xF0 {
					lower = 0x90
				} else if b == 0xF4 {
					upper = 0x8F
				}
				needed = 3
			default:
				out = append(out, replacement...)
			}
			start = i
			i++
			continue
		}
		if b < lower || b > upper {
			// The sequence is broken: one U+FFFD for it, and b is
			// processed again as the start of what follows.
			needed, seen, lower, upper = 0, 0, 0x80, 0xBF
			out = append(out, replacement...)
			continue
		}
		lower, upper = 0x80, 0xBF
		seen++
		i++
		if seen == needed {
			out = append(out, s[start:i]...)
			needed, seen = 0, 0
		}
	}
	if needed != 0 {
		out = append(out, replacement...) // truncated at the end of input
	}
	return string(out)
}
