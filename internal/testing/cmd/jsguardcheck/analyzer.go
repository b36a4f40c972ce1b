package main

import (
	"go/ast"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// Analyzer is the rule of internal/jsguard's package doc, checked: no
// package but the layer makes a syscall/js operation that can throw (an
// exception thrown inside wasm_exec.js's Get, Set, Index, SetIndex, Delete,
// Length or InstanceOf ends the Go program), that reads again after a
// throw (Value.Call), that panics on a page's value (Value.Type on a
// BigInt, FuncOf on a page that broke Array.prototype), or that builds a
// value by assignment (js.ValueOf of a map or slice). safejs's mirrors of
// these are forbidden too: its Value.Get wraps the unguarded read, and
// the layer is the one place that decides which of its calls are safe.
//
// Test files are not checked, nor the packages under the prefixes of the
// -exempt flag: by default the module's test tooling, which drives
// browsers and measures sizes and never runs on a user's page (the size
// baseline in internal/testing/sizecheck/minimal is naive code on
// purpose).
var Analyzer = &analysis.Analyzer{
	Name: "jsguardcheck",
	Doc:  "report syscall/js and safejs operations made outside internal/jsguard",
	Run:  run,
}

// exempt holds the -exempt flag: comma-separated package path prefixes.
var exempt = module + "/internal/testing/"

func init() {
	Analyzer.Flags.StringVar(&exempt, "exempt", exempt, "comma-separated package path prefixes not to check")
}

// module is the module whose layer this is.
const module = "github.com/closeshim/closeshim"

// layer is the one package allowed to make the operations.
const layer = module + "/internal/jsguard"

const (
	jsPkg     = "syscall/js"
	safejsPkg = "github.com/hack-pad/safejs"
)

// valueMethods are the forbidden methods of js.Value and safejs.Value (and
// so of js.Func, which embeds js.Value), with the replacement to name.
var valueMethods = map[string]string{
	"Get":        "jsguard.Get",
	"Set":        "jsguard.Define (jsguard.Set for an own property or a prototype-less object)",
	"Index":      "jsguard.Get(v, i)",
	"SetIndex":   "jsguard.Array or jsguard.Define",
	"Delete":     "a function in jsguard (it has none yet: add one that calls Reflect.deleteProperty)",
	"Length":     `jsguard.Get(v, "length")`,
	"Call":       "jsguard.Call",
	"Invoke":     "jsguard.Invoke",
	"New":        "jsguard.Construct",
	"InstanceOf": "jsguard.IsPrototypeOf",
	"Type":       "jsguard.Kind",
}

// funcs are the forbidden package-level functions of both packages, with
// the replacement; ValueOf is forbidden only for a value that may be a map
// or a slice (see valueOfSafe).
var funcs = map[string]string{
	"FuncOf":  "jsguard.FuncOf",
	"ValueOf": "jsguard.Object or jsguard.Array",
}

func run(pass *analysis.Pass) (any, error) {
	if pass.Pkg.Path() == layer {
		return nil, nil
	}
	for _, prefix := range strings.Split(exempt, ",") {
		if prefix != "" && strings.HasPrefix(pass.Pkg.Path()+"/", prefix) {
			return nil, nil
		}
	}
	for _, file := range pass.Files {
		if strings.HasSuffix(pass.Fset.File(file.Pos()).Name(), "_test.go") {
			continue
		}
		ast.Inspect(file, func(n ast.Node) bool {
			sel, ok := n.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			check(pass, sel)
			return true
		})
	}
	return nil, nil
}

// check reports sel when it names a forbidden function or method, called
// or not (a method value such as v.Get is the same operation, later).
func check(pass *analysis.Pass, sel *ast.SelectorExpr) {
	fn, ok := pass.TypesInfo.Uses[sel.Sel].(*types.Func)
	if !ok || fn.Pkg() == nil {
		return
	}
	path := fn.Pkg().Path()
	if path != jsPkg && path != safejsPkg {
		return
	}
	short := "js"
	if path == safejsPkg {
		short = "safejs"
	}
	sig, _ := fn.Type().(*types.Signature)
	if sig != nil && sig.Recv() != nil {
		recv := sig.Recv().Type()
		if p, ok := recv.(*types.Pointer); ok {
			recv = p.Elem()
		}
		named, ok := recv.(*types.Named)
		if !ok || named.Obj().Name() != "Value" {
			return
		}
		if repl, bad := valueMethods[fn.Name()]; bad {
			pass.Reportf(sel.Sel.Pos(), "%s.Value.%s outside internal/jsguard: use %s", short, fn.Name(), repl)
		}
		return
	}
	repl, bad := funcs[fn.Name()]
	if !bad {
		return
	}
	if fn.Name() == "ValueOf" && valueOfSafe(pass, sel) {
		return
	}
	pass.Reportf(sel.Sel.Pos(), "%s.%s outside internal/jsguard: use %s", short, fn.Name(), repl)
}

// valueOfSafe reports whether sel is called, as ValueOf(x), with an x whose
// static type cannot hold a map or a slice: a boolean, number or string
// type, or js.Value or js.Func, which ValueOf returns as they are.
func valueOfSafe(pass *analysis.Pass, sel *ast.SelectorExpr) bool {
	call := enclosingCall(pass, sel)
	if call == nil || len(call.Args) != 1 {
		return false
	}
	t := pass.TypesInfo.TypeOf(call.Args[0])
	if t == nil {
		return false
	}
	if named, ok := t.(*types.Named); ok && named.Obj().Pkg() != nil && named.Obj().Pkg().Path() == jsPkg {
		switch named.Obj().Name() {
		case "Value", "Func":
			return true
		}
	}
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&(types.IsBoolean|types.IsNumeric|types.IsString) != 0
}

// enclosingCall returns the call whose function is sel, or nil.
func enclosingCall(pass *analysis.Pass, sel *ast.SelectorExpr) *ast.CallExpr {
	for _, f := range pass.Files {
		if f.Pos() > sel.Pos() || sel.End() > f.End() {
			continue
		}
		var found *ast.CallExpr
		ast.Inspect(f, func(n ast.Node) bool {
			if found != nil {
				return false
			}
			if c, ok := n.(*ast.CallExpr); ok && c.Fun == sel {
				found = c
				return false
			}
			return n == nil || (n.Pos() <= sel.Pos() && sel.End() <= n.End())
		})
		return found
	}
	return nil
}
