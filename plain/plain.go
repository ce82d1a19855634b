package plain

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/vitals-dev/vitals/assessment"
	"github.com/vitals-dev/vitals/internal/printable"
	"github.com/vitals-dev/vitals/questions"
	"github.com/vitals-dev/vitals/workspace"
)

// ErrInputEnded is wrapped by the error Run returns when its input ends
// before the assessment is complete. The answers given so far are saved.
var ErrInputEnded = errors.New("input ended before the assessment was complete")

// cannotStart wraps an error met while starting, unless it is about the
// input (it ended, a line was refused) or an interruption.
func cannotStart(ctx context.Context, err error) error {
	if err == nil || ctx.Err() != nil || errors.Is(err, io.EOF) || errors.Is(err, errPlainRead) || errors.Is(err, ErrInputRefused) {
		return err
	}
	return workspace.CannotStart(err)
}

// ErrInputRefused is wrapped by the error Run returns when a line of
// scripted input (Config.Interactive false) is not a valid answer to its
// prompt. The answers given before it are saved.
var ErrInputRefused = errors.New("stopped at an input line that could not be used")

const (
	// plainWidth is where plain mode wraps its lines.
	plainWidth = 80
	// plainMaxLine caps one line of input in bytes: room for the most
	// characters an answer or note may hold (assessment.MaxText, checked
	// after reading, as in the full-screen mode) in any script. Longer
	// lines are refused rather than cut.
	plainMaxLine = 4*assessment.MaxText + 1024
)

// Run runs the assessment as plain numbered prompts, one answer per
// line of in, for screen readers and scripts. It prints no escape codes and
// no cursor movement: every line it writes can be read out as it comes.
//
// The answers file is saved after every answer. When in ends early, the
// error wraps ErrInputEnded and names the file to resume; when ctx is
// cancelled, it wraps the context's error. Either way the Outcome names the
// answers file, if one was started.
func Run(ctx context.Context, in io.Reader, out io.Writer, cfg *workspace.Config) (workspace.Outcome, error) {
	lines := newPlainLines(in)
	defer lines.close()
	return runWith(ctx, lines, out, cfg)
}

// Seat is one keyboard passed round a workshop in plain mode: the runs of
// its participants and the hand-overs between them read one input, so no
// line typed ahead is lost between two runs.
type Seat struct {
	ctx   context.Context
	lines *plainLines
	out   io.Writer
}

// NewSeat starts reading in for a workshop's runs; Close stops it.
func NewSeat(ctx context.Context, in io.Reader, out io.Writer) *Seat {
	return &Seat{ctx: ctx, lines: newPlainLines(in), out: out}
}

// Close stops reading the input.
func (s *Seat) Close() { s.lines.close() }

// Run runs one participant, as Run does.
func (s *Seat) Run(cfg *workspace.Config) (workspace.Outcome, error) {
	return runWith(s.ctx, s.lines, s.out, cfg)
}

// HandOver shows status between two participants and asks what next: it
// reports whether a next participant answers (Enter, or "n") or the round
// ends ("e" or "end"). Plain mode cannot hide what scrolled by, and says
// so.
func (s *Seat) HandOver(status []string) (next bool, err error) {
	w := &plainWriter{w: s.out}
	w.blank()
	w.say("----------------------------------------------------------------------")
	for _, l := range status {
		w.say("%s", printable.Line(l))
	}
	w.say("Plain mode cannot clear what scrolled by: clear the terminal (or scroll it away) before the next participant sits down.")
	for {
		w.say("Press Enter for the next participant, or type e and Enter to end the round:")
		if w.err != nil {
			return false, w.err
		}
		line, err := s.lines.next(s.ctx)
		if err != nil {
			return false, err
		}
		switch strings.ToLower(strings.TrimSpace(line)) {
		case "", "n", "next":
			return true, nil
		case "e", "end":
			return false, nil
		}
		w.say("Type nothing (Enter) for the next participant, or e to end the round.")
	}
}

