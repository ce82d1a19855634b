package workspace

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

func TestWriteFileAtomicReplaces(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.answers.yaml")
	for _, content := range []string{"first version\n", "second, longer version\n", "3\n"} {
		if err := WriteFileAtomic(path, []byte(content)); err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(path)
		if err != nil || string(got) != content {
			t.Fatalf("read %q, %v; want %q", got, err, content)
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("folder holds %v; want only the file, no temporary files left", names)
	}
}

// A new file gets 0666 less the umask, like a file any other tool makes;
// a rewrite keeps the file's own mode, so a respondent's 0600 file does not
// become world-readable on the next autosave.
func TestWriteFileAtomicKeepsMode(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.answers.yaml")
	if err := WriteFileAtomic(path, []byte("new")); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := fi.Mode().Perm(), 0o666&^umask(); got != want {
		t.Errorf("new file mode %v, want %v (0666 less the umask %v)", got, want, umask())
	}
	for _, mode := range []os.FileMode{0o600, 0o640, 0o664} {
		if err := os.Chmod(path, mode); err != nil {
			t.Fatal(err)
		}
		if err := WriteFileAtomic(path, []byte("again")); err != nil {
			t.Fatal(err)
		}
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if got := fi.Mode().Perm(); got != mode {
			t.Errorf("after a rewrite the mode is %v, want the file's own %v", got, mode)
		}
	}
}

// A file root rewrites stays its owner's: resuming a respondent's file
// as root must not take it from them.
func TestWriteFileAtomicKeepsOwner(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("only root can give a file to another user")
	}
	path := filepath.Join(t.TempDir(), "a.answers.yaml")
	if err := os.WriteFile(path, []byte("theirs"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chown(path, 65534, 65534); err != nil {
		t.Skip("cannot chown here:", err)
	}
	if err := WriteFileAtomic(path, []byte("rewritten by root")); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	st := fi.Sys().(*syscall.Stat_t)
	if st.Uid != 65534 || st.Gid != 65534 || fi.Mode().Perm() != 0o600 {
		t.Errorf("after root's rewrite: owner %d:%d mode %v, want 65534:65534 0600", st.Uid, st.Gid, fi.Mode().Perm())
	}
}

// Copies left by a killed writer are removed by the next run in the
// folder; a copy a live process is writing, and every other file, stay.
func TestTidyRemovesStaleTemps(t *testing.T) {
	dir := t.TempDir()
	// A pid that is certainly gone: a child that has exited and been
	// waited for.
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	dead := cmd.Process.Pid
	old := time.Now().Add(-time.Hour)
	files := map[string]bool{ // name: removed
		fmt.Sprintf(".a.answers.yaml.%d.123456.tmp", dead):        true,
		fmt.Sprintf(".a.answers.yaml.%d.123456.tmp", os.Getpid()): false,
		".old.answers.yaml.987654.tmp":                            true, // an older build's name, an hour old
		".fresh.answers.yaml.987654.tmp":                          false,
		"a.answers.yaml":                                          false,
		"notes.tmp":                                               false,
	}
	for name := range files {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
		if name != ".fresh.answers.yaml.987654.tmp" {
			if err := os.Chtimes(p, old, old); err != nil {
				t.Fatal(err)
			}
		}
	}
	removed := Tidy(dir)
	for name, want := range files {
		_, err := os.Stat(filepath.Join(dir, name))
		if gone := err != nil; gone != want {
			t.Errorf("%s: removed = %v, want %v", name, gone, want)
		}
	}
	if len(removed) != 2 {
		t.Errorf("Tidy returned %q, want the 2 stale copies", removed)
	}
}

func TestWriteFileAtomicFails(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "missing", "a.yaml")
	err := WriteFileAtomic(path, []byte("x"))
	if err == nil || !strings.HasPrefix(err.Error(), "write "+path+": ") || !strings.Contains(err.Error(), "no such file or directory") {
		t.Fatalf("err = %v, want one naming %s once and saying why", err, path)
	}
	// A folder in the way of the rename: the temporary file is cleaned up.
	target := filepath.Join(dir, "taken")
	if err := os.Mkdir(target, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := WriteFileAtomic(target, []byte("x")); err == nil {
		t.Fatal("replacing a folder succeeded")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("folder holds %d entries after a failed write; want the temporary file removed", len(entries))
	}
}

// Readers that open the file while it is rewritten see the old content or
// the new, whole, never a mix or a short file.
func TestWriteFileAtomicNeverTorn(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.yaml")
	versions := [][]byte{bytes.Repeat([]byte("a"), 64<<10), bytes.Repeat([]byte("b"), 96<<10)}
	if err := WriteFileAtomic(path, versions[0]); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	var wg sync.WaitGroup
	var mu sync.Mutex
	torn := 0
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-done:
					return
				default:
				}
				got, err := os.ReadFile(path)
				if err != nil || (!bytes.Equal(got, versions[0]) && !bytes.Equal(got, versions[1])) {
					mu.Lock()
					torn++
					mu.Unlock()
				}
			}
		}()
	}
	for i := range 100 {
		if err := WriteFileAtomic(path, versions[i%2]); err != nil {
			t.Error(err)
			break
		}
	}
	close(done)
	wg.Wait()
	if torn > 0 {
		t.Errorf("%d reads saw a missing, short or mixed file", torn)
	}
}

// A symbolic link is written through, the link kept; a named pipe is
// written to, not replaced by a regular file.
func TestWriteFileAtomicThroughLinksAndPipes(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "real.md")
	if err := os.WriteFile(target, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.md")
	if err := os.Symlink("real.md", link); err != nil {
		t.Fatal(err)
	}
	if err := WriteFileAtomic(link, []byte("new")); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced: %v %v", fi.Mode(), err)
	}
	if got, _ := os.ReadFile(target); string(got) != "new" {
		t.Errorf("target holds %q, want new", got)
	}

	// A dangling link gets its target created.
	dangling := filepath.Join(dir, "later.md")
	if err := os.Symlink("made.md", dangling); err != nil {
		t.Fatal(err)
	}
	if err := WriteFileAtomic(dangling, []byte("made")); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "made.md")); string(got) != "made" {
		t.Errorf("dangling link target holds %q", got)
	}

	fifo := filepath.Join(dir, "pipe")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip("no named pipes here:", err)
	}
	got := make(chan string, 1)
	go func() {
		data, _ := os.ReadFile(fifo)
		got <- string(data)
	}()
	if err := WriteFileAtomic(fifo, []byte("through the pipe")); err != nil {
		t.Fatal(err)
	}
	if s := <-got; s != "through the pipe" {
		t.Errorf("pipe reader got %q", s)
	}
	if fi, err := os.Lstat(fifo); err != nil || fi.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("the pipe was replaced: %v %v", fi.Mode(), err)
	}
}

func TestSameFile(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a.yaml")
	if err := os.WriteFile(a, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.yaml")
	if err := os.Symlink("a.yaml", link); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		a, b string
		want bool
	}{
		{a, a, true},
		{a, dir + "/./a.yaml", true},
		{a, link, true},
		{"new.md", "./new.md", true}, // not there yet, same path
		{a, filepath.Join(dir, "b.yaml"), false},
		{"new.md", "other.md", false},
	} {
		if got := SameFile(tt.a, tt.b); got != tt.want {
			t.Errorf("SameFile(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}
