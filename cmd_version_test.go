package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
)

func TestResolveBuildInfo(t *testing.T) {
	goVersion := runtime.Version() + " " + runtime.GOOS + "/" + runtime.GOARCH
	vcs := func(modified string) []debug.BuildSetting {
		return []debug.BuildSetting{
			{Key: "vcs", Value: "git"},
			{Key: "vcs.revision", Value: "8ad1741d4dbd5bc1ced0085d7ce424dded95381d"},
			{Key: "vcs.time", Value: "2026-12-01T19:10:00Z"},
			{Key: "vcs.modified", Value: modified},
		}
	}
	tests := []struct {
		name                        string
		ldVersion, ldCommit, ldDate string
		bi                          *debug.BuildInfo
		short                       string
		long                        []string
	}{
		{name: "no build information", short: "vitals dev",
			long: []string{"vitals dev\n", "commit:  unknown\n", "built:   unknown\n", "go:      " + goVersion + "\n"}},
		{name: "go run or go build without VCS", bi: &debug.BuildInfo{GoVersion: runtime.Version(), Main: debug.Module{Version: "(devel)"}},
			short: "vitals dev", long: []string{"commit:  unknown\n"}},
		{name: "go install …@v1.2.3", bi: &debug.BuildInfo{GoVersion: runtime.Version(), Main: debug.Module{Version: "v1.2.3"}},
			short: "vitals v1.2.3", long: []string{"vitals v1.2.3\n", "commit:  unknown\n"}},
		{name: "clone, clean, Go's pseudo-version", bi: &debug.BuildInfo{GoVersion: runtime.Version(), Main: debug.Module{Version: "v0.0.0-20261201191000-8ad1741d4dbd"}, Settings: vcs("false")},
			short: "vitals v0.0.0-20261201191000-8ad1741d4dbd",
			long:  []string{"commit:  8ad1741d4dbd5bc1ced0085d7ce424dded95381d\n", "built:   unknown (commit of 2026-12-01T19:10:00Z)\n"}},
		{name: "clone with changes", bi: &debug.BuildInfo{GoVersion: runtime.Version(), Main: debug.Module{Version: "(devel)"}, Settings: vcs("true")},
			short: "vitals dev (8ad1741d4dbd, dirty)",
			long:  []string{"commit:  8ad1741d4dbd5bc1ced0085d7ce424dded95381d (with uncommitted changes)\n"}},
		{name: "release build", ldVersion: "v1.4.0", ldCommit: "abc123", ldDate: "2026-12-24T08:00:00Z",
			bi:    &debug.BuildInfo{GoVersion: runtime.Version(), Main: debug.Module{Version: "(devel)"}, Settings: vcs("true")},
			short: "vitals v1.4.0",
			long:  []string{"vitals v1.4.0\n", "commit:  abc123\n", "built:   2026-12-24T08:00:00Z\n"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := resolveBuildInfo(tt.ldVersion, tt.ldCommit, tt.ldDate, tt.bi)
			if got := b.short(); got != tt.short {
				t.Errorf("short() = %q, want %q", got, tt.short)
			}
			long := b.long()
			for _, want := range tt.long {
				if !strings.Contains(long, want) {
					t.Errorf("long() does not contain %q:\n%s", want, long)
				}
			}
			if n := strings.Count(long, "\n"); n != 4 {
				t.Errorf("long() has %d lines, want 4:\n%s", n, long)
			}
		})
	}
}

// TestVersionOfBuilds builds vitals as its users do: from a clone (go
// build), from a clone with changes, and as a release with -ldflags -X. The
// clone is a new repository holding this working tree in one commit: Go
// records VCS information only when .git is a folder, which a worktree's
// is not, and the build must be of the code under test.
func TestVersionOfBuilds(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary three times")
	}
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	files, err := exec.Command("git", "ls-files", "--cached", "--others", "--exclude-standard", "-z").Output()
	if err != nil {
		t.Skipf("not in a git checkout: %v", err)
	}
	clone := filepath.Join(t.TempDir(), "vitals")
	for _, f := range strings.Split(strings.TrimRight(string(files), "\x00"), "\x00") {
		data, err := os.ReadFile(f)
		if errors.Is(err, os.ErrNotExist) {
			continue // deleted in the working tree
		}
		if err != nil {
			t.Fatal(err)
		}
		dst := filepath.Join(clone, f)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dst, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	git := func(args ...string) string {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-c", "commit.gpgsign=false", "-c", "user.name=test", "-c", "user.email=test@example.com"}, args...)...)
		cmd.Dir = clone
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return strings.TrimSpace(string(out))
	}
	git("init", "--quiet")
	git("add", "-A")
	git("commit", "--quiet", "-m", "test")
	commit := git("rev-parse", "HEAD")
	build := func(args ...string) string {
		t.Helper()
		bin := filepath.Join(t.TempDir(), "vitals")
		cmd := exec.Command("go", append(append([]string{"build", "-buildvcs=true", "-o", bin}, args...), ".")...)
		cmd.Dir = clone
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("go build %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return bin
	}
	output := func(bin string, args ...string) string {
		t.Helper()
		out, err := exec.Command(bin, args...).Output()
		if err != nil {
			t.Fatalf("%s %s: %v", bin, strings.Join(args, " "), err)
		}
		return string(out)
	}

	bin := build()
	short := output(bin, "--version")
	if !strings.HasPrefix(short, "vitals v0.0.0-") || !strings.Contains(short, commit[:12]) || strings.Contains(short, "dirty") || strings.Count(short, "\n") != 1 {
		t.Errorf("clean clone: --version = %q, want one line with a pseudo-version of %s", short, commit[:12])
	}
	if got := output(bin, "-v"); got != short {
		t.Errorf("-v = %q, --version = %q", got, short)
	}
	long := output(bin, "version")
	for _, want := range []string{"commit:  " + commit + "\n", "built:   unknown (commit of ", "go:      go1."} {
		if !strings.Contains(long, want) {
			t.Errorf("clean clone: version does not contain %q:\n%s", want, long)
		}
	}

	if err := os.WriteFile(filepath.Join(clone, "local-change.txt"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	bin = build()
	if got := output(bin, "--version"); !strings.Contains(got, "+dirty") {
		t.Errorf("clone with changes: --version = %q, want +dirty", got)
	}
	if got := output(bin, "version"); !strings.Contains(got, commit+" (with uncommitted changes)") {
		t.Errorf("clone with changes: version =\n%s", got)
	}

	bin = build("-ldflags", "-X main.version=v9.8.7 -X main.commit=0123abc -X main.date=2026-12-24T08:00:00Z")
	if got, want := output(bin, "--version"), "vitals v9.8.7\n"; got != want {
		t.Errorf("release: --version = %q, want %q", got, want)
	}
	long = output(bin, "version")
	for _, want := range []string{"vitals v9.8.7\n", "commit:  0123abc\n", "built:   2026-12-24T08:00:00Z\n"} {
		if !strings.Contains(long, want) {
			t.Errorf("release: version does not contain %q:\n%s", want, long)
		}
	}
}
