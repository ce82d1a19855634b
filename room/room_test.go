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
	return serveFor(t, cfg, r)
}

// serveFor serves r with cfg in a new folder until the test ends, and
// returns the address and the folder.
func serveFor(t testing.TB, cfg Config, r *questions.Rubric) (string, string) {
	t.Helper()
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
	// wake is signalled at every write, for await.
	wake chan struct{}
}

func (s *screen) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.wake != nil {
		select {
		case s.wake <- struct{}{}:
		default:
		}
	}
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
}

// TestForwardingRefused: what ssh -L, -R, -A and -X ask for is refused,
// a service the forward would reach is never reached, and the connection
// still serves the workshop.
func TestForwardingRefused(t *testing.T) {
	addr, _ := start(t, assessment.WorkshopAnonymous)
	svc, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer svc.Close()
	reached := make(chan struct{}, 1)
	go func() {
		if c, err := svc.Accept(); err == nil {
			c.Close()
			reached <- struct{}{}
		}
	}()
	c, err := dial(addr, "x", code)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	// ssh -L: a direct-tcpip channel.
	if conn, err := c.Dial("tcp", svc.Addr().String()); err == nil {
		conn.Close()
		t.Error("port forwarding (direct-tcpip) accepted")
	} else if oe, ok := err.(*gossh.OpenChannelError); !ok || oe.Reason != gossh.UnknownChannelType {
		t.Errorf("direct-tcpip: %v", err)
	}
	// ssh -R: a tcpip-forward global request.
	if l, err := c.Listen("tcp", "127.0.0.1:0"); err == nil {
		l.Close()
		t.Error("remote forwarding (tcpip-forward) accepted")
	}
	s, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	// ssh -A and ssh -X: session requests.
	x11 := gossh.Marshal(struct {
		Single   bool
		Protocol string
		Cookie   string
		Screen   uint32
	}{false, "MIT-MAGIC-COOKIE-1", "0123456789abcdef0123456789abcdef", 0})
	for _, req := range []struct {
		name    string
		payload []byte
	}{{"auth-agent-req@openssh.com", nil}, {"x11-req", x11}} {
		ok, err := s.SendRequest(req.name, true, req.payload)
		if err != nil {
			t.Fatalf("%s: %v", req.name, err)
		}
		if ok {
			t.Errorf("%s accepted", req.name)
		}
	}
	out := &screen{}
	s.Stdout = out
	if err := s.RequestPty("xterm-256color", 30, 100, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	if err := s.Shell(); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the join screen after the refusals", func() bool { return strings.Contains(out.String(), "Resume code") })
	select {
	case <-reached:
		t.Error("the forward reached the local service")
	default:
	}
}

// TestMaxParticipants: past --max the next participant is told the
// workshop is full and let go; those connected keep answering, and a
// place freed is taken again.
func TestMaxParticipants(t *testing.T) {
	addr, _ := startWith(t, Config{Mode: assessment.WorkshopNamed, Max: 2})
	c1, out1, typ1 := connect(t, addr, "a")
	_, out2, _ := connect(t, addr, "b")
	for _, o := range []*screen{out1, out2} {
		waitFor(t, "the join screen", func() bool { return strings.Contains(o.String(), "Your name") })
	}
	full := func() {
		t.Helper()
		c, err := dial(addr, "c", code)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		s, err := c.NewSession()
		if err != nil {
			t.Fatal(err)
		}
		var out screen
		s.Stdout, s.Stderr = &out, &out
		if err := s.RequestPty("xterm-256color", 30, 100, gossh.TerminalModes{}); err != nil {
			t.Fatal(err)
		}
		if err := s.Shell(); err != nil {
			t.Fatal(err)
		}
		err = s.Wait()
		if ee, ok := err.(*gossh.ExitError); !ok || ee.ExitStatus() != 1 {
			t.Errorf("exit: %v", err)
		}
		if got := out.String(); !strings.Contains(got, "The workshop is full: it takes 2 participants at once") {
			t.Errorf("the third participant was told %q", got)
		}
	}
	full()
	typeKeys(out1, typ1, "Ann\r\r")
	waitFor(t, "the first participant's first question", func() bool { return strings.Contains(out1.String(), "question 1 of") })
	c1.Close()
	waitFor(t, "a place freed", func() bool {
		_, o, _ := connect(t, addr, "d")
		until(func() bool { return strings.Contains(o.String(), "Your name") || strings.Contains(o.String(), "full") })
		return strings.Contains(o.String(), "Your name")
	})
}

// typeKeys types s one key at a time, each after the screen drew the
// last, as a person would.
func typeKeys(out *screen, typ func(string), s string) {
	for _, k := range s {
		before := out.len()
		typ(string(k))
		until(func() bool { return out.len() > before })
	}
}

// TestNamedJoin: in named mode the name and role are asked on screen, the
// SSH user name is not used, the file is named by the name and holds both;
// a participant typing the same name again, in another case, from
// another user name, goes on where they stopped in the same file.
func TestNamedJoin(t *testing.T) {
	addr, dir := start(t, assessment.WorkshopNamed)
	c, out, typ := connect(t, addr, "jdoe")
	waitFor(t, "the name asked", func() bool { return strings.Contains(out.String(), "Your name") })
	typ("\r")
	waitFor(t, "the empty name refused", func() bool { return strings.Contains(out.String(), "enter your name") })
	typeKeys(out, typ, "--\r\r")
	waitFor(t, "a name of no letters refused", func() bool { return strings.Contains(out.String(), "with letters in it") })
	typeKeys(out, typ, "\x7f\x7f")
	typeKeys(out, typ, "Alice Smith\r")
	typeKeys(out, typ, "Key user")
	typ("\r")
	waitFor(t, "the first question", func() bool { return strings.Contains(out.String(), "question 1 of") })
	files, _ := filepath.Glob(filepath.Join(dir, "*.answers.yaml"))
	if len(files) != 1 || !strings.HasSuffix(files[0], "-alice-smith.answers.yaml") {
		t.Fatalf("files: %v", files)
	}
	a := load(t, files[0])
	if got, want := a.Respondent, (assessment.Respondent{Name: "Alice Smith", Role: "Key user"}); got != want {
		t.Errorf("respondent = %+v, want %+v", got, want)
	}
	if a.Workshop != assessment.WorkshopNamed {
		t.Errorf("workshop = %q", a.Workshop)
	}
	typeKeys(out, typ, "1000")
	typ("\r")
	waitFor(t, "the answer saved", func() bool { return load(t, files[0]).Answers["bc-annual-benefit"] != nil })
	c.Close()

	var out2 *screen
	waitFor(t, "the resumed session", func() bool {
		c2, o, typ2 := connect(t, addr, "somebody")
		if !until(func() bool { return strings.Contains(o.String(), "Your name") }) {
			c2.Close()
			return false
		}
		typeKeys(o, typ2, "alice  SMITH\r")
		typ2("\r")
		until(func() bool {
			return strings.Contains(o.String(), "question 2 of") || strings.Contains(o.String(), "right now")
		})
		if strings.Contains(o.String(), "question 2 of") {
			out2 = o
			t.Cleanup(func() { c2.Close() })
			return true
		}
		c2.Close() // the first connection's lock was not let go yet
		return false
	})
	_ = out2
	if again, _ := filepath.Glob(filepath.Join(dir, "*.answers.yaml")); len(again) != 1 {
		t.Fatalf("files after resuming: %v", again)
	}
	if got := load(t, files[0]).Respondent; got.Name != "Alice Smith" || got.Role != "Key user" {
		t.Errorf("respondent after resuming = %+v", got)
	}
}

// TestNamedJoinNameInUse: a second participant typing a name someone is
// answering under right now is told so, and can type another.
func TestNamedJoinNameInUse(t *testing.T) {
	addr, dir := start(t, assessment.WorkshopNamed)
	_, out, typ := connect(t, addr, "x")
	waitFor(t, "the name asked", func() bool { return strings.Contains(out.String(), "Your name") })
	typeKeys(out, typ, "Bob\r\r")
	waitFor(t, "the first question", func() bool { return strings.Contains(out.String(), "question 1 of") })
	_, out2, typ2 := connect(t, addr, "y")
	waitFor(t, "the name asked", func() bool { return strings.Contains(out2.String(), "Your name") })
	typeKeys(out2, typ2, "bob\r\r")
	waitFor(t, "the name refused", func() bool { return strings.Contains(out2.String(), "right now") })
	typeKeys(out2, typ2, " Jones\r\r")
	waitFor(t, "the first question", func() bool { return strings.Contains(out2.String(), "question 1 of") })
	for _, f := range []string{"bob", "bob-jones"} {
		if _, err := os.Stat(filepath.Join(dir, "demo-five-warning-signs-"+f+".answers.yaml")); err != nil {
			t.Error(err)
		}
	}
}

// TestNameKey: names spelt another way share a file; names whose letters
// the slug drops do not.
func TestNameKey(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		same bool
	}{
		{"Alice Smith", " alice   SMITH ", true},
		{"Alice Smith", "Alice Smyth", false},
		{"Zoë", "Zoé", false},
		{"李明", "王芳", false},
		{"李明", "李明", true},
	} {
		if got := nameKey(tc.a) == nameKey(tc.b); got != tc.same {
			t.Errorf("nameKey(%q) = %q, nameKey(%q) = %q: same = %v, want %v", tc.a, nameKey(tc.a), tc.b, nameKey(tc.b), got, tc.same)
		}
	}
}

