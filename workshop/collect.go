package workshop

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/vitals-dev/vitals/assessment"
	"github.com/vitals-dev/vitals/internal/printable"
	"github.com/vitals-dev/vitals/questions"
)

// DefaultMinGroup is the smallest group an anonymous report shows a
// distribution or a role group of: with fewer, a count names a person.
const DefaultMinGroup = 3

// File is an answers file as read: its name, for messages, and its bytes.
type File struct {
	Name string
	Data []byte
}

// Options change how files are collected.
type Options struct {
	// AllowChanged merges files saved against different versions of the
	// rubric, keeping only the questions common to all of them.
	AllowChanged bool
	// Strict refuses the whole set when one file cannot be read, instead
	// of leaving it out with a warning.
	Strict bool
	// Anonymous forces the anonymous mode, whatever the files say.
	Anonymous bool
	// MinGroup is the smallest group shown in anonymous mode; 0 takes the
	// rubric's (workshop.min_group), else DefaultMinGroup.
	MinGroup int
}

// Finder returns the rubric a file names (its Rubric.ID): a built-in, a
// user rubric, or one the user gave.
type Finder func(f *assessment.File) (*questions.Rubric, error)

// Member is one respondent of a workshop: a file's answers, checked and
// scored on their own.
type Member struct {
	File string
	// Sum is the SHA-256 of the file's bytes: identical files are one.
	Sum     string
	Answers *assessment.Answers
	Result  *assessment.Result
}

// Collection is the answers files of one workshop, ready to combine.
type Collection struct {
	Rubric *questions.Rubric
	// Members are ordered by the content of their files, never by their
	// names or the order they were given in: the same files give the same
	// report, however they are named, listed or globbed.
	Members  []*Member
	Mode     string // assessment.WorkshopNamed or WorkshopAnonymous
	MinGroup int
	// Dropped are the questions left out because not every version of the
	// rubric the files were saved against has them (AllowChanged).
	Dropped []*questions.Question
	// Warnings are for standard error; none of them names a respondent
	// when the mode is anonymous.
	Warnings []string
}

