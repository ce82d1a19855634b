package questions

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
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

// moreProblems is the line that ends a list capped at maxProblems.
func moreProblems(file string, n int) Problem {
	return Problem{File: file, Msg: fmt.Sprintf("and %d more problems", n), more: n}
}

// Error formats the problem as "file:line:col: message (hint)". Text that came
// from the file is already made printable when the problem is built.
func (p Problem) Error() string {
	var b strings.Builder
	b.WriteString(Printable(p.File))
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

// Printable returns s with every control character, invalid UTF-8 byte and
// bidirectional override replaced by a visible escape such as \x1b or
// \u202e, so text from a file can never drive the terminal it is shown in.
// Newlines and tabs are escaped too: use it for one-line messages.
func Printable(s string) string {
	if isPrintable(s, false) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case unsafeRune(r):
			if r < 0x100 {
				fmt.Fprintf(&b, `\x%02x`, r)
			} else {
				fmt.Fprintf(&b, `\u%04x`, r)
			}
		default:
			b.WriteRune(r)
		}
		i += size
	}
	return b.String()
}

// PrintableText is Printable for multi-line text: newlines and tabs are kept.
func PrintableText(s string) string {
	if isPrintable(s, true) {
		return s
	}
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		parts := strings.Split(l, "\t")
		for j, p := range parts {
			parts[j] = Printable(p)
		}
		lines[i] = strings.Join(parts, "\t")
	}
	return strings.Join(lines, "\n")
}

func isPrintable(s string, multiline bool) bool {
	for i, r := range s {
		if r == utf8.RuneError {
			if _, size := utf8.DecodeRuneInString(s[i:]); size == 1 {
				return false
			}
		}
		if multiline && (r == '\n' || r == '\t') {
			continue
		}
		if r == '\n' || r == '\t' || unsafeRune(r) {
			return false
		}
	}
	return true
}

// unsafeRune reports runes that must never reach a terminal raw: C0 and C1
// controls, DEL, and the bidirectional embedding, override and isolate
// characters that can make text display differently from what it is.
func unsafeRune(r rune) bool {
	switch {
	case r < 0x20, r == 0x7f, r >= 0x80 && r < 0xa0:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f, r == 0x061c:
		return true
	case r == 0xfeff:
		return true
	}
	return !unicode.IsPrint(r) && !unicode.IsSpace(r) && !unicode.Is(unicode.Mn, r) && !unicode.Is(unicode.Cf, r)
}

// UnsafeRune returns the first character that ReadYAML refuses in text:
// a control character other than newline and tab, or a bidirectional
// override. Code that saves text for ReadYAML to read back checks it with
// this, so the two can never disagree.
func UnsafeRune(s string) (rune, bool) {
	i, r := firstUnsafe(s, true)
	return r, i >= 0
}

// firstUnsafe returns the byte offset of the first unsafe rune in s (tabs
// and newlines allowed when multiline), or -1.
func firstUnsafe(s string, multiline bool) (int, rune) {
	for i, r := range s {
		if multiline && (r == '\n' || r == '\t') {
			continue
		}
		if unsafeRune(r) {
			return i, r
		}
	}
	return -1, 0
}

// suggest returns the candidate closest to word, if it is close enough to be
// a likely typo.
func suggest(word string, candidates []string) string {
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
