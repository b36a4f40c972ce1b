package main

import (
	"math"
	"testing"
)

func TestClampUnsignedShort(t *testing.T) {
	tests := []struct {
		in   float64
		want uint16
	}{
		{0, 0},
		{math.Copysign(0, -1), 0},
		{math.NaN(), 0},
		{math.Inf(1), 65535},
		{math.Inf(-1), 0},
		{-1, 0},
		{-0.4, 0},
		{-0.5, 0},
		{-1e300, 0},
		{1000, 1000},
		{999.4, 999},
		{999.5, 1000}, // tie: to even
		{999.7, 1000},
		{1000.5, 1000}, // tie: to even
		{1001.5, 1002}, // tie: to even
		{2999.5, 3000}, // tie: to even
		{3000.5, 3000}, // tie: to even
		{4999.5, 5000}, // tie: to even, out of the sendable range
		{4998.5, 4998}, // tie: to even
		{4999.4999, 4999},
		{0.5, 0},
		{1.5, 2},
		{65534.5, 65534},
		{65535, 65535},
		{65535.5, 65535},
		{65536, 65535},
		{1e300, 65535},
		{math.MaxFloat64, 65535},
		{math.SmallestNonzeroFloat64, 0},
	}
	for _, tt := range tests {
		if got := clampUnsignedShort(tt.in); got != tt.want {
			t.Errorf("clampUnsignedShort(%v) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

func TestWrapUnsignedShort(t *testing.T) {
	tests := []struct {
		in   float64
		want uint16
	}{
		{0, 0},
		{math.Copysign(0, -1), 0},
		{math.NaN(), 0},
		{math.Inf(1), 0},
		{math.Inf(-1), 0},
		{1000, 1000},
		{1000.9, 1000}, // toward zero, no rounding
		{-0.9, 0},
		{-1, 65535},
		{-1.5, 65535},
		{-65536, 0},
		{-65537, 65535},
		{65535, 65535},
		{65536, 0},
		{65536 + 4001, 4001},
		{70000.7, 4464},
		{1 << 53, 0},
		{1e300, 0}, // a multiple of 2^16, as every float64 above 2^69 is
		{-(1 << 53) - 2, 65534},
	}
	for _, tt := range tests {
		if got := wrapUnsignedShort(tt.in); got != tt.want {
			t.Errorf("wrapUnsignedShort(%v) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

func TestCloseCode(t *testing.T) {
	tests := []struct {
		in     float64
		want   uint16
		wantOK bool
	}{
		{0, 0, true},
		{math.Copysign(0, -1), 0, true},
		{1000, 1000, true},
		{65535, 65535, true},
		{65536, 0, false},
		{-1, 0, false},
		{1000.5, 0, false},
		{math.NaN(), 0, false},
		{math.Inf(1), 0, false},
		{math.Inf(-1), 0, false},
	}
	for _, tt := range tests {
		got, ok := closeCode(tt.in)
		if got != tt.want || ok != tt.wantOK {
			t.Errorf("closeCode(%v) = %d, %v; want %d, %v", tt.in, got, ok, tt.want, tt.wantOK)
		}
	}
}