// TestLeaveAtJoinScreen: a participant who goes at the join screen leaves
// no file, and the server serves the next one.
func TestLeaveAtJoinScreen(t *testing.T) {
	addr, dir := start(t, assessment.WorkshopNamed)
	c, out, typ := connect(t, addr, "x")
	waitFor(t, "the name asked", func() bool { return strings.Contains(out.String(), "Your name") })
	typeKeys(out, typ, "Half")
	c.Close()
	_, out2, typ2 := connect(t, addr, "y")
	waitFor(t, "the name asked", func() bool { return strings.Contains(out2.String(), "Your name") })
	typeKeys(out2, typ2, "Carol\r\r")
	waitFor(t, "the first question", func() bool { return strings.Contains(out2.String(), "question 1 of") })
	files, _ := filepath.Glob(filepath.Join(dir, "*.answers.yaml"))
	if len(files) != 1 || !strings.HasSuffix(files[0], "-carol.answers.yaml") {
		t.Fatalf("files: %v", files)
	}
}

func load(t *testing.T, path string) *assessment.Answers {
	t.Helper()
	r, _ := questions.Builtin("five-warning-signs")
	f, err := assessment.LoadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	a, _, err := f.Check(r)
	if err != nil {
		t.Fatal(err)
	}
	return a
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
	// Closed before the server shuts down, which waits for connections.
	t.Cleanup(func() { c.Close() })
	s, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	out := &screen{}
	s.Stdout, s.Stderr = out, out
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

// TestAnonymousResume: an anonymous participant is asked only the role;
// cut off after one answer, they connect again with the resume code as
// user name and go on at the second question, in the same file; cut off
// again, they type the code on the join screen instead, where a wrong
// code is refused.
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
	if strings.Contains(strings.ReplaceAll(out.String(), "Your name is not asked", ""), "Your name") {
		t.Fatal("an anonymous participant was asked their name")
	}
	// The code just given, typed back, begins.
	typeKeys(out, typ, strings.ToLower(rc))
	typ("\r")
	typeKeys(out, typ, "Sponsor\r")
	waitFor(t, "the first question", func() bool { return strings.Contains(out.String(), "question 1 of") })
	typeKeys(out, typ, "1000")
	typ("\r")
	files, _ := filepath.Glob(filepath.Join(dir, "*.answers.yaml"))
	if len(files) != 1 || !strings.HasSuffix(files[0], "-"+strings.ToLower(rc)+".answers.yaml") {
		t.Fatalf("files: %v", files)
	}
	waitFor(t, "the answer saved", func() bool { return load(t, files[0]).Answers["bc-annual-benefit"] != nil })
	if got := load(t, files[0]).Respondent; got != (assessment.Respondent{Role: "Sponsor"}) {
		t.Errorf("respondent = %+v", got)
	}
	c.Close()
	// The lock is let go when the server sees the connection end.
	reconnect := func(user string, join func(*screen, func(string))) *gossh.Client {
		var client *gossh.Client
		waitFor(t, "the resumed session", func() bool {
			c2, o, typ2 := connect(t, addr, user)
			if join != nil {
				join(o, typ2)
			}
			until(func() bool {
				return strings.Contains(o.String(), "question") || strings.Contains(o.String(), "Cannot") || strings.Contains(o.String(), "another window")
			})
			if strings.Contains(o.String(), "question 2 of") {
				client = c2
				if strings.Contains(o.String(), "resume code is") && join == nil {
					t.Error("a resumed participant was given a new code")
				}
				return true
			}
			c2.Close()
			return false
		})
		return client
	}
	c2 := reconnect(strings.ToLower(rc), nil)
	c2.Close()
	c3 := reconnect("someone", func(o *screen, typ func(string)) {
		waitFor(t, "the join screen", func() bool { return strings.Contains(o.String(), "Resume code") })
		typeKeys(o, typ, "QQQQQQ\r\r")
		waitFor(t, "the wrong code refused", func() bool { return strings.Contains(o.String(), "No answers in this workshop") })
		for range 6 {
			typeKeys(o, typ, "\x7f")
		}
		typeKeys(o, typ, strings.ToLower(rc)+"\r\r")
	})
	c3.Close()
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

// freezer is a TCP proxy that can stop forwarding, as a laptop whose
// Wi-Fi is gone: the connection stays open and nothing comes back.
type freezer struct {
	l      net.Listener
	frozen chan struct{}
}

func newFreezer(t *testing.T, target string) *freezer {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	f := &freezer{l: l, frozen: make(chan struct{})}
	t.Cleanup(func() { l.Close() })
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			s, err := net.Dial("tcp", target)
			if err != nil {
				c.Close()
				return
			}
			pipe := func(dst, src net.Conn) {
				buf := make([]byte, 32<<10)
				for {
					n, err := src.Read(buf)
					select {
					case <-f.frozen:
						// Frozen: read and drop, never close.
						continue
					default:
					}
					if n > 0 {
						if _, werr := dst.Write(buf[:n]); werr != nil {
							return
						}
					}
					if err != nil {
						return
					}
				}
			}
			go pipe(s, c)
			go pipe(c, s)
		}
	}()
	return f
}

