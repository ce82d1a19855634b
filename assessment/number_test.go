package assessment

import (
	"strings"
	"testing"
)

// ParseNumber is what both modes read typed numbers with.
func TestParseNumber(t *testing.T) {
	tests := []struct {
		in, unit string
		want     float64
		err      string // part of the error; "" for none
	}{
		{"1250000", "", 1250000, ""},
		{"1,250,000", "", 1250000, ""},
		{"1 250 000", "", 1250000, ""},
		{"1'250'000.50", "", 1250000.5, ""},
		{"$1,250,000", "", 1250000, ""},
		{"€ 800k", "", 800000, ""},
		{"1.5m", "", 1500000, ""},
		{"1.5M", "EUR", 1500000, ""},
		{"2.5e6", "", 2500000, ""},
		{"800000 EUR", "EUR", 800000, ""},
		{"80%", "%", 80, ""},
		{"80 %", "%", 80, ""},
		{"5 years", "years", 5, ""},
		{"5", "years", 5, ""},
		{"-3", "", -3, ""},
		// Refused, with the reason.
		{"2,5", "", 0, `"2,5" is not a number; type digits, with a dot for decimals`},
		{"2,5", "EUR", 0, `"2,5" is not a number`},
		{"0x10", "", 0, "is not a number"},
		{"abc", "%", 0, `"abc" is not a number`},
		{"1e999", "", 0, "is not a number that vitals can use"},
		{"5%", "years", 0, `"5%" does not fit: type a number of years, such as 5 years`},
		{"80 years", "%", 0, `"80 years" does not fit: type a number of percent, such as 80%`},
		{"$80", "%", 0, `"$80" is not a number`},
		{"€5", "years", 0, `"€5" is not a number`},
		{"5m", "years", 0, `"5m" does not fit`},
	}
	for _, tt := range tests {
		got, err := ParseNumber(tt.in, tt.unit)
		switch {
		case tt.err == "" && err != nil:
			t.Errorf("ParseNumber(%q, %q): %v", tt.in, tt.unit, err)
		case tt.err == "" && got != tt.want:
			t.Errorf("ParseNumber(%q, %q) = %v, want %v", tt.in, tt.unit, got, tt.want)
		case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
			t.Errorf("ParseNumber(%q, %q) = %v, %v; want an error holding %q", tt.in, tt.unit, got, err, tt.err)
		}
	}
}

// Screens and reports write numbers one way: grouped thousands, at most
// two decimals, halves rounded up (3,250,000, never 3.2m); a field that
// shows a saved number shows it grouped and exact, and reading it back
// gives the same number.
func TestFormatAmount(t *testing.T) {
	for _, tt := range []struct {
		x    float64
		want string
	}{
		{3250000, "3,250,000"}, {1.5, "1.5"}, {-1250000.5, "-1,250,000.5"},
		{2.125, "2.13"}, {999, "999"}, {1000, "1,000"}, {-0.001, "0"}, {0, "0"},
	} {
		if got := FormatAmount(tt.x); got != tt.want {
			t.Errorf("FormatAmount(%v) = %q, want %q", tt.x, got, tt.want)
		}
	}
	for _, x := range []float64{0, 7, 1000, 1234567.891, -1250000, 1e15} {
		s := Grouped(FormatNumber(x))
		if back, err := ParseNumber(s, ""); err != nil || back != x {
			t.Errorf("ParseNumber(Grouped(%v) = %q) = %v, %v", x, s, back, err)
		}
	}
}