func runWith(ctx context.Context, lines *plainLines, out io.Writer, cfg *workspace.Config) (workspace.Outcome, error) {
	if cfg == nil || cfg.Catalog == nil {
		return workspace.Outcome{}, errors.New("plain mode: no rubric catalog")
	}
	p := &plain{
		ctx:      ctx,
		cfg:      cfg,
		out:      &plainWriter{w: out},
		lines:    lines,
		skipped:  map[string]bool{},
		shownWhy: map[*questions.Section]bool{},
	}
	o, err := p.run()
	if p.s != nil {
		// However the run ends, the last save: it writes a rescue copy
		// when the answers file cannot take the answers.
		o = p.s.SaveFinal(o)
		p.s.Close()
	}
	if err == nil && o.SaveErr != nil {
		err = fmt.Errorf("save answers: %w", o.SaveErr)
	}
	if err == nil {
		return o, nil
	}
	saved := o.Saved()
	if len(o.Unsaved) > 0 {
		saved += "\n"
		defer func() { p.out.raw(o.Unsaved) }()
	}
	switch {
	case ctx.Err() != nil && errors.Is(err, ctx.Err()):
		p.out.blank()
		p.out.say("Interrupted. %s", saved)
		return o, fmt.Errorf("assessment interrupted: %w", err)
	case errors.Is(err, io.EOF) || errors.Is(err, errPlainRead):
		cause := ""
		if !errors.Is(err, io.EOF) {
			cause = " (" + err.Error() + ")"
		}
		p.out.blank()
		p.out.say("Input ended%s. %s", cause, saved)
		if o.AnswersPath == "" {
			return o, fmt.Errorf("%w%s; no answers were saved", ErrInputEnded, cause)
		}
		return o, fmt.Errorf("%w%s; %s", ErrInputEnded, cause, resumeHint(o, "rerun with"))
	}
	if o.AnswersPath != "" {
		p.out.blank()
		p.out.say("%s", saved)
		if errors.Is(err, ErrInputRefused) {
			return o, fmt.Errorf("%w; %s", err, resumeHint(o, "fix that line and rerun with"))
		}
	}
	return o, err
}

// resumeHint names where the answers are and the flag that goes on from
// them, for the one-line error a script sees.
func resumeHint(o workspace.Outcome, how string) string {
	path, where := o.AnswersPath, "answers so far are in"
	switch {
	case o.SaveErr != nil && o.RescuePath != "":
		path, where = o.RescuePath, "answers so far could not be saved there and are in the rescue copy"
	case o.SaveErr != nil:
		return "answers so far could not be saved and are printed above"
	}
	file := printable.Line(path)
	return fmt.Sprintf("%s %s — %s --answers %s to continue", where, file, how, printable.Line(workspace.ShellQuote(path)))
}

// errPlainRead wraps a failure to read input other than its end.
var errPlainRead = errors.New("read input")

// plain is one run of the plain mode.
type plain struct {
	ctx   context.Context
	cfg   *workspace.Config
	out   *plainWriter
	lines *plainLines
	s     *workspace.Session
	// skipped holds the questions skipped in this run, so they are not
	// asked again; a resumed file asks its unanswered questions again.
	skipped     map[string]bool
	shownWhy    map[*questions.Section]bool
	lastSection *questions.Section
	// asking is the question whose answer or note is being read, for
	// errors about the line; nil at other prompts.
	asking *questions.Question
}

func (p *plain) run() (workspace.Outcome, error) {
	p.out.say("vitals assessment, plain mode. Each prompt ends with a line saying what to type; type your answer and press Enter.")
	if err := p.start(); err != nil {
		return workspace.Outcome{}, cannotStart(p.ctx, err)
	}
	o := workspace.Outcome{AnswersPath: p.s.Path}
	for {
		if err := p.askAll(); err != nil {
			return o, err
		}
		bad := p.s.Recheck()
		if len(bad) == 0 {
			break
		}
		if err := p.s.Save(); err != nil {
			return o, err
		}
		// Only answers stored some other way can fail here; ask them again.
		p.out.blank()
		p.out.say("These answers no longer fit their questions and are asked again:")
		for _, q := range bad {
			delete(p.skipped, q.ID)
			p.out.item("- ", q.Prompt)
		}
	}
	if err := p.s.Complete(); err != nil {
		return o, err
	}
	o.Complete = true
	if p.cfg.Workshop != "" {
		// A workshop participant: the round's merged report is the
		// facilitator's, and the next participant reads this terminal.
		p.out.blank()
		p.out.say("Thank you: your answers are saved. Hand the keyboard back.")
		return o, p.out.err
	}
	p.results(p.s.Result())
	report, err := p.writeReport()
	if err != nil {
		return o, err
	}
	o.ReportPath = report
	p.out.blank()
	p.out.say("Answers saved in %s", printable.Line(o.AnswersPath))
	p.out.say("Report saved in %s", printable.Line(report))
	return o, p.out.err
}