// TestFrozenClientIsCutOffAndComesBack: a participant whose client stops
// answering (the laptop gone) is cut off by the keepalive, so the same
// name can come back at once to the same answers.
func TestFrozenClientIsCutOffAndComesBack(t *testing.T) {
	addr, dir := startWith(t, Config{Mode: assessment.WorkshopNamed, KeepAlive: 500 * time.Millisecond})
	fz := newFreezer(t, addr)
	_, out, typ := connect(t, fz.l.Addr().String(), "x")
	waitFor(t, "the join screen", func() bool { return strings.Contains(out.String(), "Your name") })
	typ("Hana Ito\r")
	waitFor(t, "the role", func() bool { return strings.Contains(out.String(), "Your role") })
	typ("\r")
	waitFor(t, "the answers file", func() bool {
		files, _ := filepath.Glob(filepath.Join(dir, "*hana-ito*.answers.yaml"))
		return len(files) == 1
	})
	close(fz.frozen)
	// The same name again, from a new connection: refused while the
	// frozen one holds it, let in once the keepalive has cut it off.
	deadline := time.Now().Add(20 * time.Second)
	for tries := 1; ; tries++ {
		c2, out2, typ2 := connect(t, addr, "x")
		waitFor(t, "the join screen", func() bool { return strings.Contains(out2.String(), "Your name") })
		typ2("Hana Ito\r")
		waitFor(t, "the role", func() bool { return strings.Contains(out2.String(), "Your role") })
		typ2("\r")
		joined := false
		waitFor(t, "an answer to the name", func() bool {
			s := out2.String()
			joined = strings.Contains(s, "question 1 of")
			return joined || strings.Contains(s, "right now")
		})
		c2.Close()
		if joined {
			t.Logf("let in at try %d", tries)
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("the frozen session still holds the name")
		}
		time.Sleep(50 * time.Millisecond)
	}
}
