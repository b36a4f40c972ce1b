package wsinterop_test

import (
	"math"
	"testing"

	"github.com/closeshim/closeshim/closeevent"
	"github.com/closeshim/closeshim/closeevent/wsinterop"
	"github.com/coder/websocket"
)

func TestCodeConversions_WholeCodeSpace(t *testing.T) {
	for i := 0; i <= math.MaxUint16; i++ {
		c := closeevent.Code(i)
		s := wsinterop.StatusCode(c)
		if int(s) != i {
			t.Fatalf("StatusCode(%d) = %d, want %d", i, s, i)
		}
		back, ok := wsinterop.Code(s)
		if !ok || back != c {
			t.Fatalf("Code(StatusCode(%d)) = %d, %v; want %d, true", i, back, ok, i)
		}
	}
}

func TestCode_OutsideTheCodeSpace(t *testing.T) {
	for _, s := range []websocket.StatusCode{-1, -65535, -65536, 65536, 1 << 20, math.MaxInt32, math.MinInt32} {
		if c, ok := wsinterop.Code(s); ok || c != 0 {
			t.Errorf("Code(%d) = %d, %v; want 0, false", s, c, ok)
		}
	}
	// CloseStatus's "no close" is not a code.
	if _, ok := wsinterop.Code(websocket.CloseStatus(nil)); ok {
		t.Error("Code(CloseStatus(nil)) is ok, want false")
	}
}

// The named constants of both packages are the same numbers.
func TestStatusCode_NamedConstants(t *testing.T) {
	pairs := []struct {
		c closeevent.Code
		s websocket.StatusCode
	}{
		{closeevent.NormalClosure, websocket.StatusNormalClosure},
		{closeevent.GoingAway, websocket.StatusGoingAway},
		{closeevent.ProtocolError, websocket.StatusProtocolError},
		{closeevent.UnsupportedData, websocket.StatusUnsupportedData},
		{closeevent.NoStatusReceived, websocket.StatusNoStatusRcvd},
		{closeevent.AbnormalClosure, websocket.StatusAbnormalClosure},
		{closeevent.InvalidFramePayloadData, websocket.StatusInvalidFramePayloadData},
		{closeevent.PolicyViolation, websocket.StatusPolicyViolation},
		{closeevent.MessageTooBig, websocket.StatusMessageTooBig},
		{closeevent.MandatoryExtension, websocket.StatusMandatoryExtension},
		{closeevent.InternalError, websocket.StatusInternalError},
		{closeevent.ServiceRestart, websocket.StatusServiceRestart},
		{closeevent.TryAgainLater, websocket.StatusTryAgainLater},
		{closeevent.BadGateway, websocket.StatusBadGateway},
		{closeevent.TLSHandshake, websocket.StatusTLSHandshake},
	}
	for _, p := range pairs {
		if got := wsinterop.StatusCode(p.c); got != p.s {
			t.Errorf("StatusCode(%v) = %v, want %v", p.c, got, p.s)
		}
		if got, ok := wsinterop.Code(p.s); !ok || got != p.c {
			t.Errorf("Code(%v) = %v, %v; want %v, true", p.s, got, ok, p.c)
		}
	}
}
