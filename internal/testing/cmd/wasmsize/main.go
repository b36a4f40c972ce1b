// Command wasmsize prints the raw and gzip sizes of wasm binaries, and
// checks them against closeshim's two size budgets.
//
//	wasmsize [-budget 40960] [-max-ratio 1.25] [-aim 1.15] floor.wasm minimal.wasm withcloseevent.wasm shim.wasm
//
// floor.wasm is Go's floor (internal/testing/sizecheck/floor), minimal.wasm
// and withcloseevent.wasm the programs whose gzip difference is what
// package closeevent costs, and shim.wasm is web/main.wasm. It prints the
// shim's gzip size as a ratio to the floor's, and exits 1 when closeevent
// adds more than -budget gzip bytes or the ratio is over -max-ratio.
package main

import (
	"bytes"
	"compress/gzip"
	"flag"
	"fmt"
	"os"
	"path/filepath"
)

func main() {
	budget := flag.Int("budget", 40*1024, "most gzip bytes closeevent may add to a program")
	maxRatio := flag.Float64("max-ratio", 1.25, "largest gzip size of the shim as a multiple of the floor's")
	aim := flag.Float64("aim", 1.15, "the ratio aimed at (reported, not enforced)")
	flag.Parse()
	if flag.NArg() != 4 {
		fmt.Fprintln(os.Stderr, "usage: wasmsize [-budget N] [-max-ratio R] [-aim R] floor.wasm minimal.wasm withcloseevent.wasm shim.wasm")
		os.Exit(2)
	}
	type size struct{ raw, gz int }
	sizes := make([]size, flag.NArg())
	fmt.Printf("%-28s %12s %12s\n", "binary", "raw bytes", "gzip -9")
	for i, path := range flag.Args() {
		b, err := os.ReadFile(path)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		sizes[i] = size{len(b), gzipSize(b)}
		fmt.Printf("%-28s %12d %12d\n", filepath.Base(path), len(b), sizes[i].gz)
	}
	floor, minimal, with, shim := sizes[0], sizes[1], sizes[2], sizes[3]

	failed := false
	dRaw, dGz := with.raw-minimal.raw, with.gz-minimal.gz
	fmt.Printf("%-28s %+12d %+12d  (budget %d gzip bytes)\n", "closeevent costs", dRaw, dGz, *budget)
	if dGz > *budget {
		fmt.Printf("FAIL: closeevent adds %d gzip bytes, over the budget of %d\n", dGz, *budget)
		failed = true
	}

	ratio := float64(shim.gz) / float64(floor.gz)
	fmt.Printf("%-28s %11.2fx %11.2fx  (gzip limit %.2fx, aim %.2fx)\n", "shim / floor",
		float64(shim.raw)/float64(floor.raw), ratio, *maxRatio, *aim)
	if ratio > *maxRatio {
		over := shim.gz - int(*maxRatio*float64(floor.gz))
		fmt.Printf("FAIL: %s is %.2fx the floor in gzip bytes, over the limit of %.2fx by %d bytes\n",
			filepath.Base(flag.Arg(3)), ratio, *maxRatio, over)
		failed = true
	}
	if failed {
		os.Exit(1)
	}
	fmt.Println("ok: within both budgets")
}

// gzipSize is the length of b compressed with gzip at its best level.
func gzipSize(b []byte) int {
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	w.Write(b)
	w.Close()
	return buf.Len()
}