// start settles the rubric, project, respondent and answers file, asking for
// what the configuration leaves open, and opens the session.
func (p *plain) start() error {
	cfg := p.cfg
	var existing *assessment.File
	if cfg.AnswersPath != "" {
		if _, err := os.Stat(cfg.AnswersPath); err == nil {
			a, err := assessment.LoadFile(cfg.AnswersPath)
			if err != nil {
				return err
			}
			existing = a
		}
	}
	ref := cfg.Rubric
	if ref == "" && existing != nil {
		ref = existing.Rubric.ID
	}
	var r *questions.Rubric
	var err error
	if ref != "" {
		if r, err = cfg.Catalog.Lookup(ref); err != nil {
			if cfg.Rubric == "" {
				// Named by the answers file: say where.
				return questions.Problems{existing.RubricProblem(err.Error(), "give the rubric file with --rubric")}
			}
			return err
		}
	} else if r, err = p.chooseRubric(); err != nil {
		return err
	}
	p.out.blank()
	p.out.say("Rubric: %s (%s, version %s)", r.Title, r.ID, r.Version)

	var project string
	switch {
	case existing != nil:
		project = existing.Project
	case strings.TrimSpace(cfg.Project) != "":
		project = strings.TrimSpace(cfg.Project)
		if shown, bad := plainUnsafe(project); bad {
			return fmt.Errorf("project name \"%s\" holds control characters or invalid UTF-8, which answers files cannot keep", shown)
		}
	default:
		if project, err = p.askText("Project name (required):", true); err != nil {
			return err
		}
	}
	p.out.say("Project: %s", printable.Line(project))

	path := cfg.AnswersPath
	resume := existing != nil
	if path == "" {
		if path, resume, err = p.chooseFile(r, project); err != nil {
			return err
		}
	}
	var who assessment.Respondent
	if !resume {
		if who, err = p.respondent(); err != nil {
			return err
		}
	}
	var s *workspace.Session
	var warnings questions.Problems
	if existing != nil {
		// Read above to learn its rubric and project; not read again.
		s, warnings, err = cfg.Resume(r, path, existing)
	} else {
		s, warnings, err = cfg.Open(r, path, project, who)
	}
	for _, w := range warnings {
		p.out.item("Warning: ", w.Error())
	}
	if err != nil {
		return err
	}
	p.s = s
	// Optional questions left out before the point where the last run
	// stopped were skipped then; go on where it stopped.
	p.skipped = s.PassedOver()
	p.out.blank()
	if resume {
		answered, visible := s.Progress()
		p.out.say("Resuming %s: %d of %d questions answered.", printable.Line(path), answered, visible)
	} else {
		p.out.say("Your answers are saved in %s after every answer.", printable.Line(path))
	}
	return nil
}

func (p *plain) chooseRubric() (*questions.Rubric, error) {
	rubrics := p.cfg.Catalog.Rubrics
	if len(rubrics) == 0 {
		return nil, errors.New("no rubrics available")
	}
	p.out.blank()
	p.out.say("Rubrics:")
	for i, r := range rubrics {
		p.out.item(fmt.Sprintf("  %d) ", i+1), fmt.Sprintf("%s (%s)", r.Title, r.ID))
		if r.Description != "" {
			p.out.indented("     ", r.Description)
		}
	}
	prompt := fmt.Sprintf("Type the number (1 to %d) or the id of a rubric:", len(rubrics))
	for {
		line, err := p.prompt(prompt)
		if err != nil {
			return nil, err
		}
		line = strings.TrimSpace(line)
		if n, err := strconv.Atoi(line); err == nil && n >= 1 && n <= len(rubrics) {
			return rubrics[n-1], nil
		}
		for _, r := range rubrics {
			if r.ID == line {
				return r, nil
			}
		}
		if err := p.refuse(fmt.Sprintf("There is no rubric \"%s\".", printable.Line(line))); err != nil {
			return nil, err
		}
	}
}

