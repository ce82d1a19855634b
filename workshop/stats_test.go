package workshop

import (
	"math"
	"testing"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-6 }

// five are the positions of a five-point scale, 1 to 5.
var five = []float64{1, 2, 3, 4, 5}

func TestConsensus(t *testing.T) {
	tests := []struct {
		name   string
		counts []int
		want   float64
	}{
		{"unanimous", []int{0, 0, 7, 0, 0}, 1},
		{"unanimous at an end", []int{4, 0, 0, 0, 0}, 1},
		{"even split between the ends", []int{3, 0, 0, 0, 3}, 0},
		// Uniform: μ = 3, d = 4; each point has p = 0.2.
		// 1 and 5: 1 − 2/4 = 0.5, log2 = −1; 2 and 4: 1 − 1/4 = 0.75,
		// log2 0.75 = −0.4150375; 3: log2 1 = 0.
		// Cns = 1 + 0.2·(−1 −1 −0.4150375 −0.4150375) = 0.433985.
		{"uniform", []int{1, 1, 1, 1, 1}, 1 + 0.2*(-2+2*math.Log2(0.75))},
		// Worked by hand: answers 4, 4, 4, 5, 5. μ = 22/5 = 4.4, d = 4.
		// At 4: p = 0.6, |4 − 4.4|/4 = 0.1, log2 0.9 = −0.1520031;
		// at 5: p = 0.4, |5 − 4.4|/4 = 0.15, log2 0.85 = −0.2344653.
		// Cns = 1 − 0.6·0.1520031 − 0.4·0.2344653 = 0.8150120.
		{"three at 4, two at 5", []int{0, 0, 0, 3, 2}, 0.8150120},
		// Neighbours split evenly agree more than the ends: answers 2, 3
		// three times each. μ = 2.5, |x − μ|/4 = 0.125, log2 0.875 =
		// −0.1926451: Cns = 0.8073549.
		{"split between neighbours", []int{0, 3, 3, 0, 0}, 1 + math.Log2(0.875)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := Consensus(five, tt.counts, 4)
			if !ok {
				t.Fatal("not ok")
			}
			if !near(got, tt.want) {
				t.Errorf("Consensus = %.7f, want %.7f", got, tt.want)
			}
		})
	}
	if _, ok := Consensus(five, []int{0, 0, 0, 0, 0}, 4); ok {
		t.Error("no answers: want not ok")
	}
	// Over the full scale, not the answers' range: two answers 2 and 3 on
	// a scale of 1 to 5 are not "an even split between the extremes".
	if got, _ := Consensus([]float64{2, 3}, []int{1, 1}, 4); got <= 0.5 {
		t.Errorf("neighbours on a wide scale: Cns = %v, want well above 0", got)
	}
	// Yes/no: positions 0 and 1, width 1; split 1:1 is 0.
	if got, _ := Consensus([]float64{0, 1}, []int{2, 2}, 1); !near(got, 0) {
		t.Errorf("yes/no split evenly: Cns = %v, want 0", got)
	}
}

func TestAgreement(t *testing.T) {
	tests := []struct {
		name   string
		counts []int
		want   float64
	}{
		{"unanimous", []int{0, 0, 7, 0, 0}, 1},
		{"uniform", []int{2, 2, 2, 2, 2}, 0},
		{"even split between the ends", []int{3, 0, 0, 0, 3}, -1},
		// Worked by hand: counts 1, 2, 0 on three categories (n = 3).
		// Layer 1: pattern 110 (S = 2), weight 1 in each of 2 categories
		// = 2 answers. Triples of K = 3: only (1,2,3), pattern 110: TU = 1,
		// TDU = 0, so U = (1·1 − 0)/(1·1) = 1; A = 1·(1 − 1/2) = 0.5.
		// Layer 2: pattern 010 (S = 1): no counted triple, U = 1, A = 1,
		// holding 1 answer. A = 2/3·0.5 + 1/3·1 = 0.6666667.
		{"one and two on three points", []int{1, 2, 0}, 2.0 / 3},
		// Worked by hand: 2, 0, 1 on three categories. Layer 1: 101,
		// TDU = 1, U = (0 − 2·1)/(1·1) = −2, A = −2·(1 − 1/2) = −1, holding
		// 2 answers; layer 2: 100, A = 1, 1 answer. A = 2/3·(−1) + 1/3 =
		// −0.3333333: two camps.
		{"two camps, uneven", []int{2, 0, 1}, -1.0 / 3},
		// The example of van der Eijk's measure in the agrmt R package
		// (Ruedin), which gives 0.6113333.
		{"agrmt example", []int{30, 40, 210, 130, 530, 50, 10}, 0.6113333},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := Agreement(tt.counts)
			if !ok {
				t.Fatal("not ok")
			}
			if math.Abs(got-tt.want) > 1e-6 {
				t.Errorf("Agreement = %.7f, want %.7f", got, tt.want)
			}
		})
	}
	if _, ok := Agreement([]int{3, 1}); ok {
		t.Error("two categories: want not ok (A needs three)")
	}
	if _, ok := Agreement([]int{0, 0, 0}); ok {
		t.Error("no answers: want not ok")
	}
}

func TestMedian(t *testing.T) {
	if m, _ := Median([]float64{40, 0, 100}); m != 40 {
		t.Errorf("odd: %v", m)
	}
	if m, _ := Median([]float64{20, 60, 100, 0}); m != 40 {
		t.Errorf("even: %v", m)
	}
	if _, ok := Median(nil); ok {
		t.Error("empty: want not ok")
	}
}
