package main

import (
	"strings"
	"testing"
)

func TestParse_MediansAndSuffixes(t *testing.T) {
	in := `goos: js
BenchmarkRead/FromJS/short   	  100	  7000 ns/op	  24 B/op
BenchmarkRead/FromJS/short   	  100	  9000 ns/op
BenchmarkRead/FromJS/short   	  100	  8000 ns/op
BenchmarkDispatch/OnClose-2  	  100	  20000 ns/op	  50000 events/s
PASS`
	got := parse(strings.NewReader(in))
	if m := median(got["BenchmarkRead/FromJS/short"]); m != 8000 {
		t.Errorf("median = %v, want 8000", m)
	}
	if xs := got["BenchmarkDispatch/OnClose"]; len(xs) != 1 || xs[0] != 20000 {
		t.Errorf("suffixed benchmark = %v, want [20000] under the bare name", xs)
	}
	if m := median([]float64{1, 2, 3, 10}); m != 2.5 {
		t.Errorf("even median = %v, want 2.5", m)
	}
}
