// Command benchratio reads `go test -bench` output (several -count runs),
// takes the median ns/op of each benchmark, and prints the ratios that the
// README's "Speed and size" table sets targets for, each against the naive
// code measured in the same run. It exits 1 when a target is missed.
//
//	go test -bench . -count 6 ... | tee bench.txt; benchratio bench.txt
package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"
)

// A ratio compares two benchmarks: num/den of their median ns/op. For a
// rate (events per second) the ratio is den/num, so that higher is better.
type ratio struct {
	what     string
	num, den string
	rate     bool
	max, min float64 // the target: ratio <= max, or ratio >= min; 0 for none
}

var ratios = []ratio{
	{what: "FromJS vs naive 9-field read, short reason", num: "BenchmarkRead/FromJS/short", den: "BenchmarkRead/Naive9/short", max: 1.0},
	{what: "FromJS vs naive 9-field read, 123-byte reason", num: "BenchmarkRead/FromJS/123B", den: "BenchmarkRead/Naive9/123B", max: 1.0},
	{what: "FromJS vs naive 3-field read, short reason (stretch)", num: "BenchmarkRead/FromJS/short", den: "BenchmarkRead/Naive3/short"},
	{what: "FromJS vs naive 3-field read, 123-byte reason (stretch)", num: "BenchmarkRead/FromJS/123B", den: "BenchmarkRead/Naive3/123B"},
	{what: "OnClose dispatch rate vs bare js.FuncOf listener", num: "BenchmarkDispatch/OnClose", den: "BenchmarkDispatch/BareFuncOf", rate: true, min: 0.9},
	{what: "decode() from JS vs a plain JS copy of the fields", num: "BenchmarkDecodeFromJS/Shim", den: "BenchmarkDecodeFromJS/PlainJS"},
}

func main() {
	var in io.Reader = os.Stdin
	if len(os.Args) > 1 {
		f, err := os.Open(os.Args[1])
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		defer f.Close()
		in = f
	}
	samples := parse(in)
	med := map[string]float64{}
	for name, xs := range samples {
		med[name] = median(xs)
	}
	fmt.Printf("%-58s %12s %12s %8s  %s\n", "ratio (median of runs)", "ns/op", "baseline", "ratio", "target")
	failed := false
	for _, r := range ratios {
		n, okN := med[r.num]
		d, okD := med[r.den]
		if !okN || !okD {
			fmt.Printf("%-58s missing: %s or %s not in the input\n", r.what, r.num, r.den)
			failed = true
			continue
		}
		x := n / d
		if r.rate {
			x = d / n
		}
		target, verdict := "-", ""
		switch {
		case r.max > 0:
			target = fmt.Sprintf("<= %.2f", r.max)
			if x > r.max {
				verdict, failed = "  MISSED", true
			}
		case r.min > 0:
			target = fmt.Sprintf(">= %.2f", r.min)
			if x < r.min {
				verdict, failed = "  MISSED", true
			}
		}
		fmt.Printf("%-58s %12.0f %12.0f %7.2fx  %s%s  (n=%d)\n", r.what, n, d, x, target, verdict, len(samples[r.num]))
	}
	if failed {
		fmt.Println("benchratio: a target was missed")
		os.Exit(1)
	}
	fmt.Println("benchratio: every target met")
}

// parse collects the ns/op figures of each benchmark line.
func parse(in io.Reader) map[string][]float64 {
	out := map[string][]float64{}
	sc := bufio.NewScanner(in)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 4 || !strings.HasPrefix(f[0], "Benchmark") {
			continue
		}
		for i := 2; i+1 < len(f); i += 2 {
			if f[i+1] == "ns/op" {
				if v, err := strconv.ParseFloat(f[i], 64); err == nil {
					name := f[0]
					if j := strings.LastIndexByte(name, '-'); j > 0 && isDigits(name[j+1:]) {
						name = name[:j] // the GOMAXPROCS suffix
					}
					out[name] = append(out[name], v)
				}
			}
		}
	}
	return out
}

func isDigits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return s != ""
}

func median(xs []float64) float64 {
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}
