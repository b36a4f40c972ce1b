package closeevent

import "strconv"

// Range is a block of the close-code space as RFC 6455 section 7.4.2
// divides it.
type Range uint8

// The blocks of the close-code space (RFC 6455 section 7.4.2).
const (
	// RangeUnused is 0-999: not used for status codes.
	RangeUnused Range = iota
	// RangeProtocol is 1000-2999: reserved for the WebSocket protocol, its
	// revisions and extensions; the IANA registry names the codes in use.
	RangeProtocol
	// RangeLibrary is 3000-3999: registered with IANA first come, first
	// served, for libraries, frameworks and applications.
	RangeLibrary
	// RangePrivate is 4000-4999: private use, never registered.
	RangePrivate
	// RangeUndefined is 5000-65535: not defined by RFC 6455. A CloseEvent
	// can still carry such a code (its code attribute is an unsigned short).
	RangeUndefined
)

var rangeNames = [...]string{
	RangeUnused:    "Unused",
	RangeProtocol:  "Protocol",
	RangeLibrary:   "Library",
	RangePrivate:   "Private",
	RangeUndefined: "Undefined",
}

// String returns the block's name, such as "Private", or "Range(7)" for a
// value that is not one of the constants.
func (r Range) String() string {
	if int(r) < len(rangeNames) {
		return rangeNames[r]
	}
	return "Range(" + strconv.Itoa(int(r)) + ")"
}

// Range returns the block of the close-code space that c belongs to.
func (c Code) Range() Range {
	switch {
	case c < 1000:
		return RangeUnused
	case c < 3000:
		return RangeProtocol
	case c < 4000:
		return RangeLibrary
	case c < 5000:
		return RangePrivate
	default:
		return RangeUndefined
	}
}
