package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/vitals-dev/vitals/workspace"
)

// The file-layer tests: what happens to answers files when two sessions
// meet, the disk fills, a process is killed, or input never comes. They run
// the real binary, as the user would.

// runPlainVitals runs vitals with stdin from a string, outside tmux, and
// returns its stderr and exit status.
func runPlainVitals(t *testing.T, dir, stdin string, env []string, args ...string) (string, int) {
	t.Helper()
	cmd := exec.Command(buildVitals(t), args...)
	cmd.Dir = dir
	cmd.Stdin = strings.NewReader(stdin)
	cmd.Env = append(os.Environ(), env...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		t.Fatal(err)
	}
	return stderr.String(), cmd.ProcessState.ExitCode()
}

// One session holds an answers file; a second one, in either mode, is
// refused before its first question with the holder named (exit 2) and
// never touches the file. Once the holder is killed, its lock is stale and
// the next session takes it over, saying so.
func TestE2ESecondSessionRefused(t *testing.T) {
	needTmux(t)
	dir := t.TempDir()
	file := filepath.Join(dir, "shared.answers.yaml")
	args := []string{"--rubric", "five-warning-signs", "--project", "Shared", "--respondent", "Tess", "--answers", "shared.answers.yaml"}
	a := startVitals(t, dir, args...)
	typeAnswer(a, 0)
	waitSaved(t, file, 1)
	before, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	holder := fmt.Sprintf("process %d", a.pid())

	stderr, code := runPlainVitals(t, dir, "3333\n\n", nil, append([]string{"assess", "--accessible"}, args...)...)
	if code != 2 || !strings.Contains(strings.Join(strings.Fields(stderr), " "), "shared.answers.yaml is open in another vitals session ("+holder) {
		t.Errorf("plain second session: exit %d, want 2 and the holder named:\n%s", code, stderr)
	}
	if strings.Contains(stderr, "Question 1") {
		t.Errorf("plain second session asked a question:\n%s", stderr)
	}

	b := startVitals(t, dir, args...)
	if rc := b.exitStatus(); rc != 2 {
		t.Errorf("full-screen second session: exit %d, want 2", rc)
	}
	if scr := b.screen(); !strings.Contains(strings.Join(strings.Fields(scr), " "), "is open in another vitals session ("+holder) {
		t.Errorf("full-screen second session does not name the holder:\n%s", scr)
	}
	if after, _ := os.ReadFile(file); !bytes.Equal(after, before) {
		t.Errorf("a refused session changed the file:\nbefore:\n%s\nafter:\n%s", before, after)
	}

	// The holder is killed: no clean-up. The next session takes over.
	if err := syscall.Kill(a.pid(), syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	a.exitStatus()
	stderr, code = runPlainVitals(t, dir, "", nil, append([]string{"assess", "--accessible"}, args...)...)
	if code != 1 || !strings.Contains(strings.Join(strings.Fields(stderr), " "), "took over the lock of an earlier session ("+holder) {
		t.Errorf("after the holder was killed: exit %d, want 1 (input ended) and a take-over notice:\n%s", code, stderr)
	}
	checkTyped(t, file, 1)
	if _, err := os.Stat(workspace.LockPath(file)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("lock file left after the session ended: %v", err)
	}
}

// smallDisk mounts a small tmpfs at dir/disk and returns it with a function
// that fills it. It needs root and a kernel that lets it mount; elsewhere
// the test is skipped, saying why.
func smallDisk(t *testing.T, dir string) (string, func()) {
	t.Helper()
	disk := filepath.Join(dir, "disk")
	if err := os.Mkdir(disk, 0o755); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", disk).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a small file system to fill (needs root): %v %s", err, out)
	}
	t.Cleanup(func() { exec.Command("umount", "-l", disk).Run() })
	fill := func() {
		f, err := os.Create(filepath.Join(disk, "filler"))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		chunk := make([]byte, 4096)
		for {
			if _, err := f.Write(chunk); err != nil {
				break
			}
		}
		// The last blocks: one byte at a time.
		for {
			if _, err := f.Write(chunk[:1]); err != nil {
				break
			}
		}
	}
	return disk, fill
}

// rescueCopies lists the rescue copies under state.
func rescueCopies(t *testing.T, state string) []string {
	t.Helper()
	m, _ := filepath.Glob(filepath.Join(state, "vitals", "rescue", "*.answers.yaml"))
	return m
}

