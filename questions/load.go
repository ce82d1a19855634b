package questions

import (
	"embed"
	"errors"
	"fmt"
	"github.com/vitals-dev/vitals/internal/printable"
	"github.com/vitals-dev/vitals/internal/yamlfile"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

//go:embed rubrics/*.yaml
var builtinFS embed.FS

// BuiltinSource is the Source of a rubric embedded in the binary.
const BuiltinSource = "built-in"

// BuiltinIDs returns the ids of the built-in rubrics, sorted.
func BuiltinIDs() []string {
	entries, _ := builtinFS.ReadDir("rubrics")
	ids := make([]string, 0, len(entries))
	for _, e := range entries {
		ids = append(ids, strings.TrimSuffix(e.Name(), ".yaml"))
	}
	slices.Sort(ids)
	return ids
}

// BuiltinYAML returns the YAML source of a built-in rubric, comments and
// all, for exporting and adapting.
func BuiltinYAML(id string) ([]byte, bool) {
	if !ValidID(id) {
		return nil, false
	}
	b, err := builtinFS.ReadFile("rubrics/" + id + ".yaml")
	return b, err == nil
}

// Builtin returns the built-in rubric with the given id, a fresh copy on
// every call so callers may change it.
func Builtin(id string) (*Rubric, error) {
	if g, ok := generatedBuiltins[id]; ok && g.matches(id) {
		return g.rubric(), nil
	}
	data, ok := BuiltinYAML(id)
	if !ok {
		return nil, fmt.Errorf("no built-in rubric %q", printable.Line(id))
	}
	return parseBuiltin(id, data)
}

// parseBuiltin parses a built-in rubric from its YAML, which Builtin only
// needs to do when builtin_gen.go is missing or older than the YAML.
func parseBuiltin(id string, data []byte) (*Rubric, error) {
	r, err := ParseBytes("builtin:"+id+".yaml", data)
	if err != nil {
		return nil, err
	}
	if r.ID != id {
		return nil, fmt.Errorf("built-in rubric file %s.yaml has id %q: they must match", id, r.ID)
	}
	r.Source = BuiltinSource
	return r, nil
}

// UserDir returns the folder user rubrics are read from by default:
// $XDG_CONFIG_HOME/vitals/rubrics, or ~/.config/vitals/rubrics.
func UserDir() string {
	base := os.Getenv("XDG_CONFIG_HOME")
	if base == "" || !filepath.IsAbs(base) {
		home, err := os.UserHomeDir()
		if err != nil {
			return ""
		}
		base = filepath.Join(home, ".config")
	}
	return filepath.Join(base, "vitals", "rubrics")
}

// Catalog is the set of rubrics available: the built-ins, overridden by user
// rubrics with the same id.
type Catalog struct {
	Rubrics []*Rubric // sorted by id
	// Overridden maps the id of a built-in that a user rubric replaces to
	// that rubric's path.
	Overridden map[string]string
}

// LoadCatalog loads the built-in rubrics and then every rubric in paths,
// each a .yaml/.yml file or a folder of them (not recursive). Missing
// folders among optional are skipped silently (the user config folder need
// not exist). The catalog holds every rubric that loaded; the error lists
// what did not, so one bad file does not hide the others.
func LoadCatalog(paths []string, optional ...string) (*Catalog, error) {
	c := &Catalog{Overridden: map[string]string{}}
	byID := map[string]*Rubric{}
	var errs []error
	for _, id := range BuiltinIDs() {
		r, err := Builtin(id)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		byID[r.ID] = r
	}
	add := func(path string, must bool) {
		files, err := RubricFiles(path)
		if err != nil {
			if !must && errors.Is(err, fs.ErrNotExist) {
				return
			}
			errs = append(errs, err)
			return
		}
		for _, file := range files {
			r, err := Parse(file)
			if err != nil {
				errs = append(errs, err)
				continue
			}
			if prev, ok := byID[r.ID]; ok {
				if prev.Source == BuiltinSource {
					c.Overridden[r.ID] = file
				} else {
					errs = append(errs, IDUsedTwice(file, r.ID, prev.Source))
					continue
				}
			}
			byID[r.ID] = r
		}
	}
	for _, p := range optional {
		if p != "" {
			add(p, false)
		}
	}
	for _, p := range paths {
		add(p, true)
	}
	for _, r := range byID {
		c.Rubrics = append(c.Rubrics, r)
	}
	slices.SortFunc(c.Rubrics, func(a, b *Rubric) int { return strings.Compare(a.ID, b.ID) })
	return c, errors.Join(errs...)
}

// rubricFiles returns path itself, or the .yaml and .yml files in it.
func RubricFiles(path string) ([]string, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("rubrics %s: %w", printable.Line(path), yamlfile.UnwrapPath(err))
	}
	if !fi.IsDir() {
		return []string{path}, nil
	}
	entries, err := os.ReadDir(path)
	if err != nil {
		return nil, fmt.Errorf("rubrics %s: %w", printable.Line(path), yamlfile.UnwrapPath(err))
	}
	var files []string
	for _, e := range entries {
		if ext := filepath.Ext(e.Name()); !e.IsDir() && (ext == ".yaml" || ext == ".yml") {
			files = append(files, filepath.Join(path, e.Name()))
		}
	}
	return files, nil
}

