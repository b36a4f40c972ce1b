//go:build js && wasm

package closeevent

import (
	"sync"
	"syscall/js"

	"github.com/closeshim/closeshim/internal/jsguard"
)

// Reading JavaScript safely.
//
// This package touches values it did not create only through calls, which
// wasm_exec.js guards: an exception thrown while Go runs Value.Get, Set,
// Index or InstanceOf ends the Go program (SPEC-NOTES, "Go toolchain
// facts"). The rules for that (Reflect.get instead of Get,
// Object.prototype.isPrototypeOf instead of InstanceOf, String(x) instead
// of js.Error.Error, a Type that survives a BigInt) live in
// internal/jsguard; what stays here is FromJS's fast reader and what it
// keeps made in advance.

// realm holds what FromJS's fast reader (fromjs_js.go) uses on every read,
// made once. They are plain js.Value, not safejs.Value, to avoid safejs's
// allocations on the hot path; fromJS recovers instead.
type realm struct {
	reflectGet  js.Value              // Reflect.get, from jsguard.ReflectGet
	fieldKeys   [len(eventFields)]any // JavaScript strings, boxed once
	closeType   js.Value              // the JavaScript string "close"
	emptyString js.Value              // the JavaScript string ""
}

// eventFields are the attributes FromJS reads: CloseEvent's own and those
// it inherits from Event.
var eventFields = [...]string{"type", "code", "reason", "wasClean", "isTrusted", "timeStamp", "bubbles", "cancelable", "composed"}

// loadRealm returns the realm, making it on first use. It is a function,
// not a package-level sync.OnceValues, so that a program that never reads
// JavaScript events does not link the code behind it.
func loadRealm() (*realm, error) {
	realmOnce.Do(func() { theRealm, realmErr = newRealm() })
	return theRealm, realmErr
}

var (
	realmOnce sync.Once
	theRealm  *realm
	realmErr  error
)

func newRealm() (*realm, error) {
	if err := jsguard.Load(); err != nil {
		return nil, newError(ErrUnsupported, "closeevent: "+err.Error()+" in this runtime", nil)
	}
	r := &realm{reflectGet: jsguard.ReflectGet()}
	for i, name := range eventFields {
		r.fieldKeys[i] = js.ValueOf(name)
	}
	r.closeType, r.emptyString = js.ValueOf("close"), js.ValueOf("")
	return r, nil
}

// thrownText is the text of the JavaScript exception inside err, the error
// of a failed call, clipped for a message (jsguard.Thrown says how it is
// made safely).
func thrownText(err error) string {
	return jsguard.Clip(jsguard.Thrown(err).Error())
}

// panicText formats what a recovered panic carried, as jsguard.PanicText
// does, with a JavaScript exception's text clipped, as thrownText clips it:
// a page chooses that text.
func panicText(p any) string {
	if e, ok := p.(js.Error); ok {
		return jsguard.Clip(jsguard.DescribeThrown(e.Value))
	}
	return jsguard.PanicText(p)
}
