//go:build js && wasm

package main

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/closeshim/closeshim/internal/jsguard"
	"github.com/hack-pad/safejs"
)

// exports are the JS API's members that are functions, by their fixed
// names (issue 4); version is the one that is not.
func (b *builtins) exports() []export {
	return []export{
		{"decode", b.decode},
		{"describe", b.describe},
		{"validateClose", b.validateClose},
		{"truncateReason", b.truncateReason},
		{"create", b.create},
		{"watch", b.watch},
		{"track", b.track},
		{"shouldReconnect", b.shouldReconnect},
		{"reconnect", b.reconnect},
	}
}

type export struct {
	name string
	impl func(args []safejs.Value) (any, error)
}

// register makes the exports and hands them to the loader: os.Args[1] names
// the function web/closeevent.js put on globalThis to receive them.
func register() error {
	b, err := loadBuiltins()
	if err != nil {
		return err
	}
	if len(os.Args) < 2 || os.Args[1] == "" {
		return errors.New("started without the name of the loader's register function; load main.wasm with web/closeevent.js")
	}
	receive, err := b.get(b.global, os.Args[1])
	if err != nil || !isFunction(receive) {
		return fmt.Errorf("globalThis[%q] is not the loader's register function; load main.wasm with web/closeevent.js", os.Args[1])
	}
	pairs := []any{"version", version}
	for _, e := range b.exports() {
		// The functions live as long as the program: never released.
		fn, err := safejs.FuncOf(b.guard(e.name, e.impl))
		if err != nil {
			return fmt.Errorf("making %s: %w", e.name, err)
		}
		pairs = append(pairs, e.name, fn.Value())
	}
	obj, err := b.object(pairs...)
	if err != nil {
		return errors.New("building the exports object failed: Array.of or Object.fromEntries threw")
	}
	if _, err := receive.Invoke(obj); err != nil {
		return errors.New("the loader's register function threw")
	}
	return nil
}

// guard wraps an export as a js.Func body that never panics: a panic
// (a bug) becomes an Error naming the member, and the program lives on.
func (b *builtins) guard(name string, impl func([]safejs.Value) (any, error)) func(safejs.Value, []safejs.Value) any {
	return func(_ safejs.Value, args []safejs.Value) (out any) {
		defer func() {
			if p := recover(); p != nil {
				out = b.result(nil, &apiError{kind: "Error", msg: "closeevent." + name + ": internal error (please report): " + jsguard.PanicText(p)})
			}
		}()
		return b.result(impl(args))
	}
}

// trimPrefix drops package closeevent's "closeevent: " from an error text,
// since the JS API's messages start with the member's name.
func trimPrefix(s string) string { return strings.TrimPrefix(s, "closeevent: ") }
