package yamlfile

import (
	"fmt"
	"github.com/vitals-dev/vitals/internal/printable"
	"strings"
)

// Problem is one thing wrong with an input file, at a position.
type Problem struct {
	File string
	Line int
	Col  int
	Msg  string
	// Hint is an optional suggestion, such as a likely intended key.
	Hint string

	// more, when above 0, makes this the "and N more problems" line that
	// ends a capped list, so lists can be merged and capped again.
	more int
}

// MoreProblems is the line that ends a list capped at MaxProblems.
func MoreProblems(file string, n int) Problem {
	return Problem{File: file, Msg: fmt.Sprintf("and %d more problems", n), more: n}
}

// Error formats the problem as "file:line:col: message (hint)". Text that came
// from the file is already made printable when the problem is built.
func (p Problem) Error() string {
	var b strings.Builder
	b.WriteString(printable.Line(p.File))
	if p.Line > 0 {
		fmt.Fprintf(&b, ":%d", p.Line)
		if p.Col > 0 {
			fmt.Fprintf(&b, ":%d", p.Col)
		}
	}
	b.WriteString(": ")
	b.WriteString(p.Msg)
	if p.Hint != "" {
		b.WriteString(" (")
		b.WriteString(p.Hint)
		b.WriteString(")")
	}
	return b.String()
}

// Problems is every problem found in one or more files. It is an error; its
// message has one problem per line.
type Problems []Problem

// Error lists the problems, one per line.
func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.Error()
	}
	return strings.Join(lines, "\n")
}

// Suggest returns the candidate closest to word, if it is close enough to be
// a likely typo.
func Suggest(word string, candidates []string) string {
	best, bestD := "", 1<<30
	for _, c := range candidates {
		d := editDistance(strings.ToLower(word), c)
		if d < bestD {
			best, bestD = c, d
		}
	}
	limit := 2
	if len(word) > 8 {
		limit = 3
	}
	if bestD <= limit && bestD < len(word) {
		return best
	}
	return ""
}

func editDistance(a, b string) int {
	if len(a) > 64 || len(b) > 64 {
		return 1 << 30
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
