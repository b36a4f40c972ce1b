//go:build js && wasm

package main

import (
	"errors"
	"syscall/js"

	"github.com/closeshim/closeshim/closeevent"
	"github.com/closeshim/closeshim/internal/jsguard"
)

// create(type, init) returns a native CloseEvent made by closeevent.New.
// The arguments are converted as the CloseEvent constructor's IDL converts
// them (WebSockets Standard, "The CloseEvent interface"): type is required
// and converted to a string; init is undefined, null or an object whose
// members are read in WebIDL's order (EventInit's bubbles, cancelable,
// composed, then code, reason, wasClean), an undefined member keeping its
// default. code is a plain unsigned short (modulo 2^16: -1 is 65535),
// reason a USVString, the others booleans.
//
// Strings cross into Go and back, so type and reason come out as
// USVStrings: a lone surrogate becomes U+FFFD, as the spec wants for reason
// (Chromium and Firefox keep it in their own constructor; docs/engines.md,
// "Engines").
//
// It throws a TypeError when type is missing or init is another primitive,
// the exception of a getter or conversion that throws, and a TypeError
// where the runtime has no CloseEvent (closeevent.ErrUnsupported).
func (b *builtins) create(args []js.Value) (any, error) {
	if len(args) == 0 {
		return nil, typeError("closeevent.create: 1 argument required, but only 0 present")
	}
	typ, err := b.toUSVString(args[0])
	if err != nil {
		return nil, err
	}
	init, err := b.closeEventInit(arg(args, 1))
	if err != nil {
		return nil, err
	}
	ev, err := closeevent.New(typ, init)
	if err != nil {
		if errors.Is(err, closeevent.ErrUnsupported) {
			return nil, typeError("closeevent.create: this JavaScript runtime has no CloseEvent constructor")
		}
		return nil, &apiError{kind: "Error", msg: "closeevent.create: " + detail(err)}
	}
	return ev, nil
}

// closeEventInit converts a CloseEventInit dictionary.
func (b *builtins) closeEventInit(dict js.Value) (closeevent.Init, error) {
	var init closeevent.Init
	if dict.IsUndefined() || dict.IsNull() {
		return init, nil
	}
	if t := kind(dict); t != js.TypeObject && t != js.TypeFunction {
		return init, typeError("closeevent.create: init is %s, want an object (a CloseEventInit)", jsguard.Describe(dict))
	}
	for _, m := range []struct {
		name string
		dst  *bool
	}{{"bubbles", &init.Bubbles}, {"cancelable", &init.Cancelable}, {"composed", &init.Composed}} {
		if err := b.boolMember(dict, m.name, m.dst); err != nil {
			return init, err
		}
	}
	if v, ok, err := b.member(dict, "code"); err != nil {
		return init, err
	} else if ok {
		f, err := b.toNumber(v)
		if err != nil {
			return init, err
		}
		init.Code = closeevent.Code(wrapUnsignedShort(f))
	}
	if v, ok, err := b.member(dict, "reason"); err != nil {
		return init, err
	} else if ok {
		if init.Reason, err = b.toUSVString(v); err != nil {
			return init, err
		}
	}
	return init, b.boolMember(dict, "wasClean", &init.WasClean)
}

func (b *builtins) boolMember(dict js.Value, name string, dst *bool) error {
	v, ok, err := b.member(dict, name)
	if err != nil || !ok {
		return err
	}
	*dst, err = b.toBoolean(v)
	return err
}
