package closeevent

import (
	"fmt"
	"strings"
	"testing"
)

// specRow is one row of the close-code space as RFC 6455 section 7.4 and
// the IANA registry give it (docs/engines.md, "The specifications"),
// written out here again on purpose: the tests check the package's table
// against the specifications, not against itself.
type specRow struct {
	code   Code
	name   string // the Go constant the issue names
	legacy string // MDN's CLOSE_* name
	retry  bool   // the documented policy on Code.Retryable
}

var specRegistered = []specRow{
	{1000, "NormalClosure", "CLOSE_NORMAL", false},
	{1001, "GoingAway", "CLOSE_GOING_AWAY", true},
	{1002, "ProtocolError", "CLOSE_PROTOCOL_ERROR", false},
	{1003, "UnsupportedData", "CLOSE_UNSUPPORTED", false},
	{1005, "NoStatusReceived", "CLOSE_NO_STATUS", true},
	{1006, "AbnormalClosure", "CLOSE_ABNORMAL", true},
	{1007, "InvalidFramePayloadData", "", false},
	{1008, "PolicyViolation", "", false},
	{1009, "MessageTooBig", "CLOSE_TOO_LARGE", false},
	{1010, "MandatoryExtension", "", false},
	{1011, "InternalError", "", true},
	{1012, "ServiceRestart", "", true},
	{1013, "TryAgainLater", "", true},
	{1014, "BadGateway", "", true},
	{1015, "TLSHandshake", "", false},
	{3000, "Unauthorized", "", false},
	{3003, "Forbidden", "", false},
	{3008, "Timeout", "", true},
}

func specLookup(c Code) (specRow, bool) {
	for _, r := range specRegistered {
		if r.code == c {
			return r, true
		}
	}
	return specRow{}, false
}

func TestConstants_MatchRegistry(t *testing.T) {
	got := map[Code]Code{
		NormalClosure: 1000, GoingAway: 1001, ProtocolError: 1002, UnsupportedData: 1003,
		NoStatusReceived: 1005, AbnormalClosure: 1006, InvalidFramePayloadData: 1007,
		PolicyViolation: 1008, MessageTooBig: 1009, MandatoryExtension: 1010,
		InternalError: 1011, ServiceRestart: 1012, TryAgainLater: 1013, BadGateway: 1014,
		TLSHandshake: 1015, Unauthorized: 3000, Forbidden: 3003, Timeout: 3008,
	}
	for c, want := range got {
		if c != want {
			t.Errorf("constant %s = %d, want %d", c, uint16(c), want)
		}
	}
	if len(got) != len(specRegistered) {
		t.Errorf("%d constants, want %d (one per registered code)", len(got), len(specRegistered))
	}
}

// TestPredicates_WholeCodeSpace checks every predicate on all 65536 codes
// against the rules as docs/engines.md ("The specifications") states them
// in words.
func TestPredicates_WholeCodeSpace(t *testing.T) {
	for i := 0; i <= 0xFFFF; i++ {
		c := Code(i)
		row, registered := specLookup(c)

		var wantRange Range
		switch {
		case i <= 999:
			wantRange = RangeUnused
		case i <= 2999:
			wantRange = RangeProtocol
		case i <= 3999:
			wantRange = RangeLibrary
		case i <= 4999:
			wantRange = RangePrivate
		default:
			wantRange = RangeUndefined
		}
		if got := c.Range(); got != wantRange {
			t.Errorf("Code(%d).Range() = %v, want %v", i, got, wantRange)
		}
		if got := c.Registered(); got != registered {
			t.Errorf("Code(%d).Registered() = %v, want %v", i, got, registered)
		}
		wantSendable := i == 1000 || (i >= 3000 && i <= 4999)
		if got := c.Sendable(); got != wantSendable {
			t.Errorf("Code(%d).Sendable() = %v, want %v", i, got, wantSendable)
		}
		wantWire := (i >= 1000 && i <= 1003) || (i >= 1007 && i <= 1014) || (i >= 3000 && i <= 4999)
		if got := c.ValidOnWire(); got != wantWire {
			t.Errorf("Code(%d).ValidOnWire() = %v, want %v", i, got, wantWire)
		}
		if got := c.Retryable(); got != row.retry {
			t.Errorf("Code(%d).Retryable() = %v, want %v", i, got, row.retry)
		}
		if got := c.LegacyName(); got != row.legacy {
			t.Errorf("Code(%d).LegacyName() = %q, want %q", i, got, row.legacy)
		}
		wantString := row.name
		if !registered {
			wantString = fmt.Sprintf("Code(%d)", i)
		}
		if got := c.String(); got != wantString {
			t.Errorf("Code(%d).String() = %q, want %q", i, got, wantString)
		}
		d := c.Description()
		if d == "" || !strings.HasSuffix(d, ".") || strings.Count(d, ". ") > 0 {
			t.Errorf("Code(%d).Description() = %q, want one sentence", i, d)
		}
	}
}

// TestDescription_DistinguishesBlocks checks that descriptions say what a
// code means, not one text for all: every registered code has its own, and
// each block of unregistered codes has its own.
func TestDescription_DistinguishesBlocks(t *testing.T) {
	seen := map[string]Code{}
	probe := []Code{0, 999, 1004, 1016, 2999, 3001, 3999, 4000, 4999, 5000, 65535}
	for _, r := range specRegistered {
		probe = append(probe, r.code)
	}
	for _, c := range probe {
		d := c.Description()
		if prev, ok := seen[d]; ok && prev.Range() == c.Range() && (prev.Registered() || c.Registered()) {
			t.Errorf("Code(%d) and Code(%d) share the description %q", prev, c, d)
		}
		seen[d] = c
	}
	for _, pair := range [][2]Code{{0, 999}, {1016, 2999}, {3001, 3999}, {4000, 4999}, {5000, 65535}} {
		if a, b := pair[0].Description(), pair[1].Description(); a != b {
			t.Errorf("Code(%d) and Code(%d) are in one block but describe it differently: %q vs %q", pair[0], pair[1], a, b)
		}
	}
	if a, b := Code(1004).Description(), Code(1016).Description(); a == b {
		t.Errorf("reserved 1004 shares the description of 1016-2999: %q", a)
	}
}

func TestRange_String(t *testing.T) {
	for r, want := range map[Range]string{
		RangeUnused: "Unused", RangeProtocol: "Protocol", RangeLibrary: "Library",
		RangePrivate: "Private", RangeUndefined: "Undefined", 9: "Range(9)",
	} {
		if got := r.String(); got != want {
			t.Errorf("Range(%d).String() = %q, want %q", uint8(r), got, want)
		}
	}
}
