package main

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"
)

// The fixture module in testdata is checked for js/wasm, as `make check`
// checks the module: package bad makes each forbidden operation and every
// one must be reported with its replacement (a "want" comment on its
// line); package good, its test file, the layer itself and the exempt
// tooling must give no report. It loads the real syscall/js and safejs
// (from the module cache, with the proxy off).
func TestAnalyzer(t *testing.T) {
	t.Setenv("GOOS", "js")
	t.Setenv("GOARCH", "wasm")
	t.Setenv("GOFLAGS", "-mod=mod")
	dir, err := filepath.Abs("testdata")
	if err != nil {
		t.Fatal(err)
	}
	analysistest.Run(t, dir, Analyzer,
		"github.com/closeshim/closeshim/bad",
		"github.com/closeshim/closeshim/good",
		"github.com/closeshim/closeshim/internal/jsguard",
		"github.com/closeshim/closeshim/internal/testing/tool",
	)
}
