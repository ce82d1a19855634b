package workspace

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/vitals-dev/vitals/assessment"
	"github.com/vitals-dev/vitals/internal/printable"
	"github.com/vitals-dev/vitals/questions"
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
	// Workshop, when set, is the mode (assessment.WorkshopNamed or
	// WorkshopAnonymous) of the one-keyboard workshop this run is one
	// participant of: a new answers file records it, an anonymous one is
	// not asked for a name, and the run ends when the answers are done,
	// with no results shown and no report of its own (the round's merged
	// report is the facilitator's).
	Workshop string
	// Interactive says plain mode reads from a person at a terminal: a line
	// it cannot use is explained and the prompt repeated. Otherwise the
	// input is a script, and the first such line stops the run.
	Interactive bool
}

// Clock is the time now, from Now when it is set.
func (c *Config) Clock() time.Time {
	if c.Now != nil {
		return c.Now()
	}
	return time.Now()
}

// Folder is where files with default names go: Dir, or DefaultDir.
func (c *Config) Folder() string {
	if c.Dir != "" {
		return c.Dir
	}
	return DefaultDir
}

// Slug turns a project name into a file-name part: lower-case letters and
// digits joined by single dashes, at most 40 characters.
func Slug(s string) string { return assessment.ProjectSlug(s) }

// DefaultAnswersPath names a new answers file from the date, project and
// rubric, adding -2, -3… rather than reusing an existing file.
func (c *Config) DefaultAnswersPath(rubricID, project string, day time.Time) string {
	base := filepath.Join(c.Folder(), fmt.Sprintf("%s-%s-%s", day.Format("2006-01-02"), Slug(project), rubricID))
	return FreeName(base, ".answers.yaml", 1)
}