// chooseFile picks the answers file when none was given: an unfinished one
// for this rubric and project if the user wants to resume it, a new one
// otherwise.
func (p *plain) chooseFile(r *questions.Rubric, project string) (path string, resume bool, err error) {
	if err := plainCheckDir(p.cfg.Folder()); err != nil {
		return "", false, err
	}
	fresh := func() string { return p.cfg.DefaultAnswersPath(r.ID, project, p.cfg.Clock()) }
	unf := p.cfg.FindUnfinished(r, project)
	if len(unf) == 0 {
		return fresh(), false, nil
	}
	if !p.cfg.Interactive {
		// A script's lines are answers; a question it did not expect
		// would take one of them. Start a new file and say how to resume.
		p.out.blank()
		p.out.say("An unfinished assessment of this project with this rubric is in %s; this run starts a new file. To go on with that one instead, run with --answers %s.",
			printable.Line(unf[0].Path), printable.Line(workspace.ShellQuote(unf[0].Path)))
		return fresh(), false, nil
	}
	p.out.blank()
	p.out.say("Unfinished assessments of this project with this rubric:")
	for i, u := range unf {
		p.out.item(fmt.Sprintf("  %d) ", i+1), fmt.Sprintf("resume %s (%s, %d of %d answered, updated %s)",
			printable.Line(u.Path), printable.Line(u.Answers.Respondent.String()), u.Answered, u.Visible,
			u.Answers.Updated.UTC().Format("2006-01-02 15:04 UTC")))
	}
	over := len(unf) + 1
	p.out.item(fmt.Sprintf("  %d) ", over), "start over with a new answers file")
	prompt := fmt.Sprintf("Type a number from 1 to %d:", over)
	for {
		line, err := p.prompt(prompt)
		if err != nil {
			return "", false, err
		}
		n, err := strconv.Atoi(strings.TrimSpace(line))
		switch {
		case err == nil && n >= 1 && n < over:
			return unf[n-1].Path, true, nil
		case err == nil && n == over:
			return fresh(), false, nil
		}
		if err := p.refuse(fmt.Sprintf("Type a number from 1 to %d.", over)); err != nil {
			return "", false, err
		}
	}
}

// plainCheckDir refuses a folder for default file names that cannot be
// searched: DefaultAnswersPath tries names until one "does not exist", and
// in such a folder none ever would.
func plainCheckDir(dir string) error {
	fi, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil // Open creates it
	case err != nil:
		return fmt.Errorf("answers folder: %w", err)
	case !fi.IsDir():
		return fmt.Errorf("answers folder %s is not a folder", printable.Line(dir))
	}
	if _, err := os.Stat(filepath.Join(dir, "vitals-probe.answers.yaml")); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("answers folder: %w", err)
	}
	return nil
}

func (p *plain) respondent() (assessment.Respondent, error) {
	if p.cfg.Respondent != "" || p.cfg.Role != "" {
		who := assessment.Respondent{Name: strings.TrimSpace(p.cfg.Respondent), Role: strings.TrimSpace(p.cfg.Role)}
		for _, s := range []string{who.Name, who.Role} {
			if shown, bad := plainUnsafe(s); bad {
				return who, fmt.Errorf("respondent \"%s\" holds control characters or invalid UTF-8, which answers files cannot keep", shown)
			}
		}
		return who, nil
	}
	var name string
	var err error
	if p.cfg.Workshop == assessment.WorkshopAnonymous {
		p.out.say("This workshop is anonymous: your name is not asked.")
	} else if name, err = p.askText("Your name (optional; press Enter to stay anonymous):", false); err != nil {
		return assessment.Respondent{}, err
	}
	role, err := p.askText("Your role (optional; press Enter to skip):", false)
	if err != nil {
		return assessment.Respondent{}, err
	}
	who := assessment.Respondent{Name: name, Role: role}
	p.out.say("Respondent: %s", printable.Line(who.String()))
	return who, nil
}

