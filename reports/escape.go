package reports

import (
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/vitals-dev/vitals/internal/printable"
)

// md makes text from an answers file or a rubric safe to place anywhere
// inline in the markdown report: a paragraph, a list item, a heading or a
// table cell. The result is one line that renders as the text it was:
//
//   - line breaks and other white space become single spaces, so the text
//     cannot end a table row, a list item or a paragraph;
//   - control characters, bidirectional overrides and invalid UTF-8 become
//     visible escapes such as \x1b (printable.Line), so nothing reaches
//     a terminal that shows the raw report;
//   - < and > become &lt; and &gt;, and an & that would start an entity
//     becomes &amp;, so the text cannot carry HTML;
//   - characters that mark up inline text (\ ` * _ [ ] | ~ $ #) get a
//     backslash; | is escaped even where a code span would not need it,
//     since a GFM table splits its rows on | before anything else;
//   - a leading - or + cannot start a list or a thematic break, nor a
//     leading "1." or "1)" an ordered list;
//   - http:// and www. are kept from becoming links by a backslash;
//   - an e-mail address, or anything GitHub's autolinker would take for
//     one, goes in a code span: the autolinker reads the text after
//     backslashes and entities are resolved, so only a code span stops it.
//
// Ids are not passed through md: they are validated to [a-z0-9._-] and are
// shown in code spans.
func md(s string) string {
	if plainMD(s) {
		return s
	}
	s = strings.Join(strings.Fields(s), " ")
	s = printable.Line(s)
	var b strings.Builder
	b.Grow(len(s) + 16)
	mails := mailSpans(s)
	for i := 0; i < len(s); i++ {
		if len(mails) > 0 && i == mails[0][0] {
			// Mail characters hold no backtick or pipe, so the span
			// needs no escaping and cannot split a table row.
			b.WriteString("`" + s[i:mails[0][1]] + "`")
			i = mails[0][1] - 1
			mails = mails[1:]
			continue
		}
		c := s[i]
		switch c {
		case '\\', '`', '*', '_', '[', ']', '|', '~', '$', '#':
			b.WriteByte('\\')
			b.WriteByte(c)
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			if entityAt(s, i) {
				b.WriteString("&amp;")
			} else {
				b.WriteByte('&')
			}
		case '-', '+':
			if i == 0 {
				b.WriteByte('\\')
			}
			b.WriteByte(c)
		case '.', ')':
			if leadingNumber(s, i) || (c == '.' && afterWWW(s, i)) {
				b.WriteByte('\\')
			}
			b.WriteByte(c)
		case ':':
			if strings.HasPrefix(s[i:], "://") && i > 0 && isAlnum(s[i-1]) {
				b.WriteByte('\\')
			}
			b.WriteByte(c)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// plainMD reports whether s needs no escaping: the common case of rubric
// prose made of letters, digits, spaces and harmless punctuation.
func plainMD(s string) bool {
	if s == "" {
		return true
	}
	switch s[0] {
	case '-', '+', ' ':
		return false
	}
	if s[0] >= '0' && s[0] <= '9' {
		if i := strings.IndexFunc(s, func(r rune) bool { return r < '0' || r > '9' }); i > 0 && leadingNumber(s, i) && (s[i] == '.' || s[i] == ')') {
			return false // "1. x" would start a list
		}
	}
	prev := byte(0)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return false // checked for controls and bidi by Printable
		}
		switch c {
		case '\\', '`', '*', '_', '[', ']', '|', '~', '$', '#', '<', '>', '&', '@':
			return false
		case ':', '.':
			if c == ':' && strings.HasPrefix(s[i:], "://") {
				return false
			}
			if c == '.' && afterWWW(s, i) {
				return false
			}
		case ' ':
			if prev == ' ' {
				return false
			}
		}
		if c < 0x20 || c == 0x7f {
			return false
		}
		prev = c
	}
	return s[len(s)-1] != ' '
}

// entityAt reports whether the & at s[i] starts something a markdown
// renderer would decode as a character reference, like &lt; or &#60;.
func entityAt(s string, i int) bool {
	j := i + 1
	if j < len(s) && s[j] == '#' {
		j++
	}
	start := j
	for j < len(s) && isAlnum(s[j]) {
		j++
	}
	return j > start && j < len(s) && s[j] == ';'
}

// leadingNumber reports whether the . or ) at s[i] follows digits that
// start the text and comes before a space or the end, which markdown would
// read as an ordered list item ("1. x"; not "1.0.0").
func leadingNumber(s string, i int) bool {
	if i == 0 || (i+1 < len(s) && s[i+1] != ' ') {
		return false
	}
	for j := 0; j < i; j++ {
		if s[j] < '0' || s[j] > '9' {
			return false
		}
	}
	return true
}

// afterWWW reports whether the . at s[i] ends a "www" that starts a word,
// which GFM would turn into a link.
func afterWWW(s string, i int) bool {
	if i < 3 || !strings.EqualFold(s[i-3:i], "www") {
		return false
	}
	return i == 3 || !isAlnum(s[i-4])
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func isMailChar(c byte) bool {
	return isAlnum(c) || c == '.' || c == '-' || c == '_' || c == '+'
}

// terminalSafeJSON rewrites the characters encoding/json leaves raw but a
// terminal would act on (C1 controls, bidirectional overrides and the like)
// as \u escapes. They can only occur inside JSON strings, so the document
// decodes to exactly the same values.
func terminalSafeJSON(b []byte) []byte {
	i := 0
	for i < len(b) && b[i] < utf8.RuneSelf {
		i++
	}
	if i == len(b) {
		return b
	}
	out := make([]byte, 0, len(b)+64)
	out = append(out, b[:i]...)
	for i < len(b) {
		if b[i] < utf8.RuneSelf {
			out = append(out, b[i])
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if s := string(r); printable.Line(s) != s {
			if r > 0xffff {
				r1, r2 := utf16.EncodeRune(r)
				out = appendU(appendU(out, r1), r2)
			} else {
				out = appendU(out, r)
			}
		} else {
			out = append(out, b[i:i+size]...)
		}
		i += size
	}
	return out
}

func appendU(b []byte, r rune) []byte {
	const hex = "0123456789abcdef"
	return append(b, '\\', 'u', hex[r>>12&0xf], hex[r>>8&0xf], hex[r>>4&0xf], hex[r&0xf])
}

// mailSpans returns the byte ranges of s that GFM's extended autolink
// could read as an e-mail address: mail characters, an @, then domain
// characters. It errs on the side of a span: "a@-b.example" and "x@y"
// count too.
func mailSpans(s string) [][2]int {
	var spans [][2]int
	for i := 0; i < len(s); i++ {
		if s[i] != '@' {
			continue
		}
		start := i
		for start > 0 && isMailChar(s[start-1]) {
			start--
		}
		end := i + 1
		for end < len(s) && (isAlnum(s[end]) || s[end] == '.' || s[end] == '-' || s[end] == '_') {
			end++
		}
		if start == i || end == i+1 || (len(spans) > 0 && start < spans[len(spans)-1][1]) {
			continue
		}
		spans = append(spans, [2]int{start, end})
		i = end - 1
	}
	return spans
}
