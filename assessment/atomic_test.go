package assessment

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

func TestWriteFileAtomicReplaces(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.answers.yaml")
	for _, content := range []string{"first version\n", "second, longer version\n", "3\n"} {
		if err := WriteFileAtomic(path, []byte(content), 0o640); err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(path)
		if err != nil || string(got) != content {
			t.Fatalf("read %q, %v; want %q", got, err, content)
		}
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if perm := fi.Mode().Perm(); perm != 0o640 {
		t.Errorf("mode %v, want 0640", perm)
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

func TestWriteFileAtomicFails(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "missing", "a.yaml")
	err := WriteFileAtomic(path, []byte("x"), 0o644)
	if err == nil || !strings.HasPrefix(err.Error(), "write "+path+": ") || !strings.Contains(err.Error(), "no such file or directory") {
		t.Fatalf("err = %v, want one naming %s once and saying why", err, path)
	}
	// A folder in the way of the rename: the temporary file is cleaned up.
	target := filepath.Join(dir, "taken")
	if err := os.Mkdir(target, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := WriteFileAtomic(target, []byte("x"), 0o644); err == nil {
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
	if err := WriteFileAtomic(path, versions[0], 0o644); err != nil {
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
		if err := WriteFileAtomic(path, versions[i%2], 0o644); err != nil {
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
