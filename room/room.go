// Package room is the workshop server: participants join a live workshop
// over SSH with the join code, and each answers the assessment in their
// own terminal, into their own answers file in the workshop folder.
package room

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"errors"
	"fmt"
	"log"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
	"charm.land/wish/v2"
	gossh "golang.org/x/crypto/ssh"

	"github.com/vitals-dev/vitals/assessment"
	"github.com/vitals-dev/vitals/questions"
	"github.com/vitals-dev/vitals/tui"
	"github.com/vitals-dev/vitals/workspace"
)

// HostKeyName is the host key's file in the workshop folder: made once per
// folder, so participants who compared the fingerprint once can keep
// trusting it when the server restarts there.
const HostKeyName = ".vitals-host-key"

// Config is what the server serves.
type Config struct {
	// Workspace is the assessment's configuration; its Dir is the
	// workshop folder.
	Workspace *workspace.Config
	Rubric    *questions.Rubric
	Project   string
	// Mode is assessment.WorkshopNamed or assessment.WorkshopAnonymous.
	Mode string
	// Code is the join code, typed as the SSH password.
	Code string
	// Max is the most participants connected at once (default 30).
	Max int
	// Idle closes a connection with no traffic for this long (default 30m).
	Idle time.Duration
	// MaxDelay caps the delay a wrong code costs (default 3s); each
	// failure from one address adds 100 ms up to it.
	MaxDelay time.Duration
	// Log gets failed logins (never the code typed); nil discards them.
	Log *log.Logger
}

// Server is a running workshop server.
type Server struct {
	cfg  Config
	ssh  *ssh.Server
	mu   sync.Mutex
	n    int // participants connected
	seq  int // participants numbered so far
	fail map[string]int
	// ctx ends every participant's program at Shutdown; wg waits for
	// their answers to be saved.
	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup
	// people are the participants so far, by number.
	people []*participant
	// Fingerprint is the host key's SHA256 fingerprint.
	Fingerprint string
}

// codeAlphabet are the characters of join and resume codes.
const codeAlphabet = "ACDEFGHJKMNPQRTUVWXY34679"

// NewCode returns a random join code of 8 letters and digits, without the
// ones that are misheard or misread aloud (0/O, 1/I/L, 5/S, 2/Z, 8/B).
func NewCode() string {
	b := make([]byte, 8)
	for i := range b {
		n, _ := rand.Int(rand.Reader, big.NewInt(int64(len(codeAlphabet))))
		b[i] = codeAlphabet[n.Int64()]
	}
	return string(b)
}

// New builds the server; the host key is made in the workshop folder when
// it is not there yet, with mode 0600.
func New(cfg Config) (*Server, error) {
	if len(cfg.Code) < 6 {
		return nil, errors.New("the join code needs at least 6 characters")
	}
	if cfg.Max <= 0 {
		cfg.Max = 30
	}
	if cfg.Idle <= 0 {
		cfg.Idle = 30 * time.Minute
	}
	if cfg.MaxDelay <= 0 {
		cfg.MaxDelay = 3 * time.Second
	}
	if cfg.Log == nil {
		cfg.Log = log.New(discard{}, "", 0)
	}
	dir := cfg.Workspace.Folder()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("workshop folder: %w", err)
	}
	s := &Server{cfg: cfg, fail: map[string]int{}}
	s.ctx, s.cancel = context.WithCancel(context.Background())
	keyPath := filepath.Join(dir, HostKeyName)
	if err := ignoreHostKey(dir); err != nil {
		return nil, err
	}
	srv, err := wish.NewServer(
		wish.WithHostKeyPath(keyPath),
		wish.WithPasswordAuth(func(ctx ssh.Context, pw string) bool { return s.check(ctx, pw) }),
		wish.WithKeyboardInteractiveAuth(func(ctx ssh.Context, ch gossh.KeyboardInteractiveChallenge) bool {
			ans, err := ch("", "", []string{"Join code: "}, []bool{false})
			return err == nil && len(ans) == 1 && s.check(ctx, ans[0])
		}),
		wish.WithIdleTimeout(cfg.Idle),
		func(srv *ssh.Server) error {
			srv.ServerConfigCallback = func(ssh.Context) *gossh.ServerConfig {
				return &gossh.ServerConfig{MaxAuthTries: 3}
			}
			// Agent, X11, port forwarding and subsystems (sftp, scp) are
			// refused by leaving their handlers unset.
			srv.SubsystemHandlers = map[string]ssh.SubsystemHandler{}
			return nil
		},
	)
	if err != nil {
		return nil, fmt.Errorf("workshop server: %w", err)
	}
	if fi, err := os.Stat(keyPath); err == nil && fi.Mode().Perm() != 0o600 {
		_ = os.Chmod(keyPath, 0o600)
	}
	srv.Handle(s.handle)
	s.ssh = srv
	if len(srv.HostSigners) > 0 {
		s.Fingerprint = gossh.FingerprintSHA256(srv.HostSigners[0].PublicKey())
	}
	return s, nil
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

