package closeevent_test

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/closeshim/closeshim/closeevent"
)

// A close event, however it was obtained, says what happened and, with
// who closed the socket, whether to reconnect.
func ExampleCloseEvent() {
	e := closeevent.CloseEvent{Type: "close", Code: closeevent.TryAgainLater, Reason: "busy", WasClean: true}
	fmt.Println(e)
	fmt.Println(e.Code.Description())
	if closeevent.ShouldReconnect(e, false) { // false: the server closed it
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

// Whether to reconnect depends on the code and on who closed the socket:
// a program's own close is never a reason to come back, even when it ends
// as 1006 because the server never answered.
func ExampleShouldReconnect() {
	restart := closeevent.CloseEvent{Type: "close", Code: closeevent.ServiceRestart, WasClean: true}
	policy := closeevent.CloseEvent{Type: "close", Code: closeevent.PolicyViolation, WasClean: true}
	lost := closeevent.CloseEvent{Type: "close", Code: closeevent.AbnormalClosure}
	fmt.Println(closeevent.ShouldReconnect(restart, false))
	fmt.Println(closeevent.ShouldReconnect(policy, false))
	fmt.Println(closeevent.ShouldReconnect(lost, false))
	fmt.Println(closeevent.ShouldReconnect(lost, true)) // this program closed it
	// Output:
	// true
	// false
	// true
	// false
}

// The waits of a Policy grow from Min by Factor up to Max, each drawn at
// random from the upper half of its range so that clients do not come
// back in step.
func ExamplePolicy_Delay() {
	p := closeevent.Policy{Min: time.Second, Max: 10 * time.Second} // Factor 2
	for attempt := range 6 {
		d := p.Delay(attempt)
		top := min(p.Max, p.Min<<attempt)
		fmt.Printf("attempt %d: within [%v, %v]: %v\n", attempt, top/2, top, d >= top/2 && d <= top)
	}
	// Output:
	// attempt 0: within [500ms, 1s]: true
	// attempt 1: within [1s, 2s]: true
	// attempt 2: within [2s, 4s]: true
	// attempt 3: within [4s, 8s]: true
	// attempt 4: within [5s, 10s]: true
	// attempt 5: within [5s, 10s]: true
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
