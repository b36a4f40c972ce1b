//go:build js && wasm

package main

import (
	"syscall/js"

	"github.com/closeshim/closeshim/closeevent"
)

// validateClose(code, reason) returns null when WebSocket.prototype.close
// would accept the same arguments, else {name, message} naming the
// DOMException it would throw. The arguments are converted as close()'s
// IDL converts them (WebSockets Standard: close(optional [Clamp] unsigned
// short code, optional USVString reason)), code first, then reason, and
// undefined counts as absent; closeevent.ValidateClose then checks them, an
// absent code like NormalClosure (see its doc).
//
// A conversion that throws (a Symbol or a BigInt code, a Symbol reason, a
// valueOf or toString that throws) throws the same exception here, as
// close() would, before any check.
//
// This follows the specifications where engines do not (docs/engines.md,
// "Engines"): Chromium throws InvalidAccessError for
// close(undefined, "x") and for close(999.7) (it drops the fraction instead
// of rounding); validateClose accepts both.
func (b *builtins) validateClose(args []js.Value) (any, error) {
	code, reason, err := b.closeArgs(args)
	if err != nil {
		return nil, err
	}
	err = closeevent.ValidateClose(code, reason)
	var ve *closeevent.ValidationError
	switch {
	case err == nil:
		return nil, nil
	case asError(err, &ve):
		return b.validationObject(ve)
	default:
		return nil, err
	}
}

// closeArgs converts close()'s arguments, args[0] the code and args[1] the
// reason, as validateClose describes: an absent (or undefined) code is
// NormalClosure, an absent reason "". A conversion's exception comes back
// as a rethrow.
func (b *builtins) closeArgs(args []js.Value) (closeevent.Code, string, error) {
	code := closeevent.NormalClosure
	if v := arg(args, 0); !v.IsUndefined() {
		f, err := b.toNumber(v)
		if err != nil {
			return 0, "", err
		}
		code = closeevent.Code(clampUnsignedShort(f))
	}
	reason := ""
	if v := arg(args, 1); !v.IsUndefined() {
		var err error
		if reason, err = b.toUSVString(v); err != nil {
			return 0, "", err
		}
	}
	return code, reason, nil
}

// refusedClose returns the DOMException close() throws for arguments
// closeevent.ValidateClose refuses, or err as it is.
func refusedClose(err error) error {
	var ve *closeevent.ValidationError
	if asError(err, &ve) {
		return domException(ve.Name, ve.Message)
	}
	return err
}

// truncateReason(reason) returns closeevent.TruncateReason(reason): the
// longest prefix whose UTF-8 encoding fits in the 123 bytes close()
// allows, never cutting a character. reason is converted as a required
// USVString argument: missing is a TypeError, undefined becomes
// "undefined", a Symbol throws.
func (b *builtins) truncateReason(args []js.Value) (any, error) {
	if len(args) == 0 {
		return nil, typeError("closeevent.truncateReason: 1 argument required, but only 0 present")
	}
	reason, err := b.toUSVString(args[0])
	if err != nil {
		return nil, err
	}
	return closeevent.TruncateReason(reason), nil
}
