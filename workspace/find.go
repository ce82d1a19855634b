package workspace

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/vitals-dev/vitals/assessment"
	"github.com/vitals-dev/vitals/questions"
)

// headerRead is how much of a file ReadHeader reads first: vitals writes
// the header in a few hundred bytes, before the answers.
const headerRead = 1 << 10

// errNotRegular refuses a FIFO, device or socket named like an answers file:
// opening one to read could block, and it holds no answers.
var errNotRegular = errors.New("not a regular file")

// ReadHeader reads the header of the answers file at path: what
// identifies its run (rubric, project, respondent, updated, complete). Files vitals
// wrote are read from their first few hundred bytes, without the YAML
// parser; others (edited by hand, keys in another order, quoted values
// with escapes) are decoded as YAML, whole.
func ReadHeader(path string) (assessment.Header, error) {
	return readHeader(path, make([]byte, 4*headerRead))
}

// readHeader is ReadHeader with a buffer to reuse across files.
func readHeader(path string, buf []byte) (assessment.Header, error) {
	// Headers vitals writes fit the first KiB; a longer one (long names)
	// is read on once, as far as buf goes.
	n, err := readPrefix(path, buf[:headerRead])
	if err == nil && n == headerRead {
		if _, ok := scanHeader(buf[:n]); !ok {
			n, err = readPrefix(path, buf)
		}
	}
	if err != nil {
		return assessment.Header{}, err
	}
	if h, ok := scanHeader(buf[:n]); ok {
		h.File = path
		return h, nil
	}
	// Not as vitals writes it: the YAML decoder decides.
	a, err := assessment.LoadFile(path)
	if err != nil {
		return assessment.Header{}, err
	}
	return a.Header, nil
}

// scanHeader reads the header lines that Answers.Marshal writes. It
// gives up (ok false) on anything else: a quoted or unusual value, a key
// it does not know, a header longer than data.
func scanHeader(data []byte) (h assessment.Header, ok bool) {
	section := ""
	seen := 0
	for len(data) > 0 {
		i := bytes.IndexByte(data, '\n')
		if i < 0 {
			return h, false // cut off before "answers:"
		}
		line := string(data[:i])
		data = data[i+1:]
		if line == "" || line[0] == '#' {
			continue
		}
		nested := strings.HasPrefix(line, "  ")
		key, val, found := strings.Cut(strings.TrimPrefix(line, "  "), ":")
		if !found || strings.HasPrefix(key, " ") {
			return h, false
		}
		val = strings.TrimPrefix(val, " ")
		needed := (!nested && (key == "project" || key == "project_id" || key == "updated" || key == "complete")) ||
			(nested && (section == "rubric" && key == "id" || section == "respondent" || section == "workshop"))
		if needed {
			v, ok := headerScalar(val)
			if !ok {
				return h, false
			}
			val = v
		}
		if !nested && key == "answers" {
			// The header ends here, whatever follows ("answers: {}" when
			// nothing is answered yet).
			return h, seen == 0b111111
		}
		if !needed && val != "" && (val[0] == '|' || val[0] == '>' || val[0] == '[' || val[0] == '{') {
			return h, false // may run over several lines
		}
		switch {
		case !nested && val == "" && (key == "rubric" || key == "respondent" || key == "workshop"):
			section = key
		case !nested:
			section = ""
			switch key {
			case "format":
			case "project":
				h.Project, seen = val, seen|1
			case "updated":
				t, err := time.Parse(time.RFC3339, val)
				if err != nil {
					return h, false
				}
				h.Updated, seen = t.UTC(), seen|2
			case "project_id":
				h.ProjectID = val
			case "started":
			case "complete":
				b, err := strconv.ParseBool(val)
				if err != nil || (val != "true" && val != "false") {
					return h, false
				}
				h.Complete, seen = b, seen|4
			default:
				return h, false
			}
		case section == "rubric":
			if key == "id" {
				h.Rubric.ID, seen = val, seen|8
			}
		case section == "workshop":
			// A workshop's mode, written only in workshops' files.
			if key != "mode" {
				return h, false
			}
			h.Workshop = val
		case section == "respondent":
			switch key {
			case "name":
				h.Respondent.Name, seen = val, seen|16
			case "role":
				h.Respondent.Role, seen = val, seen|32
			}
		default:
			return h, false
		}
	}
	return h, false
}

