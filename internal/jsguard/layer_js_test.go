//go:build js && wasm

package jsguard

import (
	"strings"
	"syscall/js"
	"testing"
)

// Invoke and Construct refuse what js.ValueOf would build by assignment.
func TestInvoke_RefusesSlicesAndMaps(t *testing.T) {
	fn := jsEval(t, `return () => 1`)
	for _, arg := range []any{[]any{1}, map[string]any{"a": 1}} {
		if _, err := Invoke(fn, arg); err == nil || !strings.Contains(err.Error(), "jsguard.Array or jsguard.Object") {
			t.Errorf("Invoke(fn, %#v) error = %v, want a refusal naming Array and Object", arg, err)
		}
		if _, err := Construct(jsEval(t, `return Object`), arg); err == nil {
			t.Errorf("Construct(Object, %#v) succeeded, want a refusal", arg)
		}
	}
}

// Define and NullObject run no setter on any prototype, and Set fails on
// a read-only property.
func TestDefine_NoPrototypeSetterRuns(t *testing.T) {
	jsEval(t, `for (const k of ["x", "value", "get", "set", "writable", "enumerable", "configurable"]) {
		Object.defineProperty(Object.prototype, k, {__proto__: null, get() { throw new Error("get " + k) }, set() { throw new Error("set " + k) }, configurable: true});
	}`)
	defer jsEval(t, `for (const k of ["x", "value", "get", "set", "writable", "enumerable", "configurable"]) { delete Object.prototype[k] }`)
	obj, err := Object("a", 1)
	if err != nil {
		t.Fatal(err)
	}
	if err := Define(obj, "x", "defined"); err != nil {
		t.Fatalf("Define: %v", err)
	}
	if got, err := Get(obj, "x"); err != nil || got.String() != "defined" {
		t.Errorf("obj.x = %v, %v; want defined", got, err)
	}
	null, err := NullObject("x", 1)
	if err != nil || Kind(null) != js.TypeObject {
		t.Fatalf("NullObject = %v, %v", null, err)
	}
	frozen := jsEval(t, `return Object.freeze({x: 1})`)
	if err := Set(frozen, "x", 2); err == nil {
		t.Error("Set on a frozen object succeeded")
	}
	if err := Define(frozen, "y", 2); err == nil {
		t.Error("Define on a frozen object succeeded")
	}
}

// FuncOf returns an error where js.FuncOf panics: while Array.prototype has
// a setter for index 0, every call with arguments fails. The page is
// restored with a call that passes no argument, and nothing reads a string
// meanwhile (wasm_exec.js's id pool writes indices too).
func TestFuncOf_IndexSetter(t *testing.T) {
	restore := jsEval(t, `Object.defineProperty(Array.prototype, "0", {set() { throw new Error("index") }, configurable: true});
		return () => { delete Array.prototype[0] }`)
	f, err := FuncOf(func(js.Value, []js.Value) any { return nil })
	restore.Invoke()
	if err == nil {
		f.Release()
		t.Fatal("FuncOf succeeded while Array.prototype[0] has a setter")
	}
	if !strings.HasPrefix(err.Error(), "js.FuncOf threw") {
		t.Errorf("FuncOf error = %q, want it to say js.FuncOf threw", err)
	}
	f, err = FuncOf(func(js.Value, []js.Value) any { return nil })
	if err != nil {
		t.Fatalf("FuncOf on the restored page: %v", err)
	}
	f.Release()
}
