// Package testrubric generates large, valid rubrics and matching answers
// for benchmarks, so performance can be measured at sizes no person writes.
package testrubric

import (
	"fmt"
	"strings"
)

// caseQuestions is how many questions at the start hold the business case.
const caseQuestions = 5

// Generate returns the YAML of a valid rubric with n questions in sections
// of at most 100, like a real rubric but bigger: the first five hold the
// business case (when n is at least 5), the rest cycle through the question
// kinds, with conditions, flags and recommendations; the title carries
// markup, so renderers pay for escaping.
func Generate(n int) []byte {
	var b strings.Builder
	b.Grow(n * 400)
	fmt.Fprintf(&b, "id: gen-%d\ntitle: \"Generated %d | with <markup>\"\nversion: \"1\"\ndescription: A generated rubric for benchmarks.\n", n, n)
	if n >= caseQuestions {
		b.WriteString("business_case: {annual_benefit: q0, one_off_cost: q1, running_cost: q2, horizon_years: q3, assumed_adoption: q4}\n")
	}
	b.WriteString("sections:\n")
	for q := 0; q < n; q++ {
		if q%100 == 0 {
			fmt.Fprintf(&b, "  - id: s%d\n    title: Section %d\n    why: Generated.\n    weight: %d\n    recommendations: {low: Keep it up., medium: Watch it., high: Act now.}\n    questions:\n", q/100, q/100, 1+q/100%3)
		}
		id := fmt.Sprintf("q%d", q)
		if n >= caseQuestions && q < caseQuestions {
			if q == caseQuestions-1 {
				fmt.Fprintf(&b, "      - {id: %s, prompt: Assumed adoption?, kind: number, unit: \"%%\", min: 0, max: 100, scoring: [{to: 80, score: 90}, {from: 80, score: 20, flag: High assumption., critical: true, recommendation: Lower it.}]}\n", id)
			} else {
				fmt.Fprintf(&b, "      - {id: %s, prompt: Business-case figure %d?, kind: number, min: 0, weight: 0}\n", id, q)
			}
			continue
		}
		switch q % 5 {
		case 0:
			fmt.Fprintf(&b, "      - id: %s\n        prompt: Question %d?\n        help: Why it matters.\n        kind: single\n        weight: 2\n        options:\n", id, q)
			b.WriteString("          - {value: good, label: Good, score: 100}\n")
			b.WriteString("          - {value: fair, label: Fair, score: 50, recommendation: Improve it.}\n")
			b.WriteString("          - {value: bad, label: Bad, score: 0, flag: It is bad., recommendation: Fix it.}\n")
		case 1:
			fmt.Fprintf(&b, "      - id: %s\n        prompt: Question %d?\n        kind: yesno\n        when: {question: q%d, in: [good, fair]}\n        options:\n", id, q, q-1)
			b.WriteString("          - {value: \"yes\", label: \"Yes\", score: 100}\n")
			b.WriteString("          - {value: \"no\", label: \"No\", score: 0, flag: Not done., critical: true, recommendation: Do it.}\n")
		case 2:
			fmt.Fprintf(&b, "      - id: %s\n        prompt: Question %d?\n        kind: multi\n        options:\n", id, q)
			b.WriteString("          - {value: a, label: A, score: 40, recommendation: More of A.}\n          - {value: b, label: B, score: 40, if_missing: Start B.}\n          - {value: c, label: C, score: 40, if_missing: Start C.}\n")
		case 3:
			fmt.Fprintf(&b, "      - id: %s\n        prompt: Question %d?\n        kind: number\n        unit: \"%%\"\n        min: 0\n        max: 100\n        scoring:\n          - {to: 50, score: 20, flag: Low.}\n          - {from: 50, score: 90}\n", id, q)
		case 4:
			fmt.Fprintf(&b, "      - id: %s\n        prompt: Question %d?\n        kind: scale\n        min: 1\n        max: 5\n        low_label: Not at all\n        high_label: Fully\n", id, q)
		}
	}
	return []byte(b.String())
}

// AnswersYAML returns an answers file for Generate(n) with every question
// answered, a few as "don't know".
func AnswersYAML(n int) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "format: 1\nrubric: {id: gen-%d, version: \"1\"}\nproject: Bench\nstarted: 2026-01-01T00:00:00Z\nupdated: 2026-01-01T00:00:00Z\nanswers:\n", n)
	for q := 0; q < n; q++ {
		fmt.Fprintf(&b, "  q%d: ", q)
		if q%17 == 0 {
			b.WriteString("{dont_know: true}\n")
			continue
		}
		if n >= caseQuestions && q < caseQuestions {
			fmt.Fprintf(&b, "{value: %d}\n", []int{1_000_000, 1_500_000, 200_000, 3, 90}[q])
			continue
		}
		switch q % 5 {
		case 0:
			b.WriteString([]string{"{value: good}\n", "{value: fair}\n", "{value: bad}\n"}[q/5%3])
		case 1:
			b.WriteString([]string{"{value: \"yes\"}\n", "{value: \"no\"}\n"}[q/5%2])
		case 2:
			b.WriteString("{value: [a, c], note: A note.}\n")
		case 3:
			fmt.Fprintf(&b, "{value: %d}\n", q%100)
		case 4:
			fmt.Fprintf(&b, "{value: %d}\n", 1+q%5)
		}
	}
	return []byte(b.String())
}
