package closeevent

import (
	"errors"
	"math"
	"math/rand/v2"
	"time"
)

// ErrGaveUp is what Policy.Run returns, wrapped, after Policy.MaxAttempts
// consecutive failed attempts.
var ErrGaveUp = errors.New("closeevent: gave up reconnecting")

// ShouldReconnect reports whether a client should open a new connection
// after the close e. It is false when local is true: this program closed
// the socket itself (Tracker.Local), whatever code the close event then
// carries, since a close this side asked for is never a reason to come
// back (a close(1000) whose closing handshake the server never answers
// arrives as 1006, not clean). Otherwise it is e.Code.Retryable():
//
//	code                         reconnect
//	1000 NormalClosure           no: the peer meant to close
//	1001 GoingAway               yes: a restarted server can serve again
//	1002 ProtocolError           no: the same client would fail again
//	1003 UnsupportedData         no
//	1005 NoStatusReceived        yes: the peer gave no reason, often a restart
//	1006 AbnormalClosure         yes: a dropped or refused connection
//	1007 InvalidFramePayloadData no
//	1008 PolicyViolation         no: the peer refuses this client
//	1009 MessageTooBig           no
//	1010 MandatoryExtension      no
//	1011 InternalError           yes: server faults are often transient
//	1012 ServiceRestart          yes: the service will be back shortly
//	1013 TryAgainLater           yes
//	1014 BadGateway              yes
//	1015 TLSHandshake            no: a certificate does not fix itself
//	3000 Unauthorized            no: new credentials are needed first
//	3003 Forbidden               no
//	3008 Timeout                 yes
//	any other code               no: its meaning is the application's
//
// A refused opening handshake (an HTTP 403, say) also arrives as 1006, so
// ShouldReconnect says yes to it: Policy.MaxAttempts is what stops a
// client that is refused every time. Code.Retryable says why each code is
// or is not retryable.
func ShouldReconnect(e CloseEvent, local bool) bool {
	return !local && e.Code.Retryable()
}

// Policy says when and how fast Run reconnects. The zero Policy is usable:
// a zero or negative field takes its default.
//
// An attempt is one dial. It fails when the dial returns an error, or when
// its socket closes before it has been open for Stable (a socket that never
// opened has been open for no time at all). A connection that stayed open
// for Stable resets the count of consecutive failures.
type Policy struct {
	// Min is the longest delay after the first failure (the delay itself
	// is drawn from [Min/2, Min]); default 500 ms.
	Min time.Duration
	// Max caps every delay; default 30 s.
	Max time.Duration
	// Factor multiplies the delay after each consecutive failure;
	// default 2. A factor between 0 and 1 counts as 1 (no growth).
	Factor float64
	// MaxAttempts is the number of consecutive failed attempts after which
	// Run gives up with ErrGaveUp: 4 means at most 4 dials in a row that
	// fail, the first dial included, and no wait after the last. Default:
	// no limit.
	MaxAttempts int
	// Stable is how long a connection must stay open to count as a
	// success; default 10 s.
	Stable time.Duration
	// Decide says whether to reconnect after a close event, given whether
	// this program closed the socket; default ShouldReconnect. It is not
	// asked after a dial error, which is always retried.
	Decide func(e CloseEvent, local bool) bool
}

// The defaults of Policy's fields.
const (
	defaultMin    = 500 * time.Millisecond
	defaultMax    = 30 * time.Second
	defaultFactor = 2
	defaultStable = 10 * time.Second
)

func (p Policy) min() time.Duration {
	if p.Min <= 0 {
		return defaultMin
	}
	return p.Min
}

func (p Policy) max() time.Duration {
	if p.Max <= 0 {
		return defaultMax
	}
	return p.Max
}

func (p Policy) factor() float64 {
	switch {
	case !(p.Factor > 0): // zero, negative or NaN
		return defaultFactor
	case p.Factor < 1:
		return 1
	}
	return p.Factor
}

func (p Policy) stable() time.Duration {
	if p.Stable <= 0 {
		return defaultStable
	}
	return p.Stable
}

func (p Policy) decide() func(CloseEvent, bool) bool {
	if p.Decide == nil {
		return ShouldReconnect
	}
	return p.Decide
}

// Delay returns the wait before the next dial after attempt+1 consecutive
// failures: Delay(0) follows the first failure, or the close of a
// connection that was stable. With d = min(Max, Min * Factor^attempt), the
// delay is drawn uniformly from [d/2, d], so that many clients closed at
// once by one server restart do not come back in step. It is never above
// Max and never below min(Min, Max)/2; a negative attempt counts as 0, and
// a huge one (math.MaxInt) gives d = Max, without overflow. The zero or
// negative fields take their defaults, as in Policy.
func (p Policy) Delay(attempt int) time.Duration {
	lo, hi := p.min(), p.max()
	d := hi
	if lo < hi {
		if attempt < 0 {
			attempt = 0
		}
		// In floating point, where a huge attempt gives +Inf rather than
		// wrapping around; the comparison keeps d within Max.
		if f := float64(lo) * math.Pow(p.factor(), float64(attempt)); f < float64(hi) {
			d = time.Duration(f)
		}
	}
	half := d / 2
	return half + time.Duration(rand.Int64N(int64(d-half)+1))
}
