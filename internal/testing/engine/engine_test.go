//go:build !js

package engine

import (
	"strings"
	"testing"
)

func TestResult_Err(t *testing.T) {
	tests := []struct {
		name    string
		res     Result
		wantErr []string // substrings; nil for no error
	}{
		{"all passed", Result{Passed: 3}, nil},
		{"nothing ran", Result{}, []string{"0 passed, 0 failed", "ran no check"}},
		{"failures listed", Result{Passed: 2, Failed: 2, Failures: []string{"page: a: b", "worker: c: d"}},
			[]string{"2 passed, 2 failed", "FAIL page: a: b", "FAIL worker: c: d"}},
		{"a failure without a count", Result{Passed: 1, Failures: []string{"x"}}, []string{"FAIL x"}},
	}
	for _, tt := range tests {
		err := tt.res.Err()
		if tt.wantErr == nil {
			if err != nil {
				t.Errorf("%s: Err() = %v, want nil", tt.name, err)
			}
			continue
		}
		if err == nil {
			t.Errorf("%s: Err() = nil, want an error", tt.name)
			continue
		}
		for _, s := range tt.wantErr {
			if !strings.Contains(err.Error(), s) {
				t.Errorf("%s: Err() = %q, want it to mention %q", tt.name, err, s)
			}
		}
	}
}

func TestResult_Summary(t *testing.T) {
	if got, want := (Result{Passed: 12, Failed: 1}).Summary(), "12 passed, 1 failed"; got != want {
		t.Errorf("Summary() = %q, want %q", got, want)
	}
}
