package room

import (
	"context"
	"log"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"github.com/vitals-dev/vitals/assessment"
	"github.com/vitals-dev/vitals/questions"
	"github.com/vitals-dev/vitals/workspace"
)

const code = "ACDEFG"

func start(t *testing.T, mode string) (string, string) {
	t.Helper()
	return startWith(t, Config{Mode: mode})
}

func startWith(t *testing.T, cfg Config) (string, string) {
	t.Helper()
	r, err := questions.Builtin("five-warning-signs")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	cfg.Workspace, cfg.Rubric, cfg.Project, cfg.Code = &workspace.Config{Dir: dir}, r, "Demo", code
	srv, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(l) }()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(ctx)
		<-done
	})
	return l.Addr().String(), dir
}

func dial(addr, user, pw string) (*gossh.Client, error) {
	return gossh.Dial("tcp", addr, &gossh.ClientConfig{
		User:            user,
		Auth:            []gossh.AuthMethod{gossh.Password(pw)},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(),
		Timeout:         5 * time.Second,
	})
}

// screen collects what the server draws.
type screen struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *screen) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *screen) String() string { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestWrongCodeRefused(t *testing.T) {
	addr, _ := start(t, assessment.WorkshopAnonymous)
	if c, err := dial(addr, "x", "WRONG1"); err == nil {
		c.Close()
		t.Fatal("a wrong code was let in")
	}
	c, err := dial(addr, "x", code)
	if err != nil {
		t.Fatalf("the right code after a wrong one: %v", err)
	}
	c.Close()
}

func TestCommandRefused(t *testing.T) {
	addr, _ := start(t, assessment.WorkshopAnonymous)
	c, err := dial(addr, "x", code)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	s, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	out, err := s.CombinedOutput("ls")
	if err == nil || strings.Contains(string(out), "go.mod") {
		t.Fatalf("ls ran: %q, %v", out, err)
	}
	s2, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	if err := s2.RequestSubsystem("sftp"); err == nil {
		t.Fatal("sftp subsystem accepted")
	}
	if _, err := c.Dial("tcp", "127.0.0.1:22"); err == nil {
		t.Fatal("port forwarding accepted")
	}
}

func TestParticipantGetsAssessmentAndFile(t *testing.T) {
	addr, dir := start(t, assessment.WorkshopNamed)
	c, err := dial(addr, "Alice", code)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	s, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	var out screen
	s.Stdout = &out
	in, _ := s.StdinPipe()
	if err := s.RequestPty("xterm-256color", 30, 100, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	if err := s.Shell(); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the first question", func() bool { return strings.Contains(out.String(), "?") })
	var file string
	waitFor(t, "the answers file", func() bool {
		m, _ := filepath.Glob(filepath.Join(dir, "*-alice.answers.yaml"))
		if len(m) == 1 {
			file = m[0]
		}
		return file != ""
	})
	data, _ := os.ReadFile(file)
	if !strings.Contains(string(data), "named") || !strings.Contains(string(data), "Alice") {
		t.Fatalf("answers file lacks the mode or name:\n%s", data)
	}
	if err := s.WindowChange(40, 120); err != nil {
		t.Fatal(err)
	}
	in.Close()
	s.Close()
}

// TestManyFailedLogins: 1,000 wrong codes leave the server serving a
// participant with the right one, and the log never holds a code typed.
func TestManyFailedLogins(t *testing.T) {
	var logged screen
	addr, _ := startWith(t, Config{Mode: assessment.WorkshopAnonymous, MaxDelay: time.Millisecond, Log: log.New(&logged, "", 0)})
	var wg sync.WaitGroup
	work := make(chan int)
	for range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range work {
				if c, err := dial(addr, "x", "NOPE99"); err == nil {
					c.Close()
					t.Error("a wrong code was let in")
				}
			}
		}()
	}
	for i := range 1000 {
		work <- i
	}
	close(work)
	wg.Wait()
	c, err := dial(addr, "x", code)
	if err != nil {
		t.Fatalf("after the failures: %v", err)
	}
	c.Close()
	if l := logged.String(); strings.Contains(l, "NOPE99") || !strings.Contains(l, "wrong join code") {
		t.Fatalf("log: %.200q", l)
	}
}

// connect opens a terminal session as user and returns its screen and
// input.
func connect(t *testing.T, addr, user string) (*gossh.Client, *screen, func(string)) {
	t.Helper()
	c, err := dial(addr, user, code)
	if err != nil {
		t.Fatal(err)
	}
	s, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	out := &screen{}
	s.Stdout = out
	in, _ := s.StdinPipe()
	if err := s.RequestPty("xterm-256color", 30, 100, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	if err := s.Shell(); err != nil {
		t.Fatal(err)
	}
	return c, out, func(k string) {
		if _, err := in.Write([]byte(k)); err != nil {
			t.Fatal(err)
		}
	}
}

// TestAnonymousResume: an anonymous participant cut off after one answer
// connects again with the resume code as user name and goes on at the
// second question, in the same file.
func TestAnonymousResume(t *testing.T) {
	addr, dir := start(t, assessment.WorkshopAnonymous)
	c, out, typ := connect(t, addr, "anyone")
	var rc string
	waitFor(t, "the resume code", func() bool {
		m := regexp.MustCompile(`resume code is ([A-Z0-9]{6})`).FindStringSubmatch(out.String())
		if m != nil {
			rc = m[1]
		}
		return rc != ""
	})
	typ("\r")
	waitFor(t, "the first question", func() bool { return strings.Contains(out.String(), "question 1 of") })
	for _, k := range "1000" {
		before := out.len()
		typ(string(k))
		waitFor(t, "the key drawn", func() bool { return out.len() > before })
	}
	typ("\r")
	files, _ := filepath.Glob(filepath.Join(dir, "*.answers.yaml"))
	if len(files) != 1 {
		t.Fatalf("files: %v", files)
	}
	waitFor(t, "the answer saved", func() bool {
		data, _ := os.ReadFile(files[0])
		return strings.Contains(string(data), "1000")
	})
	c.Close()
	// The lock is let go when the server sees the connection end.
	var out2 *screen
	waitFor(t, "the resumed session", func() bool {
		c2, o, _ := connect(t, addr, strings.ToLower(rc))
		deadline := time.Now().Add(2 * time.Second)
		for time.Now().Before(deadline) && !strings.Contains(o.String(), "question") && !strings.Contains(o.String(), "Cannot start") {
			time.Sleep(10 * time.Millisecond)
		}
		if strings.Contains(o.String(), "question 2 of") {
			out2 = o
			t.Cleanup(func() { c2.Close() })
			return true
		}
		c2.Close()
		return false
	})
	if strings.Contains(out2.String(), "resume code is") {
		t.Fatal("a resumed participant was given a new code")
	}
	if again, _ := filepath.Glob(filepath.Join(dir, "*.answers.yaml")); len(again) != 1 {
		t.Fatalf("files after resuming: %v", again)
	}
}

// The private host key lives beside the answers files, which teams commit:
// the folder's .gitignore lists it, once, keeping what was there.
func TestHostKeyIgnoredByGit(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, ".gitignore"), []byte("*.md"), 0o644); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if err := ignoreHostKey(dir); err != nil {
			t.Fatal(err)
		}
	}
	data, _ := os.ReadFile(filepath.Join(dir, ".gitignore"))
	if got := string(data); !strings.HasPrefix(got, "*.md\n") || strings.Count(got, "\n"+HostKeyName+"\n") != 1 {
		t.Errorf(".gitignore = %q", got)
	}
}
