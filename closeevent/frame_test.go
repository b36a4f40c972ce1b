package closeevent

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

// closeBody returns the body of a Close frame with code and reason, built
// by hand so that the tests do not depend on FormatClosePayload.
func closeBody(code uint16, reason string) []byte {
	return append([]byte{byte(code >> 8), byte(code)}, reason...)
}

// autobahnKosme is the reason of Autobahn case 7.5.1: Greek text with an
// encoded UTF-16 surrogate (0xED 0xA0 0x80) in the middle, which UTF-8
// forbids.
const autobahnKosme = "\xce\xba\xe1\xbd\xb9\xcf\x83\xce\xbc\xce\xb5\xed\xa0\x80\x65\x64\x69\x74\x65\x64"

// autobahnRow is one Close frame that a case of section 7 of the Autobahn
// WebSocket testsuite sends to the endpoint under test, and what the
// endpoint must make of it. want is the status the endpoint reports for
// an accepted frame; fail is the status it fails the connection with,
// 0 when the frame is accepted.
type autobahnRow struct {
	cases string // the Autobahn case ids
	body  []byte
	want  Code
	fail  Code
	note  string // where this row departs from the suite's verdict, and why
}

// The Close frames of Autobahn section 7 (cases 7.1.1 to 7.13.2). The
// cases are crossbario/autobahn-testsuite's; "the suite's verdict" is each
// case's EXPECTATION. The suite has two numberings of 7.9: the one used
// here lists 13 invalid codes, 1012-1015 among them (7.9.6-7.9.9); later
// revisions dropped those four and renumbered 1016, 1100, 2000 and 2999 as
// 7.9.6-7.9.9. Where a verdict is outdated or left open, the row follows
// RFC 6455 and the IANA registry and says so in note.
var autobahnRows = []autobahnRow{
	// 7.1: messages and frames around the Close frame. Which frames may
	// follow a Close is the connection's business, not the body's; the
	// Close frames these cases send are a plain 1000.
	{cases: "7.1.1", body: closeBody(1000, ""), want: NormalClosure},
	{cases: "7.1.2", body: closeBody(1000, ""), want: NormalClosure},
	{cases: "7.1.2-second", body: nil, want: NoStatusReceived,
		note: "the suite's second Close frame, which the connection ignores because it follows the first; as a body it is valid"},
	{cases: "7.1.3", body: closeBody(1000, ""), want: NormalClosure},
	{cases: "7.1.4", body: closeBody(1000, ""), want: NormalClosure},
	{cases: "7.1.5", body: closeBody(1000, ""), want: NormalClosure},
	{cases: "7.1.6", body: closeBody(1000, ""), want: NormalClosure},

	// 7.3: the length of the body.
	{cases: "7.3.1", body: nil, want: NoStatusReceived,
		note: "the suite expects a clean close; the status reported for an empty body is 1005 (RFC 6455 section 7.1.5)"},
	{cases: "7.3.2", body: []byte("a"), fail: ProtocolError},
	{cases: "7.3.3", body: closeBody(1000, ""), want: NormalClosure},
	{cases: "7.3.4", body: closeBody(1000, "Hello World!"), want: NormalClosure},
	{cases: "7.3.5", body: closeBody(1000, strings.Repeat("*", 123)), want: NormalClosure},
	{cases: "7.3.6", body: closeBody(1000, strings.Repeat("*", 124)), fail: ProtocolError},

	// 7.5: the reason's encoding.
	{cases: "7.5.1", body: closeBody(1000, autobahnKosme), fail: InvalidFramePayloadData,
		note: "the suite accepts 1002 or 1007; RFC 6455 section 7.4.1 defines 1007 for data inconsistent with its type, such as non-UTF-8 text"},

	// 7.7: valid codes.
	{cases: "7.7.1", body: closeBody(1000, ""), want: 1000},
	{cases: "7.7.2", body: closeBody(1001, ""), want: 1001},
	{cases: "7.7.3", body: closeBody(1002, ""), want: 1002},
	{cases: "7.7.4", body: closeBody(1003, ""), want: 1003},
	{cases: "7.7.5", body: closeBody(1007, ""), want: 1007},
	{cases: "7.7.6", body: closeBody(1008, ""), want: 1008},
	{cases: "7.7.7", body: closeBody(1009, ""), want: 1009},
	{cases: "7.7.8", body: closeBody(1010, ""), want: 1010},
	{cases: "7.7.9", body: closeBody(1011, ""), want: 1011},
	{cases: "7.7.10", body: closeBody(3000, ""), want: 3000},
	{cases: "7.7.11", body: closeBody(3999, ""), want: 3999},
	{cases: "7.7.12", body: closeBody(4000, ""), want: 4000},
	{cases: "7.7.13", body: closeBody(4999, ""), want: 4999},

	// 7.9: invalid codes.
	{cases: "7.9.1", body: closeBody(0, ""), fail: ProtocolError},
	{cases: "7.9.2", body: closeBody(999, ""), fail: ProtocolError},
	{cases: "7.9.3", body: closeBody(1004, ""), fail: ProtocolError},
	{cases: "7.9.4", body: closeBody(1005, ""), fail: ProtocolError},
	{cases: "7.9.5", body: closeBody(1006, ""), fail: ProtocolError},
	{cases: "7.9.6", body: closeBody(1012, ""), want: ServiceRestart,
		note: "outdated: the suite calls 1012 invalid; IANA registered it (Service Restart), so it is valid"},
	{cases: "7.9.7", body: closeBody(1013, ""), want: TryAgainLater,
		note: "outdated: the suite calls 1013 invalid; IANA registered it (Try Again Later), so it is valid"},
	{cases: "7.9.8", body: closeBody(1014, ""), want: BadGateway,
		note: "outdated: the suite calls 1014 invalid; IANA registered it (Bad Gateway), so it is valid"},
	{cases: "7.9.9", body: closeBody(1015, ""), fail: ProtocolError,
		note: "1015 is registered but must never be sent (RFC 6455 section 7.4.1)"},
	{cases: "7.9.10", body: closeBody(1016, ""), fail: ProtocolError, note: "7.9.6 in later revisions of the suite"},
	{cases: "7.9.11", body: closeBody(1100, ""), fail: ProtocolError, note: "7.9.7 in later revisions of the suite"},
	{cases: "7.9.12", body: closeBody(2000, ""), fail: ProtocolError, note: "7.9.8 in later revisions of the suite"},
	{cases: "7.9.13", body: closeBody(2999, ""), fail: ProtocolError, note: "7.9.9 in later revisions of the suite"},

	// 7.13: codes the suite leaves open ("undefined by the spec").
	{cases: "7.13.1", body: closeBody(5000, ""), fail: ProtocolError,
		note: "left open by the suite; RFC 6455 section 7.4.2 defines no codes from 5000 up, so receiving one is a protocol error"},
	{cases: "7.13.2", body: closeBody(65535, ""), fail: ProtocolError,
		note: "left open by the suite; RFC 6455 section 7.4.2 defines no codes from 5000 up, so receiving one is a protocol error"},
}

