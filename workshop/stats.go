// Package workshop merges the answers of several respondents to one rubric
// into one group result: it collects the answers files (refusing those of
// another rubric, counting identical files once), combines the answers
// question by question (tallies, medians, the group's score), measures how
// far the room agrees, and ranks the disagreements by what they are worth
// ("Discuss first"). It reads nothing from disk: the command reads the
// files and hands their bytes over.
package workshop

import (
	"math"
	"slices"
)

// Consensus is Tastle and Wierman's consensus measure of ordinal answers:
//
//	Cns = 1 + Σ p_i · log2(1 − |X_i − μ| / d)
//
// over the categories X_i of the scale, p_i being the share of answers at
// X_i, μ the mean position and d the width of the question's whole scale
// (its last position minus its first), not the range the answers happen to
// cover: a room split between two neighbouring points of a five-point scale
// agrees more than one split between its ends. It is 1 when everyone gives
// the same answer and 0 when the answers are split evenly between the two
// ends of the scale.
//
// counts[i] is the number of answers at position positions[i]; width is d.
// With no answers, or a scale of one point, ok is false.
func Consensus(positions []float64, counts []int, width float64) (cns float64, ok bool) {
	n := 0
	for _, c := range counts {
		n += c
	}
	if n == 0 || width <= 0 || len(positions) != len(counts) {
		return 0, false
	}
	mean := 0.0
	for i, c := range counts {
		mean += positions[i] * float64(c)
	}
	mean /= float64(n)
	sum := 0.0
	for i, c := range counts {
		if c == 0 {
			continue
		}
		p := float64(c) / float64(n)
		dist := math.Abs(positions[i]-mean) / width
		if dist >= 1 {
			// Only when every answer is at one end and μ at the other,
			// which cannot happen with answers at both: guard the log.
			dist = 1 - 1e-12
		}
		sum += p * math.Log2(1-dist)
	}
	return clean(1 + sum), true
}

// Agreement is van der Eijk's agreement A of a frequency vector over the
// K ordered categories of a scale (van der Eijk 2001, "Measuring agreement
// in ordered rating scales"). It is 1 when every answer is in one
// category, 0 when the answers are spread evenly over all of them, and −1
// when they are split evenly between the two end categories: A < 0 means
// the room is in two camps.
//
// The frequency vector is taken apart in layers. A layer is the pattern of
// the categories that still hold answers, weighted by the smallest count
// among them; that count is taken from each of them and the next layer is
// what remains. The agreement of a pattern with S non-empty categories of
// K is
//
//	A = U · (1 − (S − 1) / (K − 1))
//
// where the unimodality U counts, over every triple of categories i < j < k,
// the triples whose pattern is 110 or 011 (TU) and those whose pattern is
// 101 (TDU):
//
//	U = ((K − 2)·TU − (K − 1)·TDU) / ((K − 2)·(TU + TDU))
//
// and U is 1 when there are no such triples (one non-empty category, or all
// of them). A is the mean of the layers' agreements weighted by the number
// of answers each layer holds. ok is false with fewer than three categories,
// where A is not defined, or no answers.
func Agreement(counts []int) (a float64, ok bool) {
	k := len(counts)
	n := 0
	for _, c := range counts {
		if c < 0 {
			return 0, false
		}
		n += c
	}
	if k < 3 || n == 0 {
		return 0, false
	}
	rest := slices.Clone(counts)
	pattern := make([]bool, k)
	total := 0.0
	for {
		least := 0
		s := 0
		for i, c := range rest {
			pattern[i] = c > 0
			if c > 0 {
				s++
				if least == 0 || c < least {
					least = c
				}
			}
		}
		if s == 0 {
			break
		}
		// The layer holds least answers in each of its s categories.
		total += float64(least*s) / float64(n) * patternAgreement(pattern, s)
		for i := range rest {
			if rest[i] > 0 {
				rest[i] -= least
			}
		}
	}
	return clean(total), true
}

// patternAgreement is the agreement of one layer's pattern, with s of its
// categories non-empty.
func patternAgreement(p []bool, s int) float64 {
	k := len(p)
	tu, tdu := 0, 0
	for i := 0; i < k-2; i++ {
		for j := i + 1; j < k-1; j++ {
			for m := j + 1; m < k; m++ {
				switch {
				case p[i] && !p[j] && p[m]:
					tdu++
				case p[i] && p[j] && !p[m], !p[i] && p[j] && p[m]:
					tu++
				}
			}
		}
	}
	u := 1.0
	if tu+tdu > 0 {
		u = (float64(k-2)*float64(tu) - float64(k-1)*float64(tdu)) / (float64(k-2) * float64(tu+tdu))
	}
	return u * (1 - float64(s-1)/float64(k-1))
}

// Median is the median of xs: the middle value, or the mean of the two
// middle values of an even count. xs is not changed; ok is false when it is
// empty.
func Median(xs []float64) (float64, bool) {
	if len(xs) == 0 {
		return 0, false
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	m := len(s) / 2
	if len(s)%2 == 1 {
		return s[m], true
	}
	return (s[m-1] + s[m]) / 2, true
}

// clean rounds away floating-point noise (0.9999999999999998 is 1), so that
// reports show and compare the exact values the formulas give.
func clean(x float64) float64 {
	r := math.Round(x*1e9) / 1e9
	if r == 0 {
		return 0
	}
	return r
}