// Lookup returns the rubric with the given id, or, when ref names an existing
// file, parses that file.
func (c *Catalog) Lookup(ref string) (*Rubric, error) {
	for _, r := range c.Rubrics {
		if r.ID == ref {
			return r, nil
		}
	}
	if strings.ContainsAny(ref, `/\`) || strings.HasSuffix(ref, ".yaml") || strings.HasSuffix(ref, ".yml") {
		return Parse(ref)
	}
	ids := make([]string, len(c.Rubrics))
	for i, r := range c.Rubrics {
		ids[i] = r.ID
	}
	hint := "available: " + strings.Join(ids, ", ")
	if s := yamlfile.Suggest(ref, ids); s != "" {
		hint = fmt.Sprintf("did you mean %q?", s)
	}
	return nil, fmt.Errorf("no rubric %q (%s)", printable.Line(ref), hint)
}

// Find returns the rubric with the given id without loading every rubric:
// the rubric files in paths (files or folders; missing ones are skipped)
// are parsed in order, then the built-in with that id. A user rubric with a
// built-in's id wins, as in LoadCatalog. The error lists the user files that
// could not be loaded, since one of them may have been meant to be used;
// it is returned together with the rubric when one was still found.
func Find(id string, paths ...string) (*Rubric, error) {
	var errs []error
	for _, p := range paths {
		if p == "" {
			continue
		}
		files, err := RubricFiles(p)
		if err != nil {
			if !errors.Is(err, fs.ErrNotExist) {
				errs = append(errs, err)
			}
			continue
		}
		for _, file := range files {
			r, err := Parse(file)
			if err != nil {
				errs = append(errs, err)
				continue
			}
			if r.ID == id {
				return r, errors.Join(errs...)
			}
		}
	}
	if _, ok := BuiltinYAML(id); ok {
		r, err := Builtin(id)
		if err != nil {
			return nil, err
		}
		return r, errors.Join(errs...)
	}
	ids := BuiltinIDs()
	hint := "built-ins: " + strings.Join(ids, ", ")
	if s := yamlfile.Suggest(id, ids); s != "" {
		hint = fmt.Sprintf("did you mean %q?", s)
	}
	return nil, errors.Join(append([]error{fmt.Errorf("no rubric %q (%s)", printable.Line(id), hint)}, errs...)...)
}

// IDUsedTwice is the problem of a rubric file whose id an earlier file of
// the same set already uses: the earlier one is loaded, this one is not.
func IDUsedTwice(file, id, first string) Problem {
	return Problem{File: file, Line: 1, Col: 1, Msg: fmt.Sprintf("rubric id %q is also used by %s", id, printable.Line(first)), Hint: "the first one found is used"}
}
