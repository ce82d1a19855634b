package questions

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"github.com/vitals-dev/vitals/internal/printable"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

var update = flag.Bool("update", false, "rewrite golden files")

// rawControlIndex returns the byte offset of the first character in s that
// must not reach a terminal raw: a C0 control other than newline, DEL, a C1
// control, a bidirectional override or isolate, or an invalid UTF-8 byte.
// It returns -1 when there is none.
func rawControlIndex(s string) int {
	for i, r := range s {
		switch {
		case r == utf8.RuneError:
			if _, size := utf8.DecodeRuneInString(s[i:]); size == 1 {
				return i
			}
		case r == '\n':
		case r < 0x20, r == 0x7f, r >= 0x80 && r < 0xa0:
			return i
		case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
			return i
		}
	}
	return -1
}

// moreProblemsLine matches the summary line added when a file has more
// problems than are listed; it is the only line without a position.
var moreProblemsLine = regexp.MustCompile(`: and \d+ more problems$`)

// checkMessage checks the form of an error text about file name: every line
// is "name:line:col: message", and no line holds a raw control character.
func checkMessage(t *testing.T, name, msg string) {
	t.Helper()
	if i := rawControlIndex(msg); i >= 0 {
		t.Errorf("message holds a raw control character at byte %d: %q", i, msg)
	}
	positioned := regexp.MustCompile(`^` + regexp.QuoteMeta(name) + `:[1-9][0-9]*:[1-9][0-9]*: \S`)
	for _, line := range strings.Split(msg, "\n") {
		if !positioned.MatchString(line) && !(strings.HasPrefix(line, name+":") && moreProblemsLine.MatchString(line)) {
			t.Errorf("line is not %q: %q", name+":line:col: message", line)
		}
	}
}

// TestBadRubrics parses every file in testdata/bad, each with one kind of
// problem (a few with several), and compares the error text with the file's
// golden. Run with -update to rewrite the goldens, then review them: every
// position must point at the problem in the .yaml file.
func TestBadRubrics(t *testing.T) {
	files, err := filepath.Glob("testdata/bad/*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 30 {
		t.Fatalf("found %d bad rubrics in testdata/bad, want at least 30", len(files))
	}
	for _, file := range files {
		name := filepath.ToSlash(file)
		t.Run(strings.TrimSuffix(filepath.Base(file), ".yaml"), func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			r, err := ParseBytes(name, data)
			if err == nil {
				t.Fatalf("ParseBytes accepted %s (rubric %q)", name, r.ID)
			}
			if r != nil {
				t.Errorf("ParseBytes returned a rubric and an error")
			}
			var ps Problems
			if !errors.As(err, &ps) || len(ps) == 0 {
				t.Fatalf("error is %T, want a non-empty Problems: %v", err, err)
			}
			got := err.Error() + "\n"
			checkMessage(t, name, strings.TrimSuffix(got, "\n"))

			golden := strings.TrimSuffix(file, ".yaml") + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("error text differs from %s\ngot:\n%s\nwant:\n%s", golden, got, want)
			}
		})
	}
}

// TestPendingBadRubrics checks the files in testdata/bad-pending, which
// show known wrong positions or messages: they have no goldens yet, but
// must at least be rejected with clean messages.
func TestPendingBadRubrics(t *testing.T) {
	files, err := filepath.Glob("testdata/bad-pending/*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, file := range files {
		name := filepath.ToSlash(file)
		t.Run(strings.TrimSuffix(filepath.Base(file), ".yaml"), func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := ParseBytes(name, data); err == nil {
				t.Fatalf("ParseBytes accepted %s", name)
			} else if i := rawControlIndex(err.Error()); i >= 0 {
				t.Errorf("message holds a raw control character at byte %d: %q", i, err)
			}
		})
	}
}

