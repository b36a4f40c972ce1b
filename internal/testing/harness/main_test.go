//go:build !js

package harness

import (
	"os"
	"testing"
)

// TestMain removes the built copy of web/ (siteDir) after the tests.
func TestMain(m *testing.M) {
	code := m.Run()
	if site.dir != "" {
		os.RemoveAll(site.dir)
	}
	os.Exit(code)
}