// The disk fills during a full-screen run: the banner says the answers
// are kept in memory, and SIGTERM writes them to a rescue copy, names it
// and the command to go on, and never says the full file holds them.
func TestE2EFullDiskFullScreen(t *testing.T) {
	needTmux(t)
	dir := t.TempDir()
	disk, fill := smallDisk(t, dir)
	state := filepath.Join(dir, "state")
	file := filepath.Join(disk, "a.answers.yaml")
	s := startVitalsEnv(t, dir, []string{"NO_COLOR=1", "TERM=xterm-256color", "XDG_STATE_HOME=" + state}, "",
		"--rubric", "five-warning-signs", "--project", "Full", "--respondent", "Tess", "--answers", "disk/a.answers.yaml")
	typeAnswer(s, 0)
	waitSaved(t, file, 1)
	fill()
	typeAnswer(s, 1)
	typeAnswer(s, 2)
	s.waitFor(`Autosave failed`)
	if err := syscall.Kill(s.pid(), syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if rc := s.exitStatus(); rc != 130 {
		t.Errorf("after SIGTERM: exit %d, want 130", rc)
	}
	// The terminal breaks long lines anywhere: compare without spaces.
	flat := func(s string) string { return strings.Join(strings.Fields(s), "") }
	scr := flat(s.screen())
	copies := rescueCopies(t, state)
	if len(copies) != 1 {
		t.Fatalf("rescue copies: %q, want one; the screen shows:\n%s", copies, s.screen())
	}
	if strings.Contains(scr, flat("are saved in")) || !strings.Contains(scr, flat("could not be written to disk/a.answers.yaml (no space left on device)")) ||
		!strings.Contains(scr, flat("Go on with: vitals assess --answers "+copies[0])) {
		t.Errorf("the terminal does not say where the answers are:\n%s", s.screen())
	}
	checkTyped(t, copies[0], 3)
	checkTyped(t, file, 1) // the file itself is whole, with what it took
}

// Plain mode on a full disk: resuming is refused before the first
// question with the reason; when the disk fills mid-run, the line just
// typed (a long note) is in the rescue copy.
func TestE2EFullDiskPlain(t *testing.T) {
	dir := t.TempDir()
	disk, fill := smallDisk(t, dir)
	state := filepath.Join(dir, "state")
	env := []string{"XDG_STATE_HOME=" + state}
	args := []string{"assess", "--accessible", "--rubric", "five-warning-signs", "--project", "Full", "--respondent", "Pat", "--role", "lead", "--answers", "disk/p.answers.yaml"}

	cmd := exec.Command(buildVitals(t), args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	in, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	io.WriteString(in, "1000000\n")
	file := filepath.Join(disk, "p.answers.yaml")
	deadline := time.Now().Add(15 * time.Second)
	for {
		if a, err := loadFiveSigns(file); err == nil && a.Answers["bc-annual-benefit"] != nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the first answer never reached the file:\n%s", stderr.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	fill()
	note := strings.Repeat("n", 6000)
	io.WriteString(in, note+"\n")
	in.Close()
	cmd.Wait()
	if code := cmd.ProcessState.ExitCode(); code == 0 {
		t.Errorf("a failed save ended with exit 0:\n%s", stderr.String())
	}
	copies := rescueCopies(t, state)
	if len(copies) != 1 {
		t.Fatalf("rescue copies %q, want one:\n%s", copies, stderr.String())
	}
	a := loadChecked(t, copies[0])
	if got := a.Answers["bc-annual-benefit"]; got == nil || got.Note != note {
		t.Errorf("rescue copy lost the note typed when the disk was full: %+v", got)
	}
	// After the note was typed, nothing claims the file holds it.
	out := stderr.String()
	out = out[strings.LastIndex(out, "Note (optional"):]
	if !strings.Contains(out, copies[0]) || strings.Contains(strings.Join(strings.Fields(out), " "), "are saved in") {
		t.Errorf("output does not name the rescue copy:\n%s", stderr.String())
	}

	// Resuming the file on the full disk: refused up front, exit 2.
	out, code := runPlainVitals(t, dir, "", env, args...)
	if code != 2 || !strings.Contains(out, "no space left on device") || strings.Contains(out, "Question 1") {
		t.Errorf("resume on a full disk: exit %d, want 2 with the reason before any question:\n%s", code, out)
	}
}

// An answers file keeps its mode when a later run writes it, and a temp
// copy a killed process left in the folder is removed by the next run.
func TestE2EModeKeptAndTempsTidied(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "m.answers.yaml")
	args := []string{"assess", "--accessible", "--rubric", "five-warning-signs", "--project", "Modes", "--respondent", "Mo", "--role", "lead", "--answers", "m.answers.yaml"}
	if _, code := runPlainVitals(t, dir, "1000000\n\n", nil, args...); code != 1 {
		t.Fatalf("first run: exit %d, want 1 (input ended)", code)
	}
	if err := os.Chmod(file, 0o600); err != nil {
		t.Fatal(err)
	}
	// A copy left by a process that is gone.
	cmd := exec.Command("true")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	left := filepath.Join(dir, ".m.answers.yaml."+strconv.Itoa(cmd.Process.Pid)+".4242.tmp")
	if err := os.WriteFile(left, []byte("answers"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, code := runPlainVitals(t, dir, "500000\n\n", nil, args...); code != 1 {
		t.Fatalf("second run: exit %d, want 1", code)
	}
	fi, err := os.Stat(file)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("after a resumed run the mode is %v, want the file's own 0600", fi.Mode().Perm())
	}
	if _, err := os.Stat(left); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the stale temporary copy is still there: %v", err)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			t.Errorf("hidden file left in the folder: %s", e.Name())
		}
	}

	// A read-only file is refused at resume, with the reason.
	if err := os.Chmod(file, 0o444); err != nil {
		t.Fatal(err)
	}
	if out, code := runPlainVitals(t, dir, "", nil, args...); code != 2 || !strings.Contains(out, "read-only") {
		t.Errorf("resume of a 0444 file: exit %d, want 2 and the reason:\n%s", code, out)
	}
}

// `vitals report` on a named pipe that never delivers, or on standard
// input, ends at once on SIGINT or SIGTERM with exit 130.
func TestE2EReportReadInterrupted(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the binary")
	}
	dir := t.TempDir()
	fifo := filepath.Join(dir, "answers.fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no named pipes here:", err)
	}
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		cmd := exec.Command(buildVitals(t), "report", fifo)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Opening the writing end returns once vitals has opened the
		// reading end: it is then past its start-up, waiting for data.
		w, err := os.OpenFile(fifo, os.O_WRONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Process.Signal(sig); err != nil {
			t.Fatal(err)
		}
		waitExit(t, cmd, sig)
		w.Close()
	}

	// Standard input: a pipe nobody writes to.
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	cmd := exec.Command(buildVitals(t), "report", "-")
	cmd.Stdin = r
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	r.Close()
	waitReading(t, cmd.Process.Pid)
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	waitExit(t, cmd, syscall.SIGINT)
}

