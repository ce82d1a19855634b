package workspace

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/vitals-dev/vitals/internal/printable"
)

// RescueDirs are where rescue copies go, in the order tried: the user's
// state folder ($XDG_STATE_HOME/vitals/rescue, by default
// ~/.local/state/vitals/rescue), then the system's temporary folder. They
// are tried in turn because a full disk usually fills one file system, not
// every one.
func RescueDirs() []string {
	var dirs []string
	state := os.Getenv("XDG_STATE_HOME")
	if state == "" || !filepath.IsAbs(state) {
		if home, err := os.UserHomeDir(); err == nil {
			state = filepath.Join(home, ".local", "state")
		} else {
			state = ""
		}
	}
	if state != "" {
		dirs = append(dirs, filepath.Join(state, "vitals", "rescue"))
	}
	return append(dirs, filepath.Join(os.TempDir(), fmt.Sprintf("vitals-rescue-%d", os.Getuid())))
}

// Rescue writes data, an answers file whose save failed, to a new file in
// the first of RescueDirs that takes it, readable by its owner only (the
// temporary folder is shared). It returns the copy's path, or an error
// naming every place tried.
func Rescue(answersPath string, data []byte, now time.Time) (string, error) {
	base := strings.TrimSuffix(filepath.Base(answersPath), ".answers.yaml")
	base = strings.TrimSuffix(base, filepath.Ext(base))
	if base == "" || base == "." {
		base = "answers"
	}
	name := fmt.Sprintf("%s-rescued-%s", base, now.UTC().Format("20060102T150405Z"))
	var errs []error
	for _, dir := range RescueDirs() {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", dir, unwrapPath(err)))
			continue
		}
		path := FreeName(filepath.Join(dir, name), ".answers.yaml", 1)
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if err == nil {
			_, err = f.Write(data)
			if serr := f.Sync(); err == nil {
				err = serr
			}
			if cerr := f.Close(); err == nil {
				err = cerr
			}
			if err == nil {
				return path, nil
			}
			os.Remove(path)
		}
		errs = append(errs, fmt.Errorf("%s: %w", dir, unwrapPath(err)))
	}
	return "", errors.Join(errs...)
}

// SaveFinal is the last save of a session, when it ends in any way: it
// saves the answers file, and when that fails it writes a rescue copy; when
// that fails too, the Outcome carries the file's content for the caller to
// print, so the terminal holds the answers. It fills in o's save fields and
// returns it.
func (s *Session) SaveFinal(o Outcome) Outcome {
	o.AnswersPath = s.Path
	if s.Path == "" {
		return o
	}
	o.SaveErr = s.Save()
	if o.SaveErr == nil {
		return o
	}
	data := s.Answers.Marshal(s.Rubric)
	path, err := Rescue(s.Path, data, s.now())
	if err != nil {
		o.RescueErr = err
		o.Unsaved = data
		return o
	}
	o.RescuePath = path
	return o
}

// Outcome is where a run left its files, and whether its last save
// worked.
type Outcome struct {
	// AnswersPath is the answers file; empty if the run ended before one
	// was started.
	AnswersPath string
	// ReportPath is the report written, or empty when none was.
	ReportPath string
	// Complete reports whether every question was gone through.
	Complete bool
	// SaveErr is why the last save of the answers file failed; nil when
	// the file holds every answer.
	SaveErr error
	// RescuePath is the rescue copy holding the answers when SaveErr is
	// set; empty when none could be written, and then RescueErr says why
	// and Unsaved holds the answers file's content.
	RescuePath string
	RescueErr  error
	Unsaved    []byte
}

// Saved says where the answers are and how to go on, in a paragraph for
// the terminal. It never says "saved" unless the last write succeeded.
// When nothing could be written, the caller prints Unsaved after it.
func (o Outcome) Saved() string {
	file := printable.Line(o.AnswersPath)
	switch {
	case o.AnswersPath == "":
		return "No answers were saved."
	case o.SaveErr == nil:
		return fmt.Sprintf("Your answers are saved in %s.\nGo on with: vitals assess --answers %s", file, printable.Line(ShellQuote(o.AnswersPath)))
	case o.RescuePath != "":
		rescue := printable.Line(o.RescuePath)
		return fmt.Sprintf("Your last answers could not be written to %s (%s), so every answer is in a rescue copy: %s.\nGo on with: vitals assess --answers %s",
			file, reason(cause(o.SaveErr)), rescue, printable.Line(ShellQuote(o.RescuePath)))
	}
	return fmt.Sprintf("Your last answers could not be written to %s (%s), nor to a rescue copy (%s). Every answer follows as the answers file: copy it into a file and go on with vitals assess --answers FILE.",
		file, reason(cause(o.SaveErr)), reason(o.RescueErr))
}

// reason is an error's message on one line.
func reason(err error) string {
	return printable.Line(strings.ReplaceAll(err.Error(), "\n", "; "))
}

// cause is the innermost error of a chain, such as "no space left on
// device" under "save answers: write FILE: …", whose file the message
// names already.
func cause(err error) error {
	for {
		next := errors.Unwrap(err)
		if next == nil {
			return err
		}
		err = next
	}
}
