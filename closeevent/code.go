package closeevent

import "strconv"

// Code is a WebSocket close code: the status a Close frame carries (RFC 6455
// section 7.4) and the code attribute of a CloseEvent, which the WebSockets
// Standard types as an unsigned short, so every value of a uint16 can occur.
type Code uint16

// The codes with an entry in the IANA "WebSocket Close Code Number Registry"
// (RFC 6455 section 7.4.1 and later registrations). 1004 is reserved and has
// no name. NoStatusReceived, AbnormalClosure and TLSHandshake are never sent
// in a Close frame: a browser reports them when the closing handshake gave
// no status (1005) or did not happen (1006; browsers report 1006 for a TLS
// failure too, never 1015).
const (
	NormalClosure           Code = 1000 // the purpose of the connection was fulfilled
	GoingAway               Code = 1001 // a server going down or a page navigating away
	ProtocolError           Code = 1002 // the peer broke the protocol
	UnsupportedData         Code = 1003 // a data type the endpoint cannot accept
	NoStatusReceived        Code = 1005 // a Close frame without a status; never sent
	AbnormalClosure         Code = 1006 // no Close frame at all; never sent
	InvalidFramePayloadData Code = 1007 // data inconsistent with its type, e.g. bad UTF-8
	PolicyViolation         Code = 1008 // a message broke the endpoint's policy
	MessageTooBig           Code = 1009 // a message too big to process
	MandatoryExtension      Code = 1010 // the server did not agree to a required extension
	InternalError           Code = 1011 // the server met an unexpected condition
	ServiceRestart          Code = 1012 // the service is restarting
	TryAgainLater           Code = 1013 // temporary overload; try again later
	BadGateway              Code = 1014 // a gateway got an invalid upstream response
	TLSHandshake            Code = 1015 // the TLS handshake failed; never sent
	Unauthorized            Code = 3000 // authentication is required
	Forbidden               Code = 3003 // the client is authenticated but not allowed
	Timeout                 Code = 3008 // the peer took too long
)

// entry is one row of the code table: everything this package knows about a
// registered (or reserved) code. It is the one place these facts live.
type entry struct {
	code        Code
	name        string // the Go constant's name; "" for 1004
	legacy      string // the CLOSE_* name of MDN's table, if any
	description string
	retryable   bool
}

// codes is the code table, in code order. Names and meanings follow the
// IANA registry (RFC 6455 section 7.4.1 and the registrations since); the
// legacy names follow MDN's CloseEvent page (docs/engines.md, "The
// specifications"); the retry policy is the one
// documented on Code.Retryable. It is an array rather than a map so that it
// is static data in the binary, not code that builds a map at start-up.
var codes = [...]entry{
	{NormalClosure, "NormalClosure", "CLOSE_NORMAL",
		"The connection closed normally: the purpose for which it was opened has been fulfilled.", false},
	{GoingAway, "GoingAway", "CLOSE_GOING_AWAY",
		"An endpoint is going away, such as a server shutting down or a browser navigating away from the page.", true},
	{ProtocolError, "ProtocolError", "CLOSE_PROTOCOL_ERROR",
		"An endpoint is terminating the connection because the other broke the WebSocket protocol.", false},
	{UnsupportedData, "UnsupportedData", "CLOSE_UNSUPPORTED",
		"An endpoint received a type of data it cannot accept, such as binary data where it expects only text.", false},
	{1004, "", "",
		"Reserved: code 1004 has no meaning yet and never appears in a Close frame.", false},
	{NoStatusReceived, "NoStatusReceived", "CLOSE_NO_STATUS",
		"The peer's Close frame carried no status code; the code is never sent in a frame.", true},
	{AbnormalClosure, "AbnormalClosure", "CLOSE_ABNORMAL",
		"The connection was lost without a Close frame (refused, dropped, or failed in the handshake); the code is never sent in a frame.", true},
	{InvalidFramePayloadData, "InvalidFramePayloadData", "",
		"An endpoint received a message whose data did not match its type, such as invalid UTF-8 in a text message.", false},
	{PolicyViolation, "PolicyViolation", "",
		"An endpoint received a message that violates its policy, when no more specific code applies.", false},
	{MessageTooBig, "MessageTooBig", "CLOSE_TOO_LARGE",
		"An endpoint received a message too big for it to process.", false},
	{MandatoryExtension, "MandatoryExtension", "",
		"The client expected the server to agree to one or more extensions, and the server did not.", false},
	{InternalError, "InternalError", "",
		"The server met an unexpected condition that kept it from fulfilling the request.", true},
	{ServiceRestart, "ServiceRestart", "",
		"The service is restarting; a client may reconnect after a short, randomised delay.", true},
	{TryAgainLater, "TryAgainLater", "",
		"The service is overloaded or otherwise temporarily unavailable; a client should try again later.", true},
	{BadGateway, "BadGateway", "",
		"A server acting as a gateway or proxy received an invalid response from the server upstream.", true},
	{TLSHandshake, "TLSHandshake", "",
		"The TLS handshake failed, for example because the server's certificate could not be verified; the code is never sent in a frame.", false},
	{Unauthorized, "Unauthorized", "",
		"The endpoint requires authentication before it serves the connection.", false},
	{Forbidden, "Forbidden", "",
		"The endpoint refuses the connection: the client is authenticated but not allowed.", false},
	{Timeout, "Timeout", "",
		"The endpoint closed the connection because the peer took too long.", true},
}

