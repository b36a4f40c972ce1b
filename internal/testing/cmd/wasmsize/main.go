// Command wasmsize prints the raw and gzip sizes of wasm binaries, and
// checks the cost of package closeevent against its budget.
//
//	wasmsize -budget 40960 minimal.wasm withcloseevent.wasm [more.wasm ...]
//
// The first two files are the baseline and the program using closeevent;
// it exits 1 when the gzip difference between them is over -budget bytes.
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
	flag.Parse()
	if flag.NArg() < 2 {
		fmt.Fprintln(os.Stderr, "usage: wasmsize [-budget N] baseline.wasm with.wasm [more.wasm ...]")
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
		var buf bytes.Buffer
		w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		w.Write(b)
		w.Close()
		sizes[i] = size{len(b), buf.Len()}
		fmt.Printf("%-28s %12d %12d\n", filepath.Base(path), len(b), buf.Len())
	}
	dRaw, dGz := sizes[1].raw-sizes[0].raw, sizes[1].gz-sizes[0].gz
	fmt.Printf("%-28s %+12d %+12d  (budget %d gzip bytes)\n", "closeevent costs", dRaw, dGz, *budget)
	if dGz > *budget {
		fmt.Printf("FAIL: closeevent adds %d gzip bytes, over the budget of %d\n", dGz, *budget)
		os.Exit(1)
	}
	fmt.Println("ok: within budget")
}
