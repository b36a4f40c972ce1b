package closeevent_test

import (
	"errors"
	"fmt"
	"strings"

	"github.com/closeshim/closeshim/closeevent"
)

// A close event, however it was obtained, says what happened and whether
// to reconnect.
func ExampleCloseEvent() {
	e := closeevent.CloseEvent{Type: "close", Code: closeevent.TryAgainLater, Reason: "busy", WasClean: true}
	fmt.Println(e)
	fmt.Println(e.Code.Description())
	if e.Abnormal() || e.Code.Retryable() {
		fmt.Println("reconnect with a backoff")
	}
	// Output:
	// close 1013 TryAgainLater clean reason="busy"
	// The service is overloaded or otherwise temporarily unavailable; a client should try again later.
	// reconnect with a backoff
}

// Codes carry their registry facts.
func ExampleCode() {
	for _, c := range []closeevent.Code{closeevent.NormalClosure, closeevent.GoingAway, 4001, 1004} {
		fmt.Printf("%d %-13s %-9s sendable=%-5v wire=%-5v legacy=%q\n",
			uint16(c), c, c.Range(), c.Sendable(), c.ValidOnWire(), c.LegacyName())
	}
	// Output:
	// 1000 NormalClosure Protocol  sendable=true  wire=true  legacy="CLOSE_NORMAL"
	// 1001 GoingAway     Protocol  sendable=false wire=true  legacy="CLOSE_GOING_AWAY"
	// 4001 Code(4001)    Private   sendable=true  wire=true  legacy=""
	// 1004 Code(1004)    Protocol  sendable=false wire=false legacy=""
}

// Check the arguments of WebSocket.close() in Go, before the browser
// would throw.
func ExampleValidateClose() {
	err := closeevent.ValidateClose(closeevent.GoingAway, "shutting down")
	fmt.Println(errors.Is(err, closeevent.ErrInvalidAccess))

	var ve *closeevent.ValidationError
	if errors.As(err, &ve) {
		fmt.Println(ve.Name)
	}

	long := strings.Repeat("é", 70) // 140 bytes of UTF-8
	fmt.Println(errors.Is(closeevent.ValidateClose(4000, long), closeevent.ErrSyntax))
	fmt.Println(closeevent.ValidateClose(4000, closeevent.TruncateReason(long)))
	// Output:
	// true
	// InvalidAccessError
	// true
	// <nil>
}

// Shorten a reason to what WebSocket.close() accepts without cutting a
// character.
func ExampleTruncateReason() {
	r := closeevent.TruncateReason(strings.Repeat("€", 50)) // 150 bytes
	fmt.Println(len(r), closeevent.ReasonLen(r), strings.Count(r, "€"))
	// Invalid UTF-8 counts as the browser will see it: U+FFFD, 3 bytes.
	fmt.Println(closeevent.ReasonLen("a\xffb"))
	// Output:
	// 123 123 41
	// 5
}

// A server reads the body of a Close frame it received, and builds the one
// it sends back.
func ExampleParseClosePayload() {
	code, reason, err := closeevent.ParseClosePayload([]byte{0x0f, 0xa1, 'b', 'y', 'e'})
	fmt.Println(code, reason, err)

	_, _, err = closeevent.ParseClosePayload([]byte{0x03, 0xed}) // 1005 may not be sent
	var fe *closeevent.FrameError
	if errors.As(err, &fe) {
		fmt.Println("fail the connection with", uint16(fe.Code), fe.Code)
	}

	body, err := closeevent.FormatClosePayload(closeevent.GoingAway, "restarting")
	fmt.Printf("% x %v\n", body, err)
	_, err = closeevent.FormatClosePayload(closeevent.AbnormalClosure, "")
	fmt.Println(errors.Is(err, closeevent.ErrInvalidAccess))
	// Output:
	// Code(4001) bye <nil>
	// fail the connection with 1002 ProtocolError
	// 03 e9 72 65 73 74 61 72 74 69 6e 67 <nil>
	// true
}