// TestParseClosePayload_Autobahn checks the verdict on every Close frame
// of Autobahn section 7, and that FormatClosePayload builds exactly the
// accepted bodies and refuses the others.
func TestParseClosePayload_Autobahn(t *testing.T) {
	for _, row := range autobahnRows {
		t.Run(row.cases, func(t *testing.T) {
			code, reason, err := ParseClosePayload(row.body)
			if row.fail != 0 {
				var fe *FrameError
				if !errors.As(err, &fe) || fe.Code != row.fail {
					t.Fatalf("ParseClosePayload(% x) = %d, %q, %v; want a *FrameError with Code %d (%s)",
						row.body, code, reason, err, row.fail, row.note)
				}
				if code != 0 || reason != "" {
					t.Errorf("ParseClosePayload(% x) failed but returned %d, %q; want 0, \"\"", row.body, code, reason)
				}
				return
			}
			wantReason := ""
			if len(row.body) > 2 {
				wantReason = string(row.body[2:])
			}
			if err != nil || code != row.want || reason != wantReason {
				t.Fatalf("ParseClosePayload(% x) = %d, %q, %v; want %d, %q, nil (%s)",
					row.body, code, reason, err, row.want, wantReason, row.note)
			}
			body, err := FormatClosePayload(code, reason)
			if err != nil || !bytes.Equal(body, row.body) {
				t.Errorf("FormatClosePayload(%d, %q) = % x, %v; want % x, nil", code, reason, body, err, row.body)
			}
		})
	}
}