// askText reads one line of free text, asking again while it is empty (when
// required) or holds characters an answers file cannot keep.
func (p *plain) askText(prompt string, required bool) (string, error) {
	for {
		line, err := p.prompt(prompt)
		if err != nil {
			return "", err
		}
		line = strings.TrimSpace(line)
		msg := ""
		switch shown, bad := plainUnsafe(line); {
		case bad:
			msg = plainRefused(shown)
		case required && line == "":
			msg = "This cannot be empty."
		default:
			return line, nil
		}
		if err := p.refuse(msg); err != nil {
			return "", err
		}
	}
}

// askAll asks every visible question that has no answer yet and was not
// skipped in this run, in rubric order; "back" steps to the visible
// question before the one shown, answered or not.
func (p *plain) askAll() error {
	cur := p.next()
	for cur != nil {
		back, err := p.ask(cur)
		if err != nil {
			return err
		}
		if back {
			cur = p.prev(cur)
		} else {
			cur = p.next()
		}
	}
	return nil
}

// next returns the first visible question that is unanswered and not
// skipped, or nil when there is none. Visibility is worked out afresh each
// time, since every answer can show or hide later questions.
func (p *plain) next() *questions.Question {
	vis := p.s.Visible()
	for _, q := range p.s.Rubric.Questions() {
		if _, ok := p.s.Answers.Answers[q.ID]; vis[q.ID] && !ok && !p.skipped[q.ID] {
			return q
		}
	}
	return nil
}

// prev returns the visible question before q, or nil.
func (p *plain) prev(q *questions.Question) *questions.Question {
	vis := p.s.Visible()
	qs := p.s.Rubric.Questions()
	for i := slices.Index(qs, q) - 1; i >= 0; i-- {
		if vis[qs[i].ID] {
			return qs[i]
		}
	}
	return nil
}

// ask shows question q and reads lines until one is a valid answer or a
// command. It reports whether the user asked to go back.
func (p *plain) ask(q *questions.Question) (back bool, err error) {
	p.asking = q
	defer func() { p.asking = nil }()
	hasPrev := p.prev(q) != nil
	cur := p.s.Answers.Answers[q.ID]
	p.showQuestion(q, cur, hasPrev)
	instr := plainInstructions(q, cur != nil, hasPrev)
	for {
		line, err := p.prompt(instr)
		if err != nil {
			return false, err
		}
		c, ans, msg := plainParseLine(q, strings.TrimSpace(line), cur != nil, hasPrev)
		if msg != "" {
			if err := p.refuseAt(q, msg); err != nil {
				return false, err
			}
			continue
		}
		switch c {
		case plainCmdBack:
			return true, nil
		case plainCmdKeep:
			p.out.say("Kept: %s.", printable.Line(assessment.AnswerText(q, cur)))
			return false, nil
		case plainCmdSkip:
			p.skipped[q.ID] = true
			if cur != nil {
				if err := p.s.Clear(q.ID); err != nil {
					return false, err
				}
			}
			p.out.say("Skipped.")
			return false, nil
		}
		if cur != nil {
			ans.Note = cur.Note
		} else {
			ans.Note = p.s.PendingNote(q.ID)
		}
		if ans.NotApplicable {
			// Required: "not applicable" without a reason says nothing.
			if ans.Reason, err = p.askText("Why does it not apply? (required):", true); err != nil {
				return false, err
			}
		}
		if err := p.s.Set(q.ID, ans); err != nil {
			if errors.Is(err, workspace.ErrInvalid) {
				// plainParseLine validates first, so this is a backstop.
				if err := p.refuseAt(q, plainSentence(strings.TrimPrefix(err.Error(), workspace.ErrInvalid.Error()+": "))); err != nil {
					return false, err
				}
				continue
			}
			return false, err
		}
		delete(p.skipped, q.ID)
		if ans.NotApplicable {
			p.out.say("Saved: not applicable, because %s.", printable.Line(ans.Reason))
		} else {
			p.out.say("Saved: %s.", printable.Line(assessment.AnswerText(q, ans)))
		}
		return false, p.note(q, ans)
	}
}

