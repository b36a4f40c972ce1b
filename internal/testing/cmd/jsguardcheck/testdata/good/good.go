//go:build js && wasm

// Package good makes only operations the rule allows; none is reported.
package good

import (
	"syscall/js"

	"github.com/hack-pad/safejs"
)

type code uint16

func allowed(v js.Value, f js.Func, sv safejs.Value) {
	_ = js.Global()
	_ = js.Undefined()
	_ = js.Null()
	_ = v.IsUndefined() || v.IsNull() || v.IsNaN() || v.Equal(v) || v.Truthy()
	_, _, _, _ = v.String(), v.Float(), v.Int(), v.Bool()
	f.Release()
	_ = js.ValueOf("s")
	_ = js.ValueOf(1.5)
	_ = js.ValueOf(true)
	_ = js.ValueOf(code(1000))
	_ = js.ValueOf(v)
	_ = js.ValueOf(f)
	_ = safejs.Unsafe(sv)
	_ = safejs.Safe(v)
	_, _ = sv.String()
	_ = sv.IsUndefined()
	_ = js.TypeObject.String()
}
