package wsinterop

import (
	"math"

	"github.com/closeshim/closeshim/closeevent"
	"github.com/coder/websocket"
)

// StatusCode returns c as a websocket.StatusCode, the same number: every
// close code converts, and the named constants of both packages match
// (closeevent.GoingAway becomes websocket.StatusGoingAway, and so on).
func StatusCode(c closeevent.Code) websocket.StatusCode {
	return websocket.StatusCode(c)
}

// Code returns s as a closeevent.Code, the same number, and true when s is
// in 0..65535, the range of the status in a Close frame (RFC 6455 section
// 5.5.1, a 2-byte unsigned integer) and of CloseEvent.code (an unsigned
// short). For any other s, such as the -1 that websocket.CloseStatus
// returns when an error carries no close, it returns 0 and false.
func Code(s websocket.StatusCode) (closeevent.Code, bool) {
	if s < 0 || s > math.MaxUint16 {
		return 0, false
	}
	return closeevent.Code(s), true
}