// note asks for the optional note on an answer that is already saved, so
// an input that ends here loses nothing.
func (p *plain) note(q *questions.Question, ans *assessment.Answer) error {
	prompt := "Note (optional, Enter to skip):"
	if ans.Note != "" {
		p.out.say("Current note: %s", printable.Line(ans.Note))
		prompt = "Note (optional; Enter keeps the current note, - removes it):"
	}
	for {
		line, err := p.prompt(prompt)
		if errors.Is(err, io.EOF) {
			// The note is optional: input that ends here ends after the
			// answer, which is saved. If questions are left, the next
			// prompt meets the end of input and says so.
			return nil
		}
		if err != nil {
			return err
		}
		line = strings.TrimSpace(line)
		if shown, bad := plainUnsafe(line); bad {
			if err := p.refuseAt(q, plainRefused(shown)); err != nil {
				return err
			}
			continue
		}
		if err := assessment.CheckText(line); err != nil {
			if err := p.refuseAt(q, plainSentence("the note "+strings.TrimPrefix(err.Error(), "text "))+" It was not kept."); err != nil {
				return err
			}
			continue
		}
		switch {
		case line == "":
			return nil
		case line == "-" && ans.Note != "":
			line = ""
		}
		upd := *ans
		upd.Note = line
		return p.s.Set(q.ID, &upd)
	}
}

func (p *plain) showQuestion(q *questions.Question, cur *assessment.Answer, hasPrev bool) {
	r := p.s.Rubric
	sec := q.Section
	if sec != p.lastSection {
		p.lastSection = sec
		p.out.blank()
		p.out.say("Part %d of %d: %s", slices.Index(r.Sections, sec)+1, len(r.Sections), sec.Title)
		if !p.shownWhy[sec] && sec.Why != "" {
			p.shownWhy[sec] = true
			p.out.indented("", "Why this matters: "+sec.Why)
		}
	}
	vis := p.s.Visible()
	n, of := 0, 0
	for _, sq := range sec.Questions {
		if vis[sq.ID] {
			of++
			if sq == q {
				n = of
			}
		}
	}
	answered, visible := p.s.Progress()
	req := ""
	if q.Required {
		req = " Required."
	}
	p.out.blank()
	p.out.say("Question %d of %d in this part; %d of %d answered overall.%s", n, of, answered, visible, req)
	p.out.indented("", q.Prompt)
	if q.Help != "" {
		p.out.indented("", q.Help)
	}
	for i, o := range q.Options {
		p.out.item(fmt.Sprintf("  %d) ", i+1), o.Label)
	}
	if q.LowLabel != "" || q.HighLabel != "" { // a scale's ends
		p.out.item("  ", fmt.Sprintf("%s means %s; %s means %s.",
			assessment.FormatNumber(*q.Min), plainLabelOr(q.LowLabel, "the lowest"),
			assessment.FormatNumber(*q.Max), plainLabelOr(q.HighLabel, "the highest")))
	}
	if q.DontKnow {
		p.out.item("  d) ", "don't know")
	}
	if q.NotApplicable {
		p.out.item("  x) ", "not applicable (you say why)")
	}
	if !q.Required {
		p.out.item("  s) ", "skip")
	}
	if hasPrev {
		p.out.item("  b) ", "back to the previous question")
	}
	if cur != nil {
		p.out.item("Current answer: ", printable.Line(assessment.AnswerText(q, cur))+". Press Enter to keep it.")
		if cur.Note != "" {
			p.out.item("Current note: ", printable.Line(cur.Note))
		}
	}
}

func plainLabelOr(label, def string) string {
	if label == "" {
		return def
	}
	return label
}
