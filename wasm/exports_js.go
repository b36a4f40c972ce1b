//go:build js && wasm

package main

import (
	"errors"
	"strings"
	"syscall"

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

// registerEnv is the environment variable (go.env in wasm_exec.js) that
// names the function web/closeevent.js put on globalThis to receive the
// exports. Read with syscall.Getenv: package os would cost the shim its
// init and its files (`make size`).
const registerEnv = "CLOSESHIM_REGISTER"

// register makes the exports and hands them to the loader, through the
// function registerEnv names.
func register() error {
	b, err := loadBuiltins()
	if err != nil {
		return err
	}
	key, _ := syscall.Getenv(registerEnv)
	if key == "" {
		return errors.New("started without the name of the loader's register function; load main.wasm with web/closeevent.js")
	}
	receive, err := b.get(b.global, key)
	if err != nil || !isFunction(receive) {
		return errors.New("globalThis[\"" + key + "\"] is not the loader's register function; load main.wasm with web/closeevent.js")
	}
	pairs := []any{"version", version}
	for _, e := range b.exports() {
		// The functions live as long as the program: never released.
		fn, err := safejs.FuncOf(b.guard(e.name, e.impl))
		if err != nil {
			return errors.New("making " + e.name + ": " + err.Error())
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
