package main

import "math"

// The WebIDL integer conversions the shim's arguments go through (WHATWG
// WebIDL, "ConvertToInt"). They take the result of ToNumber, which the
// js/wasm side computes in JavaScript because it can run a page's valueOf
// or toString; what remains is arithmetic, kept here so that it builds and
// is tested natively.

// clampUnsignedShort converts x as WebIDL converts a number to a
// [Clamp] unsigned short, the type of WebSocket.close()'s code: NaN becomes
// 0, anything else is clamped to 0..65535 (so -Infinity is 0 and +Infinity
// 65535) and rounded to the nearest integer, ties to even (999.5 is 1000,
// 1000.5 is 1000, 4999.5 is 5000).
//
// Engines deviate (docs/engines.md, "Engines"): Chromium and WebKit
// drop the fraction instead of rounding; Firefox rounds.
func clampUnsignedShort(x float64) uint16 {
	if math.IsNaN(x) {
		return 0
	}
	x = math.Min(math.Max(x, 0), math.MaxUint16)
	// RoundToEven of a value in 0..65535 is exact and in range; -0 stays
	// 0 once converted.
	return uint16(math.RoundToEven(x))
}

// wrapUnsignedShort converts x as WebIDL converts a number to a plain
// unsigned short, the type of CloseEventInit's code: NaN, +-0 and the
// infinities become 0, anything else loses its fraction (toward zero) and
// is taken modulo 2^16, so -1 is 65535 and 65536 is 0.
func wrapUnsignedShort(x float64) uint16 {
	if math.IsNaN(x) || math.IsInf(x, 0) || x == 0 {
		return 0
	}
	x = math.Trunc(x)
	m := math.Mod(x, 1<<16) // exact; the sign follows x
	if m < 0 {
		m += 1 << 16
	}
	return uint16(m)
}

// closeCode reports whether x is a value describe() accepts: an integer
// number in 0..65535 (-0 counts as 0). No conversion happens; the shim
// rejects anything else with a RangeError.
func closeCode(x float64) (uint16, bool) {
	if math.IsNaN(x) || x != math.Trunc(x) || x < 0 || x > math.MaxUint16 {
		return 0, false
	}
	return uint16(x), true
}
