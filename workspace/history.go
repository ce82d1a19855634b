package workspace

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/vitals-dev/vitals/assessment"
)

// gitTimeout bounds each git command history runs: a hung git (a
// credential prompt, a network file system) must not hang a report.
const gitTimeout = 5 * time.Second

// ShallowNote is what history says when the clone's history is cut.
const ShallowNote = "history is cut: fetch with depth 0 (git fetch --unshallow) to compare with runs before the clone's first commit"

// Run is an earlier run of a project: its answers, and where they came
// from (a file in the folder, or a version of the file in git history).
type Run struct {
	// Source names the run for a reader: a path, or "path at commit abc1234".
	Source string
	Header assessment.Header
	Data   []byte
}

// History is what was found of a run's earlier runs.
type History struct {
	// Runs are the earlier complete runs of the same project and rubric,
	// oldest first.
	Runs []Run
	// Note says why history may be missing: a shallow clone.
	Note string
}

// Earlier finds the earlier runs of the run in the answers file at path,
// whose header is h: the answers files in the same folder with the same
// project id (assessment.Header.ProjectKey) and rubric, and the versions
// of the file itself (and of those files) that git history keeps, followed
// through renames, so a file overwritten each quarter still has its past.
// Only complete runs updated before h count. Without git, or outside a
// repository, only the folder is read.
func Earlier(ctx context.Context, path string, h assessment.Header) History {
	var hist History
	key := h.ProjectKey()
	keep := func(o assessment.Header) bool {
		return o.Complete && o.Rubric.ID == h.Rubric.ID && o.ProjectKey() == key && o.Updated.Before(h.Updated)
	}
	seen := map[string]bool{}
	add := func(r Run) {
		id := r.Header.Updated.String() + "\x00" + r.Header.Respondent.String()
		if seen[id] {
			return
		}
		seen[id] = true
		hist.Runs = append(hist.Runs, r)
	}
	dir := filepath.Dir(path)
	files := []string{path}
	for _, name := range answersFileNames(dir) {
		p := filepath.Join(dir, name)
		if SameFile(p, path) {
			continue
		}
		o, err := ReadHeader(p)
		if err != nil || !keep(o) {
			continue
		}
		data, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		add(Run{Source: p, Header: o, Data: data})
		files = append(files, p)
	}
	g := gitRepo(ctx, dir)
	if g != nil {
		if g.shallow {
			hist.Note = ShallowNote
		}
		for _, f := range files {
			for _, r := range g.versions(ctx, f) {
				o, err := assessment.Decode(r.Source, r.Data)
				if err != nil || !keep(o.Header) {
					continue
				}
				r.Header = o.Header
				add(r)
			}
		}
	}
	slices.SortStableFunc(hist.Runs, func(x, y Run) int { return x.Header.Updated.Compare(y.Header.Updated) })
	return hist
}

// git is a repository history is read from.
type git struct {
	root    string
	shallow bool
}

// run runs git with args in the repository root, with a timeout and
// without a shell; the error covers a missing git too.
func runGit(ctx context.Context, dir string, args ...string) ([]byte, error) {
	return runGitInput(ctx, dir, "", args...)
}

// runGitInput is runGit with input on git's standard input.
func runGitInput(ctx context.Context, dir, input string, args ...string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, gitTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, "git", append([]string{"-C", dir}, args...)...)
	cmd.Env = append(cmd.Environ(), "GIT_TERMINAL_PROMPT=0", "GIT_OPTIONAL_LOCKS=0")
	cmd.Stdin = strings.NewReader(input)
	var out bytes.Buffer
	cmd.Stdout = &out
	if err := cmd.Run(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// gitRepo returns the repository dir is in, or nil: no git, no repository.
func gitRepo(ctx context.Context, dir string) *git {
	out, err := runGit(ctx, dir, "rev-parse", "--show-toplevel", "--is-shallow-repository")
	if err != nil {
		return nil
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) < 2 {
		return nil
	}
	return &git{root: lines[0], shallow: lines[1] == "true"}
}

// versions returns the committed versions of the file at path, newest
// first, following renames. A quarter's run often renames the file and
// changes most answers in one commit, which git's default rename
// threshold (50% alike) does not call a rename: 20% is asked for, and a
// wrong match is harmless, since only versions of the same project id and
// rubric are kept.
func (g *git) versions(ctx context.Context, path string) []Run {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil
	}
	if r, err := filepath.EvalSymlinks(filepath.Dir(abs)); err == nil {
		abs = filepath.Join(r, filepath.Base(abs))
	}
	rel, err := filepath.Rel(g.root, abs)
	if err != nil || strings.HasPrefix(rel, "..") {
		return nil
	}
	out, err := runGit(ctx, g.root, "log", "--follow", "-M20%", "--name-only", "--format=commit %H", "--", filepath.ToSlash(rel))
	if err != nil {
		return nil
	}
	// Every version is read by one git cat-file --batch, not a git show
	// each: a process costs milliseconds, and check runs in CI.
	type version struct{ commit, path string }
	var vs []version
	commit := ""
	for _, line := range strings.Split(string(out), "\n") {
		switch {
		case strings.HasPrefix(line, "commit "):
			commit = strings.TrimPrefix(line, "commit ")
		case line != "" && commit != "":
			vs = append(vs, version{commit, line})
			commit = ""
		}
	}
	if len(vs) == 0 {
		return nil
	}
	var in strings.Builder
	for _, v := range vs {
		in.WriteString(v.commit + ":" + v.path + "\n")
	}
	blobs, err := runGitInput(ctx, g.root, in.String(), "cat-file", "--batch")
	if err != nil {
		return nil
	}
	var runs []Run
	for _, v := range vs {
		// Each answer is "<oid> blob <size>\n<bytes>\n", or "<name> missing\n".
		nl := bytes.IndexByte(blobs, '\n')
		if nl < 0 {
			break
		}
		head := strings.Fields(string(blobs[:nl]))
		blobs = blobs[nl+1:]
		if len(head) != 3 || head[1] != "blob" {
			continue
		}
		size, err := strconv.Atoi(head[2])
		if err != nil || size < 0 || size+1 > len(blobs) {
			break
		}
		runs = append(runs, Run{Source: v.path + " at commit " + v.commit[:min(7, len(v.commit))], Data: blobs[:size:size]})
		blobs = blobs[size+1:]
	}
	return runs
}
