package workspace

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/vitals-dev/vitals/assessment"
)

// ScannedRun is one run of a project found by Scan: one respondent's
// answers file, or the complete answers files of a workshop in one folder.
type ScannedRun struct {
	// Headers are those of the run's answers files, sorted by file name;
	// each one's File is its path.
	Headers []assessment.Header
	// Updated is the run's own date: the latest Updated of its files (the
	// assessment's date, never a commit's).
	Updated time.Time
	// Workshop is the workshop mode of a workshop's run, else empty.
	Workshop string
}

// Files are the run's answers files, sorted by name.
func (r *ScannedRun) Files() []string {
	out := make([]string, len(r.Headers))
	for i, h := range r.Headers {
		out[i] = h.File
	}
	return out
}

// Project is one project's runs of one rubric, found under the folders
// Scan was given.
type Project struct {
	// Key is the project's id (assessment.Header.ProjectKey).
	Key    string
	Rubric string
	// Name is the project's display name in its latest file.
	Name string
	// Runs are the complete runs, oldest first.
	Runs []ScannedRun
	// Unfinished are the incomplete answers files updated after the latest
	// complete run (all of them when there is none): a run under way, or
	// one given up.
	Unfinished []assessment.Header
}

// Latest is the project's latest complete run, or nil.
func (p *Project) Latest() *ScannedRun {
	if len(p.Runs) == 0 {
		return nil
	}
	return &p.Runs[len(p.Runs)-1]
}

// Previous is the complete run before the latest, or nil.
func (p *Project) Previous() *ScannedRun {
	if len(p.Runs) < 2 {
		return nil
	}
	return &p.Runs[len(p.Runs)-2]
}

// ScanError is an answers file under a scanned folder that could not be
// read; the scan goes on without it.
type ScanError struct {
	Path string
	Err  error
}

func (e *ScanError) Error() string { return e.Err.Error() }
func (e *ScanError) Unwrap() error { return e.Err }

// Scan finds every answers file under the folders dirs (a file named
// directly is taken too), reads their headers and groups them into
// projects: by project id and rubric, sorted by project key then rubric.
// A single respondent's complete file is a run; a workshop's complete
// files in one folder are one run. Hidden folders (.git) and
// node_modules are not entered. Files whose header cannot be read are
// returned as errors, each naming its path, and left out.
func Scan(ctx context.Context, dirs []string) ([]Project, []error, error) {
	var errs []error
	type found struct {
		dir string
		h   assessment.Header
	}
	var all []found
	buf := make([]byte, 4*headerRead)
	seen := map[string]bool{}
	read := func(path string) {
		abs, err := filepath.Abs(path)
		if err == nil {
			if seen[abs] {
				return
			}
			seen[abs] = true
		}
		h, err := readHeader(path, buf)
		if err != nil {
			errs = append(errs, &ScanError{Path: path, Err: err})
			return
		}
		h.File = path
		all = append(all, found{dir: filepath.Dir(path), h: h})
	}
	for _, root := range dirs {
		fi, err := os.Stat(root)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", root, unwrapPath(err))
		}
		if !fi.IsDir() {
			read(root)
			continue
		}
		err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				if path == root {
					return err
				}
				errs = append(errs, &ScanError{Path: path, Err: unwrapPath(err)})
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if cerr := ctx.Err(); cerr != nil {
				return cerr
			}
			name := d.Name()
			if d.IsDir() {
				if path != root && (strings.HasPrefix(name, ".") || name == "node_modules") {
					return fs.SkipDir
				}
				return nil
			}
			if IsAnswersFile(name) && d.Type().IsRegular() {
				read(path)
			}
			return nil
		})
		if err != nil {
			if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
				return nil, nil, err
			}
			return nil, nil, fmt.Errorf("%s: %w", root, unwrapPath(err))
		}
	}

	type key struct{ project, rubric string }
	byKey := map[key]*Project{}
	var order []key
	workshops := map[string]*ScannedRun{} // by folder, project and rubric
	for _, f := range all {
		k := key{f.h.ProjectKey(), f.h.Rubric.ID}
		p := byKey[k]
		if p == nil {
			p = &Project{Key: k.project, Rubric: k.rubric}
			byKey[k] = p
			order = append(order, k)
		}
		if !f.h.Complete {
			p.Unfinished = append(p.Unfinished, f.h)
			continue
		}
		if f.h.Workshop == "" {
			p.Runs = append(p.Runs, ScannedRun{Headers: []assessment.Header{f.h}, Updated: f.h.Updated})
			continue
		}
		wk := f.dir + "\x00" + k.project + "\x00" + k.rubric
		w := workshops[wk]
		if w == nil {
			w = &ScannedRun{Workshop: f.h.Workshop}
			workshops[wk] = w
		}
		w.Headers = append(w.Headers, f.h)
		if f.h.Updated.After(w.Updated) {
			w.Updated = f.h.Updated
		}
		if f.h.Workshop == assessment.WorkshopAnonymous {
			w.Workshop = assessment.WorkshopAnonymous
		}
	}
	for wk, w := range workshops {
		parts := strings.SplitN(wk, "\x00", 3)
		p := byKey[key{parts[1], parts[2]}]
		p.Runs = append(p.Runs, *w)
	}
	out := make([]Project, 0, len(order))
	for _, k := range order {
		p := byKey[k]
		for i := range p.Runs {
			slices.SortFunc(p.Runs[i].Headers, func(x, y assessment.Header) int { return strings.Compare(x.File, y.File) })
		}
		slices.SortStableFunc(p.Runs, func(x, y ScannedRun) int {
			return cmp.Or(x.Updated.Compare(y.Updated), strings.Compare(x.Headers[0].File, y.Headers[0].File))
		})
		var since time.Time
		if l := p.Latest(); l != nil {
			since = l.Updated
			p.Name = l.Headers[len(l.Headers)-1].Project
		}
		p.Unfinished = slices.DeleteFunc(p.Unfinished, func(h assessment.Header) bool { return !h.Updated.After(since) })
		slices.SortStableFunc(p.Unfinished, func(x, y assessment.Header) int { return x.Updated.Compare(y.Updated) })
		if p.Name == "" && len(p.Unfinished) > 0 {
			p.Name = p.Unfinished[len(p.Unfinished)-1].Project
		}
		out = append(out, *p)
	}
	slices.SortFunc(out, func(x, y Project) int {
		return cmp.Or(strings.Compare(x.Key, y.Key), strings.Compare(x.Rubric, y.Rubric))
	})
	return out, errs, nil
}
