package reports_test

import (
	"encoding/json"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/vitals-dev/vitals/assessment"
	"github.com/vitals-dev/vitals/reports"
)

// hostile is text that tries every way out of its place in a report:
// breaking a table, injecting HTML, starting a heading, list, quote or code
// block, opening a code span, making a link or math, and driving the
// terminal that shows the raw report.
var hostile = []string{
	"| <script>alert(1)</script> \x1b[31m # heading \n newline",
	"# heading\n- list\n1. list\n> quote\n---\n    code\n```\nfence",
	"`code | pipe` and \\| and trailing \\",
	"\x1b]8;;https://evil.example\x07link\x1b]8;;\x07 \x1b[2J\x1b[H",
	"\u202eevil\u202c \u2066isolate\u2069 \u200f rtl \ufeff bom",
	"nul\x00 bell\a backspace\b cr\r c1\u009b invalid\xff\xfe",
	"<img src=x onerror=alert(1)> <!-- comment --> &lt;escaped&gt; &#60;",
	"[x](javascript:alert(1)) ![i](x.png) [^1] https://evil.example www.evil.example a@evil.example",
	"mail\\@bare.example a@-b.example WWW.Evil.Example mailto:x@y.example ftp://f.example x_y+z@q.r",
	"$x$ $$y$$ ~~s~~ **b** __u__ *i* _j_",
	"- leading dash",
	"1. leading number",
}

// inject puts hostile text into every free-text place of an answers file:
// the project, the respondent, every note and every text answer.
func inject(res *assessment.Result) { injectText(res, hostile) }

// benign is plain text for the same places, so that a report with notes
// everywhere can be compared with one whose notes are hostile.
var benign = []string{"a plain note"}

func injectText(res *assessment.Result, texts []string) {
	a := res.Answers
	a.Project = strings.Join(texts[:min(3, len(texts))], " ")
	a.Respondent = assessment.Respondent{Name: texts[0], Role: texts[len(texts)/2]}
	i := 0
	for _, sr := range res.Sections {
		for _, qr := range sr.Questions {
			if qr.Answer == nil {
				continue
			}
			qr.Answer.Note = texts[i%len(texts)]
			if qr.Question.Kind == "text" {
				qr.Answer.Text = texts[(i+1)%len(texts)]
			}
			i++
		}
	}
}

// skeleton describes the block structure of a markdown text, line by line:
// headings by level, list items by marker and indent, table rows by their
// number of cells, fences, blank lines and paragraphs. Text that escapes
// its place changes the skeleton.
func skeleton(md string) []string {
	var out []string
	inFence := false
	for _, line := range strings.Split(md, "\n") {
		var kind string
		switch {
		case strings.HasPrefix(line, "```"):
			inFence = !inFence
			kind = "fence"
		case inFence:
			kind = "code"
		case line == "":
			kind = "blank"
		case strings.HasPrefix(line, "#"):
			kind = "h" + itoa(len(line)-len(strings.TrimLeft(line, "#")))
		case strings.HasPrefix(line, "|"):
			kind = "row" + itoa(unescapedPipes(line))
		case strings.HasPrefix(line, "- "), strings.HasPrefix(line, "  - "):
			kind = "li" + itoa(len(line)-len(strings.TrimLeft(line, " ")))
		case len(line) > 2 && line[0] >= '1' && line[0] <= '9' && strings.Contains(line[:4], ". "):
			kind = "ol"
		case line == "---":
			kind = "hr"
		default:
			kind = "p"
		}
		out = append(out, kind)
	}
	return out
}

func unescapedPipes(line string) int {
	n, backslashes := 0, 0
	for i := 0; i < len(line); i++ {
		switch line[i] {
		case '\\':
			backslashes++
			continue
		case '|':
			if backslashes%2 == 0 {
				n++
			}
		}
		backslashes = 0
	}
	return n
}

func TestHostileTextKeepsStructure(t *testing.T) {
	for _, fixture := range []string{"fws-healthy.yaml", "ar-typical.yaml", "fws-unknowns.yaml"} {
		t.Run(fixture, func(t *testing.T) {
			path := filepath.Join("testdata", fixture)
			plain := loadFixture(t, path)
			injectText(plain, benign)
			clean := string(render(t, plain, reports.Markdown))
			res := loadFixture(t, path)
			inject(res)
			dirty := string(render(t, res, reports.Markdown))

			want, got := skeleton(clean), skeleton(dirty)
			if len(got) != len(want) {
				t.Fatalf("hostile text changed the report from %d to %d lines", len(want), len(got))
			}
			for i := range want {
				if got[i] != want[i] {
					t.Errorf("line %d is %s, want %s: %q", i+1, got[i], want[i], strings.Split(dirty, "\n")[i])
				}
			}
			checkInert(t, dirty)
		})
	}
}

