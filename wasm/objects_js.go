//go:build js && wasm

package main

import (
	"syscall/js"

	"github.com/closeshim/closeshim/closeevent"
)

// The plain objects the JS API returns. Every value in them comes from
// package closeevent; the property names are the JS API's.

// codeObject is describe(code)'s result.
func (b *builtins) codeObject(c closeevent.Code) (js.Value, error) {
	return b.object(codeFields(c, "code", int(c))...)
}

// eventObject is decode(event)'s result, and what watch passes its
// callback: the event's attributes, what its code means, and whether the
// connection ended abnormally, then the pairs of extra (track's local).
func (b *builtins) eventObject(e closeevent.CloseEvent, extra ...any) (js.Value, error) {
	pairs := []any{
		"type", e.Type,
		"code", int(e.Code),
		"reason", e.Reason,
		"wasClean", e.WasClean,
		"isTrusted", e.IsTrusted,
		"timeStamp", e.TimeStamp,
		"bubbles", e.Bubbles,
		"cancelable", e.Cancelable,
		"composed", e.Composed,
	}
	pairs = append(pairs, codeFields(e.Code)...)
	pairs = append(pairs, "abnormal", e.Abnormal())
	pairs = append(pairs, extra...)
	return b.object(pairs...)
}

// codeFields are the properties describing a code, after any given first.
// name is Code.String: the registry name of a registered code, such as
// "NormalClosure", else "Code(4001)".
func codeFields(c closeevent.Code, first ...any) []any {
	return append(first,
		"name", c.String(),
		"legacyName", c.LegacyName(),
		"description", c.Description(),
		"range", c.Range().String(),
		"registered", c.Registered(),
		"sendable", c.Sendable(),
		"validOnWire", c.ValidOnWire(),
		"retryable", c.Retryable(),
	)
}

// validationObject is validateClose's result for arguments close() would
// reject: {name, message}, name being the DOMException's.
func (b *builtins) validationObject(e *closeevent.ValidationError) (js.Value, error) {
	return b.object("name", e.Name, "message", e.Message)
}