// FreeName returns base+ext, or, from the suffix number from on, base-2+ext,
// base-3+ext…, the first that names no file. Any error but "exists" ends the
// search: in a folder that cannot be read every name fails alike, and
// writing the file then says why.
func FreeName(base, ext string, from int) string {
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

// Open returns the session for an answers file: resumed when path exists
// (its rubric must match r), started afresh otherwise. Either way the file
// is locked for the session, and checked to be writable, before anything
// is asked. The returned warnings (a rubric that changed since the file
// was saved, a stale lock taken over) are for the user.
func (c *Config) Open(r *questions.Rubric, path, project string, who assessment.Respondent) (*Session, questions.Problems, error) {
	if _, err := os.Stat(path); err == nil {
		a, err := assessment.LoadFile(path)
		if err != nil {
			return nil, nil, err
		}
		return c.Resume(r, path, a)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, nil, fmt.Errorf("answers %s: %w", printable.Line(path), err)
	}
	for _, t := range []struct{ what, text string }{{"project", project}, {"respondent", who.Name}, {"role", who.Role}} {
		if err := assessment.CheckText(t.text); err != nil {
			return nil, nil, fmt.Errorf("%s: %w", t.what, err)
		}
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, nil, fmt.Errorf("create folder for %s: %w", printable.Line(path), err)
	}
	lock, stale, err := Acquire(path, c.Clock())
	if err != nil {
		return nil, nil, err
	}
	Tidy(filepath.Dir(path))
	s := &Session{Rubric: r, Path: path, Now: c.Now, lock: lock}
	if _, err := os.Lstat(path); err == nil {
		// Made by another session between our look and our lock.
		s.Close()
		return nil, nil, fmt.Errorf("%s was created by another session just now; run again to resume it", printable.Line(path))
	}
	if c.Workshop == assessment.WorkshopAnonymous {
		who.Name = "" // never asked, never kept
	}
	s.Answers = assessment.New(r, project, who, c.Clock())
	s.Answers.Workshop = c.Workshop
	// Write the file at once: a path that cannot be written is found
	// before the first answer, not after it.
	if err := s.Save(); err != nil {
		s.Close()
		return nil, nil, err
	}
	return s, staleWarning(path, stale), nil
}

// Resume returns the session for the answers file at path, which the
// caller has read (to learn its rubric). It takes the file's lock,
// reads it again under the lock (another session may have written it
// since), checks the answers against r and that the file can be written:
// a read-only file, folder or a full disk is said now, before the first
// question, not after the first answer.
func (c *Config) Resume(r *questions.Rubric, path string, read *assessment.File) (*Session, questions.Problems, error) {
	if _, _, err := read.Check(r); err != nil {
		return nil, nil, err
	}
	// Locked first, so tidying the folder does not take this file's stale
	// lock without a word.
	lock, stale, err := Acquire(path, c.Clock())
	if err != nil {
		return nil, nil, err
	}
	Tidy(filepath.Dir(path))
	fail := func(err error) (*Session, questions.Problems, error) {
		_ = lock.Release()
		return nil, nil, err
	}
	read, err = assessment.LoadFile(path)
	if err != nil {
		return fail(err)
	}
	a, warnings, err := read.Check(r)
	if err != nil {
		_ = lock.Release()
		return nil, warnings, err
	}
	if err := checkWritable(path, len(a.Marshal(r))); err != nil {
		return fail(err)
	}
	warnings = append(warnings, staleWarning(path, stale)...)
	// A resumed file keeps its own project and respondent; flags that say
	// otherwise are not applied in silence.
	for _, f := range []struct{ flag, given, kept string }{
		{"project", c.Project, a.Project},
		{"respondent", c.Respondent, a.Respondent.Name},
		{"role", c.Role, a.Respondent.Role},
	} {
		if g := strings.TrimSpace(f.given); g != "" && g != f.kept {
			warnings = append(warnings, questions.Problem{File: path, Line: 1, Col: 1,
				Msg: fmt.Sprintf("--%s %q is not used: a resumed file keeps its own (%q)", f.flag, printable.Line(g), printable.Line(f.kept))})
		}
	}
	return &Session{Rubric: r, Path: path, Now: c.Now, Answers: a, lock: lock}, warnings, nil
}

// staleWarning tells the user a lock left by an ended session was taken
// over.
func staleWarning(path string, stale *Holder) questions.Problems {
	if stale == nil {
		return nil
	}
	return questions.Problems{{File: path, Msg: fmt.Sprintf("took over the lock of an earlier session (%s) that ended without closing the file; its answers saved before it ended are kept", stale)}}
}

// checkWritable finds out, without changing it, whether the answers file
// at path can be saved with about size bytes: the file is not read-only
// and its folder takes a copy that size (the atomic write's temporary
// file), so a full disk is found too.
func checkWritable(path string, size int) error {
	fi, err := os.Stat(path)
	if err != nil {
		return fmt.Errorf("answers %s: %w", printable.Line(path), unwrapPath(err))
	}
	if fi.Mode().Perm()&0o222 == 0 {
		return fmt.Errorf("answers %s is read-only (mode %04o): it cannot keep new answers; make it writable (chmod u+w) or copy it to a new name and resume that", printable.Line(path), fi.Mode().Perm())
	}
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return fmt.Errorf("answers %s cannot be written: %w", printable.Line(path), unwrapPath(err))
	}
	f.Close()
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, tempPattern(filepath.Base(path)))
	if err != nil {
		return fmt.Errorf("answers %s cannot be saved in its folder %s: %w", printable.Line(path), printable.Line(dir), unwrapPath(err))
	}
	defer os.Remove(tmp.Name())
	defer tmp.Close()
	if _, err = tmp.Write(make([]byte, size)); err == nil {
		err = tmp.Sync()
	}
	if err != nil {
		return fmt.Errorf("answers %s cannot be saved in its folder %s: %w", printable.Line(path), printable.Line(dir), unwrapPath(err))
	}
	return nil
}

// ErrExists is returned when a report would overwrite a file.
var ErrExists = errors.New("file exists")

// WriteReport writes a rendered report to path atomically. Unless
// overwrite is set it refuses an existing file with an error wrapping
// ErrExists, so the caller can ask first. A device or pipe is written
// into; a folder is refused.
func (s *Session) WriteReport(path string, report []byte, overwrite bool) error {
	if s.Path != "" && SameFile(path, s.Path) {
		return fmt.Errorf("%s is the answers file; the report needs a name of its own", printable.Line(path))
	}
	if fi, err := os.Stat(path); err == nil {
		switch {
		case fi.IsDir():
			return fmt.Errorf("%s is a folder; give the report's file name", printable.Line(path))
		case !fi.Mode().IsRegular():
			// A device or pipe (/dev/stdout): written into, never
			// replaced, and never renamed around.
			return WriteFileAtomic(path, report)
		case !overwrite:
			return fmt.Errorf("%s: %w", printable.Line(path), ErrExists)
		}
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("create folder for %s: %w", printable.Line(path), err)
	}
	return WriteFileAtomic(path, report)
}

// ShellQuote quotes s for a POSIX shell when it needs it, so a path in a
// suggested command can be pasted as it is.
func ShellQuote(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_./+:@,=", r))
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