func TestParseClosePayload_Messages(t *testing.T) {
	tests := []struct {
		name string
		body []byte
		code Code
		msg  string
	}{
		{"one byte", []byte{0x03}, ProtocolError,
			"closeevent: Close frame body is 1 byte (0x03); a body is empty, or a 2-byte status code and then the reason (RFC 6455 section 5.5.1)"},
		{"126 bytes", closeBody(4000, strings.Repeat("a", 124)), ProtocolError,
			"closeevent: Close frame body is 126 bytes; a control frame's body is at most 125 (RFC 6455 section 5.5)"},
		{"a registered code never sent", closeBody(1005, "x"), ProtocolError,
			"closeevent: Close frame carries status 1005 (NoStatusReceived), which may not appear on the wire; a Close frame carries 1000-1003, 1007-1014 or 3000-4999 (RFC 6455 section 7.4)"},
		{"an undefined code", closeBody(5000, ""), ProtocolError,
			"closeevent: Close frame carries status 5000, which may not appear on the wire; a Close frame carries 1000-1003, 1007-1014 or 3000-4999 (RFC 6455 section 7.4)"},
		{"a truncated sequence", closeBody(4000, "ok\xe2\x82"), InvalidFramePayloadData,
			"closeevent: Close frame reason is not valid UTF-8: byte 0xe2 at offset 2 of the reason (RFC 6455 sections 5.5.1 and 8.1)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := ParseClosePayload(tt.body)
			var fe *FrameError
			if !errors.As(err, &fe) || fe.Code != tt.code || err.Error() != tt.msg {
				t.Errorf("ParseClosePayload(% x) = %v\nwant a *FrameError with Code %d and message\n%s", tt.body, err, tt.code, tt.msg)
			}
		})
	}
	// A FrameError made by hand still says something useful.
	if got, want := (&FrameError{Code: ProtocolError}).Error(), "closeevent: bad Close frame: fail the connection with 1002 (ProtocolError)"; got != want {
		t.Errorf("FrameError{ProtocolError}.Error() = %q, want %q", got, want)
	}
}

// Over the whole code space, the codes Parse accepts are exactly those
// ValidOnWire accepts, and Format agrees (plus 1005 as the empty body).
func TestClosePayload_CodeSpace(t *testing.T) {
	for i := 0; i <= 0xFFFF; i++ {
		c := Code(i)
		got, _, err := ParseClosePayload(closeBody(uint16(i), "r"))
		if c.ValidOnWire() != (err == nil) || err == nil && got != c {
			t.Fatalf("ParseClosePayload(code %d) = %d, %v; want accepted = %v", i, got, err, c.ValidOnWire())
		}
		body, ferr := FormatClosePayload(c, "")
		wantOK := c.ValidOnWire() || c == NoStatusReceived
		if (ferr == nil) != wantOK || ferr != nil && !errors.Is(ferr, ErrInvalidAccess) {
			t.Fatalf("FormatClosePayload(%d, \"\") = % x, %v; want accepted = %v, else ErrInvalidAccess", i, body, ferr, wantOK)
		}
	}
}

func TestFormatClosePayload(t *testing.T) {
	tests := []struct {
		name   string
		code   Code
		reason string
		want   []byte // when kind is nil
		kind   error
		msg    string // the whole message, when not ""
	}{
		{"1005 without a reason: an empty body", NoStatusReceived, "", []byte{}, nil, ""},
		{"1005 with a reason", NoStatusReceived, "bye", nil, ErrInvalidAccess,
			`closeevent: close code 1005 (NoStatusReceived) sends a Close frame without a status, which cannot carry the reason "bye"; send the reason with a status code`},
		{"1006", AbnormalClosure, "", nil, ErrInvalidAccess,
			"closeevent: close code 1006 (AbnormalClosure) may not appear in a Close frame; send 1000-1003, 1007-1014 or 3000-4999, or 1005 (NoStatusReceived) for a Close frame without a status (RFC 6455 section 7.4)"},
		{"the code is checked before the reason", 5000, strings.Repeat("a", 200), nil, ErrInvalidAccess, ""},
		{"GoingAway, which WebSocket.close() refuses", GoingAway, "restarting", closeBody(1001, "restarting"), nil, ""},
		{"123 bytes", 4000, strings.Repeat("a", 123), closeBody(4000, strings.Repeat("a", 123)), nil, ""},
		{"41 euro signs, 123 bytes", 4000, strings.Repeat("€", 41), closeBody(4000, strings.Repeat("€", 41)), nil, ""},
		{"124 bytes", 4000, strings.Repeat("a", 124), nil, ErrSyntax,
			"closeevent: close reason is 124 bytes of UTF-8; a Close frame holds at most 123 (RFC 6455 section 5.5: 125 bytes of body, 2 of them the code)"},
		{"42 euro signs, 126 bytes", 4000, strings.Repeat("€", 42), nil, ErrSyntax, ""},
		{"invalid UTF-8", 4000, "a\xffb", nil, ErrSyntax,
			`closeevent: close reason "a\xffb" is not valid UTF-8 (byte 0xff at offset 1); a Close frame's reason is UTF-8 text (RFC 6455 section 5.5.1)`},
		{"an encoded surrogate", 4000, "\xed\xa0\x80", nil, ErrSyntax, ""},
		{"U+FFFD itself is valid", 4000, "\uFFFD", closeBody(4000, "\uFFFD"), nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := FormatClosePayload(tt.code, tt.reason)
			if tt.kind == nil {
				if err != nil || !bytes.Equal(got, tt.want) || got == nil {
					t.Fatalf("FormatClosePayload(%d, %q) = %#v, %v; want %#v, nil", tt.code, tt.reason, got, err, tt.want)
				}
				return
			}
			if !errors.Is(err, tt.kind) || got != nil {
				t.Fatalf("FormatClosePayload(%d, %q) = % x, %v; want nil and an error wrapping %v", tt.code, tt.reason, got, err, tt.kind)
			}
			if tt.msg != "" && err.Error() != tt.msg {
				t.Errorf("message\n%s\nwant\n%s", err, tt.msg)
			}
		})
	}
}

