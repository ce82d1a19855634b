package room

import (
	"context"
	"log"
	"net"
	"os"
	"path/filepath"
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
