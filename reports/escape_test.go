package reports

import (
	"strings"
	"testing"
)

func TestMD(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"Plain text, with commas; colons: and 50% (really).", "Plain text, with commas; colons: and 50% (really)."},
		{"a | b", `a \| b`},
		{"<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"},
		{"`code | pipe`", "\\`code \\| pipe\\`"},
		{"# heading", `\# heading`},
		{"C# and #1", `C\# and \#1`},
		{"line one\nline two\r\nthree", "line one line two three"},
		{"  leading and   inner   spaces ", "leading and inner spaces"},
		{"\x1b[31mred", `\\x1b\[31mred`},
		{"bidi \u202e override", `bidi \\u202e override`},
		{"nul \x00 and c1 \u009b", `nul \\x00 and c1 \\x9b`},
		{"bad \xff utf8", `bad \\xff utf8`},
		{"*bold* _it_ ~strike~ $math$", `\*bold\* \_it\_ \~strike\~ \$math\$`},
		{"[x](javascript:alert(1))", `\[x\](javascript:alert(1))`},
		{`back\slash`, `back\\slash`},
		{"- item", `\- item`},
		{"+ item", `\+ item`},
		{"a - b + c", "a - b + c"},
		{"1. item", `1\. item`},
		{"12) item", `12\) item`},
		{"1.0.0", "1.0.0"},
		{"2026-03-31", "2026-03-31"},
		{"1.", `1\.`},
		{"> quote", "&gt; quote"},
		{"&lt;b&gt; &#60; &#x3c; R&D & co", "&amp;lt;b&amp;gt; &amp;\\#60; &amp;\\#x3c; R&D & co"},
		{"see https://evil.example/x", `see https\://evil.example/x`},
		{"or www.evil.example", `or www\.evil.example`},
		{"awww.x", "awww.x"},
		{"mail me@evil.example", "mail `me@evil.example`"},
		{`mail\@bare.example`, `mail\\@bare.example`},
		{"a@-b.example and x_y+z@q.r-s", "`a@-b.example` and `x_y+z@q.r-s`"},
		{"mailto:x@y.example", "mailto:`x@y.example`"},
		{"a@b@c", "`a@b`@c"},
		{"trailing@ and @lead", "trailing@ and @lead"},
		{"@everyone", "@everyone"},
		{"Ünïcödé text — fine", "Ünïcödé text — fine"},
	}
	for _, tt := range tests {
		if got := md(tt.in); got != tt.want {
			t.Errorf("md(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestPlainMD checks the fast path agrees with the slow one.
func TestPlainMD(t *testing.T) {
	for _, s := range []string{"Plain text.", "50% of users", "1.0.0", "1. x", "a  b", "x ", "- a", "www.x", "a://b", "a@b", "Zürich", "2026-01-01"} {
		if plainMD(s) {
			if got := md(s); got != s {
				t.Errorf("plainMD(%q) is true but md changes it to %q", s, got)
			}
		}
	}
}

func TestTerminalSafeJSON(t *testing.T) {
	in := "{\"a\": \"x\u202ey\u009bz\U0010ffff ok é\"}"
	got := string(terminalSafeJSON([]byte(in)))
	want := `{"a": "x\u202ey\u009bz\udbff\udfff ok é"}`
	if got != want {
		t.Errorf("terminalSafeJSON = %s, want %s", got, want)
	}
	if ascii := []byte(`{"a": 1}`); &terminalSafeJSON(ascii)[0] != &ascii[0] {
		t.Error("pure ASCII input was copied")
	}
	if strings.ContainsRune(got, '\u202e') {
		t.Error("bidi override left raw")
	}
}

func TestMoney(t *testing.T) {
	for _, tt := range []struct {
		in   float64
		want string
	}{{0, "0"}, {999, "999"}, {1000, "1,000"}, {1234567.891, "1,234,567.89"}, {-1250000, "-1,250,000"}, {1.5, "1.5"}, {-0.001, "0"}} {
		if got := money(tt.in); got != tt.want {
			t.Errorf("money(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
