//go:build js && wasm

package main

import (
	"errors"
	"syscall"

	"github.com/closeshim/closeshim/internal/jsguard"
	"syscall/js"
)

// exports are the JS API's members that are functions, by their fixed
// names; version is the one that is not.
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
	impl func(args []js.Value) (any, error)
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
		fn, err := jsguard.FuncOf(b.guard(e.name, e.impl))
		if err != nil {
			return errors.New("making " + e.name + ": " + jsguard.Thrown(err).Error())
		}
		pairs = append(pairs, e.name, fn.Value)
	}
	obj, err := b.object(pairs...)
	if err != nil {
		return errors.New("building the exports object failed: Array.of or Object.fromEntries threw")
	}
	if _, err := jsguard.Invoke(receive, obj); err != nil {
		return errors.New("the loader's register function threw")
	}
	return nil
}

// guard wraps an export as a js.Func body that never panics: a panic
// (a bug) becomes an Error naming the member, and the program lives on.
func (b *builtins) guard(name string, impl func([]js.Value) (any, error)) func(js.Value, []js.Value) any {
	return func(_ js.Value, args []js.Value) (out any) {
		defer func() {
			if p := recover(); p != nil {
				out = b.result(nil, &apiError{kind: "Error", msg: "closeevent." + name + ": internal error (please report): " + jsguard.PanicText(p)})
			}
		}()
		return b.result(impl(args))
	}
}

// detail returns an error of package closeevent without its
// "closeevent: Op: " context (its Detail method), since the JS API's
// messages start with the member's name; any other error as it is.
func detail(err error) string {
	if d, ok := err.(interface{ Detail() string }); ok {
		return d.Detail()
	}
	return err.Error()
}
