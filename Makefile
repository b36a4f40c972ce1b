# closeshim: `make test` runs every test; `make run` starts the demo.
# Everything a test needs is installed here, so a fresh machine passes.

GO       ?= go
ADDR     ?= 127.0.0.1:8080
# ORIGINS: extra origin patterns (comma-separated, e.g. 'localhost:*') whose
# pages may open WebSockets to `make run`'s server; its -origins flag.
ORIGINS  ?=
FUZZTIME ?= 30s
# PKGS and RUN narrow the test targets while working on one part, e.g.
# `make test-browser PKGS=./closeevent RUN=TestNext`; `make test` runs all.
PKGS     ?= ./...
RUN      ?=

# Go tools, pinned, installed into .tools/bin with go install.
TOOLS                   := $(CURDIR)/.tools/bin
WASMBROWSERTEST_VERSION := v0.11.0
WASMBROWSERTEST         := $(TOOLS)/wasmbrowsertest-$(WASMBROWSERTEST_VERSION)
WITHSERVER              := $(TOOLS)/withserver
WASMEXEC                := $(TOOLS)/wasmexec
# TypeScript from npm, pinned, installed into .tools/typescript-VERSION.
TYPESCRIPT_VERSION      := 6.0.3
TSC                     := $(CURDIR)/.tools/typescript-$(TYPESCRIPT_VERSION)/node_modules/.bin/tsc

# wasm_exec.js and go_js_wasm_exec ship with the toolchain that builds the
# wasm, and must match it (docs/engines.md, "wasm_exec.js and syscall/js").
GOROOT    := $(shell $(GO) env GOROOT)
WASM_EXEC := $(firstword $(wildcard $(GOROOT)/lib/wasm/wasm_exec.js $(GOROOT)/misc/wasm/wasm_exec.js))
WASM_DIR  := $(dir $(WASM_EXEC))

# The js/wasm tests run with a small, fixed environment: wasm_exec.js gives a
# Go program a fixed budget for its arguments and environment together
# (docs/engines.md, "wasm_exec.js and syscall/js"), and wasmbrowsertest
# passes the whole environment on.
JS_ENV = env -i PATH="$(WASM_DIR):$$PATH" HOME="$$HOME" \
	GOCACHE="$(shell $(GO) env GOCACHE)" GOMODCACHE="$(shell $(GO) env GOMODCACHE)" \
	GOPROXY="$(shell $(GO) env GOPROXY)" GOFLAGS="$(shell $(GO) env GOFLAGS)" GOTOOLCHAIN=local \
	GOOS=js GOARCH=wasm

.PHONY: all build run test check typecheck package test-native test-node test-browser test-engines compat fuzz size bench soak browsers node tools clean

all: build

## build: web/main.wasm and the matching web/wasm_exec.js.
build: web/main.wasm web/wasm_exec.js

web/main.wasm: FORCE
	GOOS=js GOARCH=wasm $(GO) build -trimpath -o $@ ./wasm

web/wasm_exec.js: FORCE
	@test -n "$(WASM_EXEC)" || { echo "no wasm_exec.js in $(GOROOT)"; exit 1; }
	cp "$(WASM_EXEC)" $@

## run: build the shim and serve the demo on ADDR (default 127.0.0.1:8080), admitting WebSockets from ORIGINS too.
run: build
	ADDR=$(ADDR) $(GO) run ./web/server -origins '$(ORIGINS)'

## test: formatting, vet (native and js/wasm) and every test, in Node, Chromium, Firefox and WebKit.
test: check typecheck test-native test-node test-browser test-engines

## check: gofmt, go vet (natively and for GOOS=js GOARCH=wasm) and jsguardcheck, which fails on a JavaScript operation made outside internal/jsguard.
check:
	@out=$$(gofmt -l .); \
	  if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	GOOS=js GOARCH=wasm $(GO) vet ./...
	@mkdir -p $(TOOLS)
	$(GO) build -o $(TOOLS)/jsguardcheck ./internal/testing/cmd/jsguardcheck
	GOOS=js GOARCH=wasm $(TOOLS)/jsguardcheck ./...

