package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/vitals-dev/vitals/assessment"
	"github.com/vitals-dev/vitals/questions"
)

// The end-to-end tests drive the real binary in tmux, as a person would:
// they wait for the expected text on screen before every key (keys sent in
// a burst get lost) and read the files it leaves behind.

// tmuxSession is one vitals run in a detached tmux session on a private
// server, so the tests never touch the user's tmux.
type tmuxSession struct {
	t      *testing.T
	socket string
	name   string
	dir    string
}

func needTmux(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("end-to-end test skipped in -short mode")
	}
	if _, err := exec.LookPath("tmux"); err != nil {
		if os.Getenv("CI") != "" {
			// .ci/run installs tmux: in CI a skip would hide a broken step.
			t.Fatal("tmux is not installed, and CI must run the end-to-end tests")
		}
		t.Skip("tmux is not installed: the end-to-end tests need it (apt-get install tmux)")
	}
}

var e2eBinary string

// buildVitals builds the binary once for all end-to-end tests.
func buildVitals(t *testing.T) string {
	t.Helper()
	if e2eBinary != "" {
		return e2eBinary
	}
	dir, err := os.MkdirTemp("", "vitals-e2e-bin")
	if err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(dir, "vitals")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	e2eBinary = bin
	return bin
}

// startVitals runs vitals with args in dir, in a 100×30 window. Its exit
// status is written to dir/rc.
func startVitals(t *testing.T, dir string, args ...string) *tmuxSession {
	t.Helper()
	return startVitalsEnv(t, dir, []string{"NO_COLOR=1", "TERM=xterm-256color"}, "", args...)
}

