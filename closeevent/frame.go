package closeevent

import (
	"strconv"
	"unicode/utf8"
)

// maxCloseBody is the longest body of a Close frame: every control frame's
// payload is at most 125 bytes (RFC 6455 section 5.5).
const maxCloseBody = 125

// FrameError is the error ParseClosePayload returns for the body of a
// Close frame that RFC 6455 forbids. Code is the status the receiver
// should fail the connection with (RFC 6455 section 7.4.1):
// ProtocolError for a body of 1 byte or over 125 bytes, or for a status
// code that may not appear on the wire; InvalidFramePayloadData for a
// reason that is not valid UTF-8. Test for it with errors.As.
type FrameError struct {
	// Code is the status to close the connection with.
	Code Code

	msg string // which rule the body broke, naming the bad value
}

// Error says which rule the Close frame's body broke and names the bad
// value, such as "closeevent: Close frame carries status 1005
// (NoStatusReceived), which may not appear on the wire; ...".
func (e *FrameError) Error() string {
	if e.msg == "" {
		return "closeevent: bad Close frame: fail the connection with " + strconv.Itoa(int(e.Code)) + " (" + e.Code.String() + ")"
	}
	return "closeevent: " + e.msg
}

// ParseClosePayload reads the body (the payload data) of a received Close
// frame, following RFC 6455 sections 5.5.1 and 7.4: either nothing, or a
// 2-byte status code in network byte order followed by a reason of UTF-8
// text, 125 bytes in all at most.
//
// An empty body gives NoStatusReceived, an empty reason and nil: the
// receiver reports 1005 (RFC 6455 section 7.1.5). Otherwise it returns the
// status and the reason, or fails with a *FrameError whose Code is the
// status to fail the connection with: ProtocolError for a 1-byte body, a
// body over 125 bytes, or a code for which Code.ValidOnWire is false;
// InvalidFramePayloadData for a reason that is not valid UTF-8 (RFC 6455
// section 8.1). The checks run in that order, so a body with both a bad
// code and a bad reason reports the code. ParseClosePayload never keeps p.
func ParseClosePayload(p []byte) (Code, string, error) {
	switch {
	case len(p) == 0:
		return NoStatusReceived, "", nil
	case len(p) == 1:
		return 0, "", &FrameError{Code: ProtocolError, msg: "Close frame body is 1 byte (0x" + hexByte(p[0]) +
			"); a body is empty, or a 2-byte status code and then the reason (RFC 6455 section 5.5.1)"}
	case len(p) > maxCloseBody:
		return 0, "", &FrameError{Code: ProtocolError, msg: "Close frame body is " + strconv.Itoa(len(p)) +
			" bytes; a control frame's body is at most " + strconv.Itoa(maxCloseBody) + " (RFC 6455 section 5.5)"}
	}
	code := Code(p[0])<<8 | Code(p[1])
	if !code.ValidOnWire() {
		return 0, "", &FrameError{Code: ProtocolError, msg: "Close frame carries status " + codeName(code) +
			", which may not appear on the wire; a Close frame carries 1000-1003, 1007-1014 or 3000-4999 (RFC 6455 section 7.4)"}
	}
	reason := p[2:]
	if i := invalidUTF8(string(reason)); i >= 0 {
		return 0, "", &FrameError{Code: InvalidFramePayloadData, msg: "Close frame reason is not valid UTF-8: byte 0x" +
			hexByte(reason[i]) + " at offset " + strconv.Itoa(i) + " of the reason (RFC 6455 sections 5.5.1 and 8.1)"}
	}
	return code, string(reason), nil
}

// FormatClosePayload returns the body of a Close frame that carries code
// and reason, the inverse of ParseClosePayload: the code in network byte
// order followed by the reason's bytes (RFC 6455 section 5.5.1).
//
// NoStatusReceived with an empty reason gives an empty body, a Close frame
// without a status, which the peer reports as 1005. It fails with an error
// wrapping ErrInvalidAccess for NoStatusReceived with a reason (a Close
// frame without a status cannot carry one) and for any other code for
// which Code.ValidOnWire is false; and with an error wrapping ErrSyntax for
// a reason that is not valid UTF-8 or is longer than MaxReasonBytes bytes.
// The code is checked first. Every body it returns, ParseClosePayload
// reads back as code and reason.
func FormatClosePayload(code Code, reason string) ([]byte, error) {
	switch {
	case code == NoStatusReceived && reason == "":
		return []byte{}, nil
	case code == NoStatusReceived:
		return nil, opError("", ErrInvalidAccess, "close code 1005 (NoStatusReceived) sends a Close frame without a status, which cannot carry the reason "+
			quoteShort(reason)+"; send the reason with a status code", nil)
	case !code.ValidOnWire():
		return nil, opError("", ErrInvalidAccess, "close code "+codeName(code)+
			" may not appear in a Close frame; send 1000-1003, 1007-1014 or 3000-4999, or 1005 (NoStatusReceived) for a Close frame without a status (RFC 6455 section 7.4)", nil)
	}
	if i := invalidUTF8(reason); i >= 0 {
		return nil, opError("", ErrSyntax, "close reason "+quoteShort(reason)+" is not valid UTF-8 (byte 0x"+hexByte(reason[i])+
			" at offset "+strconv.Itoa(i)+"); a Close frame's reason is UTF-8 text (RFC 6455 section 5.5.1)", nil)
	}
	if len(reason) > MaxReasonBytes {
		return nil, opError("", ErrSyntax, "close reason is "+strconv.Itoa(len(reason))+
			" bytes of UTF-8; a Close frame holds at most "+strconv.Itoa(MaxReasonBytes)+" (RFC 6455 section 5.5: 125 bytes of body, 2 of them the code)", nil)
	}
	body := make([]byte, 2+len(reason))
	body[0], body[1] = byte(code>>8), byte(code)
	copy(body[2:], reason)
	return body, nil
}

// invalidUTF8 returns the offset of the first byte of s that does not
// begin a valid UTF-8 sequence, or -1 when s is valid UTF-8.
func invalidUTF8(s string) int {
	if utf8.ValidString(s) {
		return -1
	}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return -1 // unreachable: s is not valid
}

// codeName returns "1005 (NoStatusReceived)" for a registered code and
// "5000" for any other.
func codeName(c Code) string {
	if c.Registered() {
		return strconv.Itoa(int(c)) + " (" + c.String() + ")"
	}
	return strconv.Itoa(int(c))
}

// hexByte returns b as two lower-case hexadecimal digits.
func hexByte(b byte) string {
	const digits = "0123456789abcdef"
	return string([]byte{digits[b>>4], digits[b&0xF]})
}

// quoteShort quotes s for an error message, cut to its first 40 bytes so
// that a message does not grow with the value it names.
func quoteShort(s string) string {
	const max = 40
	if len(s) > max {
		return strconv.Quote(s[:max]) + "..."
	}
	return strconv.Quote(s)
}
