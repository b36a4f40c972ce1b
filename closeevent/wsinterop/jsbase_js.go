//go:build js && wasm

package wsinterop

import (
	"errors"
	"fmt"
	"sync"
	"syscall/js"

	"github.com/closeshim/closeshim/closeevent"
	"github.com/hack-pad/safejs"
)

// Calling JavaScript safely.
//
// As in package closeevent (its jsbase_js.go says why), this package
// touches values it did not create only through calls, which wasm_exec.js
// guards: an exception thrown during Value.Get, Set or InstanceOf would end
// the Go program. So the global object, the original WebSocket constructor
// and the instances it makes are read and written with Reflect.get and
// Reflect.set, and exceptions are turned into text with String(x).

// realm holds the built-ins the package calls, read once.
type realm struct {
	global         safejs.Value
	reflectGet     safejs.Value // Reflect.get
	reflectSet     safejs.Value // Reflect.set
	construct      safejs.Value // Reflect.construct
	proxyRevocable safejs.Value // Proxy.revocable
	objectCreate   safejs.Value // Object.create
	toString       safejs.Value // String
}

var loadRealm = sync.OnceValues(func() (*realm, error) {
	r := &realm{global: safejs.Safe(js.Global())}
	// The one plain Get: Reflect itself, on the global object, as in
	// package closeevent. Everything after goes through Reflect.get.
	reflect, err := r.global.Get("Reflect")
	if err != nil || reflect.Type() != safejs.TypeObject {
		return nil, fmt.Errorf("%w: no Reflect object in this runtime", closeevent.ErrUnsupported)
	}
	if r.reflectGet, err = reflect.Get("get"); err != nil || r.reflectGet.Type() != safejs.TypeFunction {
		return nil, fmt.Errorf("%w: no Reflect.get in this runtime", closeevent.ErrUnsupported)
	}
	r.toString, _ = r.get(r.global, "String")
	r.reflectSet, _ = r.get(reflect, "set")
	r.construct, _ = r.get(reflect, "construct")
	if proxy, err := r.get(r.global, "Proxy"); err == nil {
		r.proxyRevocable, _ = r.get(proxy, "revocable")
	}
	if object, err := r.get(r.global, "Object"); err == nil {
		r.objectCreate, _ = r.get(object, "create")
	}
	for name, f := range map[string]safejs.Value{
		"Reflect.set": r.reflectSet, "Reflect.construct": r.construct,
		"Proxy.revocable": r.proxyRevocable, "Object.create": r.objectCreate,
	} {
		if f.Type() != safejs.TypeFunction {
			return nil, fmt.Errorf("%w: no %s in this runtime", closeevent.ErrUnsupported, name)
		}
	}
	return r, nil
})

// get returns obj[name] through Reflect.get, so that a throwing getter or
// Proxy trap becomes an error.
func (r *realm) get(obj safejs.Value, name string) (safejs.Value, error) {
	v, err := r.reflectGet.Invoke(obj, name)
	if err != nil {
		return safejs.Undefined(), r.thrown(err)
	}
	return v, nil
}

// set does obj[name] = v through Reflect.set and reports whether the
// assignment took effect (Reflect.set returns false for a read-only
// property).
func (r *realm) set(obj safejs.Value, name string, v any) error {
	ok, err := r.reflectSet.Invoke(obj, name, v)
	if err != nil {
		return r.thrown(err)
	}
	if ok.Type() != safejs.TypeBoolean || !safejs.Unsafe(ok).Bool() {
		return fmt.Errorf("the property %s is read-only", name)
	}
	return nil
}

// thrown turns the error of a failed call into a Go error carrying the
// JavaScript exception as text, through String(x) inside a call; it never
// calls js.Error.Error, which reads the exception with Value.Get.
func (r *realm) thrown(err error) error {
	var jsErr js.Error
	if !errors.As(err, &jsErr) {
		return jsError{"a Go panic in the JavaScript bridge"}
	}
	if r.toString.Type() == safejs.TypeFunction {
		if s, err := r.toString.Invoke(safejs.Safe(jsErr.Value)); err == nil && s.Type() == safejs.TypeString {
			if str, err := s.String(); err == nil {
				return jsError{str}
			}
		}
	}
	return jsError{"an exception that cannot be converted to a string"}
}

// jsError is a JavaScript exception, as text.
type jsError struct{ msg string }

func (e jsError) Error() string { return e.msg }

// consoleErr reports msg through console.error, or on standard error in a
// runtime without a console. It is for failures that have no caller to
// return to.
func (r *realm) consoleErr(msg string) {
	if console, err := r.get(r.global, "console"); err == nil && console.Type() == safejs.TypeObject {
		if _, err := console.Call("error", msg); err == nil {
			return
		}
	}
	println(msg)
}
