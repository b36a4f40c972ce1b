//go:build !js

package harness

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/closeshim/closeshim/internal/testing/engine"
)

// packageFiles is what the npm tarball of closeshim holds, no more: the
// shim, the wasm_exec.js of the toolchain that built it, both loaders and
// their types.
var packageFiles = []string{
	"closeevent.d.ts", "closeevent.js", "closeevent.mjs", "main.wasm",
	"package.json", "wasm_exec.d.ts", "wasm_exec.js",
}

// consumerPages are the pages of web/test/consumer, each loading the
// installed package its own way.
var consumerPages = []string{"script.html", "module.html", "both.html"}

// npmCommand returns the path of npm, or skips the test when it is missing
// and EnvRequireBrowser is unset (`make test` installs it with `make node`).
func npmCommand(t *testing.T) string {
	t.Helper()
	npm, err := exec.LookPath("npm")
	if err != nil {
		if os.Getenv(EnvRequireBrowser) == "" {
			t.Skipf("npm not found (%v); `make node` installs it, or set %s=1 to make this a failure", err, EnvRequireBrowser)
		}
		t.Fatalf("%s is set but npm is not installed: %v", EnvRequireBrowser, err)
	}
	return npm
}

// runIn runs a command in dir and returns its standard output.
func runIn(t *testing.T, dir, name string, args ...string) []byte {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s %s in %s: %v\n%s%s", name, strings.Join(args, " "), dir, err, out, stderr.Bytes())
	}
	return out
}

// TestNPMPackage packs web/ as `make package` does (npm pack, with
// web/package.json), checks what the tarball holds, installs it into an
// empty project with `npm install ./closeshim-*.tgz`, serves that project
// with closeserver (so it also has /ws) and loads the shim from
// node_modules in every engine three ways: script tags, an import, and both
// on one page. Each page decodes a real close from the server.
func TestNPMPackage(t *testing.T) {
	npm := npmCommand(t)
	site := siteDir(t)
	root := repoRoot(t)

	// npm pack, as `make package` runs it in web/.
	packed := t.TempDir()
	out := runIn(t, site, npm, "pack", "--json", "--pack-destination", packed)
	var packs []struct {
		Filename string `json:"filename"`
		Files    []struct {
			Path string `json:"path"`
		} `json:"files"`
	}
	if err := json.Unmarshal(out, &packs); err != nil || len(packs) != 1 {
		t.Fatalf("npm pack --json: %v in %s", err, out)
	}
	tarball := filepath.Join(packed, packs[0].Filename)
	contents := tarContents(t, tarball)
	var names []string
	for name := range contents {
		names = append(names, name)
	}
	slices.Sort(names)
	t.Logf("%s holds %s", packs[0].Filename, strings.Join(names, ", "))
	if !slices.Equal(names, packageFiles) {
		t.Errorf("the tarball holds %q, want exactly %q", names, packageFiles)
	}

	// main.wasm and wasm_exec.js come from the same toolchain: the one
	// that built the site (siteDir copies its wasm_exec.js).
	for _, name := range []string{"main.wasm", "wasm_exec.js"} {
		want, err := os.ReadFile(filepath.Join(site, name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(contents[name], want) {
			t.Errorf("the tarball's %s differs from the one just built (%d bytes, want %d)", name, len(contents[name]), len(want))
		}
	}
	checkExports(t, contents["package.json"])

	// An empty project that installs the tarball and nothing else. No
	// dependencies: it installs offline.
	project := t.TempDir()
	if err := os.WriteFile(filepath.Join(project, "package.json"),
		[]byte(`{"name": "closeshim-consumer", "version": "1.0.0", "private": true}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := copyFile(tarball, filepath.Join(project, packs[0].Filename)); err != nil {
		t.Fatal(err)
	}
	runIn(t, project, npm, "install", "--offline", "--no-audit", "--no-fund", "./"+packs[0].Filename)
	installed, err := os.ReadDir(filepath.Join(project, "node_modules"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range installed {
		if e.Name() != "closeshim" && !strings.HasPrefix(e.Name(), ".") {
			t.Errorf("node_modules holds %s: the package must bring no other package", e.Name())
		}
	}
	for _, dir := range []string{filepath.Join(root, "web", "test", "consumer"), filepath.Join(root, "web", "test")} {
		if err := copyPages(dir, project); err != nil {
			t.Fatal(err)
		}
	}

	base := serve(t, project)
	for _, name := range engine.Names {
		t.Run(name, func(t *testing.T) {
			e := newEngine(t, name)
			for _, page := range consumerPages {
				ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
				res, err := engine.Run(ctx, e, base+"/"+page)
				cancel()
				if err != nil {
					t.Errorf("%s in %s: %v\nconsole:\n%s", page, name, err, strings.Join(res.Console, "\n"))
					continue
				}
				var seen struct {
					Seen json.RawMessage `json:"seen"`
				}
				json.Unmarshal(res.Raw, &seen)
				t.Logf("npm consumer %s in %s (%s): %s, decoded %s", page, name, res.Version, res.Summary(), seen.Seen)
				if err := res.Err(); err != nil {
					t.Errorf("%s in %s: %v\nconsole:\n%s", page, name, err, strings.Join(res.Console, "\n"))
				}
			}
		})
	}
}

// tarContents returns the regular files of an npm tarball by their path
// below "package/".
func tarContents(t *testing.T, path string) map[string][]byte {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	tr := tar.NewReader(zr)
	files := map[string][]byte{}
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return files
		}
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if h.Typeflag != tar.TypeReg {
			continue
		}
		b, err := io.ReadAll(tr)
		if err != nil {
			t.Fatal(err)
		}
		files[strings.TrimPrefix(h.Name, "package/")] = b
	}
}

// checkExports checks that every conditional export of package.json names
// "types" first (conditions match in order, and TypeScript stops at the
// first it understands) and points at files the package holds.
func checkExports(t *testing.T, pkgJSON []byte) {
	t.Helper()
	var pkg struct {
		Exports map[string]json.RawMessage `json:"exports"`
	}
	if err := json.Unmarshal(pkgJSON, &pkg); err != nil {
		t.Fatalf("package.json: %v", err)
	}
	if _, ok := pkg.Exports["."]; !ok {
		t.Errorf("package.json exports has no \".\": %s", pkgJSON)
	}
	for sub, raw := range pkg.Exports {
		if raw[0] != '{' {
			continue
		}
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.Token() // {
		first, err := dec.Token()
		if err != nil || first != "types" {
			t.Errorf("exports[%q] lists %v first, want \"types\"", sub, first)
		}
	}
}