// check compares a typed code with the join code. A wrong code costs a
// delay that grows with the failures from the same address, so guessing
// is slow; the code typed is never logged.
func (s *Server) check(ctx ssh.Context, typed string) bool {
	if subtle.ConstantTimeCompare([]byte(strings.TrimSpace(typed)), []byte(s.cfg.Code)) == 1 {
		return true
	}
	host, _, _ := net.SplitHostPort(ctx.RemoteAddr().String())
	s.mu.Lock()
	s.fail[host]++
	n := s.fail[host]
	s.mu.Unlock()
	s.cfg.Log.Printf("wrong join code from %s (failure %d)", host, n)
	d := min(time.Duration(n)*100*time.Millisecond, s.cfg.MaxDelay)
	time.Sleep(d)
	return false
}

// Serve serves on l until Shutdown.
func (s *Server) Serve(l net.Listener) error {
	err := s.ssh.Serve(l)
	if errors.Is(err, ssh.ErrServerClosed) {
		return nil
	}
	return err
}

// Shutdown stops taking connections and ends the sessions; each
// participant's answers are saved as their program ends.
func (s *Server) Shutdown(ctx context.Context) error {
	s.cancel()
	s.wg.Wait()
	if err := s.ssh.Shutdown(ctx); err != nil {
		return s.ssh.Close()
	}
	return nil
}

// handle is one participant's session.
func (s *Server) handle(sess ssh.Session) {
	if len(sess.Command()) > 0 || sess.Subsystem() != "" {
		fmt.Fprintln(sess.Stderr(), "This is a vitals workshop: connect without a command.")
		_ = sess.Exit(1)
		return
	}
	pty, winch, ok := sess.Pty()
	if !ok {
		fmt.Fprintln(sess.Stderr(), "This is a vitals workshop: connect from a terminal (ssh -t).")
		_ = sess.Exit(1)
		return
	}
	s.mu.Lock()
	if s.n >= s.cfg.Max {
		s.mu.Unlock()
		fmt.Fprintln(sess.Stderr(), "The workshop is full.")
		_ = sess.Exit(1)
		return
	}
	s.n++
	s.seq++
	s.wg.Add(1)
	defer s.wg.Done()
	num := s.seq
	s.mu.Unlock()
	defer func() { s.mu.Lock(); s.n--; s.mu.Unlock() }()

	user := sess.User()
	if s.cfg.Mode != assessment.WorkshopNamed {
		// Anonymous: the user name is the resume code when it names an
		// earlier participant's file; otherwise a new code is given, shown
		// before the first question.
		if !s.resumable(user) {
			user = NewCode()[:6]
			if !s.greet(sess, user) {
				return
			}
		}
	}
	ws, err := s.open(user, num)
	if err == nil {
		p := s.join(num, ws)
		defer p.leave()
		sess = activity{sess, p}
	}
	if err != nil {
		fmt.Fprintln(sess.Stderr(), "Cannot start your answers: "+err.Error())
		_ = sess.Exit(1)
		return
	}
	sizes := make(chan tea.WindowSizeMsg, 1)
	go func() {
		for w := range winch {
			// Only the latest size matters: a client resizing a
			// hundred times a second never queues work.
			select {
			case <-sizes:
			default:
			}
			sizes <- tea.WindowSizeMsg{Width: w.Width, Height: w.Height}
		}
	}()
	env := append(sess.Environ(), "TERM="+pty.Term)
	ctx, cancel := context.WithCancel(sess.Context())
	defer cancel()
	stop := context.AfterFunc(s.ctx, cancel)
	defer stop()
	_, _ = tui.RunRemote(ctx, s.cfg.Workspace, ws, sizes,
		tea.WithInput(sess), tea.WithOutput(sess), tea.WithEnvironment(env),
		tea.WithWindowSize(pty.Window.Width, pty.Window.Height))
	if s.ctx.Err() != nil {
		fmt.Fprintln(sess, "\r\nThe facilitator ended the workshop: your answers are saved.\r")
	} else {
		fmt.Fprintln(sess, "\r\nThank you: your answers are saved.\r")
	}
	_ = sess.Exit(0)
}

