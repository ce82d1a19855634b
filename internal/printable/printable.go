// Package printable makes text from files and users safe to show on a
// terminal: control characters, invalid UTF-8 and bidirectional overrides
// become visible escapes, so what a file holds can never drive the
// terminal it is shown in. Every package that prints such text uses it.
package printable

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Line returns s with every control character, invalid UTF-8 byte and
// bidirectional override replaced by a visible escape such as \x1b or
// \u202e, so text from a file can never drive the terminal it is shown in.
// Newlines and tabs are escaped too: use it for one-line messages.
func Line(s string) string {
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
		case Unsafe(r):
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

// Text is Line for multi-line text: newlines and tabs are kept.
func Text(s string) string {
	if isPrintable(s, true) {
		return s
	}
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		parts := strings.Split(l, "\t")
		for j, p := range parts {
			parts[j] = Line(p)
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
		if r == '\n' || r == '\t' || Unsafe(r) {
			return false
		}
	}
	return true
}

// Unsafe reports runes that must never reach a terminal raw: C0 and C1
// controls, DEL, and the bidirectional embedding, override and isolate
// characters that can make text display differently from what it is.
func Unsafe(r rune) bool {
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

// UnsafeRune returns the first character that yamlfile.ReadYAML refuses in text:
// a control character other than newline and tab, or a bidirectional
// override. Code that saves text for ReadYAML to read back checks it with
// this, so the two can never disagree.
func UnsafeRune(s string) (rune, bool) {
	i, r := FirstUnsafe(s, true)
	return r, i >= 0
}

// FirstUnsafe returns the byte offset of the first unsafe rune in s (tabs
// and newlines allowed when multiline), or -1.
func FirstUnsafe(s string, multiline bool) (int, rune) {
	for i, r := range s {
		if multiline && (r == '\n' || r == '\t') {
			continue
		}
		if Unsafe(r) {
			return i, r
		}
	}
	return -1, 0
}