// docExample returns the last ```yaml block of the format documentation:
// the complete example.
func docExample(t testing.TB) []byte {
	t.Helper()
	doc, err := os.ReadFile("../docs/rubric-format.md")
	if err != nil {
		t.Fatal(err)
	}
	const open, fence = "```yaml\n", "\n```"
	i := bytes.LastIndex(doc, []byte(open))
	if i < 0 {
		t.Fatal("docs/rubric-format.md has no ```yaml block")
	}
	block := doc[i+len(open):]
	j := bytes.Index(block, []byte(fence))
	if j < 0 {
		t.Fatal("the last ```yaml block of docs/rubric-format.md is not closed")
	}
	return block[:j+1]
}

func TestDocExample(t *testing.T) {
	example := docExample(t)
	r, err := ParseBytes("docs/rubric-format.md", example)
	if err != nil {
		t.Fatalf("the complete example in docs/rubric-format.md does not parse:\n%v", err)
	}
	if got, want := r.ID, "crm-health"; got != want {
		t.Errorf("example rubric id = %q, want %q", got, want)
	}
	if got, want := len(r.Questions()), 11; got != want {
		t.Errorf("example has %d questions, want %d", got, want)
	}
	if !strings.HasPrefix(r.Hash(), "sha256:") {
		t.Errorf("example hash = %q, want a sha256: prefix", r.Hash())
	}

	file, err := os.ReadFile("testdata/example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(file, example) {
		t.Errorf("testdata/example.yaml differs from the complete example in docs/rubric-format.md; copy the example over")
	}
}

// floodInputs are files whose every key or question id is the same, 10,000
// times: a duplicate-key check that compares each key with all before it
// would take minutes over them.
func floodInputs() []struct{ name, want, data string } {
	const n = 10_000
	head := "id: demo\ntitle: Demo\nversion: 1.0.0\nsections:\n  - id: s1\n    title: Section one\n    questions:\n"
	return []struct{ name, want, data string }{
		{"same-key", `duplicate key "a"`, strings.Repeat("a: 1\n", n)},
		{"same-id", `duplicate question id "x"`, head + strings.Repeat("      - id: x\n", n)},
		{"same-id-complete", `duplicate question id "x"`, head + strings.Repeat("      - {id: x, prompt: Is it?, kind: text}\n", n)},
		// Every question names an unknown one: suggesting a spelling for
		// each against every id would be quadratic.
		{"unknown-references", `when names unknown question`, head + numbered(n, "      - {id: q%[1]d, prompt: P?, kind: text, when: {question: zz%[1]d}}\n")},
		{"unknown-relative-to", `relative_to names unknown question`, head + numbered(n, "      - {id: q%[1]d, prompt: P?, kind: date, relative_to: zz%[1]d}\n")},
	}
}

func numbered(n int, format string) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, format, i)
	}
	return b.String()
}

func TestDuplicateFlood(t *testing.T) {
	for _, tc := range floodInputs() {
		t.Run(tc.name, func(t *testing.T) {
			name := tc.name + ".yaml"
			_, err := ParseBytes(name, []byte(tc.data))
			if err == nil {
				t.Fatal("ParseBytes accepted it")
			}
			msg := err.Error()
			if !strings.Contains(msg, tc.want) {
				t.Errorf("error does not mention %s; first lines:\n%s", tc.want, firstLines(msg, 5))
			}
			if lines := strings.Count(msg, "\n") + 1; lines > 51 {
				t.Errorf("%d lines of problems; at most 50 and a count of the rest are shown", lines)
			}
		})
	}
}

func BenchmarkDuplicateFlood(b *testing.B) {
	for _, tc := range floodInputs() {
		b.Run(tc.name, func(b *testing.B) {
			data := []byte(tc.data)
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if _, err := ParseBytes(tc.name, data); err == nil {
					b.Fatal("ParseBytes accepted it")
				}
			}
		})
	}
}

func firstLines(s string, n int) string {
	lines := strings.SplitN(s, "\n", n+1)
	return strings.Join(lines[:min(n, len(lines))], "\n")
}