// open opens the participant's answers file. In named mode the SSH user
// name is the respondent's name and names the file, so reconnecting with
// the same name resumes it; in anonymous mode each participant is
// numbered and the file carries no name.
func (s *Server) open(user string, _ int) (*workspace.Session, error) {
	who := assessment.Respondent{}
	if s.cfg.Mode == assessment.WorkshopNamed {
		who.Name = strings.TrimSpace(user)
	}
	path := s.pathFor(user)
	ws, _, err := s.cfg.Workspace.Open(s.cfg.Rubric, path, s.cfg.Project, who)
	if err != nil {
		return nil, err
	}
	if ws.Answers.Workshop != s.cfg.Mode {
		ws.Answers.Workshop = s.cfg.Mode
		if err := ws.Save(); err != nil {
			ws.Close()
			return nil, err
		}
	}
	return ws, nil
}

// pathFor is the answers file of the participant who connects as user (a
// name in named mode, a resume code in anonymous mode). The date is left
// out so that a workshop going on past midnight still resumes.
func (s *Server) pathFor(user string) string {
	return filepath.Join(s.cfg.Workspace.Folder(), fmt.Sprintf("%s-%s-%s.answers.yaml", workspace.Slug(s.cfg.Project), s.cfg.Rubric.ID, workspace.Slug(user)))
}

// resumable reports whether user is the resume code of an answers file in
// the folder.
func (s *Server) resumable(user string) bool {
	code := strings.ToUpper(strings.TrimSpace(user))
	if len(code) != 6 || strings.Trim(code, codeAlphabet) != "" {
		return false
	}
	_, err := os.Stat(s.pathFor(code))
	return err == nil
}

// greet shows an anonymous participant their resume code and waits for
// Enter; false when they left instead.
func (s *Server) greet(sess ssh.Session, code string) bool {
	fmt.Fprintf(sess, "\r\nWelcome. Nobody's name is asked or shown in this workshop.\r\n\r\n"+
		"Your resume code is %s. If you are cut off, connect again\r\n"+
		"with %s as the user name (ssh -p PORT %s@HOST) to go on where you stopped.\r\n\r\n"+
		"Press Enter to begin.\r\n", code, code, code)
	b := make([]byte, 1)
	for {
		if _, err := sess.Read(b); err != nil {
			return false
		}
		if b[0] == '\r' || b[0] == '\n' {
			return true
		}
	}
}

// ignoreHostKey lists the host key in the folder's .gitignore: the private
// key lives beside the answers files, which teams commit, and a commit
// must never take it along.
func ignoreHostKey(dir string) error {
	path := filepath.Join(dir, ".gitignore")
	data, err := os.ReadFile(path)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("workshop folder: %w", err)
	}
	for _, line := range strings.Split(string(data), "\n") {
		if l := strings.TrimSpace(line); l == HostKeyName || l == "/"+HostKeyName {
			return nil
		}
	}
	if len(data) > 0 && !strings.HasSuffix(string(data), "\n") {
		data = append(data, '\n')
	}
	data = append(data, []byte("# the workshop server's private host key (vitals workshop serve)\n"+HostKeyName+"\n")...)
	if err := workspace.WriteFileAtomic(path, data); err != nil {
		return fmt.Errorf("workshop folder: %w", err)
	}
	return nil
}
