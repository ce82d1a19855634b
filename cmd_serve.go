package main

import (
	"context"
	"fmt"
	"io"
	"log"
	"net"
	"os"
	"path/filepath"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"github.com/vitals-dev/vitals/assessment"
	"github.com/vitals-dev/vitals/reports"
	"github.com/vitals-dev/vitals/room"
	"github.com/vitals-dev/vitals/workspace"
)

// serveOptions are the flags of workshop serve.
type serveOptions struct {
	dir, rubric, project, listen, code string
	anonymous                          bool
	max                                int
}

func newWorkshopCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "workshop",
		Short: "run a live workshop: participants answer over SSH from their own terminal",
	}
	cmd.AddCommand(newServeCmd(e))
	return cmd
}

func newServeCmd(e *env) *cobra.Command {
	opts := &serveOptions{}
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "serve the assessment to the room over SSH; Ctrl+C ends it and writes the merged report",
		Long: `Serve the assessment over SSH. Participants type the printed ssh command
and the join code as the password (any user name). Before the first
question each is asked, on screen, their name and role (named mode;
typing the same name again resumes their answers) or only their role
(--anonymous: each is shown a resume code, to connect with as the user
name or to type on that screen).
Each participant's answers are saved after every answer into their own
file in the workshop folder (--dir). It listens on the loopback address
unless --listen says otherwise. The host key is made once in the folder
(` + room.HostKeyName + `, mode 0600, listed in the folder's .gitignore), so
its fingerprint stays the same when the server restarts there. Ctrl+C ends the workshop: every participant's
answers are saved and the merged report is written into the folder.`,
		Example: `  vitals workshop serve --dir workshop --rubric five-warning-signs --project "Acme CRM"
  vitals workshop serve --dir workshop --rubric five-warning-signs --project "Acme CRM" --anonymous --listen 0.0.0.0:2222`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runServe(e, opts) },
	}
	fs := cmd.Flags()
	fs.StringVar(&opts.dir, "dir", "workshop", "the workshop `folder` the answers files go into")
	fs.StringVar(&opts.rubric, "rubric", "five-warning-signs", "the rubric id or file")
	fs.StringVar(&opts.project, "project", "", "the project assessed (required)")
	fs.StringVar(&opts.listen, "listen", "127.0.0.1:2222", "the `HOST:PORT` to listen on")
	fs.StringVar(&opts.code, "code", "", "the join `CODE` (at least 6 characters; random when not given)")
	fs.BoolVar(&opts.anonymous, "anonymous", false, "an anonymous workshop: nobody is asked or shown a name")
	fs.IntVar(&opts.max, "max", 30, "the most participants connected at once")
	return cmd
}

// joinHosts are the addresses participants type for a server listening
// on host: host itself, or, for every address (0.0.0.0, ::), this
// machine's addresses on its networks, IPv4 first: "::" typed on a
// participant's laptop would be their own machine.
func joinHosts(host string) []string {
	ip := net.ParseIP(host)
	if ip == nil || !ip.IsUnspecified() {
		if strings.Contains(host, ":") {
			return []string{"[" + host + "]"}
		}
		return []string{host}
	}
	var v4, v6 []string
	addrs, _ := net.InterfaceAddrs()
	for _, a := range addrs {
		n, ok := a.(*net.IPNet)
		if !ok || n.IP.IsLoopback() || n.IP.IsLinkLocalUnicast() || n.IP.IsMulticast() {
			continue
		}
		if n.IP.To4() != nil {
			v4 = append(v4, n.IP.String())
		} else if ip.To4() == nil {
			v6 = append(v6, "["+n.IP.String()+"]")
		}
	}
	if out := append(v4, v6...); len(out) > 0 {
		return out
	}
	return []string{"127.0.0.1"}
}

// serveLog is the server's log: on the facilitator's screen the time of
// day is enough; on standard error the date and the program's name go
// with it.
func serveLog(w io.Writer, screen bool) *log.Logger {
	if screen {
		return log.New(w, "", log.Ltime)
	}
	return log.New(w, "vitals: ", log.LstdFlags)
}