func TestPrintable(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain", "Is the CRM used?", "Is the CRM used?"},
		{"unicode", "Café: 50 % ✓ — 日本", "Café: 50 % ✓ — 日本"},
		{"empty", "", ""},
		{"esc", "a\x1bb", `a\x1bb`},
		{"csi sequence", "\x1b[31mred\x1b[0m", `\x1b[31mred\x1b[0m`},
		{"osc title", "\x1b]0;pwned\x07", `\x1b]0;pwned\x07`},
		{"bel", "ding\a", `ding\x07`},
		{"carriage return", "safe\rEVIL", `safe\x0dEVIL`},
		{"backspace", "abc\b\bX", `abc\x08\x08X`},
		{"nul", "a\x00b", `a\x00b`},
		{"del", "a\x7fb", `a\x7fb`},
		{"c1 csi", "a\u009b31mb", `a\x9b31mb`},
		{"c1 nel", "a\u0085b", `a\x85b`},
		{"right-to-left override", "invoice\u202efdp.exe", `invoice\u202efdp.exe`},
		{"bidi isolate", "a\u2066b\u2069", `a\u2066b\u2069`},
		{"byte order mark", "\ufeffid", `\ufeffid`},
		{"invalid utf-8", "caf\xe9", `caf\xe9`},
		{"lone continuation byte", "\x9b[2J", `\x9b[2J`},
		{"newline and tab", "a\nb\tc", `a\nb\tc`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := printable.Line(tc.in)
			if got != tc.want {
				t.Errorf("printable.Line(%q) = %q, want %q", tc.in, got, tc.want)
			}
			if i := rawControlIndex(got); i >= 0 {
				t.Errorf("printable.Line(%q) = %q still holds a raw control character at byte %d", tc.in, got, i)
			}
		})
	}
}

// minimal is a valid rubric with one question; %s is replaced by extra keys
// of that question.
const minimal = `id: demo
title: Demo
version: 1.0.0
sections:
  - id: s1
    title: Section one
    questions:
      - id: q1
%s`

const yesnoKeys = `        kind: yesno
        options:
          - {value: "yes", label: "Yes", score: 100}
          - {value: "no", label: "No", score: 0}
`

func TestMinimalRubricParses(t *testing.T) {
	if _, err := ParseBytes("minimal.yaml", fmt.Appendf(nil, minimal, "        prompt: Is it fine?\n"+yesnoKeys)); err != nil {
		t.Fatalf("the minimal rubric the other tests change does not parse:\n%v", err)
	}
}

func TestWholeNumbersAreNotRounded(t *testing.T) {
	tests := []struct {
		name, data, want string
	}{
		{
			"format",
			"format: 1.5\n" + fmt.Sprintf(minimal, "        prompt: Is it fine?\n"+yesnoKeys),
			"t.yaml:1:9: format must be a whole number, got the number 1.5",
		},
		{
			"format 1.0",
			"format: 1.0\n" + fmt.Sprintf(minimal, "        prompt: Is it fine?\n"+yesnoKeys),
			"t.yaml:1:9: format must be a whole number, got the number 1.0",
		},
		{
			"scale max",
			fmt.Sprintf(minimal, "        prompt: How sure?\n        kind: scale\n        min: 1\n        max: 5.5\n"),
			"t.yaml:12:14: scale bounds must be whole numbers, got the number 5.5",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := ParseBytes("t.yaml", []byte(tc.data))
			if err == nil {
				t.Fatalf("accepted; scale max = %v", r.Questions()[0].Max)
			}
			if got := err.Error(); got != tc.want {
				t.Errorf("error:\n%s\nwant:\n%s", got, tc.want)
			}
		})
	}
}

func TestUnknownKeyHint(t *testing.T) {
	data := fmt.Sprintf(minimal, "        promt: Is it fine?\n"+yesnoKeys)
	_, err := ParseBytes("t.yaml", []byte(data))
	if err == nil {
		t.Fatal("accepted an unknown key")
	}
	want := `t.yaml:9:9: unknown key "promt" in question (did you mean "prompt"?)`
	if !strings.Contains(err.Error(), want) {
		t.Errorf("error:\n%v\nwant a line:\n%s", err, want)
	}
}
