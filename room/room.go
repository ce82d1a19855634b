// Package room is the workshop server: participants join a live workshop
// over SSH with the join code, and each answers the assessment in their
// own terminal, into their own answers file in the workshop folder.
package room

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"fmt"
	"log"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
	"charm.land/wish/v2"
	"github.com/charmbracelet/x/ansi"
	gossh "golang.org/x/crypto/ssh"

	"github.com/vitals-dev/vitals/assessment"
	"github.com/vitals-dev/vitals/internal/printable"
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
	// KeepAlive is how often a participant's client is asked whether it
	// is still there (default 15s); one that has not answered by the next
	// time is cut off, so that a laptop gone with the Wi-Fi frees its
	// place and its name for the reconnection.
	KeepAlive time.Duration
	// MaxDelay caps the delay a wrong code costs (default 3s); each
	// failure from one address adds 100 ms up to it.
	MaxDelay time.Duration
	// Log gets failed logins (never the code typed); nil discards them.
	Log *log.Logger
	// Events, when set, is where Log writes, for the facilitator's
	// screen to show.
	Events *Events
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
	if cfg.KeepAlive <= 0 {
		cfg.KeepAlive = 15 * time.Second
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
			// X11, port forwarding (direct-tcpip channels, tcpip-forward
			// requests) and subsystems (sftp, scp) are refused by leaving
			// their handlers unset. The session handler would accept
			// agent forwarding, so its requests are filtered first.
			srv.SubsystemHandlers = map[string]ssh.SubsystemHandler{}
			srv.RequestHandlers = map[string]ssh.RequestHandler{}
			srv.ChannelHandlers = map[string]ssh.ChannelHandler{
				"session": func(srv *ssh.Server, conn *gossh.ServerConn, ch gossh.NewChannel, ctx ssh.Context) {
					ready := make(chan struct{})
					ctx.SetValue(ptyReadKey{}, ready)
					ssh.DefaultSessionHandler(srv, conn, noAgent{ch, ready}, ctx)
				},
			}
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

// noAgent is a session channel whose agent forwarding requests are
// refused: charm.land/ssh accepts them, with no option to say no. It also
// holds back a window change that comes after the shell request until
// the session handler has read the terminal's size (ready closed):
// charm.land/ssh writes the size a window change brings into the same
// field its Pty() reads, unguarded, so a client resizing at once raced
// the handler's first read.
type noAgent struct {
	gossh.NewChannel
	ready <-chan struct{}
}

// ptyReadKey keys the session's ready channel in its ssh.Context.
type ptyReadKey struct{}

func (n noAgent) Accept() (gossh.Channel, <-chan *gossh.Request, error) {
	ch, reqs, err := n.NewChannel.Accept()
	if err != nil {
		return ch, reqs, err
	}
	out := make(chan *gossh.Request)
	go func() {
		defer close(out)
		shell := false
		for r := range reqs {
			switch r.Type {
			case "auth-agent-req@openssh.com":
				_ = r.Reply(false, nil)
				continue
			case "shell", "exec", "subsystem":
				shell = true
			case "window-change":
				if shell {
					select {
					case <-n.ready:
					case <-time.After(5 * time.Second):
					}
				}
			}
			out <- r
		}
	}()
	return ch, out, nil
}

// keepAlive asks the participant's client every KeepAlive whether it is
// there, and closes the session when the last question has had no answer
// by the next: TCP alone can take many minutes to notice a client that is
// gone (a closed laptop, a dropped Wi-Fi), and until then its name is in
// use and its place taken.
func (s *Server) keepAlive(ctx context.Context, sess ssh.Session) {
	t := time.NewTicker(s.cfg.KeepAlive)
	defer t.Stop()
	answered := make(chan error, 1)
	answered <- nil
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		select {
		case err := <-answered:
			if err != nil {
				return // the session is closed
			}
		default:
			s.cfg.Log.Printf("a participant's connection stopped answering: closed, so they can come back")
			// The whole connection: closing the session alone waits for
			// the client to agree, and a writer blocked on a client that
			// reads nothing stays blocked.
			if c, ok := sess.Context().Value(ssh.ContextKeyConn).(interface{ Close() error }); ok {
				_ = c.Close()
			}
			_ = sess.Close()
			return
		}
		go func() {
			// Any reply, even "unknown request", is a client still there.
			_, err := sess.SendRequest("keepalive@openssh.com", true, nil)
			answered <- err
		}()
	}
}

