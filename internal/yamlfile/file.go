package yamlfile

import (
	"cmp"
	"fmt"
	"io"
	"os"
	"slices"

	"github.com/vitals-dev/vitals/internal/printable"
)

// ReadFile reads an input file named by the user. It refuses a folder, and
// a file larger than MaxFileSize before all of it is in memory. Errors name
// the file ("path: cause"); a file over the limit is a Problem.
func ReadFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", printable.Line(path), UnwrapPath(err))
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.IsDir() {
		return nil, fmt.Errorf("%s: is a folder, not a file", printable.Line(path))
	}
	return ReadLimited(path, f)
}

// ReadLimited reads all of r, which is called name in messages, refusing
// more than MaxFileSize bytes. Standard input is read this way.
func ReadLimited(name string, r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", printable.Line(name), UnwrapPath(err))
	}
	if len(data) > MaxFileSize {
		return nil, Problems{{File: name, Line: 1, Col: 1, Msg: fmt.Sprintf("file is larger than the limit of %d bytes", MaxFileSize)}}
	}
	return data, nil
}

// UnwrapPath drops the *PathError wrapper, whose message repeats the path.
func UnwrapPath(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}

// Cap orders problems by position, drops repeats and keeps the
// first 50, ending with a line that counts the rest: what every command
// prints for a file, so one hostile file cannot flood the terminal.
func Cap(ps Problems) Problems {
	more := 0
	var rest Problems
	for _, p := range ps {
		if p.more > 0 {
			more += p.more
			continue
		}
		rest = append(rest, p)
	}
	ps = rest
	slices.SortStableFunc(ps, func(a, b Problem) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col))
	})
	ps = slices.CompactFunc(ps, func(a, b Problem) bool { return a == b })
	if len(ps) > MaxProblems {
		more += len(ps) - MaxProblems
		ps = ps[:MaxProblems]
	}
	if more > 0 && len(ps) > 0 {
		ps = append(ps, MoreProblems(ps[0].File, more))
	}
	return ps
}