// checkInert fails if the markdown holds anything a renderer or terminal
// would act on: HTML, control characters, invalid UTF-8.
func checkInert(t *testing.T, md string) {
	t.Helper()
	if strings.Contains(md, "<") {
		i := strings.Index(md, "<")
		t.Errorf("report contains a raw <: %q", md[max(0, i-40):min(len(md), i+40)])
	}
	if !utf8.ValidString(md) {
		t.Error("report is not valid UTF-8")
	}
	for i, r := range md {
		if (r < 0x20 && r != '\n') || r == 0x7f || (r >= 0x80 && r < 0xa0) || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) || r == 0x200f || r == 0xfeff {
			t.Errorf("report contains the control character %U at byte %d", r, i)
			return
		}
	}
	// A link needs "](": outside the chart's code block, every "]" in the
	// report is escaped.
	text := md
	if i, j := strings.Index(md, "```mermaid"), strings.LastIndex(md, "```"); i >= 0 && j > i {
		text = md[:i] + md[j:]
	}
	// GitHub's autolinker makes a link of any mail characters around an @
	// outside a code span, whatever backslashes stand between them.
	prose := md
	if i, j := strings.Index(md, "```mermaid"), strings.LastIndex(md, "```"); i >= 0 && j > i {
		prose = md[:i] + md[j+3:]
	}
	prose = withoutCodeSpans(prose)
	if m := mailLike.FindString(prose); m != "" {
		t.Errorf("e-mail-like text outside a code span: %q", m)
	}
	if m := wwwLike.FindString(prose); m != "" {
		t.Errorf("www. outside a code span, unescaped: %q", m)
	}
	for i := 1; i < len(text); i++ {
		if text[i] == ']' && text[i-1] != '\\' {
			t.Errorf("unescaped ] in report: %q", text[max(0, i-40):min(len(text), i+10)])
			return
		}
	}
}

var (
	// An @ between mail characters, or after one escaped with a single
	// backslash, which GFM removes before the autolinker looks.
	mailLike = regexp.MustCompile(`(^|[^\\])[A-Za-z0-9._+-]\\?@[A-Za-z0-9]`)
	wwwLike  = regexp.MustCompile(`(?i)(^|[^A-Za-z0-9\\])www\.`)
)

// withoutCodeSpans removes the code spans of markdown text: a backtick
// opens one unless a backslash escapes it, and the next backtick closes it.
func withoutCodeSpans(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '\\' && i+1 < len(s):
			b.WriteString(s[i : i+2])
			i++
		case s[i] == '`':
			if j := strings.IndexByte(s[i+1:], '`'); j >= 0 {
				i += j + 1
				continue
			}
			b.WriteByte(s[i])
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

func TestHostileJSON(t *testing.T) {
	res := loadFixture(t, filepath.Join("testdata", "fws-healthy.yaml"))
	inject(res)
	out := render(t, res, reports.JSON)
	if !utf8.Valid(out) {
		t.Fatal("JSON report is not valid UTF-8")
	}
	for i, r := range string(out) {
		if (r < 0x20 && r != '\n') || r == 0x7f || (r >= 0x80 && r < 0xa0) || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) || r == 0x200f || r == 0xfeff || r == '<' || r == '>' {
			t.Fatalf("JSON report contains %U raw at byte %d", r, i)
		}
	}
	var doc struct {
		Project    string `json:"project"`
		Respondent struct {
			Name string `json:"name"`
		} `json:"respondent"`
		Sections []struct {
			Questions []struct {
				Answer *struct {
					Note string `json:"note"`
				} `json:"answer"`
			} `json:"questions"`
		} `json:"sections"`
	}
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatalf("hostile JSON does not decode: %v", err)
	}
	// JSON is data: the text comes back exactly as it went in (invalid
	// UTF-8 aside, which encoding/json replaces with U+FFFD).
	if got, want := doc.Respondent.Name, hostile[0]; got != want {
		t.Errorf("respondent name = %q, want %q", got, want)
	}
	if got, want := doc.Sections[0].Questions[0].Answer.Note, hostile[0]; got != want {
		t.Errorf("first note = %q, want %q", got, want)
	}
	if got, want := doc.Sections[0].Questions[4].Answer.Note, hostile[4]; got != want {
		t.Errorf("bidi note = %q, want %q", got, want)
	}
}