// maxShownEvents is how many of the server's log lines are printed when
// the facilitator's screen closes.
const maxShownEvents = 50

func runServe(e *env, opts *serveOptions) error {
	if opts.project == "" {
		return usagef("workshop serve: give the project with --project")
	}
	if opts.code == "" {
		opts.code = room.NewCode()
	}
	if len(opts.code) < 6 {
		return usagef("workshop serve: --code needs at least 6 characters")
	}
	cat, err := catalog(nil)
	if err != nil && cat == nil {
		return err
	}
	r, err := cat.Lookup(opts.rubric)
	if err != nil {
		return inputError{err}
	}
	mode := assessment.WorkshopNamed
	if opts.anonymous {
		mode = assessment.WorkshopAnonymous
	}
	in, isFile := e.stdin.(*os.File)
	screen := isFile && term.IsTerminal(in.Fd()) && term.IsTerminal(os.Stderr.Fd())
	var events *room.Events
	logTo := e.stderr
	if screen {
		// The facilitator's screen owns the terminal: the log goes to it,
		// and is printed when it closes.
		events = &room.Events{}
		logTo = events
	}
	srv, err := room.New(room.Config{
		Workspace: &workspace.Config{Catalog: cat, Dir: opts.dir, Project: opts.project, Version: versionString()},
		Rubric:    r, Project: opts.project, Mode: mode, Code: opts.code, Max: opts.max,
		Log: serveLog(logTo, screen), Events: events,
	})
	if err != nil {
		return err
	}
	l, err := net.Listen("tcp", opts.listen)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", opts.listen, err)
	}
	host, port, _ := net.SplitHostPort(l.Addr().String())
	var commands []string
	for _, h := range joinHosts(host) {
		commands = append(commands, "    ssh -p "+port+" "+h)
	}
	typeWhat := "Participants type:"
	if len(commands) > 1 {
		typeWhat = "Participants type one of these (the address of this computer on their network):"
	}
	header := fmt.Sprintf("Workshop open (%s). %s\n\n%s\n\nJoin code: %s\nHost key:  %s", mode, typeWhat, strings.Join(commands, "\n"), opts.code, srv.Fingerprint)
	done := make(chan error, 1)
	go func() { done <- srv.Serve(l) }()
	if screen {
		p := tea.NewProgram(room.NewFacilitator(srv, header), tea.WithContext(e.ctx), tea.WithInput(in), tea.WithOutput(e.stderr), tea.WithoutSignalHandler())
		if _, err := p.Run(); err != nil && e.ctx.Err() == nil {
			fmt.Fprintln(e.stderr, "vitals: facilitator screen: "+err.Error())
		}
		for _, l := range events.Last(maxShownEvents) {
			fmt.Fprintln(e.stderr, l)
		}
	} else {
		// No terminal for the facilitator's screen: the details are
		// printed and a signal ends the workshop.
		fmt.Fprintln(e.stderr, header+"\n\nCtrl+C ends the workshop and writes the report.")
		select {
		case <-e.ctx.Done():
		case err := <-done:
			return err
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_ = srv.Shutdown(ctx)
	<-done
	if len(srv.Participants()) == 0 {
		fmt.Fprintln(e.stderr, "The workshop is over; nobody joined, so there is no report.")
		return nil
	}
	out := filepath.Join(opts.dir, "workshop-report.md")
	// The answers files name their rubric; a rubric given as a file is
	// passed on, as vitals report --rubric takes it.
	rubricFile := ""
	if _, err := os.Stat(opts.rubric); err == nil {
		rubricFile = opts.rubric
	}
	wopts := &reportOptions{out: out, force: true, rubric: rubricFile, files: []string{opts.dir}}
	wopts.workshop.anonymous = opts.anonymous
	re := *e
	re.ctx = context.Background()
	if err := runWorkshopReport(&re, wopts, reports.Markdown, ""); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "The workshop is over. Answers files and the merged report: %s\n", out)
	return nil
}