// FuzzClosePayload round-trips FormatClosePayload through
// ParseClosePayload, and checks ParseClosePayload on the raw bytes too:
//   - every body Format returns is at most 125 bytes, and Parse reads it
//     back as the same code and reason;
//   - Format refuses exactly what RFC 6455 forbids, with the sentinel for
//     the code or for the reason;
//   - Parse accepts exactly the bodies Format could have built, and a body
//     it accepts formats back to itself.
func FuzzClosePayload(f *testing.F) {
	for _, row := range autobahnRows {
		code, reason := uint16(0), ""
		if len(row.body) >= 2 {
			code, reason = uint16(row.body[0])<<8|uint16(row.body[1]), string(row.body[2:])
		}
		f.Add(code, reason, row.body)
	}
	f.Add(uint16(1005), "", []byte{})
	f.Add(uint16(1005), "x", []byte{0x03})
	f.Add(uint16(4000), strings.Repeat("é", 62), closeBody(4000, strings.Repeat("é", 62)))
	f.Add(uint16(4000), "\xff", closeBody(4000, "\xff"))
	f.Fuzz(func(t *testing.T, code uint16, reason string, raw []byte) {
		c := Code(code)
		body, err := FormatClosePayload(c, reason)
		switch {
		case c == NoStatusReceived && reason == "":
			if err != nil || len(body) != 0 {
				t.Fatalf("FormatClosePayload(1005, \"\") = % x, %v; want an empty body", body, err)
			}
		case c == NoStatusReceived || !c.ValidOnWire():
			if !errors.Is(err, ErrInvalidAccess) {
				t.Fatalf("FormatClosePayload(%d, %q) = %v; want ErrInvalidAccess", code, reason, err)
			}
		case !utf8.ValidString(reason) || len(reason) > MaxReasonBytes:
			if !errors.Is(err, ErrSyntax) {
				t.Fatalf("FormatClosePayload(%d, %q) = %v; want ErrSyntax", code, reason, err)
			}
		case err != nil:
			t.Fatalf("FormatClosePayload(%d, %q) = %v; want a body", code, reason, err)
		}
		if err == nil {
			if len(body) > 125 {
				t.Fatalf("FormatClosePayload(%d, %q) is %d bytes, over 125", code, reason, len(body))
			}
			gotCode, gotReason, perr := ParseClosePayload(body)
			if perr != nil || gotCode != c || gotReason != reason {
				t.Fatalf("ParseClosePayload(FormatClosePayload(%d, %q)) = %d, %q, %v", code, reason, gotCode, gotReason, perr)
			}
		}

		gotCode, gotReason, perr := ParseClosePayload(raw)
		if perr != nil {
			var fe *FrameError
			if !errors.As(perr, &fe) || (fe.Code != ProtocolError && fe.Code != InvalidFramePayloadData) {
				t.Fatalf("ParseClosePayload(% x) = %v; want a *FrameError with 1002 or 1007", raw, perr)
			}
			if len(raw) >= 2 && len(raw) <= 125 && Code(raw[0])<<8|Code(raw[1]) != NoStatusReceived {
				// A body Format refuses for its reason is one Parse
				// refuses for its reason, and the other way round.
				_, ferr := FormatClosePayload(Code(raw[0])<<8|Code(raw[1]), string(raw[2:]))
				if ferr == nil {
					t.Fatalf("ParseClosePayload(% x) = %v, but FormatClosePayload builds it", raw, perr)
				}
			}
			return
		}
		again, ferr := FormatClosePayload(gotCode, gotReason)
		if ferr != nil || !bytes.Equal(again, raw) {
			t.Fatalf("ParseClosePayload(% x) = %d, %q; FormatClosePayload gives back % x, %v", raw, gotCode, gotReason, again, ferr)
		}
	})
}
