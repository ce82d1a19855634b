package tui

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/vitals-dev/vitals/assessment"
	"github.com/vitals-dev/vitals/questions"
	"github.com/vitals-dev/vitals/reports"
)

// DefaultDir is where answers and reports go unless paths are given.
const DefaultDir = "assessments"

// Config is what `vitals assess` was asked to do. Empty fields are asked
// for interactively.
type Config struct {
	Catalog *questions.Catalog
	// Rubric is a rubric id or a file path (--rubric).
	Rubric     string
	Project    string
	Respondent string
	Role       string
	// AnswersPath (--answers) is the answers file: resumed when it exists,
	// created otherwise.
	AnswersPath string
	// OutPath (--out) is the markdown report.
	OutPath string
	// Dir is the folder for default file names; DefaultDir when empty.
	Dir string
	// Version is the vitals version printed in reports.
	Version string
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Interactive says plain mode reads from a person at a terminal: a line
	// it cannot use is explained and the prompt repeated. Otherwise the
	// input is a script, and the first such line stops the run.
	Interactive bool
}

func (c *Config) now() time.Time {
	if c.Now != nil {
		return c.Now()
	}
	return time.Now()
}

func (c *Config) dir() string {
	if c.Dir != "" {
		return c.Dir
	}
	return DefaultDir
}

// Slug turns a project name into a file-name part: lower-case letters and
// digits joined by single dashes, at most 40 characters.
func Slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
		if b.Len() >= 40 {
			break
		}
	}
	if b.Len() == 0 {
		return "project"
	}
	return b.String()
}

// DefaultAnswersPath names a new answers file from the date, project and
// rubric, adding -2, -3… rather than reusing an existing file.
func (c *Config) DefaultAnswersPath(rubricID, project string, day time.Time) string {
	base := filepath.Join(c.dir(), fmt.Sprintf("%s-%s-%s", day.Format("2006-01-02"), Slug(project), rubricID))
	return freeName(base, ".answers.yaml", 1)
}

// freeName returns base+ext, or, from the suffix number from on, base-2+ext,
// base-3+ext…, the first that names no file. Any error but "exists" ends the
// search: in a folder that cannot be read every name fails alike, and
// writing the file then says why.
func freeName(base, ext string, from int) string {
	for i := from; ; i++ {
		p := base + ext
		if i > 1 {
			p = fmt.Sprintf("%s-%d%s", base, i, ext)
		}
		if _, err := os.Lstat(p); err != nil {
			return p
		}
	}
}

// ReportPathFor returns the report path that goes with an answers file.
func ReportPathFor(answersPath string) string {
	base := strings.TrimSuffix(answersPath, filepath.Ext(answersPath))
	return strings.TrimSuffix(base, ".answers") + ".md"
}

// Unfinished is an answers file that can be resumed.
type Unfinished struct {
	Path     string
	Answers  *assessment.Answers
	Answered int
	Visible  int
}

// FindUnfinished lists the incomplete answers files in the default folder
// for this rubric and project, most recently updated first. Files that do
// not load are skipped: they are not this run's concern.
func (c *Config) FindUnfinished(r *questions.Rubric, project string) []Unfinished {
	matches, _ := filepath.Glob(filepath.Join(c.dir(), "*.answers.yaml"))
	var out []Unfinished
	for _, m := range matches {
		a, err := assessment.LoadFile(m)
		if err != nil || a.Complete || a.Rubric.ID != r.ID || !strings.EqualFold(strings.TrimSpace(a.Project), strings.TrimSpace(project)) {
			continue
		}
		if _, err := a.Check(r); err != nil {
			continue
		}
		s := &Session{Rubric: r, Answers: a}
		answered, visible := s.Progress()
		out = append(out, Unfinished{Path: m, Answers: a, Answered: answered, Visible: visible})
	}
	slices.SortStableFunc(out, func(x, y Unfinished) int { return y.Answers.Updated.Compare(x.Answers.Updated) })
	return out
}

// Open returns the session for an answers file: resumed when path exists
// (its rubric must match r), started afresh otherwise. The returned warnings
// (a rubric that changed since the file was saved) are for the user.
func (c *Config) Open(r *questions.Rubric, path, project string, who assessment.Respondent) (*Session, questions.Problems, error) {
	s := &Session{Rubric: r, Path: path, Now: c.Now}
	if _, err := os.Stat(path); err == nil {
		a, err := assessment.LoadFile(path)
		if err != nil {
			return nil, nil, err
		}
		return c.Resume(r, path, a)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, nil, fmt.Errorf("answers %s: %w", questions.Printable(path), err)
	}
	for _, t := range []struct{ what, text string }{{"project", project}, {"respondent", who.Name}, {"role", who.Role}} {
		if err := assessment.CheckText(t.text); err != nil {
			return nil, nil, fmt.Errorf("%s: %w", t.what, err)
		}
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, nil, fmt.Errorf("create folder for %s: %w", questions.Printable(path), err)
	}
	s.Answers = assessment.New(r, project, who, c.now())
	// Write the file at once: a path that cannot be written is found
	// before the first answer, not after it.
	if err := s.Save(); err != nil {
		return nil, nil, err
	}
	return s, nil, nil
}

// Resume returns the session for answers a, already read from path (the
// caller read it to learn its rubric), after checking them against r.
func (c *Config) Resume(r *questions.Rubric, path string, a *assessment.Answers) (*Session, questions.Problems, error) {
	warnings, err := a.Check(r)
	if err != nil {
		return nil, warnings, err
	}
	// A resumed file keeps its own project and respondent; flags that say
	// otherwise are not applied in silence.
	for _, f := range []struct{ flag, given, kept string }{
		{"project", c.Project, a.Project},
		{"respondent", c.Respondent, a.Respondent.Name},
		{"role", c.Role, a.Respondent.Role},
	} {
		if g := strings.TrimSpace(f.given); g != "" && g != f.kept {
			warnings = append(warnings, questions.Problem{File: path, Line: 1, Col: 1,
				Msg: fmt.Sprintf("--%s %q is not used: a resumed file keeps its own (%q)", f.flag, questions.Printable(g), questions.Printable(f.kept))})
		}
	}
	return &Session{Rubric: r, Path: path, Now: c.Now, Answers: a}, warnings, nil
}

// ErrExists is returned when a report would overwrite a file.
var ErrExists = errors.New("file exists")

// WriteReport scores the session and writes its markdown report to path
// atomically. Unless overwrite is set it refuses an existing file with an
// error wrapping ErrExists, so the caller can ask first.
func (s *Session) WriteReport(path, version string, overwrite bool) error {
	if s.Path != "" && assessment.SameFile(path, s.Path) {
		return fmt.Errorf("%s is the answers file; the report needs a name of its own", questions.Printable(path))
	}
	if !overwrite {
		if _, err := os.Stat(path); err == nil {
			return fmt.Errorf("%s: %w", questions.Printable(path), ErrExists)
		}
	}
	var buf bytes.Buffer
	if err := reports.Render(&buf, s.Result(), reports.Options{Format: reports.Format("md"), Version: version}); err != nil {
		return fmt.Errorf("render report: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("create folder for %s: %w", questions.Printable(path), err)
	}
	return assessment.WriteFileAtomic(path, buf.Bytes(), 0o644)
}

// Outcome is where a run left its files.
type Outcome struct {
	// AnswersPath is the answers file, saved even when the run was
	// interrupted; empty if the run ended before one was started.
	AnswersPath string
	// ReportPath is the report written, or empty when none was.
	ReportPath string
	// Complete reports whether every question was gone through.
	Complete bool
}