// startVitalsEnv is startVitals with the environment variables env and,
// unless stdout is empty, standard output sent to the file stdout in dir.
func startVitalsEnv(t *testing.T, dir string, env []string, stdout string, args ...string) *tmuxSession {
	t.Helper()
	bin := buildVitals(t)
	s := &tmuxSession{t: t, socket: "vitals-e2e-" + strconv.Itoa(os.Getpid()), name: fmt.Sprintf("s%d", time.Now().UnixNano()), dir: dir}
	quoted := []string{shq(bin)}
	for _, a := range args {
		quoted = append(quoted, shq(a))
	}
	if stdout != "" {
		quoted = append(quoted, ">"+shq(stdout))
	}
	script := fmt.Sprintf("cd %s && %s; echo $? > rc; sleep 30", shq(dir), strings.Join(quoted, " "))
	cmd := []string{"new-session", "-d", "-s", s.name, "-x", "100", "-y", "30"}
	for _, e := range env {
		cmd = append(cmd, "-e", e)
	}
	// The private tmux server exits when its last session ends; a new
	// session asked for in that moment fails, and is asked for again.
	for try := 1; ; try++ {
		out, err := exec.Command("tmux", append(append([]string{"-L", s.socket}, cmd...), "sh", "-c", script)...).CombinedOutput()
		if err == nil {
			break
		}
		if try == 5 {
			t.Fatalf("tmux new-session: %v\n%s", err, out)
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Cleanup(s.close)
	return s
}

// close ends the session and waits for vitals to be gone: killing the
// session sends it SIGHUP, and it saves the answers before it exits, which
// must not race the removal of the test's temporary folder.
func (s *tmuxSession) close() {
	var pids []string
	if out, err := exec.Command("tmux", "-L", s.socket, "display-message", "-p", "-t", s.name, "#{pane_pid}").Output(); err == nil {
		shell := strings.TrimSpace(string(out))
		if data, err := os.ReadFile("/proc/" + shell + "/task/" + shell + "/children"); err == nil {
			pids = strings.Fields(string(data))
		}
	}
	_ = exec.Command("tmux", "-L", s.socket, "kill-session", "-t", s.name).Run()
	deadline := time.Now().Add(10 * time.Second)
	for _, pid := range pids {
		for time.Now().Before(deadline) {
			stat, err := os.ReadFile("/proc/" + pid + "/stat")
			// Gone, or a zombie: it has exited.
			if err != nil || strings.Contains(string(stat), ") Z ") {
				break
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
}

func shq(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

func (s *tmuxSession) tmux(args ...string) string {
	s.t.Helper()
	out, err := exec.Command("tmux", append([]string{"-L", s.socket}, args...)...).CombinedOutput()
	if err != nil {
		s.t.Fatalf("tmux %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

func (s *tmuxSession) screen() string { return s.tmux("capture-pane", "-p", "-t", s.name) }

// waitFor polls the screen until it matches re.
func (s *tmuxSession) waitFor(re string) string {
	s.t.Helper()
	rx := regexp.MustCompile(re)
	deadline := time.Now().Add(15 * time.Second)
	for {
		scr := s.screen()
		if rx.MatchString(scr) {
			return scr
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("timed out waiting for %q; the screen shows:\n%s", re, scr)
		}
		time.Sleep(40 * time.Millisecond)
	}
}

func (s *tmuxSession) keys(keys ...string) {
	s.tmux(append([]string{"send-keys", "-t", s.name}, keys...)...)
}
func (s *tmuxSession) text(txt string) { s.tmux("send-keys", "-t", s.name, "-l", txt) }

// pid is the vitals process: the child of the pane's shell.
func (s *tmuxSession) pid() int {
	s.t.Helper()
	shell := strings.TrimSpace(s.tmux("display-message", "-p", "-t", s.name, "#{pane_pid}"))
	data, err := os.ReadFile("/proc/" + shell + "/task/" + shell + "/children")
	if err != nil {
		s.t.Skipf("cannot find the vitals process (no /proc?): %v", err)
	}
	f := strings.Fields(string(data))
	if len(f) == 0 {
		s.t.Fatal("vitals is not running")
	}
	pid, _ := strconv.Atoi(f[0])
	return pid
}

// exitStatus waits for the run to end and returns its exit status.
func (s *tmuxSession) exitStatus() int {
	s.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		if b, err := os.ReadFile(filepath.Join(s.dir, "rc")); err == nil && len(bytes.TrimSpace(b)) > 0 {
			_ = os.Remove(filepath.Join(s.dir, "rc"))
			n, _ := strconv.Atoi(string(bytes.TrimSpace(b)))
			return n
		}
		time.Sleep(40 * time.Millisecond)
	}
	s.t.Fatalf("vitals did not exit; the screen shows:\n%s", s.screen())
	return -1
}

var progressLine = regexp.MustCompile(`Sign \d of \d · question \d+ of \d+( · follow-up \d+)?`)

// noneOption finds a checklist's "none applies" option on screen: the
// rubric's own ("None yet", "No method is defined yet") or the one vitals
// adds ("None of these").
var noneOption = regexp.MustCompile(`\[ \] (\d)\. (None|No method)`)

// answerCurrent answers whatever question is on screen with a valid
// answer and waits for the next one (or the review).
func (s *tmuxSession) answerCurrent(scr string) {
	s.t.Helper()
	before := progressLine.FindString(scr)
	switch {
	case strings.Contains(scr, "A date, YYYY-MM-DD"):
		s.text("2027-01-15")
	case strings.Contains(scr, "A number"):
		if strings.Contains(scr, "between 1 and 30") {
			s.text("5")
		} else {
			s.text("60")
		}
	}
	if m := noneOption.FindStringSubmatch(scr); m != nil {
		// A checklist: enter with nothing ticked is refused, with the
		// reason; its "none" option, ticked by its number, answers.
		s.keys("Enter")
		s.waitFor(`✗ nothing ticked: tick "[^"]+" if none applies`)
		if progressLine.FindString(s.screen()) != before {
			s.t.Fatalf("an empty checklist was taken as an answer:\n%s", s.screen())
		}
		s.keys(m[1])
		s.waitFor(`\[x\] ` + m[1] + `\. `)
	}
	s.keys("Enter")
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		now := s.screen()
		if strings.Contains(now, "Review your answers") || progressLine.FindString(now) != before {
			return
		}
		if strings.Contains(now, "✗") || strings.Contains(now, " * ") {
			s.t.Fatalf("answer refused:\n%s", now)
		}
		time.Sleep(40 * time.Millisecond)
	}
	s.t.Fatalf("no next question after %q:\n%s", before, s.screen())
}

func loadChecked(t *testing.T, path string) *assessment.Answers {
	t.Helper()
	r, err := questions.Builtin("five-warning-signs")
	if err != nil {
		t.Fatal(err)
	}
	a, err := loadAnswersFor(path, r)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// loadAnswersFor reads and checks the answers file at path against r.
func loadAnswersFor(path string, r *questions.Rubric) (*assessment.Answers, error) {
	f, err := assessment.LoadFile(path)
	if err != nil {
		return nil, err
	}
	a, _, err := f.Check(r)
	return a, err
}

// loadFiveSigns reads a five-warning-signs answers file.
func loadFiveSigns(path string) (*assessment.Answers, error) {
	r, err := questions.Builtin("five-warning-signs")
	if err != nil {
		return nil, err
	}
	return loadAnswersFor(path, r)
}

func TestE2ECompleteFiveWarningSigns(t *testing.T) {
	needTmux(t)
	dir := t.TempDir()
	// Standard output goes to a file: the whole run draws on stderr, so
	// stdout must stay empty.
	s := startVitalsEnv(t, dir, []string{"NO_COLOR=1", "TERM=xterm-256color"}, "stdout.txt",
		"--rubric", "five-warning-signs", "--project", "E2E CRM", "--respondent", "Tess", "--answers", "a.answers.yaml", "--out", "report.md")
	scr := s.waitFor(`Sign 1 of 5 · question 1 of`)
	for i := 0; !strings.Contains(scr, "Review your answers"); i++ {
		if i > 200 {
			t.Fatal("more than 200 questions")
		}
		s.answerCurrent(scr)
		scr = s.waitFor(`Review your answers|Sign \d of 5`)
	}
	s.keys("r")
	s.waitFor(`Results · The five warning signs`)
	s.waitFor(`Overall \d+`)
	s.keys("s")
	s.waitFor(`┃ Answers file`)
	s.keys("Enter")
	s.waitFor(`┃ Report`)
	s.keys("Enter")
	s.waitFor(`says what changed since`)
	s.keys("Enter")
	if rc := s.exitStatus(); rc != 0 {
		t.Fatalf("exit status %d:\n%s", rc, s.screen())
	}
	out := s.screen()
	for _, want := range []string{"Answers: a.answers.yaml", "Report:  report.md"} {
		if !strings.Contains(out, want) {
			t.Errorf("after exit the terminal does not show %q:\n%s", want, out)
		}
	}
	if out, err := os.ReadFile(filepath.Join(dir, "stdout.txt")); err != nil || len(out) > 0 {
		t.Errorf("stdout: %q, %v; want it empty", out, err)
	}
	a := loadChecked(t, filepath.Join(dir, "a.answers.yaml"))
	if !a.Complete || a.Project != "E2E CRM" || a.Respondent.Name != "Tess" {
		t.Errorf("answers file: complete %v project %q respondent %+v", a.Complete, a.Project, a.Respondent)
	}
	if len(a.Answers) < 20 {
		t.Errorf("only %d answers saved", len(a.Answers))
	}
	if got := a.Answers["cp-activities"]; got == nil || strings.Join(got.Choices, ",") != "none" {
		t.Errorf("cp-activities with its none option ticked = %+v, want none", got)
	}
	report, err := os.ReadFile(filepath.Join(dir, "report.md"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(report, []byte("five-warning-signs")) || !bytes.HasPrefix(report, []byte("# ")) {
		t.Errorf("report does not look like a vitals report:\n%.400s", report)
	}
}

// The first five questions of the built-in rubric are numbers; these are
// the answers typed for them.
var typed = []struct {
	id   string
	text string
	want float64
}{
	{"bc-annual-benefit", "1000000", 1e6},
	{"bc-one-off-cost", "500k", 5e5},
	{"bc-running-cost", "100000", 1e5},
	{"bc-horizon", "5", 5},
	{"bc-adoption-assumed", "80", 80},
}

// sixth is the question after the five typed ones: a follow-up of the
// fifth, numbered after it.
const sixth = `question 5 of \d+ · follow-up 1`

// typedAt is where the i-th typed question's progress line says it is.
func typedAt(i int) string {
	if i == len(typed) {
		return sixth
	}
	return fmt.Sprintf(`question %d of \d+  `, i+1)
}

func typeAnswer(s *tmuxSession, i int) {
	s.t.Helper()
	s.waitFor(typedAt(i))
	s.text(typed[i].text)
	s.waitFor(regexp.QuoteMeta("> " + typed[i].text))
	s.keys("Enter")
	s.waitFor(typedAt(i + 1))
}

func checkTyped(t *testing.T, path string, n int) {
	t.Helper()
	a := loadChecked(t, path)
	for _, ty := range typed[:n] {
		got := a.Answers[ty.id]
		if got == nil || got.Number != ty.want {
			t.Errorf("%s = %+v, want %v", ty.id, got, ty.want)
		}
	}
}

// waitSaved waits until the autosave of the first n typed answers is on
// disk. The autosave runs off the update loop, so the next question can be
// on screen a few milliseconds before the answer before it is written; a
// SIGKILL in that window loses only that answer, which is what a kill
// means. What must hold is that the file is always whole and that every
// answer saved before the kill is found again.
func waitSaved(t *testing.T, path string, n int) {
	t.Helper()
	r, err := questions.Builtin("five-warning-signs")
	if err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(15 * time.Second)
	for {
		a, err := loadAnswersFor(path, r)
		if err == nil && hasTyped(a, n) {
			return
		}
		if time.Now().After(deadline) {
			data, _ := os.ReadFile(path)
			t.Fatalf("after 15 s the answers file still lacks one of the first %d answers (last read: %v):\n%s", n, err, data)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func hasTyped(a *assessment.Answers, n int) bool {
	for _, ty := range typed[:n] {
		if got := a.Answers[ty.id]; got == nil || got.Number != ty.want {
			return false
		}
	}
	return true
}

func TestE2ESignalsAndResume(t *testing.T) {
	needTmux(t)
	dir := t.TempDir()
	args := []string{"--rubric", "five-warning-signs", "--project", "Signals", "--respondent", "Tess", "--answers", "b.answers.yaml"}

	// The terminal closes (SIGHUP) after three answers.
	s := startVitals(t, dir, args...)
	for i := range 3 {
		typeAnswer(s, i)
	}
	if err := syscall.Kill(s.pid(), syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	if rc := s.exitStatus(); rc != 130 {
		t.Errorf("after SIGHUP: exit status %d, want 130", rc)
	}
	if scr := s.screen(); !strings.Contains(scr, "Your answers are saved in b.answers.yaml") {
		t.Errorf("after SIGHUP the terminal does not name the answers file:\n%s", scr)
	}
	checkTyped(t, filepath.Join(dir, "b.answers.yaml"), 3)

	// Resumed, two more answers, then SIGKILL: no chance to clean up.
	s = startVitals(t, dir, args...)
	s.waitFor(`question 4 of`)
	typeAnswer(s, 3)
	typeAnswer(s, 4)
	waitSaved(t, filepath.Join(dir, "b.answers.yaml"), 5)
	if err := syscall.Kill(s.pid(), syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	if rc := s.exitStatus(); rc != 128+9 {
		t.Errorf("after SIGKILL: exit status %d, want 137", rc)
	}
	checkTyped(t, filepath.Join(dir, "b.answers.yaml"), 5)

	// Back again: it goes on after the fifth answer, every answer kept;
	// SIGTERM ends it cleanly too.
	s = startVitals(t, dir, args...)
	s.waitFor(sixth)
	s.keys("Escape")
	s.waitFor(regexp.QuoteMeta("> 80"))
	if err := syscall.Kill(s.pid(), syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if rc := s.exitStatus(); rc != 130 {
		t.Errorf("after SIGTERM: exit status %d, want 130", rc)
	}
	checkTyped(t, filepath.Join(dir, "b.answers.yaml"), 5)

	// Ctrl+C asks first; n goes on, y quits with the file named.
	s = startVitals(t, dir, args...)
	s.waitFor(sixth)
	s.keys("C-c")
	s.waitFor(`Quit now\? \(y/n\)`)
	s.keys("n")
	s.waitFor(sixth)
	s.keys("C-c")
	s.waitFor(`Quit now\? \(y/n\)`)
	s.keys("y")
	if rc := s.exitStatus(); rc != 130 {
		t.Errorf("after ctrl+c, y: exit status %d, want 130", rc)
	}
	checkTyped(t, filepath.Join(dir, "b.answers.yaml"), 5)
}

// Plain mode at a real terminal is a person typing: a line that does not
// fit is explained and the question asked again, where piped input would
// stop the run.
func TestE2EAccessibleAtATerminalAsksAgain(t *testing.T) {
	needTmux(t)
	dir := t.TempDir()
	s := startVitals(t, dir, "--accessible", "--rubric", "five-warning-signs", "--project", "Plain", "--respondent", "Tess", "--role", "lead", "--answers", "p.answers.yaml")
	s.waitFor(`Type a number \(at least 0\), or d or s:`)
	s.text("lots")
	s.keys("Enter")
	s.waitFor(`"lots" is not a number`)
	s.waitFor(`(?s)"lots" is not a number.*Type a number \(at least 0\), or d or s:`)
	s.text("1000000")
	s.keys("Enter")
	s.waitFor(`Saved: 1,?000,?000`)
	s.keys("Enter") // no note
	s.waitFor(`How much will it cost to get the system live\?`)
	// SIGINT to vitals alone: ctrl+c in this pane would also stop the sh
	// that runs it, where a user's interactive shell ignores it.
	if err := syscall.Kill(s.pid(), syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	if rc := s.exitStatus(); rc != 130 {
		t.Errorf("after SIGINT: exit status %d, want 130\n%s", rc, s.screen())
	}
	s.waitFor(`Interrupted\. Your answers are saved in p\.answers\.yaml\.`)
	a := loadChecked(t, filepath.Join(dir, "p.answers.yaml"))
	if got := a.Answers["bc-annual-benefit"]; got == nil || got.Number != 1e6 {
		t.Errorf("bc-annual-benefit = %+v, want 1000000", got)
	}
}

// colourSGR matches SGR sequences that set a foreground or background
// colour (bold, faint, reverse and resets are not colours).
var colourSGR = regexp.MustCompile(`\x1b\[(?:[0-9;]*;)?(?:3[0-8]|4[0-8]|9[0-7]|10[0-7])(?:;[0-9;]*)?m`)

// NO_COLOR turns colour off; without it the same screen has colour, so
// the check is not vacuous. Risk is always a word as well.
func TestE2ENoColor(t *testing.T) {
	needTmux(t)
	for _, tt := range []struct {
		name      string
		env       []string
		wantColor bool
	}{
		{"NO_COLOR", []string{"NO_COLOR=1", "TERM=xterm-256color"}, false},
		{"colour", []string{"TERM=xterm-256color"}, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			s := startVitalsEnv(t, dir, tt.env, "", "--rubric", "five-warning-signs", "--project", "Colour", "--respondent", "Tess")
			s.waitFor(`Sign 1 of 5 · question 1 of`)
			raw := s.tmux("capture-pane", "-e", "-p", "-t", s.name)
			if got := colourSGR.FindAllString(raw, -1); (len(got) > 0) != tt.wantColor {
				t.Errorf("colour sequences %q; want colour: %v", got, tt.wantColor)
			}
		})
	}
}

// Answers typed faster than the screen follows land on their own
// questions: enter takes the answer at once.
func TestE2ETypingAhead(t *testing.T) {
	needTmux(t)
	dir := t.TempDir()
	s := startVitals(t, dir, "--rubric", "five-warning-signs", "--project", "Fast", "--respondent", "Tess", "--answers", "f.answers.yaml")
	s.waitFor(`Sign 1 of 5 · question 1 of`)
	for _, ty := range typed {
		s.text(ty.text)
		s.keys("Enter")
	}
	s.waitFor(sixth)
	waitSaved(t, filepath.Join(dir, "f.answers.yaml"), len(typed))
}

// The same on the start screen: project, name and role typed in one go.
func TestE2ETypingAheadAtStart(t *testing.T) {
	needTmux(t)
	dir := t.TempDir()
	s := startVitals(t, dir, "--rubric", "five-warning-signs", "--answers", "g.answers.yaml")
	s.waitFor(`Project`)
	for _, text := range []string{"Quick CRM", "Tess", "lead"} {
		s.text(text)
		s.keys("Enter")
	}
	s.waitFor(`Sign 1 of 5 · question 1 of`)
	a := loadChecked(t, filepath.Join(dir, "g.answers.yaml"))
	if a.Project != "Quick CRM" || a.Respondent.Name != "Tess" || a.Respondent.Role != "lead" {
		t.Errorf("project %q, respondent %+v; want Quick CRM, Tess, lead", a.Project, a.Respondent)
	}
}