// ptyRead tells the session's channel filter that the handler has read
// the terminal's size: window changes may go on to the session.
func ptyRead(sess ssh.Session) {
	if ready, ok := sess.Context().Value(ptyReadKey{}).(chan struct{}); ok {
		select {
		case <-ready:
		default:
			close(ready)
		}
	}
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
	defer ptyRead(sess) // also when it ends before reading the size
	if len(sess.Command()) > 0 || sess.Subsystem() != "" {
		fmt.Fprintln(sess.Stderr(), "This is a vitals workshop: connect without a command.")
		_ = sess.Exit(1)
		return
	}
	pty, winch, ok := sess.Pty()
	ptyRead(sess)
	if !ok {
		fmt.Fprintln(sess.Stderr(), "This is a vitals workshop: connect from a terminal (ssh -t).")
		_ = sess.Exit(1)
		return
	}
	s.mu.Lock()
	if s.n >= s.cfg.Max {
		s.mu.Unlock()
		fmt.Fprintf(sess.Stderr(), "The workshop is full: it takes %d participants at once. Ask the facilitator.\n", s.cfg.Max)
		s.cfg.Log.Printf("someone could not join: the workshop is full (%d at once, --max)", s.cfg.Max)
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

	c := &conn{}
	defer c.end()
	rem := tui.Remote{Named: s.cfg.Mode == assessment.WorkshopNamed}
	if !rem.Named {
		// Anonymous: the user name is the resume code when it names an
		// earlier participant's file, and they go on at once; otherwise
		// a new code is given, shown on the join screen.
		if user := strings.ToUpper(strings.TrimSpace(sess.User())); s.resumable(user) {
			ws, err := s.openFor(c, num, user, "", "")
			if err != nil {
				fmt.Fprintln(sess.Stderr(), "Cannot go on with your answers: "+err.Error())
				_ = sess.Exit(1)
				return
			}
			rem.Session, rem.Code = ws, user
		} else {
			rem.Code = NewCode()[:6]
		}
	}
	fresh := rem.Code
	rem.Open = func(name, role, typed string) (*workspace.Session, error) {
		key := fresh
		switch {
		case rem.Named && !strings.ContainsFunc(name, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }):
			return nil, errors.New("type a name with letters in it: it is how you get back to your answers")
		case rem.Named:
			key = nameKey(name)
		case typed != "" && !strings.EqualFold(typed, fresh):
			// The code just given, typed back, is a new participant.
			key = strings.ToUpper(typed)
			if !s.resumable(key) {
				return nil, fmt.Errorf("no answers in this workshop have the resume code %s: check it, or leave the field empty to begin", printable.Line(typed))
			}
		}
		return s.openFor(c, num, key, name, role)
	}
	sizes := make(chan tea.WindowSizeMsg, 1)
	var winW atomic.Int64 // the terminal's width, for the farewell
	winW.Store(int64(pty.Window.Width))
	go func() {
		for w := range winch {
			winW.Store(int64(w.Width))
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
	go s.keepAlive(ctx, sess)
	in := activity{sess, c}
	out, _ := tui.RunRemote(ctx, s.cfg.Workspace, s.cfg.Rubric, rem, sizes,
		tea.WithInput(in), tea.WithOutput(sess), tea.WithEnvironment(env),
		tea.WithWindowSize(pty.Window.Width, pty.Window.Height),
		// A key is drawn at the next frame: at 120 frames a second it
		// waits 4 ms on average, not 8, for no CPU measured
		// (BenchmarkLoad, BENCHMARKS.md).
		tea.WithFPS(120))
	fmt.Fprint(sess, farewell(out, s.ctx.Err() != nil, int(winW.Load())))
	if out.SaveErr != nil {
		s.cfg.Log.Printf("participant %d: the last save failed: %v", num, out.SaveErr)
	}
	_ = sess.Exit(0)
}

// farewell is what a participant is told as their session ends, wrapped
// to their terminal: never "saved" unless the last write succeeded.
func farewell(out workspace.Outcome, ended bool, width int) string {
	var msg string
	switch {
	case out.AnswersPath == "" && ended:
		msg = "The facilitator ended the workshop before you began: nothing of yours was saved."
	case out.AnswersPath == "":
		msg = "You left before the first question: nothing was saved."
	case out.SaveErr != nil:
		msg = "Your last answers could not be saved on the workshop's server. Tell the facilitator: the answers are kept in a rescue copy there."
	case ended && out.Complete:
		msg = "The facilitator ended the workshop: your answers are saved."
	case ended:
		msg = "The facilitator ended the workshop before you finished: your answers so far are saved."
	case out.Complete:
		msg = "Thank you: your answers are saved."
	default:
		msg = "Your answers so far are saved, but you have not finished: connect again the same way to go on where you stopped."
	}
	return "\r\n" + strings.ReplaceAll(ansi.Wrap(msg, max(20, width-1), " "), "\n", "\r\n") + "\r\n"
}

// openFor opens the answers file of the participant known by key (their
// name's key in named mode, their resume code in anonymous mode) for the
// connection c, and records them for the facilitator's screen. A role
// typed replaces the one a resumed file holds; a resumed file keeps its
// name. The error is for the participant's screen: it names no path.
func (s *Server) openFor(c *conn, num int, key, name, role string) (*workspace.Session, error) {
	who := assessment.Respondent{Role: role}
	if s.cfg.Mode == assessment.WorkshopNamed {
		who.Name = name
	}
	ws, _, err := s.cfg.Workspace.Open(s.cfg.Rubric, s.pathFor(key), s.cfg.Project, who)
	switch {
	case errors.Is(err, workspace.ErrLocked) && who.Name != "":
		return nil, fmt.Errorf("someone is answering as %s right now. If that is you and you were cut off, try again in half a minute; if not, type your full name", printable.Line(strings.Join(strings.Fields(name), " ")))
	case errors.Is(err, workspace.ErrLocked):
		return nil, errors.New("the answers of this resume code are open in another window: close that one first")
	case err != nil:
		s.cfg.Log.Printf("participant %d: cannot open answers: %v", num, err)
		return nil, errors.New("your answers file cannot be opened on the workshop's server: tell the facilitator")
	}
	a := ws.Answers
	if a.Workshop != s.cfg.Mode || (role != "" && a.Respondent.Role != role) {
		a.Workshop = s.cfg.Mode
		if role != "" {
			a.Respondent.Role = role
		}
		if err := ws.Save(); err != nil {
			ws.Close()
			s.cfg.Log.Printf("participant %d: cannot save answers: %v", num, err)
			return nil, errors.New("your answers file cannot be written on the workshop's server: tell the facilitator")
		}
	}
	if !c.opened(ws, func() *participant { return s.join(ws) }) {
		ws.Close()
		return nil, errors.New("the connection ended")
	}
	return ws, nil
}

// nameKey names a participant's file in named mode: the slug of the name,
// so the same name typed again, in any case or spacing, resumes it. A
// name with letters the slug drops (Zoë, 李明) gets a short hash of the
// whole name too, so that two such names never share a file.
func nameKey(name string) string {
	norm := strings.Join(strings.Fields(strings.ToLower(name)), " ")
	for _, r := range norm {
		if r > unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			h := sha256.Sum256([]byte(norm))
			return workspace.Slug(norm) + "-" + hex.EncodeToString(h[:3])
		}
	}
	return workspace.Slug(norm)
}

// pathFor is the answers file of the participant known by key. The date
// is left out so that a workshop going on past midnight still resumes.
func (s *Server) pathFor(key string) string {
	return filepath.Join(s.cfg.Workspace.Folder(), fmt.Sprintf("%s-%s-%s.answers.yaml", workspace.Slug(s.cfg.Project), s.cfg.Rubric.ID, workspace.Slug(key)))
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
