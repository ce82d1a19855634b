package workspace

import (
	"bufio"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

var since = time.Date(2026, 3, 31, 14, 5, 0, 0, time.UTC)

// Two sessions of one process on one file: the second is refused, naming
// the first; after the first lets go, the file can be taken again, and the
// lock file is gone.
func TestLockRefusesASecondSession(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.answers.yaml")
	l, stale, err := Acquire(path, since)
	if err != nil || stale != nil {
		t.Fatalf("Acquire = %v, %v", stale, err)
	}
	_, _, err = Acquire(path, since)
	var le *LockedError
	if !errors.As(err, &le) || !errors.Is(err, ErrLocked) {
		t.Fatalf("second Acquire = %v, want a LockedError", err)
	}
	host, _ := os.Hostname()
	if le.Holder.PID != os.Getpid() || le.Holder.Host != host || !le.Holder.Since.Equal(since) {
		t.Errorf("holder = %+v, want pid %d on %s since %v", le.Holder, os.Getpid(), host, since)
	}
	for _, want := range []string{path, "process " + strconv.Itoa(os.Getpid()), "on " + host, "since 2026-03-31 14:05 UTC", "--answers"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("message %q does not say %q", err, want)
		}
	}
	if strings.Contains(err.Error(), "\n") {
		t.Errorf("message is not one paragraph: %q", err)
	}
	if err := l.Release(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(LockPath(path)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("lock file left after Release: %v", err)
	}
	l2, stale, err := Acquire(path, since)
	if err != nil || stale != nil {
		t.Fatalf("Acquire after Release = %v, %v; want a fresh lock", stale, err)
	}
	l2.Release()
	if err := l2.Release(); err != nil {
		t.Errorf("second Release = %v, want nil", err)
	}
}

// TestLockHelperProcess is not a test: run by the tests below as another
// process, it takes the lock named by VITALS_LOCK_HELPER, says so, and
// waits to be killed.
func TestLockHelperProcess(t *testing.T) {
	path := os.Getenv("VITALS_LOCK_HELPER")
	if path == "" {
		t.Skip("helper process only")
	}
	if _, _, err := Acquire(path, since); err != nil {
		os.Stdout.WriteString("error " + err.Error() + "\n")
		os.Exit(1)
	}
	os.Stdout.WriteString("locked\n")
	time.Sleep(time.Minute)
	os.Exit(0)
}

// lockInChild starts a process holding the lock on path.
func lockInChild(t *testing.T, path string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestLockHelperProcess$")
	cmd.Env = append(os.Environ(), "VITALS_LOCK_HELPER="+path)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	line, _ := bufio.NewReader(out).ReadString('\n')
	if line != "locked\n" {
		t.Fatalf("helper said %q", line)
	}
	return cmd
}

// Another process holding the file refuses this one; once it is killed
// (SIGKILL: no clean-up at all), its lock is stale and taken over, with
// the old holder named for the notice.
func TestLockAcrossProcessesAndStaleTakeOver(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.answers.yaml")
	child := lockInChild(t, path)
	_, _, err := Acquire(path, since)
	var le *LockedError
	if !errors.As(err, &le) || le.Holder.PID != child.Process.Pid {
		t.Fatalf("Acquire while another process holds it = %v, want one naming pid %d", err, child.Process.Pid)
	}
	if err := child.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	child.Wait()
	if _, err := os.Stat(LockPath(path)); err != nil {
		t.Fatalf("a killed holder should leave its lock file: %v", err)
	}
	l, stale, err := Acquire(path, since)
	if err != nil {
		t.Fatalf("Acquire after the holder was killed = %v", err)
	}
	defer l.Release()
	if stale == nil || stale.PID != child.Process.Pid {
		t.Errorf("stale = %+v, want the killed process %d", stale, child.Process.Pid)
	}
}

// A folder tidied by a later run loses the lock files of killed sessions,
// and keeps those still held.
func TestTidyRemovesStaleLocks(t *testing.T) {
	dir := t.TempDir()
	held := filepath.Join(dir, "held.answers.yaml")
	l, _, err := Acquire(held, since)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Release()
	left := filepath.Join(dir, ".left.answers.yaml.lock")
	if err := os.WriteFile(left, []byte("pid: 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	removed := Tidy(dir)
	if len(removed) != 1 || removed[0] != ".left.answers.yaml.lock" {
		t.Errorf("removed %q, want only the unheld lock", removed)
	}
	if _, err := os.Stat(LockPath(held)); err != nil {
		t.Errorf("the held lock was removed: %v", err)
	}
}
