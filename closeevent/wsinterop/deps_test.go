//go:build !(js && wasm)

package wsinterop_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const coderWebSocket = "github.com/coder/websocket"

// jsDeps returns the packages pkg depends on in a GOOS=js GOARCH=wasm
// build, as go list -deps sees them from the module root.
func jsDeps(t *testing.T, root, pkg string) []string {
	t.Helper()
	// go test puts its own GOROOT/bin first on the test's PATH.
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skipf("no go command on PATH to run go list with: %v", err)
	}
	cmd := exec.Command(goTool, "list", "-deps", "-f", "{{.ImportPath}}", pkg)
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm", "CGO_ENABLED=0")
	out, err := cmd.Output()
	if err != nil {
		var stderr string
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = string(ee.Stderr)
		}
		t.Fatalf("go list -deps %s: %v\n%s", pkg, err, stderr)
	}
	return strings.Fields(string(out))
}

// moduleRoot is two directories up from this package's.
func moduleRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("no go.mod at %s: %v", root, err)
	}
	return root
}

func dependsOnCoder(deps []string) bool {
	return slices.ContainsFunc(deps, func(p string) bool {
		return p == coderWebSocket || strings.HasPrefix(p, coderWebSocket+"/")
	})
}

// Importing closeevent must not pull coder/websocket (a large share of a
// wasm binary; README, "The API at a glance") into a program: only
// wsinterop may import it.
func TestDeps_CloseeventOnlyProgramHasNoCoderWebSocket(t *testing.T) {
	root := moduleRoot(t)
	pkgs := []string{"./closeevent", "./closeevent/wsinterop/testdata/closeeventonly"}
	// The shim's own wasm program, once it exists, imports closeevent
	// without wsinterop too.
	if _, err := os.Stat(filepath.Join(root, "wasm")); err == nil {
		pkgs = append(pkgs, "./wasm")
	}
	for _, pkg := range pkgs {
		deps := jsDeps(t, root, pkg)
		if !slices.Contains(deps, "github.com/closeshim/closeshim/closeevent") {
			t.Errorf("%s: go list -deps does not list closeevent; the check would prove nothing: %v", pkg, deps)
		}
		if slices.Contains(deps, "github.com/closeshim/closeshim/closeevent/wsinterop") {
			t.Errorf("%s imports wsinterop", pkg)
		}
		if dependsOnCoder(deps) {
			t.Errorf("%s depends on %s in a GOOS=js build: %v", pkg, coderWebSocket, deps)
		}
	}
}

// The control: the check above can see coder/websocket where it is.
func TestDeps_WsinteropHasCoderWebSocket(t *testing.T) {
	if deps := jsDeps(t, moduleRoot(t), "./closeevent/wsinterop"); !dependsOnCoder(deps) {
		t.Errorf("go list -deps ./closeevent/wsinterop does not list %s: %v", coderWebSocket, deps)
	}
}