// headerScalar reads a header value written as vitals writes them: a
// plain scalar, or a double- or single-quoted one with no escapes in it.
// Anything else (escapes, flow collections, comments, block scalars) only
// the YAML decoder reads right: ok is false.
func headerScalar(v string) (string, bool) {
	if len(v) >= 2 && (v[0] == '"' || v[0] == '\'') && v[len(v)-1] == v[0] {
		inner := v[1 : len(v)-1]
		if strings.ContainsAny(inner, "\"'\\") {
			return "", false
		}
		return inner, true
	}
	return v, plainValue(v)
}

// plainValue accepts the plain scalars whose text is what they say.
func plainValue(v string) bool {
	if v == "" {
		return true
	}
	switch v[0] {
	case '"', '\'', '[', '{', '|', '>', '&', '*', '!', '%', '@', '`', '#', '?', '-':
		return false
	}
	return !strings.Contains(v, " #") && !strings.Contains(v, ": ") && strings.TrimSpace(v) == v && v != "~" && v != "null"
}

// IsAnswersFile reports whether a name in a folder is an answers file
// vitals reads: NAME.answers.yaml, never a hidden file, a temporary copy or
// a lock.
func IsAnswersFile(name string) bool {
	return strings.HasSuffix(name, ".answers.yaml") && !strings.HasPrefix(name, ".")
}

// answersFileNames lists the answers files in dir, sorted by name. Only
// the names are read (os.ReadDir's entry for each of a thousand files
// costs more); a folder named like an answers file fails to be read as
// one.
func answersFileNames(dir string) []string {
	f, err := os.Open(dir)
	if err != nil {
		return nil
	}
	all, _ := f.Readdirnames(-1)
	f.Close()
	names := all[:0]
	for _, name := range all {
		if IsAnswersFile(name) {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	return names
}

// Unfinished is an answers file that can be resumed.
type Unfinished struct {
	Path     string
	Answers  *assessment.Answers
	Answered int
	Visible  int
}

// FindUnfinished lists the incomplete answers files in the default folder
// for this rubric and project, most recently updated first. Only the
// headers of the folder's files are read, and in a large folder only
// those of the files changed since the last search (see headercache.go);
// the answers are read and checked for the files that match. Files that
// do not load are skipped: they are not this run's concern.
func (c *Config) FindUnfinished(r *questions.Rubric, project string) []Unfinished {
	dir := c.Folder()
	names := answersFileNames(dir)
	project = strings.TrimSpace(project)
	match := headersMatching(dir, names, func(h assessment.Header) bool {
		return !h.Complete && h.Rubric.ID == r.ID && strings.EqualFold(strings.TrimSpace(h.Project), project)
	})
	var out []Unfinished
	for _, path := range match {
		read, err := assessment.LoadFile(path)
		if err != nil || read.Complete {
			continue
		}
		a, _, err := read.Check(r)
		if err != nil {
			continue
		}
		s := &Session{Rubric: r, Answers: a}
		answered, visible := s.Progress()
		out = append(out, Unfinished{Path: path, Answers: a, Answered: answered, Visible: visible})
	}
	slices.SortStableFunc(out, func(x, y Unfinished) int { return y.Answers.Updated.Compare(x.Answers.Updated) })
	return out
}

// headersMatching reads the headers of the files names in dir and
// returns, in the order given, the paths of the files whose header keep
// accepts. Files that cannot be read are left out. In a large folder the
// headers come from the header cache, for the files that have not changed
// since it was written. (Reading a few files at a time measured no faster
// on two cores: the cost is the system calls.)
func headersMatching(dir string, names []string, keep func(assessment.Header) bool) []string {
	buf := make([]byte, 4*headerRead)
	var out []string
	hc := openHeaderCache(dir, len(names))
	for _, name := range names {
		var h assessment.Header
		var ok bool
		if hc != nil {
			h, ok = hc.header(name, buf)
		} else {
			var err error
			h, err = readHeader(filepath.Join(dir, name), buf)
			ok = err == nil
		}
		if ok && keep(h) {
			out = append(out, filepath.Join(dir, name))
		}
	}
	if hc != nil {
		hc.close()
	}
	return out
}
