// Command jsguardcheck reports every JavaScript operation that can throw,
// or that reads again after a throw, made outside internal/jsguard, the
// module's one layer of guarded operations. `make check` runs it over the
// module for GOOS=js GOARCH=wasm:
//
//	GOOS=js GOARCH=wasm jsguardcheck ./...
//
// Each report names the file, the line, the operation and the jsguard
// function to use instead; the exit status is non-zero when there is one.
// Test files are not checked: tests build hostile values with the
// operations the rule forbids.
package main

import "golang.org/x/tools/go/analysis/singlechecker"

func main() { singlechecker.Main(Analyzer) }
