//go:build js && wasm

package wsinterop

import (
	"fmt"
	"sync"
	"syscall/js"

	"github.com/closeshim/closeshim/closeevent"
	"github.com/closeshim/closeshim/internal/jsguard"
	"github.com/hack-pad/safejs"
)

// Calling JavaScript safely.
//
// As in package closeevent, this package touches values it did not create
// only through calls, which wasm_exec.js guards: an exception thrown during
// Value.Get, Set or InstanceOf would end the Go program (SPEC-NOTES, "Go
// toolchain facts"). The rules for reading (Reflect.get, a Type that
// survives a BigInt, exceptions turned into text with String(x)) live in
// internal/jsguard; writing, with Reflect.set, and the built-ins the
// constructor hook needs are this package's own.

// realm holds the built-ins the package calls besides jsguard's, read once.
type realm struct {
	global         safejs.Value
	reflectSet     safejs.Value // Reflect.set
	construct      safejs.Value // Reflect.construct
	proxyRevocable safejs.Value // Proxy.revocable
	objectCreate   safejs.Value // Object.create
}

var loadRealm = sync.OnceValues(func() (*realm, error) {
	if err := jsguard.Load(); err != nil {
		return nil, fmt.Errorf("%w: %s in this runtime", closeevent.ErrUnsupported, err)
	}
	r := &realm{global: safejs.Safe(js.Global())}
	reflect, _ := r.get(r.global, "Reflect")
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
		if jsguard.Kind(safejs.Unsafe(f)) != js.TypeFunction {
			return nil, fmt.Errorf("%w: no %s in this runtime", closeevent.ErrUnsupported, name)
		}
	}
	return r, nil
})

// get returns obj[name] through jsguard.Get (Reflect.get), so that a
// throwing getter or Proxy trap becomes an error.
func (r *realm) get(obj safejs.Value, name string) (safejs.Value, error) {
	v, err := jsguard.Get(safejs.Unsafe(obj), name)
	return safejs.Safe(v), err
}

// set does obj[name] = v through Reflect.set and reports whether the
// assignment took effect (Reflect.set returns false for a read-only
// property).
func (r *realm) set(obj safejs.Value, name string, v any) error {
	ok, err := r.reflectSet.Invoke(obj, name, v)
	if err != nil {
		return jsguard.Thrown(err)
	}
	if jsguard.Kind(safejs.Unsafe(ok)) != js.TypeBoolean || !safejs.Unsafe(ok).Bool() {
		return fmt.Errorf("the property %s is read-only", name)
	}
	return nil
}