// Collect reads, checks and scores the answers files of one workshop. A
// file that cannot be read or does not fit its rubric is left out with a
// warning giving file:line:col (refused with Strict); identical files are
// counted once; files of different rubrics are refused, naming the files
// of each; files saved against different versions of the rubric are
// refused unless AllowChanged. On an error, the Collection returned holds
// only the warnings so far, for the user to read with the error.
func Collect(files []File, find Finder, opt Options) (*Collection, error) {
	c := &Collection{Mode: assessment.WorkshopNamed, MinGroup: opt.MinGroup}
	type read struct {
		name, sum string
		file      *assessment.File
	}
	var reads []read
	seen := map[string]string{}
	var unique []File
	var sums []string
	for _, f := range files {
		h := sha256.Sum256(f.Data)
		sum := hex.EncodeToString(h[:])
		if first, dup := seen[sum]; dup {
			c.warnf("%s is the same file as %s: counted once", printable.Line(f.Name), printable.Line(first))
			continue
		}
		seen[sum] = f.Name
		unique, sums = append(unique, f), append(sums, sum)
	}
	// Parsing the YAML is most of the work: files are decoded side by
	// side, and their results kept in the order given.
	decoded := make([]*assessment.File, len(unique))
	errs := make([]error, len(unique))
	parallel(len(unique), func(i int) { decoded[i], errs[i] = assessment.Decode(unique[i].Name, unique[i].Data) })
	var bad []error
	for i, f := range unique {
		if errs[i] != nil {
			bad = append(bad, errs[i])
			c.warnf("left out, it cannot be read:\n%s", errs[i])
			continue
		}
		reads = append(reads, read{f.Name, sums[i], decoded[i]})
	}
	if opt.Strict && len(bad) > 0 {
		return c, errors.Join(bad...)
	}
	if len(reads) == 0 {
		return c, errors.New("no answers file could be read")
	}
	// One rubric.
	byID := map[string][]string{}
	for _, r := range reads {
		byID[r.file.Rubric.ID] = append(byID[r.file.Rubric.ID], r.name)
	}
	if len(byID) > 1 {
		ids := make([]string, 0, len(byID))
		for id := range byID {
			ids = append(ids, id)
		}
		slices.Sort(ids)
		var parts []string
		for _, id := range ids {
			parts = append(parts, fmt.Sprintf("%s (%s)", printable.Line(id), printable.Line(strings.Join(byID[id], ", "))))
		}
		return c, fmt.Errorf("the answers files are for different rubrics: %s; a workshop report merges the answers to one rubric", strings.Join(parts, "; "))
	}
	r, err := find(reads[0].file)
	if err != nil {
		return c, err
	}
	c.Rubric = r
	switch {
	case c.MinGroup > 0: // given for this report
	case r.MinGroup > 0:
		c.MinGroup = r.MinGroup
	default:
		c.MinGroup = DefaultMinGroup
	}
	// One version, unless the user allows the changes.
	versions := map[assessment.RubricRef][]string{}
	for _, rd := range reads {
		ref := assessment.RubricRef{Version: rd.file.Rubric.Version, Hash: rd.file.Rubric.Hash}
		versions[ref] = append(versions[ref], rd.name)
	}
	// A file that records no version or hash (written by hand) differs
	// from none: only two recorded values that differ make a change.
	vs, hs := map[string]bool{}, map[string]bool{}
	for ref := range versions {
		if ref.Version != "" {
			vs[ref.Version] = true
		}
		if ref.Hash != "" {
			hs[ref.Hash] = true
		}
	}
	changed := len(vs) > 1 || len(hs) > 1
	if changed && !opt.AllowChanged {
		return c, fmt.Errorf("the answers files were saved against different versions of rubric %s: %s; add --allow-changed to merge only the questions common to all", r.ID, versionList(versions))
	}
	if changed {
		fs := make([]*assessment.File, len(reads))
		for i, rd := range reads {
			fs[i] = rd.file
		}
		c.Dropped = commonDrop(r, fs)
		if len(c.Dropped) > 0 {
			ids := make([]string, len(c.Dropped))
			for i, q := range c.Dropped {
				ids[i] = q.ID
			}
			c.warnf("the files were saved against different versions of rubric %s (%s): only the questions common to all are merged; left out: %s", r.ID, versionList(versions), strings.Join(ids, ", "))
		}
	}
	type checked struct {
		a        *assessment.Answers
		warnings questions.Problems
		err      error
	}
	results := make([]checked, len(reads))
	parallel(len(reads), func(i int) {
		a, w, err := reads[i].file.Check(r)
		if err == nil {
			for _, q := range c.Dropped {
				delete(a.Answers, q.ID)
				delete(a.Notes, q.ID)
			}
		}
		results[i] = checked{a, w, err}
	})
	empty := 0
	for i, rd := range reads {
		a, warnings, err := results[i].a, results[i].warnings, results[i].err
		for _, w := range warnings {
			c.warnf("%s", w.Error())
		}
		if err != nil {
			if opt.Strict {
				return c, err
			}
			c.warnf("left out, its answers do not fit rubric %s:\n%s", r.ID, err)
			continue
		}
		if len(a.Answers) == 0 && len(a.Notes) == 0 {
			// Someone who joined and answered nothing is no respondent:
			// counted, they would make the room look unfinished.
			empty++
			continue
		}
		c.Members = append(c.Members, &Member{File: rd.name, Sum: rd.sum, Answers: a})
	}
	if empty > 0 {
		c.warnf("%d answers %s with no answer left out (someone joined and answered nothing)", empty, map[bool]string{true: "file", false: "files"}[empty == 1])
	}
	if len(c.Members) == 0 && empty > 0 {
		return c, errors.New("no answers file has an answer yet")
	}
	if len(c.Members) == 0 {
		return c, errors.New("no answers file could be used")
	}
	slices.SortFunc(c.Members, func(x, y *Member) int { return cmp.Compare(x.Sum, y.Sum) })
	if opt.Anonymous {
		c.Mode = assessment.WorkshopAnonymous
	}
	var named, anonymous []string
	for _, m := range c.Members {
		switch m.Answers.Workshop {
		case assessment.WorkshopAnonymous:
			anonymous = append(anonymous, m.File)
		case assessment.WorkshopNamed:
			named = append(named, m.File)
		}
	}
	if len(anonymous) > 0 {
		// A file given in confidence keeps the promise, whatever the
		// others say.
		c.Mode = assessment.WorkshopAnonymous
		if len(named) > 0 {
			c.warnf("some files are of a named workshop (%s), others of an anonymous one: the report is anonymous", printable.Line(strings.Join(named, ", ")))
		}
	}
	if c.Mode == assessment.WorkshopAnonymous {
		// The hot-seat and live workshops write anonymous files without a
		// name; one edited by hand, or forced anonymous, may have one. The
		// report never uses it, and the warning never repeats it.
		var named []string
		for _, m := range c.Members {
			if m.Answers.Workshop == assessment.WorkshopAnonymous && m.Answers.Respondent.Name != "" {
				named = append(named, m.File)
			}
		}
		if len(named) > 0 {
			slices.Sort(named)
			c.warnf("answers files of an anonymous workshop carry a respondent name (%s): the report does not use it, but the file still says who answered; remove the name from the file", printable.Line(strings.Join(named, ", ")))
		}
	}
	c.sameNames()
	parallel(len(c.Members), func(i int) { c.Members[i].Result = assessment.Score(r, c.Members[i].Answers) })
	return c, nil
}

