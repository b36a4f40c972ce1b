//go:build js && wasm

package closeevent

import (
	"sync"
	"syscall/js"

	"github.com/closeshim/closeshim/internal/jsguard"
)

// Reading JavaScript safely.
//
// This package touches values it did not create only through
// internal/jsguard, the module's one layer of guarded operations (see its
// package doc and the "Hostile pages" section of this package's doc); what
// stays here is what FromJS's fast reader keeps made in advance.

// realm holds what FromJS's fast reader (fromjs_js.go) uses on every read,
// made once.
type realm struct {
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
		return nil, opError("", ErrUnsupported, err.Error()+" in this runtime", nil)
	}
	r := &realm{}
	for i, name := range eventFields {
		r.fieldKeys[i] = js.ValueOf(name)
	}
	r.closeType, r.emptyString = js.ValueOf("close"), js.ValueOf("")
	return r, nil
}

// thrown returns the JavaScript exception inside err, the error of a
// failed call, as the cause to wrap (a *jsguard.Exception whose text is
// taken once, safely: see jsguard.Thrown) and that text clipped for a
// message. An error holding no exception (a missing built-in) is returned
// as it is.
func thrown(err error) (cause error, text string) {
	if _, ok := jsguard.ThrownValue(err); ok {
		err = jsguard.Thrown(err)
	}
	return err, jsguard.Clip(err.Error())
}

// panicText formats what a recovered panic carried, as jsguard.PanicText
// does, with a JavaScript exception's text clipped, as thrown clips it:
// a page chooses that text.
func panicText(p any) string {
	if e, ok := p.(js.Error); ok {
		return jsguard.Clip(jsguard.DescribeThrown(e.Value))
	}
	return jsguard.PanicText(p)
}