// waitExit waits for cmd, which was sent sig, and wants exit 130.
func waitExit(t *testing.T, cmd *exec.Cmd, sig syscall.Signal) {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
		if code := cmd.ProcessState.ExitCode(); code != 130 {
			t.Errorf("after %v: exit %d, want 130", sig, code)
		}
	case <-time.After(10 * time.Second):
		cmd.Process.Kill()
		<-done
		t.Fatalf("still reading 10 s after %v", sig)
	}
}

// readSyscall matches /proc/PID/task/TID/syscall for a thread blocked in
// read(0, …) on linux/amd64, where read is system call 0.
var readSyscall = regexp.MustCompile(`^0 0x0 `)

// waitReading waits until a thread of process pid is blocked reading
// standard input: then it has long installed its signal handling.
func waitReading(t *testing.T, pid int) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		tasks, err := filepath.Glob(fmt.Sprintf("/proc/%d/task/*/syscall", pid))
		if err != nil || len(tasks) == 0 {
			t.Skip("cannot see what the process is doing (no /proc)")
		}
		for _, task := range tasks {
			if data, err := os.ReadFile(task); err == nil && readSyscall.Match(data) {
				return
			}
			if err != nil && errors.Is(err, os.ErrPermission) {
				t.Skip("cannot read /proc/PID/task/*/syscall here")
			}
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Skip("never saw the process block in read(0) (not linux/amd64?)")
}