## typecheck: tsc --noEmit on a TypeScript consumer of web/closeevent.d.ts (web/test/types/tsconfig.json) and on the project's JavaScript (web/jsconfig.json).
typecheck: $(TSC)
	$(TSC) -p web/test/types/tsconfig.json
	$(TSC) -p web/jsconfig.json

## test-native: the native tests (fuzz seed corpora; the JS harness, the demo, the compat page and the npm package's consumer in all three engines) under the race detector.
test-native: browsers node
	CLOSESHIM_REQUIRE_BROWSER=1 $(GO) test -race -count=1 -timeout=30m -run='$(RUN)' $(PKGS)

## test-node: the js/wasm tests in Node.js, with Go's own go_js_wasm_exec.
test-node: node $(WITHSERVER)
	$(JS_ENV) $(WITHSERVER) -faults -- $(GO) test -count=1 -run='$(RUN)' $(PKGS)

## test-browser: the js/wasm tests in headless Chromium, through wasmbrowsertest.
test-browser: browsers $(WASMBROWSERTEST) $(WITHSERVER)
	$(JS_ENV) $(WITHSERVER) -faults -- $(GO) test -count=1 -run='$(RUN)' -exec="$(WASMBROWSERTEST)" $(PKGS)

## test-engines: the js/wasm tests in headless Firefox and WebKit, through internal/testing/cmd/wasmexec.
# None is skipped: where an engine cannot do what a test asks, the test
# asserts the engine's row of internal/testing/enginetable instead.
test-engines: browsers $(WASMEXEC) $(WITHSERVER)
	$(JS_ENV) $(WITHSERVER) -faults -- $(GO) test -count=1 -exec="$(WASMEXEC) -engine=firefox" -run='$(RUN)' $(PKGS)
	$(JS_ENV) $(WITHSERVER) -faults -- $(GO) test -count=1 -exec="$(WASMEXEC) -engine=webkit" -run='$(RUN)' $(PKGS)

## compat: what each engine itself reports on a fixed list of close scenarios, written to docs/compat.md.
compat: browsers
	$(GO) run ./internal/testing/cmd/compat -out docs/compat.md

## fuzz: every fuzz target for FUZZTIME each.
fuzz:
	@set -e; for pkg in $$($(GO) list ./...); do \
	  for target in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz' || true); do \
	    echo "== $$pkg $$target ($(FUZZTIME))"; \
	    $(GO) test -run='^$$' -fuzz="^$$target$$" -fuzztime=$(FUZZTIME) $$pkg; \
	  done; \
	done

## package: the npm tarball of package closeshim (web/package.json: the shim, its wasm_exec.js, both loaders, the types) in .build/, with npm pack.
package: build | node
	@mkdir -p .build
	rm -f .build/closeshim-*.tgz
	cd web && npm pack --pack-destination $(CURDIR)/.build

## size: gzip bytes of Go's floor (syscall/js, no fmt), of a minimal program with and without closeevent, and of web/main.wasm as a ratio to the floor, built in one run; exits 1 when closeevent adds over 40 KB gzip or the shim is over 1.25x the floor.
size: web/main.wasm
	@mkdir -p .build
	GOOS=js GOARCH=wasm $(GO) build -trimpath -o .build/floor.wasm ./internal/testing/sizecheck/floor
	GOOS=js GOARCH=wasm $(GO) build -trimpath -o .build/minimal.wasm ./internal/testing/sizecheck/minimal
	GOOS=js GOARCH=wasm $(GO) build -trimpath -o .build/withcloseevent.wasm ./internal/testing/sizecheck/withcloseevent
	@$(GO) run ./internal/testing/cmd/wasmsize .build/floor.wasm .build/minimal.wasm .build/withcloseevent.wasm web/main.wasm