// parallel calls f(0) … f(n−1), as many at once as there are processors.
// Each call writes only its own index's results.
func parallel(n int, f func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	if workers <= 1 {
		for i := range n {
			f(i)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := int(next.Add(1)) - 1; i < n; i = int(next.Add(1)) - 1 {
				f(i)
			}
		})
	}
	wg.Wait()
}

func (c *Collection) warnf(format string, args ...any) {
	c.Warnings = append(c.Warnings, fmt.Sprintf(format, args...))
}

// sameNames flags files that give the same respondent name: the same
// person twice, or two people the report cannot tell apart. In anonymous
// mode the warning names the files, never the name.
func (c *Collection) sameNames() {
	byName := map[string][]string{}
	var names []string
	for _, m := range c.Members {
		n := strings.ToLower(strings.TrimSpace(m.Answers.Respondent.Name))
		if n == "" {
			continue
		}
		if byName[n] == nil {
			names = append(names, n)
		}
		byName[n] = append(byName[n], m.File)
	}
	slices.Sort(names)
	for _, n := range names {
		files := byName[n]
		if len(files) < 2 {
			continue
		}
		slices.Sort(files)
		list := printable.Line(strings.Join(files, ", "))
		if c.Mode == assessment.WorkshopAnonymous {
			c.warnf("%d files give the same respondent name: %s; each is counted as a respondent", len(files), list)
		} else {
			c.warnf("%d files give the respondent name %q: %s; each is counted as a respondent", len(files), printable.Line(n), list)
		}
	}
}

// versionList names each version and its files.
func versionList(versions map[assessment.RubricRef][]string) string {
	refs := make([]assessment.RubricRef, 0, len(versions))
	for ref := range versions {
		refs = append(refs, ref)
	}
	slices.SortFunc(refs, func(x, y assessment.RubricRef) int {
		return cmp.Or(cmp.Compare(x.Version, y.Version), cmp.Compare(x.Hash, y.Hash))
	})
	var parts []string
	for _, ref := range refs {
		files := versions[ref]
		slices.Sort(files)
		v := "version " + printable.Line(ref.Version)
		if ref.Version == "" {
			v = "no version"
		}
		if ref.Hash != "" {
			v += " " + printable.Line(shortHash(ref.Hash))
		}
		parts = append(parts, v+": "+printable.Line(strings.Join(files, ", ")))
	}
	return strings.Join(parts, "; ")
}

func shortHash(h string) string {
	if len(h) > 19 {
		return h[:19] + "…"
	}
	return h
}

// commonDrop returns the questions of r that not every version of the
// rubric among the files is known to have. A file records what its
// respondent answered (and notes), not its rubric, so a question counts as
// part of a version when a file of that version mentions it, or the
// version is r's own; a question no file of an older version mentions may
// be new since, and is left out. It errs on the side of leaving out.
func commonDrop(r *questions.Rubric, files []*assessment.File) []*questions.Question {
	mentioned := map[assessment.RubricRef]map[string]bool{}
	for _, f := range files {
		ref := assessment.RubricRef{Version: f.Rubric.Version, Hash: f.Rubric.Hash}
		if mentioned[ref] == nil {
			mentioned[ref] = map[string]bool{}
		}
		for _, id := range f.IDs() {
			mentioned[ref][id] = true
		}
	}
	var drop []*questions.Question
	for _, q := range r.Questions() {
		for ref, ids := range mentioned {
			if ref.Hash == r.Hash() || ref.Hash == "" && ref.Version == r.Version {
				continue // the rubric in use: it has every question
			}
			if !ids[q.ID] {
				drop = append(drop, q)
				break
			}
		}
	}
	return drop
}