// lookup returns c's row of the code table, or nil.
func lookup(c Code) *entry {
	for i := range codes {
		if codes[i].code == c {
			return &codes[i]
		}
	}
	return nil
}

// rangeDescriptions describe the codes that have no entry of their own.
var rangeDescriptions = [...]string{
	RangeUnused:    "Codes 0-999 are not used as WebSocket status codes.",
	RangeProtocol:  "Codes 1000-2999 are reserved for the WebSocket protocol and its future revisions and extensions; this one has no meaning yet.",
	RangeLibrary:   "Codes 3000-3999 are registered with IANA for libraries, frameworks and applications; this one has no registered meaning.",
	RangePrivate:   "Codes 4000-4999 are for private use by applications, by agreement between the endpoints.",
	RangeUndefined: "Codes 5000 and above are not defined by RFC 6455 and never appear in a valid Close frame.",
}

// String returns the name of the constant for a registered code, such as
// "NormalClosure", and "Code(4001)" for any other code.
func (c Code) String() string {
	if e := lookup(c); e != nil && e.name != "" {
		return e.name
	}
	return "Code(" + strconv.Itoa(int(c)) + ")"
}

// Description returns one English sentence saying what c means: the
// registered meaning for a code in the IANA registry, otherwise what its
// block of the code space is for.
func (c Code) Description() string {
	if e := lookup(c); e != nil {
		return e.description
	}
	return rangeDescriptions[c.Range()]
}

// LegacyName returns the CLOSE_* name that MDN's CloseEvent table gives c
// (CLOSE_NORMAL, CLOSE_GOING_AWAY, CLOSE_PROTOCOL_ERROR, CLOSE_UNSUPPORTED,
// CLOSE_NO_STATUS, CLOSE_ABNORMAL, CLOSE_TOO_LARGE), or "" when it has none.
// These names appear in older code and libraries; no specification defines
// them.
func (c Code) LegacyName() string {
	if e := lookup(c); e != nil {
		return e.legacy
	}
	return ""
}

// Registered reports whether c has a named entry in the IANA WebSocket
// Close Code Number Registry: 1000-1003, 1005-1015, 3000, 3003 and 3008.
// The reserved 1004 is not registered.
func (c Code) Registered() bool {
	e := lookup(c)
	return e != nil && e.name != ""
}

// Sendable reports whether a script may pass c to WebSocket.close(): 1000
// and 3000-4999 (WebSockets Standard, the close() method steps, step 1).
// Every other code, 1001 and 1011 included, makes close() throw an
// "InvalidAccessError" DOMException.
func (c Code) Sendable() bool {
	return c == NormalClosure || (c >= 3000 && c <= 4999)
}

// ValidOnWire reports whether a peer may put c in a Close frame: 1000-1003,
// 1007-1014 and 3000-4999 (RFC 6455 section 7.4.1 and the IANA registry).
// 1004, 1005, 1006 and 1015 are never sent, codes below 1000 and from 5000
// up are not valid, and 1016-2999 have no meaning yet; receiving any of
// them is a protocol error. Not every engine accepts every valid code
// (docs/engines.md, "Engines").
func (c Code) ValidOnWire() bool {
	switch {
	case c >= 1000 && c <= 1003, c >= 1007 && c <= 1014:
		return true
	default:
		return c >= 3000 && c <= 4999
	}
}

// Retryable reports whether opening a new connection after a close with c
// may succeed, so that a client can decide to reconnect (with a backoff).
// This is the package's policy, not a specification's:
//
//	code                         retry  why
//	1000 NormalClosure           no     the work is done; the peer meant to close
//	1001 GoingAway               yes    a restarting server or a new instance can serve again
//	1002 ProtocolError           no     the same client would break the protocol again
//	1003 UnsupportedData         no     the same data would be refused again
//	1005 NoStatusReceived        yes    the peer closed without saying why; often a restart
//	1006 AbnormalClosure         yes    network failures and refusals are often transient
//	1007 InvalidFramePayloadData no     the same data would be refused again
//	1008 PolicyViolation         no     the peer refuses this client's behaviour
//	1009 MessageTooBig           no     the same message would be refused again
//	1010 MandatoryExtension      no     the server still lacks the extension
//	1011 InternalError           yes    server faults are often transient
//	1012 ServiceRestart          yes    the service will be back shortly
//	1013 TryAgainLater           yes    the code asks for exactly that
//	1014 BadGateway              yes    the upstream may recover
//	1015 TLSHandshake            no     a certificate problem does not fix itself
//	3000 Unauthorized            no     new credentials are needed first
//	3003 Forbidden               no     the client is not allowed
//	3008 Timeout                 yes    a later attempt may be faster
//	any other code               no     its meaning is unknown or the application's own
func (c Code) Retryable() bool {
	e := lookup(c)
	return e != nil && e.retryable
}