## soak: the long load, fault, hostile-value and leak tests in each of ENGINES (default all three), with a summary per engine.
# Each group runs in a page of its own: a page that has read a million
# hostile values keeps a heap of gigabytes, in which WebKit stalls
# (docs/engines.md, "Engines"); a real page never carries that into its
# sockets.
ENGINES     ?= chromium,firefox,webkit
SOAK_GROUPS := TestFault TestLoad TestFromJS_HostileValues TestLeak
soak: browsers $(WASMBROWSERTEST) $(WASMEXEC) $(WITHSERVER)
	@mkdir -p .build
	@status=0; for e in $$(echo '$(ENGINES)' | tr ',' ' '); do \
	  case $$e in \
	    chromium) exec='$(WASMBROWSERTEST)' ;; \
	    firefox|webkit) exec="$(WASMEXEC) -engine=$$e" ;; \
	    *) echo "soak: unknown engine $$e (ENGINES takes chromium, firefox, webkit)"; exit 2 ;; \
	  esac; \
	  echo "== soak in $$e (log: .build/soak-$$e.txt)"; start=$$(date +%s); rc=0; : > .build/soak-$$e.txt; \
	  for g in $(SOAK_GROUPS); do \
	    $(JS_ENV) CLOSESHIM_SOAK=1 $(WITHSERVER) -faults -- $(GO) test -count=1 -v -timeout=60m \
	      -run "^$$g" -exec="$$exec" ./closeevent >> .build/soak-$$e.txt 2>&1 || rc=1; \
	  done; \
	  [ $$rc -eq 0 ] || status=1; \
	  grep -E '^(--- FAIL|FAIL|ok)' .build/soak-$$e.txt; \
	  awk -v e=$$e -v secs=$$(( $$(date +%s) - start )) -v rc=$$rc \
	    '/soak figure:/ { for (i = 1; i <= NF; i++) if ($$i == "figure:") { n[$$(i+1)] += $$(i+2); lost[$$(i+1)] += $$(i+4) } } \
	     END { printf "soak %s: %s in %dm%02ds:", e, (rc ? "FAILED" : "passed"), secs / 60, secs % 60; \
	       split("sockets drops hostile listeners decodes", k, " "); \
	       for (j = 1; j <= 5; j++) printf " %d %s (lost %d)%s", n[k[j]], k[j], lost[k[j]], (j < 5 ? "," : "\n") }' .build/soak-$$e.txt; \
	done; exit $$status

## bench: the speed targets, as medians of BENCHCOUNT runs in headless Chromium against the naive code.
BENCHCOUNT ?= 6
bench: browsers $(WASMBROWSERTEST)
	@mkdir -p .build
	$(JS_ENV) $(GO) test -run='^$$' -bench='Read|Dispatch' -count=$(BENCHCOUNT) -exec="$(WASMBROWSERTEST)" ./closeevent | tee .build/bench.txt
	$(JS_ENV) $(GO) test -run='^$$' -bench='DecodeFromJS' -count=$(BENCHCOUNT) -exec="$(WASMBROWSERTEST)" ./wasm | tee -a .build/bench.txt
	@$(GO) run ./internal/testing/cmd/benchratio .build/bench.txt

## browsers: install Chromium, Firefox ESR, WebKitWebDriver (with WebKitGTK's MiniBrowser) and Xvfb from Debian when missing.
browsers:
	@scripts/ensure-packages.sh chromium=chromium firefox-esr=firefox-esr WebKitWebDriver=webkit2gtk-driver Xvfb=xvfb

## node: install Node.js and npm from Debian when missing (go_js_wasm_exec runs on node; Debian's nodejs comes without npm).
node:
	@scripts/ensure-packages.sh node=nodejs npm=npm

$(TSC): | node
	npm install --prefix $(CURDIR)/.tools/typescript-$(TYPESCRIPT_VERSION) --no-save --no-audit --no-fund \
	  --loglevel=error typescript@$(TYPESCRIPT_VERSION)

$(WASMBROWSERTEST):
	@mkdir -p $(TOOLS)
	GOBIN=$(TOOLS) $(GO) install github.com/agnivade/wasmbrowsertest@$(WASMBROWSERTEST_VERSION)
	mv $(TOOLS)/wasmbrowsertest $@

$(WASMEXEC): FORCE
	@mkdir -p $(TOOLS)
	$(GO) build -o $@ ./internal/testing/cmd/wasmexec

$(WITHSERVER): FORCE
	@mkdir -p $(TOOLS)
	$(GO) build -o $@ ./internal/testing/cmd/withserver

clean:
	rm -rf .tools .build web/main.wasm web/wasm_exec.js

FORCE:
