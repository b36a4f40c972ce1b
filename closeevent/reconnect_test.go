package closeevent

import (
	"math"
	"testing"
	"time"
)

// ceiling returns d, the top of Delay(attempt)'s range, computed here the
// long way: Min doubled (or multiplied) attempt times, capped at Max.
func ceiling(p Policy, attempt int) time.Duration {
	lo, hi, f := p.min(), p.max(), p.factor()
	if lo >= hi {
		return hi
	}
	if f == 1 {
		return lo
	}
	d := float64(lo)
	for i := 0; i < attempt && d < float64(hi); i++ {
		d *= f
	}
	if d >= float64(hi) {
		return hi
	}
	return time.Duration(d)
}

// Every draw lies in [d/2, d], never above Max, never below
// min(Min, Max)/2, over the whole attempt range.
func TestDelay_Bounds(t *testing.T) {
	policies := []Policy{
		{},
		{Min: 10 * time.Millisecond, Max: 80 * time.Millisecond},
		{Min: time.Second, Max: time.Second},
		{Min: 2 * time.Second, Max: time.Second}, // Min above Max
		{Min: time.Nanosecond, Max: time.Duration(math.MaxInt64), Factor: 10},
		{Min: 100 * time.Millisecond, Max: time.Hour, Factor: 1.5},
		{Min: 100 * time.Millisecond, Max: time.Hour, Factor: 0.5}, // counts as 1
		{Min: -time.Second, Max: -time.Second, Factor: -3},         // all defaults
		{Factor: math.NaN()},
		{Factor: math.Inf(1)},
	}
	attempts := []int{math.MinInt, -1, 0, 1, 2, 3, 5, 10, 30, 62, 63, 64, 100, 1023, 1024, 1 << 20, math.MaxInt32, math.MaxInt - 1, math.MaxInt}
	for _, p := range policies {
		floor := min(p.min(), p.max()) / 2
		for _, a := range attempts {
			d := ceiling(p, max(a, 0))
			if p.factor() == math.Inf(1) && a > 0 {
				d = p.max()
			}
			for range 200 {
				got := p.Delay(a)
				if got < d/2 || got > d {
					t.Fatalf("%+v.Delay(%d) = %v, want in [%v, %v]", p, a, got, d/2, d)
				}
				if got > p.max() || got < floor {
					t.Fatalf("%+v.Delay(%d) = %v, want in [min(Min, Max)/2, Max] = [%v, %v]", p, a, got, floor, p.max())
				}
			}
		}
	}
}

// The defaults: Min 500 ms, Max 30 s, Factor 2.
func TestDelay_Defaults(t *testing.T) {
	var p Policy
	want := []time.Duration{500 * time.Millisecond, time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second, 16 * time.Second, 30 * time.Second, 30 * time.Second}
	for a, d := range want {
		if got := ceiling(p, a); got != d {
			t.Errorf("ceiling of the zero Policy at attempt %d = %v, want %v", a, got, d)
		}
		lo, hi := time.Duration(math.MaxInt64), time.Duration(0)
		for range 2000 {
			got := p.Delay(a)
			lo, hi = min(lo, got), max(hi, got)
		}
		if lo < d/2 || hi > d || hi-lo < d/4 {
			t.Errorf("zero Policy, Delay(%d) ranged over [%v, %v], want within [%v, %v] and spread over most of it", a, lo, hi, d/2, d)
		}
	}
	if p.stable() != 10*time.Second || p.MaxAttempts != 0 {
		t.Errorf("zero Policy: Stable %v, MaxAttempts %d; want 10s and no limit", p.stable(), p.MaxAttempts)
	}
	if p.decide()(CloseEvent{Code: ServiceRestart}, false) != true || p.decide()(CloseEvent{Code: NormalClosure}, false) != false {
		t.Error("zero Policy's Decide is not ShouldReconnect")
	}
	if f := (Policy{Factor: 0.25}).factor(); f != 1 {
		t.Errorf("Factor 0.25 counts as %v, want 1", f)
	}
	if d := (Policy{Min: time.Second, Max: time.Minute, Factor: 0.5}).Delay(40); d < 500*time.Millisecond || d > time.Second {
		t.Errorf("Factor 0.5: Delay(40) = %v, want within [500ms, 1s]: no growth, no shrinking", d)
	}
}

// Many draws spread uniformly over [d/2, d]: their mean is near 3d/4, each
// quarter of the range gets its share, and no value dominates, so clients
// closed together by one restart do not come back in step.
func TestDelay_Spread(t *testing.T) {
	p := Policy{Min: 100 * time.Millisecond, Max: 10 * time.Second}
	for _, a := range []int{0, 3, 50} {
		d := ceiling(p, a)
		const n = 100000
		var sum float64
		var quarters [4]int
		seen := map[time.Duration]int{}
		for range n {
			got := p.Delay(a)
			sum += float64(got)
			q := int(4 * float64(got-d/2) / float64(d-d/2+1))
			quarters[q]++
			seen[got]++
		}
		mean := sum / n
		if want := 0.75 * float64(d); math.Abs(mean-want) > 0.01*float64(d) {
			t.Errorf("Delay(%d): mean of %d draws %v, want %v within 1%% of d=%v", a, n, time.Duration(mean), time.Duration(want), d)
		}
		for i, c := range quarters {
			if c < n/4*9/10 || c > n/4*11/10 {
				t.Errorf("Delay(%d): quarter %d of [d/2, d] got %d of %d draws, want about %d", a, i, c, n, n/4)
			}
		}
		for v, c := range seen {
			if c > n/100 {
				t.Errorf("Delay(%d) = %v in %d of %d draws: clients would come back in step", a, v, c, n)
			}
		}
	}
}

// ShouldReconnect: never after a local close; otherwise as Retryable,
// code by code, over the whole code space.
func TestShouldReconnect(t *testing.T) {
	for c := 0; c <= 0xFFFF; c++ {
		e := CloseEvent{Type: "close", Code: Code(c)}
		if ShouldReconnect(e, true) {
			t.Fatalf("ShouldReconnect(%d, local) = true, want false", c)
		}
		if got, want := ShouldReconnect(e, false), Code(c).Retryable(); got != want {
			t.Fatalf("ShouldReconnect(%d, remote) = %v, want %v (Retryable)", c, got, want)
		}
	}
	for _, tc := range []struct {
		code Code
		want bool
	}{{1000, false}, {1001, true}, {1006, true}, {1008, false}, {1012, true}, {1013, true}, {1015, false}, {3000, false}, {3008, true}, {4000, false}} {
		if got := ShouldReconnect(CloseEvent{Code: tc.code, WasClean: true}, false); got != tc.want {
			t.Errorf("ShouldReconnect(%d, remote) = %v, want %v", tc.code, got, tc.want)
		}
	}
}
